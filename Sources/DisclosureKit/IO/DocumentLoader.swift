import Foundation

/// Reads a file from disk with the safety limits and opens it with its handler.
public struct DocumentLoader: Sendable {
    /// The formats to use.
    public var registry: FormatRegistry
    /// The safety limits.
    public var limits: ReadLimits

    /// Creates a loader.
    public init(registry: FormatRegistry = .standard, limits: ReadLimits = .default) {
        self.registry = registry
        self.limits = limits
    }

    /// Reads the file at `path` (a regular file, within the size limit). Files of
    /// ``LargeData/mapThreshold`` bytes or more (from 1 MiB when the handler's parser copies its
    /// input: ``FormatRegistry/mapThreshold(forPath:)``, asked of this
    /// loader's registry) are mapped rather than read.
    /// - Throws: ``DisclosureError`` naming the file and the problem.
    public func readBytes(at path: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw DisclosureError.fileNotFound(path: path)
        }
        if isDir.boolValue {
            throw DisclosureError.unsupportedFormat(path: path, detail: "it is a folder; to check every document in it, audit it (`disclose audit \(path)`, adding `--task ID --format register` for a class's work), or name its files (`\(path)/*`)")
        }
        // `lstat`, as FileManager's `attributesOfItem` did, without building its dictionary of
        // boxed values (about 1 M instructions of first-time look-ups in every stamp and verify).
        let stamp = FileStamp.of(path, follow: false)
        if let stamp, !stamp.isRegular, !stamp.isSymlink {
            throw DisclosureError.unsupportedFormat(path: path, detail: "it is not a regular file")
        }
        if let size = stamp.map({ Int($0.size) }), size > limits.maxFileBytes {
            throw DisclosureError.limitExceeded(path: path, what: "the file is \(ByteCount.describe(size))", limit: ByteCount.describe(limits.maxFileBytes))
        }
        if let size = stamp.map({ Int($0.size) }), size >= LargeData.mapThreshold(forPath: path, registry: registry),
           let mapped = try? LargeData.map(path), mapped.count == size {
            // Mapped, not read: pages come in as a handler touches them (a PDF's images never are).
            return mapped
        }
        guard FileManager.default.isReadableFile(atPath: path) else { throw DisclosureError.fileNotFound(path: path) }
        do {
            // One buffer of the file's size, filled by read(2): no growing and copying in chunks.
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            if data.count > limits.maxFileBytes {
                throw DisclosureError.limitExceeded(path: path, what: "the file is \(ByteCount.describe(data.count))", limit: ByteCount.describe(limits.maxFileBytes))
            }
            return data
        } catch let error as DisclosureError {
            throw error
        } catch {
            throw DisclosureError.unreadable(path: path, reason: "reading failed (\(error.localizedDescription))", hint: "Check the file is not being moved or changed, and try again.")
        }
    }

    /// The handler for `path` whose first bytes are `data`.
    /// - Throws: ``DisclosureError/unsupportedFormat(path:detail:)`` when no handler claims it.
    public func handler(for path: String, data: Data) throws -> any FormatHandler {
        try registry.handler(forPath: path, data: data)
    }

    /// Reads and opens the document at `path`.
    public func open(_ path: String) throws -> any OpenedDocument {
        let data = try readBytes(at: path)
        return try handler(for: path, data: data).open(DocumentInput(data: data, path: path, limits: limits))
    }
}

/// Human-readable byte counts.
public enum ByteCount {
    /// `512 bytes`, `1.5 KiB`, `50.0 MiB`, `1.0 GiB`.
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) }
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f KiB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) bytes"
    }
}
