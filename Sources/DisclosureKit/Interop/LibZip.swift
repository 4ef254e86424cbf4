internal import CLibZip
import Foundation

// The only file that uses libzip. Every unsafe pointer to libzip stays here.

// MARK: Loading libzip

/// libzip's functions, found with `dlsym` in the library `dlopen` opened the first time an archive
/// was read or written (``ZipLibrary/loaded``). The binary does not link libzip: loading it, with
/// the libcrypto, libbz2 and liblzma it needs, cost every run resident pages and thousands of
/// symbol look-ups, and Markdown, HTML and PDF runs never use it (docs/scale.md, "Start-up: libzip
/// and libxml2 on demand"). ``DynamicLibrary`` opens it, as it does libxml2 and libqpdf.
///
/// Each member has the C function's own name and its type from libzip's header
/// (`disclose_<name>_f` in `CLibZip/shim.h`), so calls read as they would against the linked library.
struct ZipLibrary: OnDemandLibrary, @unchecked Sendable {  // immutable after loading: C function pointers only
    let zip_close: disclose_zip_close_f
    let zip_discard: disclose_zip_discard_f
    let zip_error_code_zip: disclose_zip_error_code_zip_f
    let zip_error_fini: disclose_zip_error_fini_f
    let zip_error_init: disclose_zip_error_init_f
    let zip_error_strerror: disclose_zip_error_strerror_f
    let zip_fclose: disclose_zip_fclose_f
    let zip_file_add: disclose_zip_file_add_f
    let zip_file_extra_field_get: disclose_zip_file_extra_field_get_f
    let zip_file_extra_field_set: disclose_zip_file_extra_field_set_f
    let zip_file_extra_fields_count: disclose_zip_file_extra_fields_count_f
    let zip_file_get_comment: disclose_zip_file_get_comment_f
    let zip_file_get_external_attributes: disclose_zip_file_get_external_attributes_f
    let zip_file_set_comment: disclose_zip_file_set_comment_f
    let zip_file_set_external_attributes: disclose_zip_file_set_external_attributes_f
    let zip_file_set_mtime: disclose_zip_file_set_mtime_f
    let zip_file_strerror: disclose_zip_file_strerror_f
    let zip_fopen_index: disclose_zip_fopen_index_f
    let zip_fread: disclose_zip_fread_f
    let zip_get_archive_comment: disclose_zip_get_archive_comment_f
    let zip_get_name: disclose_zip_get_name_f
    let zip_get_num_entries: disclose_zip_get_num_entries_f
    let zip_open_from_source: disclose_zip_open_from_source_f
    let zip_set_archive_comment: disclose_zip_set_archive_comment_f
    let zip_set_file_compression: disclose_zip_set_file_compression_f
    let zip_source_free: disclose_zip_source_free_f
    let zip_source_function: disclose_zip_source_function_f
    let zip_source_function_create: disclose_zip_source_function_create_f
    let zip_source_zip: disclose_zip_source_zip_f
    let zip_stat_index: disclose_zip_stat_index_f
    let zip_stat_init: disclose_zip_stat_init_f
    let zip_strerror: disclose_zip_strerror_f

    /// The names tried, in order: the library the header came from (Debian's `libzip4`), then the
    /// development link, which points at whichever version is installed.
    static let candidates = ["libzip.so.4", "libzip.so"]

    /// What the error for a file says when libzip cannot be loaded (``OnDemandLibrary/unavailable(_:path:)``).
    static let missingWords = DynamicLibrary.MissingWords(
        uses: "reads and writes zip packages (Word, PowerPoint and OpenDocument files, zip archives)",
        library: "libzip", package: "libzip4", worksWithout: "Markdown, HTML and PDF files")

    /// The library, opened on first use (once per process; later calls return the same answer).
    static let loaded: Result<ZipLibrary, DynamicLibrary.LoadFailure> = load(candidates)

    /// Throws ``ZipFailure/unavailable(_:)`` when libzip cannot be loaded.
    static func require() throws {
        if case .failure(let failure) = loaded { throw ZipFailure.unavailable(failure.detail) }
    }

    init(_ symbols: DynamicLibrary.Symbols) throws {
        zip_close = try symbols.function("zip_close")
        zip_discard = try symbols.function("zip_discard")
        zip_error_code_zip = try symbols.function("zip_error_code_zip")
        zip_error_fini = try symbols.function("zip_error_fini")
        zip_error_init = try symbols.function("zip_error_init")
        zip_error_strerror = try symbols.function("zip_error_strerror")
        zip_fclose = try symbols.function("zip_fclose")
        zip_file_add = try symbols.function("zip_file_add")
        zip_file_extra_field_get = try symbols.function("zip_file_extra_field_get")
        zip_file_extra_field_set = try symbols.function("zip_file_extra_field_set")
        zip_file_extra_fields_count = try symbols.function("zip_file_extra_fields_count")
        zip_file_get_comment = try symbols.function("zip_file_get_comment")
        zip_file_get_external_attributes = try symbols.function("zip_file_get_external_attributes")
        zip_file_set_comment = try symbols.function("zip_file_set_comment")
        zip_file_set_external_attributes = try symbols.function("zip_file_set_external_attributes")
        zip_file_set_mtime = try symbols.function("zip_file_set_mtime")
        zip_file_strerror = try symbols.function("zip_file_strerror")
        zip_fopen_index = try symbols.function("zip_fopen_index")
        zip_fread = try symbols.function("zip_fread")
        zip_get_archive_comment = try symbols.function("zip_get_archive_comment")
        zip_get_name = try symbols.function("zip_get_name")
        zip_get_num_entries = try symbols.function("zip_get_num_entries")
        zip_open_from_source = try symbols.function("zip_open_from_source")
        zip_set_archive_comment = try symbols.function("zip_set_archive_comment")
        zip_set_file_compression = try symbols.function("zip_set_file_compression")
        zip_source_free = try symbols.function("zip_source_free")
        zip_source_function = try symbols.function("zip_source_function")
        zip_source_function_create = try symbols.function("zip_source_function_create")
        zip_source_zip = try symbols.function("zip_source_zip")
        zip_stat_index = try symbols.function("zip_stat_index")
        zip_stat_init = try symbols.function("zip_stat_init")
        zip_strerror = try symbols.function("zip_strerror")
    }
}

/// The loaded library. Only code reached after ``ZipReader/init(data:)`` or
/// ``ZipRebuilder`` has called ``ZipLibrary/require()`` uses it (libzip's callbacks run inside
/// libzip), so it is loaded by then.
private var libzip: ZipLibrary {
    switch ZipLibrary.loaded {
    case .success(let library): return library
    case .failure(let failure): preconditionFailure("libzip used before it was checked to load: \(failure.detail)")
    }
}

/// Facts about one entry of a zip archive.
struct ZipEntryInfo: Sendable {
    var index: Int
    /// The name as stored (raw bytes decoded as UTF-8, or Latin-1 when not UTF-8).
    var name: String
    var uncompressedSize: Int
    var compressedSize: Int
    var isStored: Bool
    var isEncrypted: Bool
    var modified: Int
    /// True when the entry was stored from a Unix symbolic link (its external attributes say so).
    var isSymlink: Bool = false
    /// True when the entry is compressed with DEFLATE (method 8).
    var isDeflated: Bool = false
    /// The CRC-32 of the inflated bytes, as the central directory gives it.
    var crc32: UInt32 = 0
}

/// Why libzip refused an archive.
enum ZipFailure: Error {
    case notAZip
    case inconsistent(String)
    case other(String)
    case tooLarge(Int)
    case entryFailed(name: String, reason: String)
    /// Programs would read the entries under different names (``ZipNameCheck``).
    case ambiguous(String)
    /// libzip could not be loaded: the names tried and what the dynamic loader said
    /// (``ZipLibrary/unavailable(_:path:)`` words it for a file).
    case unavailable(String)
}

/// A zip archive opened read-only from bytes in memory.
final class ZipReader {
    fileprivate let archive: OpaquePointer
    /// The archive's size in bytes.
    let size: Int
    /// The archive's bytes (shared with the caller's `Data`, not a copy).
    private let bytes: Data
    let entries: [ZipEntryInfo]
    let comment: Data?

    /// Opens `data` as a zip archive, refusing one whose entry names programs read differently
    /// (duplicates, Unicode Path fields, local headers that disagree: ``ZipNameCheck``).
    /// libzip reads `data` through a callback (``ReadSource``), so the archive is not copied.
    init(data: Data) throws {
        try ZipLibrary.require()
        var error = zip_error_t()
        libzip.zip_error_init(&error)
        defer { libzip.zip_error_fini(&error) }
        size = data.count
        bytes = data
        let box = Unmanaged.passRetained(ReadSource(data))
        guard let source = libzip.zip_source_function_create(readSourceCallback, box.toOpaque(), &error) else {
            box.release()
            throw ZipFailure.other(String(cString: libzip.zip_error_strerror(&error)!))
        }
        guard let opened = libzip.zip_open_from_source(source, ZIP_RDONLY, &error) else {
            libzip.zip_source_free(source)
            let code = libzip.zip_error_code_zip(&error)
            let message = String(cString: libzip.zip_error_strerror(&error)!)
            if code == ZIP_ER_NOZIP { throw ZipFailure.notAZip }
            if code == ZIP_ER_INCONS { throw ZipFailure.inconsistent(message) }
            throw ZipFailure.other(message)
        }
        let records = ZipNameCheck.centralRecords(data)
        if let problem = ZipNameCheck.problem(in: data, records: records) {
            libzip.zip_discard(opened)
            throw ZipFailure.ambiguous(problem)
        }
        centralOffsets = records?.map(\.localOffset)
        archive = opened
        let n = libzip.zip_get_num_entries(opened, 0)
        var list: [ZipEntryInfo] = []
        list.reserveCapacity(Int(max(n, 0)))
        for i in 0..<max(n, 0) {
            var st = zip_stat_t()
            libzip.zip_stat_init(&st)
            guard libzip.zip_stat_index(opened, zip_uint64_t(i), 0, &st) == 0 else { continue }
            let name = ZipReader.rawName(opened, index: zip_uint64_t(i))
            var opsys: zip_uint8_t = 0
            var attributes: zip_uint32_t = 0
            let isLink = libzip.zip_file_get_external_attributes(opened, zip_uint64_t(i), 0, &opsys, &attributes) == 0
                && opsys == zip_uint8_t(ZIP_OPSYS_UNIX) && (attributes >> 16) & 0o170000 == 0o120000
            list.append(ZipEntryInfo(
                index: Int(i), name: name,
                uncompressedSize: Int(clamping: st.size), compressedSize: Int(clamping: st.comp_size),
                isStored: st.comp_method == ZIP_CM_STORE, isEncrypted: st.encryption_method != ZIP_EM_NONE,
                modified: Int(st.mtime), isSymlink: isLink,
                isDeflated: st.comp_method == ZIP_CM_DEFLATE, crc32: st.crc))
        }
        entries = list
        var commentLength: Int32 = 0
        if let c = libzip.zip_get_archive_comment(opened, &commentLength, ZIP_FL_ENC_RAW), commentLength > 0 {
            comment = Data(bytes: c, count: Int(commentLength))
        } else {
            comment = nil
        }
    }

    deinit {
        libzip.zip_discard(archive)
    }

    private static func rawName(_ za: OpaquePointer, index: zip_uint64_t) -> String {
        guard let c = libzip.zip_get_name(za, index, ZIP_FL_ENC_RAW) else { return "" }
        let bytes = Data(bytes: c, count: strlen(c))
        return String(data: bytes, encoding: .utf8) ?? String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }

    /// The entry's bytes as stored (compressed), for copying DEFLATE blocks out of them.
    func readCompressed(_ entry: ZipEntryInfo) throws -> Data {
        if let slice = compressedSlice(entry) { return slice }
        return try readCompressedCopy(entry)
    }

    /// ``readCompressed(_:)`` as libzip reads it, into a new buffer.
    func readCompressedCopy(_ entry: ZipEntryInfo) throws -> Data {
        guard let file = libzip.zip_fopen_index(archive, zip_uint64_t(entry.index), zip_flags_t(ZIP_FL_COMPRESSED)) else {
            throw ZipFailure.entryFailed(name: entry.name, reason: String(cString: libzip.zip_strerror(archive)!))
        }
        defer { _ = libzip.zip_fclose(file) }
        var out = Data(count: entry.compressedSize)
        let n = out.withUnsafeMutableBytes { libzip.zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
        guard n == entry.compressedSize else {
            throw ZipFailure.entryFailed(name: entry.name, reason: n < 0 ? String(cString: libzip.zip_file_strerror(file)!) : "short read")
        }
        return out
    }

    /// An entry's raw bytes as a slice of the archive's own bytes (no copy: the main part of a
    /// large document is megabytes), found through the central directory and the local header.
    /// Nil, so the caller copies them through libzip, when the records cannot be followed, the
    /// bytes would run past the archive, or their start is not what libzip reads there.
    func compressedSlice(_ entry: ZipEntryInfo) -> Data? {
        guard entry.compressedSize > 0, let records = localOffsets, entry.index < records.count else { return nil }
        let local = records[entry.index]
        let header = [UInt8](bytes.dropFirst(local).prefix(30))
        guard header.count == 30, header[0] == 0x50, header[1] == 0x4B, header[2] == 0x03, header[3] == 0x04 else { return nil }
        let nameLength = Int(header[26]) | Int(header[27]) << 8
        let extraLength = Int(header[28]) | Int(header[29]) << 8
        let start = local + 30 + nameLength + extraLength
        guard start + entry.compressedSize <= bytes.count else { return nil }
        let slice = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + entry.compressedSize)]
        // The same first bytes as libzip's own read of the entry, or no slice.
        guard let file = libzip.zip_fopen_index(archive, zip_uint64_t(entry.index), zip_flags_t(ZIP_FL_COMPRESSED)) else { return nil }
        defer { _ = libzip.zip_fclose(file) }
        var head = [UInt8](repeating: 0, count: min(256, entry.compressedSize))
        let n = head.withUnsafeMutableBytes { libzip.zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
        guard n == head.count, slice.count >= head.count else { return nil }
        let same = slice.withUnsafeBytes { stored in
            head.withUnsafeBytes { read in memcmp(stored.baseAddress!, read.baseAddress!, read.count) == 0 }
        }
        guard same else { return nil }
        return slice
    }

    /// Local header offsets by entry index, from the central directory as the open read it
    /// (``ZipNameCheck``); nil when it could not be followed or lists other entries than libzip's.
    private var localOffsets: [Int]? {
        guard let centralOffsets, centralOffsets.count == entries.count else { return nil }
        return centralOffsets
    }
    /// The local header offsets of the central directory's records, as the open read them.
    private let centralOffsets: [Int]?

    /// Inflates a DEFLATE entry ourselves, noting where its blocks start (for ``DeflateSplice``).
    /// - Returns: nil when the entry is not DEFLATE, is over `limit`, or does not inflate to its
    ///   declared size and CRC-32; the caller then reads it with ``read(_:limit:)`` as before.
    func readMapped(_ entry: ZipEntryInfo, limit: Int) -> (data: Data, map: DeflateBlockMap)? {
        guard entry.isDeflated, !entry.isEncrypted, entry.uncompressedSize <= limit,
              let compressed = try? readCompressed(entry),
              let result = Zlib.inflateMapping(compressed, size: entry.uncompressedSize),
              result.map.crc32 == entry.crc32 else { return nil }
        return result
    }

    /// Reads and inflates one entry a chunk at a time, refusing more than `limit` bytes; `body`
    /// sees each chunk (valid only during the call). libzip checks the CRC-32 at the end.
    /// - Returns: how many bytes there were.
    @discardableResult
    func forEachChunk(_ entry: ZipEntryInfo, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        guard let file = libzip.zip_fopen_index(archive, zip_uint64_t(entry.index), 0) else {
            throw ZipFailure.entryFailed(name: entry.name, reason: String(cString: libzip.zip_strerror(archive)!))
        }
        defer { _ = libzip.zip_fclose(file) }
        let chunk = 1 << 16
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { scratch.deallocate() }
        var total = 0
        while true {
            let n = libzip.zip_fread(file, scratch, zip_uint64_t(chunk))
            if n < 0 {
                throw ZipFailure.entryFailed(name: entry.name, reason: String(cString: libzip.zip_file_strerror(file)!))
            }
            if n == 0 { return total }
            total += Int(n)
            if total > limit { throw ZipFailure.tooLarge(limit) }
            try body(UnsafeRawBufferPointer(start: scratch, count: Int(n)))
        }
    }

    /// Entries inflated before (by ``PackageSignature/read(_:)``), by index, which
    /// ``read(_:limit:)`` gives again instead of inflating them a second time.
    private var remembered: [Int: Data] = [:]

    /// Keeps `bytes`, which `entry` inflated to (under a limit), for ``read(_:limit:)``.
    func remember(_ entry: ZipEntryInfo, _ bytes: Data) {
        remembered[entry.index] = bytes
    }

    /// Reads and inflates one entry, refusing more than `limit` bytes. An entry inflated before
    /// (``remember(_:_:)``) is given as it was read, when it is within `limit`; over it, it is
    /// read again, and refused as before.
    func read(_ entry: ZipEntryInfo, limit: Int) throws -> Data {
        if let bytes = remembered[entry.index], bytes.count <= limit { return bytes }
        var out = Data()
        out.reserveCapacity(min(entry.uncompressedSize, limit))
        try forEachChunk(entry, limit: limit) { out.append(contentsOf: $0) }
        return out
    }
}

/// Builds a new archive from an existing one: unchanged entries are copied raw
/// (identical compressed bytes, name, order, time, attributes, extra fields, comment),
/// replaced and added entries are deflated at ``deflateLevel``.
final class ZipRebuilder {
    /// The deflate level for entries we write: 6, zlib's default, about 1.7 times faster
    /// than libzip's default of 9 at a size cost under 1 per cent on XML.
    static let deflateLevel: UInt32 = 6

    enum Item {
        case copy(ZipEntryInfo)
        case data(name: String, bytes: Data, like: ZipEntryInfo?)
        /// An entry whose bytes are `pieces` one after another (see `XMLBytes.splicePieces`).
        /// With `reuse`, the original entry `like`'s DEFLATE blocks that the changes leave alone are
        /// copied instead of compressed again (``DeflateSplice``).
        case pieces(name: String, pieces: [Data], like: ZipEntryInfo?, reuse: DeflateReuse? = nil)
    }

    /// Writes `items` in order, reading raw entries from `source`, and returns the archive's bytes.
    static func build(from source: ZipReader, items: [Item]) throws -> Data {
        try newArchive(capacity: source.size + (1 << 16)) { za in try fill(za, from: source, items: items) }
    }

    private static func fill(_ za: OpaquePointer, from source: ZipReader, items: [Item]) throws {
        func fail(_ what: String) -> ZipFailure {
            ZipFailure.other("\(what): \(String(cString: libzip.zip_strerror(za)!))")
        }

        func add(name: String, pieces: [Data], like: ZipEntryInfo?, reuse: DeflateReuse? = nil) throws {
            // The part is deflated by us (Zlib.swift: a large part on all cores at once; DeflateSplice.swift:
            // only around the changes) and handed to libzip already compressed, with its CRC-32 and sizes:
            // libzip copies the bytes as they are.
            var spliced: DeflatedPart?
            if let reuse, let like, like.isDeflated, let original = try? source.readCompressed(like) {
                spliced = DeflateSplice.deflate(original: original, reuse: reuse, pieces: pieces)
            }
            let part = try spliced ?? Zlib.deflate(pieces)
            let box = Unmanaged.passRetained(DataSource(deflated: part))
            guard let src = libzip.zip_source_function(za, dataSourceCallback, box.toOpaque()) else { box.release(); throw fail("adding \(name)") }
            let idx = libzip.zip_file_add(za, name, src, ZIP_FL_ENC_GUESS)
            if idx < 0 { libzip.zip_source_free(src); throw fail("adding \(name)") }
            if let like {
                copyAttributes(from: source.archive, index: like.index, to: za, index: idx, entry: like)
            } else {
                _ = libzip.zip_file_set_mtime(za, zip_uint64_t(idx), time_t(315_532_800), 0)
            }
        }

        for item in items {
            switch item {
            case .copy(let entry):
                guard let src = libzip.zip_source_zip(za, source.archive, zip_uint64_t(entry.index), 0, 0, -1) else { throw fail("copying \(entry.name)") }
                let idx = libzip.zip_file_add(za, entry.name, src, ZIP_FL_ENC_GUESS)
                if idx < 0 { libzip.zip_source_free(src); throw fail("copying \(entry.name)") }
                if entry.isStored { _ = libzip.zip_set_file_compression(za, zip_uint64_t(idx), ZIP_CM_STORE, 0) }
                copyAttributes(from: source.archive, index: entry.index, to: za, index: idx, entry: entry)
            case .data(let name, let bytes, let like):
                try add(name: name, pieces: [bytes], like: like)
            case .pieces(let name, let pieces, let like, let reuse):
                try add(name: name, pieces: pieces, like: like, reuse: reuse)
            }
        }
        if let comment = source.comment {
            comment.withUnsafeBytes { raw in
                _ = libzip.zip_set_archive_comment(za, raw.baseAddress?.assumingMemoryBound(to: CChar.self), zip_uint16_t(raw.count))
            }
        }
    }

    /// A new archive in memory: `fill` adds its entries, then it is closed. libzip writes into
    /// our own buffer (``WriteTarget``), which becomes the returned `Data` without a copy.
    /// On any failure the half-made archive is discarded.
    private static func newArchive(capacity: Int = 1 << 16, _ fill: (OpaquePointer) throws -> Void) throws -> Data {
        try ZipLibrary.require()
        var error = zip_error_t()
        libzip.zip_error_init(&error)
        defer { libzip.zip_error_fini(&error) }
        let target = WriteTarget(capacity: capacity)
        let box = Unmanaged.passRetained(target)
        guard let source = libzip.zip_source_function_create(writeTargetCallback, box.toOpaque(), &error) else {
            box.release()
            throw ZipFailure.other(String(cString: libzip.zip_error_strerror(&error)!))
        }
        guard let za = libzip.zip_open_from_source(source, ZIP_TRUNCATE, &error) else {
            libzip.zip_source_free(source)
            throw ZipFailure.other(String(cString: libzip.zip_error_strerror(&error)!))
        }
        var closed = false
        defer { if !closed { libzip.zip_discard(za) } }
        try fill(za)
        if libzip.zip_close(za) != 0 { throw ZipFailure.other("writing the archive: \(String(cString: libzip.zip_strerror(za)!))") }
        closed = true
        guard let bytes = target.take() else { throw ZipFailure.other("writing the archive: the buffer was lost") }
        return bytes
    }

    /// Writes a new archive holding `entries` in order (each deflated at ``deflateLevel``, or
    /// stored when `store` is true), time-stamped 1980-01-01 so the bytes depend only on the
    /// entries, and returns its bytes. For files we make from scratch (the XLSX register).
    /// `unixModes` gives an entry's Unix file mode (e.g. `0o120777` for a symbolic link), for tests.
    static func write(entries: [(name: String, bytes: Data, store: Bool)], unixModes: [String: UInt32] = [:]) throws -> Data {
        try newArchive { za in
            for entry in entries {
                let box = Unmanaged.passRetained(DataSource([entry.bytes]))
                guard let src = libzip.zip_source_function(za, dataSourceCallback, box.toOpaque()) else {
                    box.release()
                    throw ZipFailure.other("adding \(entry.name): \(String(cString: libzip.zip_strerror(za)!))")
                }
                let idx = libzip.zip_file_add(za, entry.name, src, ZIP_FL_ENC_UTF_8)
                if idx < 0 { libzip.zip_source_free(src); throw ZipFailure.other("adding \(entry.name): \(String(cString: libzip.zip_strerror(za)!))") }
                _ = libzip.zip_set_file_compression(za, zip_uint64_t(idx), entry.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, entry.store ? 0 : deflateLevel)
                _ = libzip.zip_file_set_mtime(za, zip_uint64_t(idx), time_t(315_532_800), 0)
                if let mode = unixModes[entry.name] {
                    _ = libzip.zip_file_set_external_attributes(za, zip_uint64_t(idx), 0, zip_uint8_t(ZIP_OPSYS_UNIX), zip_uint32_t(mode) << 16)
                }
            }
        }
    }

    private static func copyAttributes(from src: OpaquePointer, index: Int, to za: OpaquePointer, index newIndex: zip_int64_t, entry: ZipEntryInfo) {
        let i = zip_uint64_t(index), j = zip_uint64_t(newIndex)
        _ = libzip.zip_file_set_mtime(za, j, time_t(entry.modified), 0)
        var opsys: zip_uint8_t = 0
        var attributes: zip_uint32_t = 0
        if libzip.zip_file_get_external_attributes(src, i, 0, &opsys, &attributes) == 0 {
            _ = libzip.zip_file_set_external_attributes(za, j, 0, opsys, attributes)
        }
        var commentLength: zip_uint32_t = 0
        if let c = libzip.zip_file_get_comment(src, i, &commentLength, ZIP_FL_ENC_RAW), commentLength > 0 {
            _ = libzip.zip_file_set_comment(za, j, c, zip_uint16_t(commentLength), 0)
        }
        for flag in [ZIP_FL_LOCAL, ZIP_FL_CENTRAL] {
            let n = libzip.zip_file_extra_fields_count(src, i, zip_flags_t(flag))
            guard n > 0 else { continue }
            for k in 0..<n {
                var id: zip_uint16_t = 0
                var length: zip_uint16_t = 0
                if let data = libzip.zip_file_extra_field_get(src, i, zip_uint16_t(k), &id, &length, zip_flags_t(flag)) {
                    _ = libzip.zip_file_extra_field_set(za, j, id, disclose_zip_extra_field_new(), data, length, zip_flags_t(flag))
                }
            }
        }
    }
}

/// The bytes of a part being written (pieces one after another), read by libzip through ``dataSourceCallback``;
/// or a part already deflated, which libzip copies as it is (its stat reports the method, CRC-32 and sizes).
private final class DataSource {
    let pieces: [Data]
    let count: Int
    /// Set when `pieces` hold one raw DEFLATE stream: the CRC-32 and inflated size of the part.
    let deflated: (crc32: UInt32, size: Int)?
    var piece = 0
    var offset = 0
    init(_ pieces: [Data]) {
        self.pieces = pieces.filter { !$0.isEmpty }
        count = pieces.reduce(0) { $0 + $1.count }
        deflated = nil
    }

    init(deflated part: DeflatedPart) {
        pieces = [part.compressed]
        count = part.compressed.count
        deflated = (part.crc32, part.size)
    }

    /// Copies up to `length` bytes into `buffer`; returns how many.
    func read(into buffer: UnsafeMutableRawPointer, length: Int) -> Int {
        var written = 0
        while written < length, piece < pieces.count {
            let data = pieces[piece]
            let n = min(length - written, data.count - offset)
            data.withUnsafeBytes { raw in _ = memcpy(buffer + written, raw.baseAddress! + offset, n) }
            written += n
            offset += n
            if offset == data.count { piece += 1; offset = 0 }
        }
        return written
    }
}

/// The answer to `ZIP_SOURCE_STAT`: a cleared `zip_stat_t` that `fill` completes.
private func statReply(_ buffer: UnsafeMutableRawPointer?, _ length: zip_uint64_t, _ fill: (inout zip_stat_t) -> Void) -> zip_int64_t {
    guard let buffer, Int(length) >= MemoryLayout<zip_stat_t>.size else { return -1 }
    let stat = buffer.assumingMemoryBound(to: zip_stat_t.self)
    libzip.zip_stat_init(stat)
    fill(&stat.pointee)
    return zip_int64_t(MemoryLayout<zip_stat_t>.size)
}

/// The answer to `ZIP_SOURCE_ERROR` from a source that records no error of its own: two zero `Int32`s.
private func noErrorReply(_ buffer: UnsafeMutableRawPointer?, _ length: zip_uint64_t) -> zip_int64_t {
    let size = 2 * MemoryLayout<Int32>.size
    guard let buffer, Int(length) >= size else { return -1 }
    memset(buffer, 0, size)
    return zip_int64_t(size)
}

private extension Array where Element == zip_source_cmd_t {
    /// The answer to `ZIP_SOURCE_SUPPORTS`: one bit per command.
    var supportMask: zip_int64_t { reduce(zip_int64_t(0)) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) } }
}

/// A readable libzip source over a ``DataSource`` (the commands of `ZIP_SOURCE_SUPPORTS_READABLE`).
private let dataSourceCallback: zip_source_callback = { userdata, buffer, length, command in
    guard let userdata else { return -1 }
    let source = Unmanaged<DataSource>.fromOpaque(userdata).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        source.piece = 0
        source.offset = 0
        return 0
    case ZIP_SOURCE_READ:
        guard let buffer else { return length == 0 ? 0 : -1 }
        return zip_int64_t(source.read(into: buffer, length: Int(length)))
    case ZIP_SOURCE_CLOSE:
        return 0
    case ZIP_SOURCE_STAT:
        return statReply(buffer, length) { stat in
            if let deflated = source.deflated {
                stat.size = zip_uint64_t(deflated.size)
                stat.comp_size = zip_uint64_t(source.count)
                stat.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
                stat.crc = deflated.crc32
                stat.valid |= zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC)
            } else {
                stat.size = zip_uint64_t(source.count)
                stat.valid |= zip_uint64_t(ZIP_STAT_SIZE)
            }
        }
    case ZIP_SOURCE_ERROR:
        return noErrorReply(buffer, length)
    case ZIP_SOURCE_FREE:
        Unmanaged<DataSource>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS]
            .supportMask
    default:
        return -1
    }
}

/// An archive's bytes, read by libzip through ``readSourceCallback`` (a seekable read-only source)
/// without a copy of the whole archive.
private final class ReadSource {
    let data: Data
    var offset = 0
    init(_ data: Data) { self.data = data }
}

private let readSourceCallback: zip_source_callback = { userdata, buffer, length, command in
    guard let userdata else { return -1 }
    let source = Unmanaged<ReadSource>.fromOpaque(userdata).takeUnretainedValue()
    let count = source.data.count
    switch command {
    case ZIP_SOURCE_OPEN:
        source.offset = 0
        return 0
    case ZIP_SOURCE_READ:
        guard let buffer else { return length == 0 ? 0 : -1 }
        let n = min(Int(clamping: length), count - source.offset)
        guard n > 0 else { return 0 }
        let start = source.data.startIndex + source.offset
        source.data.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), from: start..<(start + n))
        source.offset += n
        return zip_int64_t(n)
    case ZIP_SOURCE_CLOSE:
        return 0
    case ZIP_SOURCE_SEEK:
        return seek(buffer, length, offset: &source.offset, count: count) ? 0 : -1
    case ZIP_SOURCE_TELL:
        return zip_int64_t(source.offset)
    case ZIP_SOURCE_STAT:
        return statReply(buffer, length) { $0.size = zip_uint64_t(count); $0.valid |= zip_uint64_t(ZIP_STAT_SIZE) }
    case ZIP_SOURCE_ERROR:
        return noErrorReply(buffer, length)
    case ZIP_SOURCE_FREE:
        Unmanaged<ReadSource>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_STAT,
                ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS]
            .supportMask
    default:
        return -1
    }
}

/// Where libzip writes a new archive (``writeTargetCallback``, a writable source): one growing
/// buffer that becomes the archive's `Data` as it is, so the archive is never held twice.
private final class WriteTarget {
    private var buffer: UnsafeMutableRawPointer?
    private var capacity: Int
    /// Bytes written so far, and the committed archive's size.
    var length = 0
    var committed = 0
    var offset = 0
    var readOffset = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1024)
        buffer = malloc(self.capacity)
    }

    deinit { free(buffer) }

    func write(_ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        if offset + count > capacity {
            let wanted = max(offset + count, capacity + capacity / 2)
            guard let grown = realloc(buffer, wanted) else { return false }
            buffer = grown
            capacity = wanted
        }
        guard let buffer else { return false }
        memcpy(buffer + offset, bytes, count)
        offset += count
        length = max(length, offset)
        return true
    }

    func read(into out: UnsafeMutableRawPointer, _ count: Int) -> Int {
        let n = min(count, committed - readOffset)
        guard n > 0, let buffer else { return 0 }
        memcpy(out, buffer + readOffset, n)
        readOffset += n
        return n
    }

    /// The committed archive, handed over (the buffer is freed with the `Data`).
    func take() -> Data? {
        guard let buffer else { return nil }
        guard committed > 0 else { return Data() }
        self.buffer = nil
        return Data(bytesNoCopy: buffer, count: committed, deallocator: .free)
    }
}

/// Applies a libzip seek (`zip_source_args_seek_t`) to `offset` in `0...count`.
private func seek(_ args: UnsafeMutableRawPointer?, _ length: zip_uint64_t, offset: inout Int, count: Int) -> Bool {
    guard let args, Int(length) >= MemoryLayout<zip_source_args_seek_t>.size else { return false }
    let seek = args.assumingMemoryBound(to: zip_source_args_seek_t.self).pointee
    let base: Int
    switch seek.whence {
    case SEEK_SET: base = 0
    case SEEK_CUR: base = offset
    case SEEK_END: base = count
    default: return false
    }
    let target = base + Int(seek.offset)
    guard target >= 0, target <= count else { return false }
    offset = target
    return true
}

private let writeTargetCallback: zip_source_callback = { userdata, buffer, length, command in
    guard let userdata else { return -1 }
    let target = Unmanaged<WriteTarget>.fromOpaque(userdata).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        target.readOffset = 0
        return 0
    case ZIP_SOURCE_READ:
        guard let buffer else { return length == 0 ? 0 : -1 }
        return zip_int64_t(target.read(into: buffer, Int(clamping: length)))
    case ZIP_SOURCE_CLOSE:
        return 0
    case ZIP_SOURCE_SEEK:
        return seek(buffer, length, offset: &target.readOffset, count: target.committed) ? 0 : -1
    case ZIP_SOURCE_TELL:
        return zip_int64_t(target.readOffset)
    case ZIP_SOURCE_BEGIN_WRITE:
        target.length = 0
        target.offset = 0
        return 0
    case ZIP_SOURCE_WRITE:
        guard length == 0 || buffer != nil else { return -1 }
        guard let buffer else { return 0 }
        return target.write(buffer, Int(clamping: length)) ? zip_int64_t(length) : -1
    case ZIP_SOURCE_SEEK_WRITE:
        return seek(buffer, length, offset: &target.offset, count: target.length) ? 0 : -1
    case ZIP_SOURCE_TELL_WRITE:
        return zip_int64_t(target.offset)
    case ZIP_SOURCE_COMMIT_WRITE:
        target.committed = target.length
        return 0
    case ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_REMOVE:
        target.length = 0
        target.offset = 0
        if command == ZIP_SOURCE_REMOVE { target.committed = 0 }
        return 0
    case ZIP_SOURCE_STAT:
        return statReply(buffer, length) { $0.size = zip_uint64_t(target.committed); $0.valid |= zip_uint64_t(ZIP_STAT_SIZE) }
    case ZIP_SOURCE_ERROR:
        return noErrorReply(buffer, length)
    case ZIP_SOURCE_FREE:
        Unmanaged<WriteTarget>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_STAT,
                ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_COMMIT_WRITE,
                ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_WRITE, ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE]
            .supportMask
    default:
        return -1
    }
}
