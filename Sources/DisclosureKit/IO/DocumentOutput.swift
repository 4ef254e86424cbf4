#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation

/// What stamping or unstamping writes: a whole new file, or the input's first bytes kept exactly
/// as they are with new bytes after them (a PDF incremental update). The second form lets
/// ``AtomicWriter`` copy the kept bytes in chunks, so memory does not grow with the file.
public enum DocumentOutput: Equatable, Sendable {
    /// The whole new file.
    case whole(Data)
    /// The first `keepingPrefix` bytes of the input, then `appending`.
    case appending(keepingPrefix: Int, bytes: Data)
    /// The new file as pieces written one after another: slices of the input (which share its
    /// storage) and the bytes inserted between them (Markdown and HTML stamps, which splice into
    /// the original bytes), so the new file is never built whole in memory.
    case pieces([Data])

    /// Size of the result in bytes.
    public var count: Int {
        switch self {
        case .whole(let data): return data.count
        case .appending(let prefix, let bytes): return prefix + bytes.count
        case .pieces(let pieces): return pieces.reduce(0) { $0 + $1.count }
        }
    }

    /// True when the result is byte-identical to `original`.
    public func isIdentical(to original: Data) -> Bool {
        switch self {
        case .whole(let data): return data == original
        case .appending(let prefix, let bytes):
            guard prefix >= 0, prefix <= original.count, prefix + bytes.count == original.count else { return false }
            return original[(original.startIndex + prefix)...].elementsEqual(bytes)
        case .pieces(let pieces):
            guard count == original.count else { return false }
            var offset = original.startIndex
            for piece in pieces {
                guard original[offset..<(offset + piece.count)] == piece else { return false }
                offset += piece.count
            }
            return true
        }
    }

    /// The result as one `Data` (for callers that need it whole: the web app, tests).
    public func bytes(from original: Data) -> Data {
        switch self {
        case .whole(let data): return data
        case .appending(let prefix, let bytes):
            var out = Data(capacity: prefix + bytes.count)
            out.append(original[original.startIndex..<(original.startIndex + prefix)])
            out.append(bytes)
            return out
        case .pieces(let pieces):
            var out = Data(capacity: count)
            for piece in pieces { out.append(piece) }
            return out
        }
    }

    /// SHA-256 of the result, hex, reading the kept bytes in chunks.
    public func sha256Hex(from original: Data) -> String {
        switch self {
        case .whole(let data): return Digests.sha256Hex(data)
        case .appending(let prefix, let bytes):
            var hasher = SHA256()
            LargeData.forEachChunk(of: original, upTo: prefix) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
            return Digests.hex(hasher.finalize())
        case .pieces(let pieces):
            var hasher = SHA256()
            for piece in pieces { hasher.update(data: piece) }
            return Digests.hex(hasher.finalize())
        }
    }
}

/// An optional ability of an opened document whose stamp is appended to the original bytes
/// (PDF incremental updates): it gives its result as a ``DocumentOutput``, so the kept bytes are
/// copied, not rebuilt in memory. ``Stamper`` asks for it; ``OpenedDocument/stamped(_:)`` and
/// ``OpenedDocument/unstamped()`` still return the same bytes whole.
public protocol AppendingOutput {
    /// ``OpenedDocument/stamped(_:)`` as kept bytes plus appended ones.
    func stampedOutput(_ request: StampRequest) throws -> DocumentOutput
    /// ``OpenedDocument/unstamped()`` as kept bytes plus appended ones (a PDF whose own
    /// increment is the last one keeps only the original prefix).
    func unstampedOutput() throws -> DocumentOutput
}

/// Reading large inputs without holding them in memory.
public enum LargeData {
    /// Files at least this large are mapped, not read (``DocumentLoader/readBytes(at:)``).
    public static let mapThreshold = 16 << 20
    /// Files of a format whose parser copies what it reads (Markdown, HTML:
    /// ``FormatHandler/parserCopiesInput``) are mapped from this size (``mapThreshold(forPath:registry:)``).
    static let parsedTextMapThreshold = 1 << 20

    /// The size from which ``DocumentLoader/readBytes(at:)`` maps the file at `path`. When the
    /// format's parser copies what it reads, a mapped file's pages can be dropped once parsed
    /// (``forEachChunk(of:upTo:_:)``, ``releasePages(of:)``) and the file is not resident with the
    /// whole parse tree (issue 17). Which formats those are, the registry's handlers say
    /// (``FormatRegistry/mapThreshold(forPath:)``): IO names no format.
    static func mapThreshold(forPath path: String, registry: FormatRegistry = .standard) -> Int {
        registry.mapThreshold(forPath: path)
    }

    /// Bytes handed to a chunk's body at a time.
    static let chunkSize = 4 << 20

    /// The address ranges of the files ``map(_:)`` has mapped and not yet unmapped.
    private static let mappings = Locked<[Range<UInt>]>([])

    /// Maps the file at `path` read-only. Pages are read when touched and may be dropped again
    /// (``forEachChunk(of:upTo:_:)``), so a large file costs little memory.
    static func map(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { throw CocoaError(.fileReadUnknown) }
        let count = Int(st.st_size)
        guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { throw CocoaError(.fileReadUnknown) }
        let start = UInt(bitPattern: base)
        mappings.withLock { $0.append(start..<(start + UInt(count))) }
        return Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, length in
            let start = UInt(bitPattern: pointer)
            // Forgotten before the range is unmapped, so it is never taken for a mapping once the
            // address space is reused.
            mappings.withLock { list in list.removeAll { $0.lowerBound == start } }
            munmap(pointer, length)
        })
    }

    /// Calls `body` with the first `count` bytes of `data` (all of it when nil), a chunk at a time.
    /// After each chunk of a file ``map(_:)`` mapped, it drops the chunk's pages from this
    /// process (`MADV_DONTNEED`: they stay in the page cache, so touching them again costs no
    /// disk read and contents never change), so hashing or copying a large mapped file does not
    /// leave it all resident. Other memory is left as it is.
    public static func forEachChunk(of data: Data, upTo count: Int? = nil, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let total = min(count ?? data.count, data.count)
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, total > 0 else { return }
            var offset = 0
            while offset < total {
                let size = min(chunkSize, total - offset)
                try body(UnsafeRawBufferPointer(start: base + offset, count: size))
                release(base + offset, size)
                offset += size
            }
        }
    }

    /// Drops the pages of `bytes` that belong to a file ``map(_:)`` mapped (see ``forEachChunk(of:upTo:_:)``);
    /// other memory is left as it is.
    static func releasePages(of bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        release(base, bytes.count)
    }

    private static func release(_ start: UnsafeRawPointer, _ count: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (Int(bitPattern: start) + page - 1) / page * page
        let last = (Int(bitPattern: start) + count) / page * page
        guard last > first else { return }
        // Only pages of a read-only file mapping: on other memory MADV_DONTNEED would lose contents.
        let chunk = UInt(first)..<UInt(last)
        guard mappings.withLock({ $0.contains { $0.lowerBound <= chunk.lowerBound && chunk.upperBound <= $0.upperBound } }) else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED)
    }
}
