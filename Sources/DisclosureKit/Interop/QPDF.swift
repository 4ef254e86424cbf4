internal import CQPDF
import Foundation

// The only file that uses qpdf (libqpdf's C API). Every qpdf handle and unsafe pointer stays here.
// It speaks in plain values (object numbers, PDF syntax text, bytes); turning them into the PDF
// object model is the PDF format's work (`Formats/PDF/`).

// MARK: Loading libqpdf

/// libqpdf's functions, found with `dlsym` in the library `dlopen` opened the first time a PDF
/// was read (``QPDFLibrary/loaded``). The binary does not link libqpdf: loading it, with GnuTLS,
/// libjpeg and the libraries they bring, was about a third of every command's start-up
/// (docs/scale.md, "Start-up: libqpdf on demand"), and most runs read no PDF. ``DynamicLibrary``
/// opens it, as it does libzip and libxml2.
///
/// Each member has the C function's own name and its type from qpdf's header
/// (`disclose_<name>_f` in `CQPDF/shim.h`), so calls read as they would against the linked library.
struct QPDFLibrary: OnDemandLibrary, @unchecked Sendable {  // immutable after loading: C function pointers only
    let qpdf_init: disclose_qpdf_init_f
    let qpdf_cleanup: disclose_qpdf_cleanup_f
    let qpdf_silence_errors: disclose_qpdf_silence_errors_f
    let qpdf_set_suppress_warnings: disclose_qpdf_set_suppress_warnings_f
    let qpdf_set_attempt_recovery: disclose_qpdf_set_attempt_recovery_f
    let qpdf_read_memory: disclose_qpdf_read_memory_f
    let qpdf_has_error: disclose_qpdf_has_error_f
    let qpdf_get_error: disclose_qpdf_get_error_f
    let qpdf_get_error_code: disclose_qpdf_get_error_code_f
    let qpdf_get_error_message_detail: disclose_qpdf_get_error_message_detail_f
    let qpdf_get_error_full_text: disclose_qpdf_get_error_full_text_f
    let qpdf_get_error_file_position: disclose_qpdf_get_error_file_position_f
    let qpdf_more_warnings: disclose_qpdf_more_warnings_f
    let qpdf_next_warning: disclose_qpdf_next_warning_f
    let qpdf_get_num_pages: disclose_qpdf_get_num_pages_f
    let qpdf_get_page_n: disclose_qpdf_get_page_n_f
    let qpdf_get_pdf_version: disclose_qpdf_get_pdf_version_f
    let qpdf_is_encrypted: disclose_qpdf_is_encrypted_f
    let qpdf_get_trailer: disclose_qpdf_get_trailer_f
    let qpdf_get_object_by_id: disclose_qpdf_get_object_by_id_f
    let qpdf_get_last_string_length: disclose_qpdf_get_last_string_length_f
    let qpdf_oh_release: disclose_qpdf_oh_release_f
    let qpdf_oh_is_stream: disclose_qpdf_oh_is_stream_f
    let qpdf_oh_get_dict: disclose_qpdf_oh_get_dict_f
    let qpdf_oh_get_key: disclose_qpdf_oh_get_key_f
    let qpdf_oh_get_value_as_int: disclose_qpdf_oh_get_value_as_int_f
    let qpdf_oh_get_type_code: disclose_qpdf_oh_get_type_code_f
    let qpdf_oh_get_object_id: disclose_qpdf_oh_get_object_id_f
    let qpdf_oh_get_generation: disclose_qpdf_oh_get_generation_f
    let qpdf_oh_get_stream_data: disclose_qpdf_oh_get_stream_data_f
    let qpdf_oh_unparse_resolved: disclose_qpdf_oh_unparse_resolved_f

    /// The names tried, in order: the library the header came from (Debian's `libqpdf29`, qpdf
    /// 11), then the development link, which points at whichever version is installed.
    static let candidates = ["libqpdf.so.29", "libqpdf.so"]

    /// What the error for a file says when libqpdf cannot be loaded (``OnDemandLibrary/unavailable(_:path:)``).
    static let missingWords = DynamicLibrary.MissingWords(
        uses: "reads PDF files", library: "qpdf", package: "libqpdf29", worksWithout: "other formats")

    /// The library, opened on first use (once per process; later calls return the same answer).
    static let loaded: Result<QPDFLibrary, DynamicLibrary.LoadFailure> = load(candidates)

    /// Throws, for the file at `path`, when libqpdf cannot be loaded: the file is named, then
    /// the missing library and how to install it.
    static func require(for path: String) throws {
        if case .failure(let failure) = loaded { throw unavailable(failure, path: path) }
    }

    init(_ symbols: DynamicLibrary.Symbols) throws {
        qpdf_init = try symbols.function("qpdf_init")
        qpdf_cleanup = try symbols.function("qpdf_cleanup")
        qpdf_silence_errors = try symbols.function("qpdf_silence_errors")
        qpdf_set_suppress_warnings = try symbols.function("qpdf_set_suppress_warnings")
        qpdf_set_attempt_recovery = try symbols.function("qpdf_set_attempt_recovery")
        qpdf_read_memory = try symbols.function("qpdf_read_memory")
        qpdf_has_error = try symbols.function("qpdf_has_error")
        qpdf_get_error = try symbols.function("qpdf_get_error")
        qpdf_get_error_code = try symbols.function("qpdf_get_error_code")
        qpdf_get_error_message_detail = try symbols.function("qpdf_get_error_message_detail")
        qpdf_get_error_full_text = try symbols.function("qpdf_get_error_full_text")
        qpdf_get_error_file_position = try symbols.function("qpdf_get_error_file_position")
        qpdf_more_warnings = try symbols.function("qpdf_more_warnings")
        qpdf_next_warning = try symbols.function("qpdf_next_warning")
        qpdf_get_num_pages = try symbols.function("qpdf_get_num_pages")
        qpdf_get_page_n = try symbols.function("qpdf_get_page_n")
        qpdf_get_pdf_version = try symbols.function("qpdf_get_pdf_version")
        qpdf_is_encrypted = try symbols.function("qpdf_is_encrypted")
        qpdf_get_trailer = try symbols.function("qpdf_get_trailer")
        qpdf_get_object_by_id = try symbols.function("qpdf_get_object_by_id")
        qpdf_get_last_string_length = try symbols.function("qpdf_get_last_string_length")
        qpdf_oh_release = try symbols.function("qpdf_oh_release")
        qpdf_oh_is_stream = try symbols.function("qpdf_oh_is_stream")
        qpdf_oh_get_dict = try symbols.function("qpdf_oh_get_dict")
        qpdf_oh_get_key = try symbols.function("qpdf_oh_get_key")
        qpdf_oh_get_value_as_int = try symbols.function("qpdf_oh_get_value_as_int")
        qpdf_oh_get_type_code = try symbols.function("qpdf_oh_get_type_code")
        qpdf_oh_get_object_id = try symbols.function("qpdf_oh_get_object_id")
        qpdf_oh_get_generation = try symbols.function("qpdf_oh_get_generation")
        qpdf_oh_get_stream_data = try symbols.function("qpdf_oh_get_stream_data")
        qpdf_oh_unparse_resolved = try symbols.function("qpdf_oh_unparse_resolved")
    }
}

/// The loaded library. Only code reached after ``QPDFFile/init(data:path:)`` has called
/// ``QPDFLibrary/require(for:)`` uses it, so it is loaded by then.
private var libqpdf: QPDFLibrary {
    switch QPDFLibrary.loaded {
    case .success(let library): return library
    case .failure(let failure): preconditionFailure("libqpdf used before QPDFFile checked it loaded: \(failure.detail)")
    }
}

// MARK: Reading a file

/// A PDF file read by qpdf from memory, with qpdf's warnings collected instead of printed.
///
/// Opening first asks qpdf not to repair anything. When that fails because the file is damaged
/// (a broken cross-reference table, offsets past the end), the file is opened again with qpdf's
/// recovery and marked ``isDamaged``: it may be read, with a warning, but never stamped, since
/// a stamp must never rest on qpdf's guess of where the objects are.
///
/// qpdf is not safe to call from two threads on one file at once; every call here takes a lock.
final class QPDFFile: Sendable {
    /// What only one thread at a time may touch: qpdf's handle, the memory it reads from, and
    /// the warnings collected so far.
    private struct State {
        var handle: qpdf_data?
        /// The bytes qpdf reads, for as long as the handle lives.
        let buffer: UnsafeMutableRawBufferPointer
        /// True when `buffer` is a copy of ours; false when it is `bytes`' own storage.
        let ownsBuffer: Bool
        var warnings: [String] = []

        /// Moves qpdf's pending warnings into ``warnings`` (at most ``QPDFFile/maxWarnings``).
        mutating func collectWarnings() {
            guard let q = handle else { return }
            while libqpdf.qpdf_more_warnings(q) != 0 {
                guard let w = libqpdf.qpdf_next_warning(q) else { break }
                guard warnings.count < QPDFFile.maxWarnings else { continue }
                warnings.append(QPDFFile.text(of: w, in: q))
            }
        }
    }
    private let state: Locked<State>
    /// The file, kept alive (and unchanged) while qpdf reads from its storage.
    private let bytes: Data
    /// Files this large are read in place, not copied.
    static let readInPlaceBytes = 1 << 20
    /// The path for messages.
    let path: String
    /// True when qpdf could read the file only by reconstructing its cross-reference table.
    let isDamaged: Bool
    /// What qpdf found wrong when asked not to repair anything (for a damaged file).
    let damage: String?
    /// The PDF version from the header (`1.7`).
    let version: String
    /// qpdf's warnings, in order, at most ``maxWarnings``.
    var warnings: [String] { state.withLock { $0.warnings } }
    static let maxWarnings = 50

    /// Why qpdf could not do what was asked.
    struct Failure: Error, CustomStringConvertible {
        /// qpdf's error kind: damaged, pages, password, object, other.
        enum Kind: Sendable { case damaged, pages, password, object, unsupported, other }
        var kind: Kind
        /// qpdf's message, without the file name qpdf puts first.
        var message: String
        var description: String { message }
    }

    /// Opens `data` with qpdf.
    /// - Throws: ``DisclosureError/encryptedPDF(path:)`` for an encrypted file (any password,
    ///   user or owner: we never decrypt), ``DisclosureError/unreadable(path:reason:hint:)``
    ///   when qpdf cannot read it even with recovery.
    init(data: Data, path: String) throws {
        try QPDFLibrary.require(for: path)
        self.path = path
        // qpdf reads from memory for as long as the handle lives. A small file is copied into a
        // buffer of ours; a large one (mapped by `DocumentLoader`) is read where it is: `bytes`
        // holds it, unchanged, for the life of this object, so its storage stays where it is, and
        // qpdf touches only the pages it reads (never a picture's stream data), so memory does
        // not grow with the pictures in the file.
        self.bytes = data
        let buffer: UnsafeMutableRawBufferPointer
        let ownsBuffer: Bool
        if data.count >= QPDFFile.readInPlaceBytes {
            let base = data.withUnsafeBytes { UnsafeMutableRawPointer(mutating: $0.baseAddress!) }
            buffer = UnsafeMutableRawBufferPointer(start: base, count: data.count)
            ownsBuffer = false
        } else {
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 1)
            data.copyBytes(to: buffer)
            ownsBuffer = true
        }
        var damaged = false
        var damage: String?
        let count = data.count
        func open(recovery: Bool) -> (qpdf_data, Failure?) {
            let q = libqpdf.qpdf_init()!
            libqpdf.qpdf_silence_errors(q)
            libqpdf.qpdf_set_suppress_warnings(q, QPDF_TRUE)
            libqpdf.qpdf_set_attempt_recovery(q, recovery ? QPDF_TRUE : QPDF_FALSE)
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            let status = libqpdf.qpdf_read_memory(q, "PDF", base, UInt64(count), "")
            if status & QPDF_ERRORS != 0 || libqpdf.qpdf_has_error(q) != 0 {
                return (q, QPDFFile.takeError(q) ?? Failure(kind: .other, message: "qpdf could not read the file"))
            }
            // Reading is lazy: walking the page tree and resolving every object the
            // cross-reference table lists (their dictionaries, not stream data) shows now any
            // damage qpdf would only meet later, when it would repair it by guessing.
            if libqpdf.qpdf_get_num_pages(q) < 0 || libqpdf.qpdf_has_error(q) != 0 {
                return (q, QPDFFile.takeError(q) ?? Failure(kind: .pages, message: "qpdf could not read the page tree"))
            }
            if !recovery {
                if let failure = QPDFFile.resolveAll(q, maxObjects: count / 4 + 16) { return (q, failure) }
                // qpdf turns an object it cannot read into null with a warning: damage too.
                if libqpdf.qpdf_more_warnings(q) != 0, let w = libqpdf.qpdf_next_warning(q) {
                    return (q, Failure(kind: .damaged, message: QPDFFile.text(of: w, in: q)))
                }
            }
            return (q, nil)
        }
        var (q, failure) = open(recovery: false)
        if let first = failure, first.kind != .password {
            let (second, secondFailure) = open(recovery: true)
            if secondFailure == nil {
                var old: qpdf_data? = q
                libqpdf.qpdf_cleanup(&old)
                q = second
                failure = nil
                damaged = first.kind == .damaged
                damage = first.message
                if !damaged { failure = first }
            } else {
                var old: qpdf_data? = second
                libqpdf.qpdf_cleanup(&old)
            }
        }
        state = Locked(State(handle: q, buffer: buffer, ownsBuffer: ownsBuffer))
        isDamaged = damaged
        self.damage = damaged ? damage : nil
        version = libqpdf.qpdf_get_pdf_version(q).map { String(cString: $0) } ?? ""
        if let failure {
            if failure.kind == .password { throw DisclosureError.encryptedPDF(path: path) }
            let what = failure.kind == .damaged ? "the PDF is damaged beyond repair: qpdf cannot read it even by rebuilding its cross-reference table" : "qpdf cannot read this PDF"
            throw DisclosureError.unreadable(
                path: path, reason: "\(what) (\(failure.message))",
                hint: "The file may be damaged or not really a PDF; open it in a PDF reader and save a new copy, then try again")
        }
        if libqpdf.qpdf_is_encrypted(q) != 0 { throw DisclosureError.encryptedPDF(path: path) }
        state.withLock { $0.collectWarnings() }
    }

    /// Resolves objects 1 to the trailer's `/Size` - 1 (generation 0; at most `maxObjects`), so
    /// a cross-reference entry pointing at the wrong place shows as qpdf's error now.
    private static func resolveAll(_ q: qpdf_data, maxObjects: Int) -> Failure? {
        let trailer = libqpdf.qpdf_get_trailer(q)
        let sizeHandle = libqpdf.qpdf_oh_get_key(q, trailer, "/Size")
        var size: Int32 = 0
        if libqpdf.qpdf_oh_get_value_as_int(q, sizeHandle, &size) == QPDF_FALSE { size = 0 }
        libqpdf.qpdf_oh_release(q, sizeHandle)
        libqpdf.qpdf_oh_release(q, trailer)
        guard !(libqpdf.qpdf_has_error(q) != 0) else { return takeError(q) }
        let last = min(Int(size), maxObjects)
        guard last > 1 else { return nil }
        for n in 1..<last {
            let oh = libqpdf.qpdf_get_object_by_id(q, Int32(n), 0)
            _ = libqpdf.qpdf_oh_get_type_code(q, oh)
            libqpdf.qpdf_oh_release(q, oh)
            if libqpdf.qpdf_has_error(q) != 0 { return takeError(q) }
        }
        return nil
    }

    deinit {
        state.withLock { s in
            if s.handle != nil { libqpdf.qpdf_cleanup(&s.handle) }
            if s.ownsBuffer { s.buffer.deallocate() }
        }
    }

    // MARK: Reading

    /// The trailer dictionary in PDF syntax (for a cross-reference stream, its dictionary).
    func trailerSyntax() throws -> Data {
        try locked { q in
            let oh = libqpdf.qpdf_get_trailer(q)
            defer { libqpdf.qpdf_oh_release(q, oh) }
            return try unparse(q, oh)
        }
    }

    /// Object `number` `generation` in PDF syntax (`<< /Type /Page ... >>`, references kept as
    /// `n g R`); for a stream, its dictionary. `null` for an object the file does not have.
    /// - Returns: the syntax, and whether the object is a stream.
    func objectSyntax(_ number: Int, _ generation: Int) throws -> (syntax: Data, isStream: Bool) {
        try locked { q in
            let oh = try object(q, number, generation)
            defer { libqpdf.qpdf_oh_release(q, oh) }
            if libqpdf.qpdf_oh_is_stream(q, oh) != 0 {
                let dict = libqpdf.qpdf_oh_get_dict(q, oh)
                defer { libqpdf.qpdf_oh_release(q, dict) }
                return (try unparse(q, dict), true)
            }
            return (try unparse(q, oh), false)
        }
    }

    /// True when object `number` `generation` is a stream.
    func isStream(_ number: Int, _ generation: Int) throws -> Bool {
        try locked { q in
            let oh = try object(q, number, generation)
            defer { libqpdf.qpdf_oh_release(q, oh) }
            return libqpdf.qpdf_oh_is_stream(q, oh) != 0
        }
    }

    /// The pages in order, as object number and generation, from qpdf's walk of the page tree
    /// (qpdf ends a loop in the tree with an error).
    func pages() throws -> [(number: Int, generation: Int)] {
        try locked { q in
            let count = libqpdf.qpdf_get_num_pages(q)
            if count < 0 || libqpdf.qpdf_has_error(q) != 0 { throw failure(q, "the page tree cannot be read") }
            var result: [(Int, Int)] = []
            result.reserveCapacity(Int(count))
            for i in 0..<Int(count) {
                let oh = libqpdf.qpdf_get_page_n(q, i)
                defer { libqpdf.qpdf_oh_release(q, oh) }
                if libqpdf.qpdf_has_error(q) != 0 { throw failure(q, "page \(i + 1) cannot be read") }
                result.append((Int(libqpdf.qpdf_oh_get_object_id(q, oh)), Int(libqpdf.qpdf_oh_get_generation(q, oh))))
            }
            return result
        }
    }

    /// A stream's bytes as stored in the file, filters not applied (decrypted, were the file
    /// encrypted, which Disclose refuses anyway). At most the file's size.
    func rawStreamData(_ number: Int, _ generation: Int) throws -> Data {
        try streamData(number, generation, level: qpdf_dl_none)
    }

    /// A stream's bytes with every lossless filter qpdf knows removed (LZW, predictors,
    /// RunLength, ASCII85...). qpdf has no output limit: call this only for a stream whose raw
    /// data is small enough that no filter can blow it up past the caller's limit.
    /// - Returns: the decoded bytes, or nil when qpdf cannot remove a filter.
    func decodedStreamData(_ number: Int, _ generation: Int) throws -> Data? {
        try locked { q in
            let oh = try object(q, number, generation)
            defer { libqpdf.qpdf_oh_release(q, oh) }
            var filtered: QPDF_BOOL = QPDF_FALSE
            var bytes: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = libqpdf.qpdf_oh_get_stream_data(q, oh, qpdf_dl_specialized, &filtered, &bytes, &length)
            defer { free(bytes) }
            if status & QPDF_ERRORS != 0 || libqpdf.qpdf_has_error(q) != 0 { throw failure(q, "a stream cannot be decoded") }
            guard filtered != QPDF_FALSE else { return nil }
            return bytes.map { Data(bytes: $0, count: length) } ?? Data()
        }
    }

    private func streamData(_ number: Int, _ generation: Int, level: qpdf_stream_decode_level_e) throws -> Data {
        try locked { q in
            let oh = try object(q, number, generation)
            defer { libqpdf.qpdf_oh_release(q, oh) }
            guard libqpdf.qpdf_oh_is_stream(q, oh) != 0 else {
                throw Failure(kind: .object, message: "object \(number) \(generation) is not a stream")
            }
            var bytes: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = libqpdf.qpdf_oh_get_stream_data(q, oh, level, nil, &bytes, &length)
            defer { free(bytes) }
            if status & QPDF_ERRORS != 0 || libqpdf.qpdf_has_error(q) != 0 { throw failure(q, "stream \(number) \(generation) cannot be read") }
            return bytes.map { Data(bytes: $0, count: length) } ?? Data()
        }
    }

    // MARK: Plumbing

    private func locked<T>(_ body: (qpdf_data) throws -> T) throws -> T {
        try state.withLock { s in
            defer { s.collectWarnings() }
            guard let q = s.handle else { throw Failure(kind: .other, message: "the file is closed") }
            return try body(q)
        }
    }

    private func object(_ q: qpdf_data, _ number: Int, _ generation: Int) throws -> qpdf_oh {
        guard let n = Int32(exactly: number), let g = Int32(exactly: generation), n > 0, g >= 0 else {
            throw Failure(kind: .object, message: "no object \(number) \(generation)")
        }
        let oh = libqpdf.qpdf_get_object_by_id(q, n, g)
        if libqpdf.qpdf_has_error(q) != 0 {
            libqpdf.qpdf_oh_release(q, oh)
            throw failure(q, "object \(number) \(generation) cannot be read")
        }
        return oh
    }

    private func unparse(_ q: qpdf_data, _ oh: qpdf_oh) throws -> Data {
        guard let text = libqpdf.qpdf_oh_unparse_resolved(q, oh), libqpdf.qpdf_has_error(q) == 0 else {
            throw failure(q, "an object cannot be read")
        }
        return Data(bytes: text, count: libqpdf.qpdf_get_last_string_length(q))
    }

    /// qpdf's pending error, or one saying `what`.
    private func failure(_ q: qpdf_data, _ what: String) -> Failure {
        QPDFFile.takeError(q) ?? Failure(kind: .other, message: what)
    }

    private static func takeError(_ q: qpdf_data) -> Failure? {
        guard libqpdf.qpdf_has_error(q) != 0, let e = libqpdf.qpdf_get_error(q) else { return nil }
        let kind: Failure.Kind
        switch libqpdf.qpdf_get_error_code(q, e) {
        case qpdf_e_damaged_pdf: kind = .damaged
        case qpdf_e_pages: kind = .pages
        case qpdf_e_password: kind = .password
        case qpdf_e_object: kind = .object
        case qpdf_e_unsupported: kind = .unsupported
        default: kind = .other
        }
        return Failure(kind: kind, message: text(of: e, in: q))
    }

    /// A warning's or error's message, without the file name qpdf puts first.
    private static func text(of e: qpdf_error, in q: qpdf_data) -> String {
        let detail = libqpdf.qpdf_get_error_message_detail(q, e).map { String(cString: $0) } ?? ""
        let position = libqpdf.qpdf_get_error_file_position(q, e)
        return detail.isEmpty ? (libqpdf.qpdf_get_error_full_text(q, e).map { String(cString: $0) } ?? "qpdf gave no message") : detail + (position > 0 ? " (near byte \(position))" : "")
    }
}
