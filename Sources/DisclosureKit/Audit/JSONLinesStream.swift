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
public final class JSONLinesStream: Sendable {
    private let handle: FileHandle
    private let path: String?
    /// What the writers share, behind a lock.
    private struct State {
        var index: [(path: String, offset: UInt64, length: Int)] = []
        var offset: UInt64 = 0
        /// Bytes not yet written (an array, not `Data`: appending a line to `Data` cost about
        /// 2,000 instructions, a fifth of a warm audit's work per file).
        var pending: [UInt8] = []
        var lastFlush = DispatchTime.now().uptimeNanoseconds
        /// The header line's length (with its line feed), kept first when the file is sorted.
        var headerLength = 0
    }
    private let state = Locked(State())
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
        try state.withLock { s in
            precondition(s.offset == 0, "the header is the first line")
            line.withUnsafeBytes { s.pending.append(contentsOf: $0) }
            s.offset += UInt64(line.count)
            s.headerLength = line.count
            try flushPending(&s)
        }
    }

    /// Writes one record's line.
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func write(_ record: AuditRecord) throws {
        try write(AuditResult(record))
    }

    /// Writes one result's line (already encoded: no record is encoded or decoded here).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func write(_ result: AuditResult) throws {
        let line = result.jsonLine
        try state.withLock { s in
            if s.pending.capacity == 0 { s.pending.reserveCapacity(Self.chunkBytes + 4096) }
            line.withUnsafeBytes { s.pending.append(contentsOf: $0) }
            s.pending.append(0x0A)
            if path != nil { s.index.append((result.path, s.offset, line.count + 1)) }
            s.offset += UInt64(line.count + 1)
            let now = DispatchTime.now().uptimeNanoseconds
            if s.pending.count >= Self.chunkBytes || now - s.lastFlush >= Self.flushNanoseconds {
                try flushPending(&s)
                s.lastFlush = now
            }
        }
    }

    /// Writes the pending bytes; call it holding the lock (inside `state.withLock`).
    private func flushPending(_ s: inout State) throws {
        guard !s.pending.isEmpty else { return }
        defer { s.pending.removeAll(keepingCapacity: true) }
        do {
            try handle.write(contentsOf: s.pending)
        } catch {
            throw DisclosureError.writeFailed(path: path ?? "standard output", reason: error.localizedDescription)
        }
    }

    /// Finishes the stream: writes `summary` as the last line (when given) and, for a file,
    /// rewrites it sorted by path (the header line stays first).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public func finish(summary: ReportSummaryLine? = nil) throws {
        try state.withLock { try finish(summary: summary, &$0) }
    }

    private func finish(summary: ReportSummaryLine?, _ s: inout State) throws {
        var trailer = Data()
        if let summary {
            trailer = try summary.jsonLine()
            trailer.append(0x0A)
        }
        let sorted = s.index.sorted { UTF8Order.precedes($0.path, $1.path) }
        guard let path, sorted.map(\.offset) != s.index.map(\.offset) else {
            trailer.withUnsafeBytes { s.pending.append(contentsOf: $0) }
            try flushPending(&s)
            if path != nil { try? handle.close() }
            return
        }
        try flushPending(&s)
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
            if s.headerLength > 0 {
                try source.seek(toOffset: 0)
                try target.write(contentsOf: source.read(upToCount: s.headerLength) ?? Data())
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
