import Foundation

/// Writes audit records as JSON Lines while the audit runs, one line per file as it finishes.
///
/// Written to a regular file, the stream keeps only each line's path, offset and length, and
/// ``finish()`` rewrites the file in path order (atomically, through a temporary file in the
/// same folder), so the final file is the same whatever order files finished in. Written to
/// a pipe or terminal, lines stay in completion order; `disclose report merge` sorts them.
/// The header line (``writeHeader(_:)``) comes first and the summary line (``finish(summary:)``)
/// last, in both cases.
/// Lines are written in chunks of up to 64 KiB, and at least every 200 ms while lines come.
public final class JSONLinesStream: @unchecked Sendable {
    private let handle: FileHandle
    private let path: String?
    private let lock = NSLock()
    private var index: [(path: String, offset: UInt64, length: Int)] = []
    private var offset: UInt64 = 0
    private var pending = Data()
    private var lastFlush = DispatchTime.now().uptimeNanoseconds
    /// The header line's length (with its line feed), kept first when the file is sorted.
    private var headerLength = 0
    static let chunkBytes = 64 << 10
    static let flushNanoseconds: UInt64 = 200_000_000

    /// A stream to standard output (completion order).
    public init(handle: FileHandle = .standardOutput) {
        self.handle = handle
        self.path = nil
    }

    /// A stream to the file at `path` (created or truncated), sorted by ``finish()``.
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)`` when it cannot be created.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw DisclosureError.writeFailed(path: path, reason: "the file could not be created")
        }
        self.handle = handle
        self.path = path
    }

    /// Writes the header line; call it once, before any record.
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func writeHeader(_ header: ReportHeader) throws {
        var line = try header.jsonLine()
        line.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        precondition(offset == 0, "the header is the first line")
        pending.append(line)
        offset += UInt64(line.count)
        headerLength = line.count
        try flushPending()
    }

    /// Writes one record's line.
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func write(_ record: AuditRecord) throws {
        try write(AuditResult(record))
    }

    /// Writes one result's line (already encoded: no record is encoded or decoded here).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func write(_ result: AuditResult) throws {
        var line = result.jsonLine
        line.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        pending.append(line)
        if path != nil { index.append((result.path, offset, line.count)) }
        offset += UInt64(line.count)
        let now = DispatchTime.now().uptimeNanoseconds
        if pending.count >= Self.chunkBytes || now - lastFlush >= Self.flushNanoseconds {
            try flushPending()
            lastFlush = now
        }
    }

    private func flushPending() throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        do {
            try handle.write(contentsOf: pending)
        } catch {
            throw DisclosureError.writeFailed(path: path ?? "standard output", reason: error.localizedDescription)
        }
    }

    /// Finishes the stream: writes `summary` as the last line (when given) and, for a file,
    /// rewrites it sorted by path (the header line stays first).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func finish(summary: ReportSummaryLine? = nil) throws {
        lock.lock()
        defer { lock.unlock() }
        var trailer = Data()
        if let summary {
            trailer = try summary.jsonLine()
            trailer.append(0x0A)
        }
        let sorted = index.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        guard let path, sorted.map(\.offset) != index.map(\.offset) else {
            pending.append(trailer)
            try flushPending()
            if path != nil { try? handle.close() }
            return
        }
        try flushPending()
        try? handle.close()
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/" + AtomicWriter.temporaryPrefix + UUID().uuidString
        do {
            guard let source = FileHandle(forReadingAtPath: path),
                  FileManager.default.createFile(atPath: temporary, contents: nil),
                  let target = FileHandle(forWritingAtPath: temporary) else {
                throw DisclosureError.writeFailed(path: path, reason: "the sorted copy could not be created")
            }
            defer { try? source.close() }
            if headerLength > 0 {
                try source.seek(toOffset: 0)
                try target.write(contentsOf: source.read(upToCount: headerLength) ?? Data())
            }
            for entry in sorted {
                try source.seek(toOffset: entry.offset)
                try target.write(contentsOf: source.read(upToCount: entry.length) ?? Data())
            }
            try target.write(contentsOf: trailer)
            try target.synchronize()
            try target.close()
            guard rename(temporary, path) == 0 else {
                throw DisclosureError.writeFailed(path: path, reason: "the sorted copy could not replace it (\(posixErrorText()))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? DisclosureError { throw error }
            throw DisclosureError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
