import Foundation

/// A PDF file's objects, read through qpdf (``QPDFFile``), as a ``PDFObjectSource``: the text
/// extractor, the stamp writer and the audit read the file through this.
///
/// Objects come from qpdf as PDF syntax and are parsed with ``PDFParser`` (nesting limit
/// included), then kept: each object is converted once. Stream data is decoded here, under the
/// safety limits (``PDFStreamDecoder``), never by qpdf without a bound.
///
/// ```swift
/// let reader = try PDFFileReader(data: bytes, path: "report.pdf")
/// for page in try reader.pages() { let dict = try reader.object(page) }
/// ```
final class PDFFileReader: PDFObjectSource, Sendable {
    /// Objects parsed so far, and the page list once read (QPDFFile locks its own calls).
    private struct Cache {
        var objects: [PDFReference: (object: PDFObject, isStream: Bool)] = [:]
        var pages: [PDFReference]?
    }
    private let file: QPDFFile
    private let cache = Locked(Cache())
    /// The file's bytes, as given.
    let data: Data
    /// The path for messages.
    let path: String
    let limits: ReadLimits
    /// The last trailer dictionary (for a cross-reference stream, its dictionary).
    let trailer: PDFDictionary

    /// Opens `data`.
    /// - Throws: ``DisclosureError/encryptedPDF(path:)`` for an encrypted file,
    ///   ``DisclosureError/unreadable(path:reason:hint:)`` when qpdf cannot read it,
    ///   ``DisclosureError/limitExceeded(path:what:limit:)`` for a file over the size limit.
    init(data: Data, path: String, limits: ReadLimits = .default) throws {
        guard data.count <= limits.maxFileBytes else {
            throw DisclosureError.limitExceeded(path: path, what: "the PDF is \(ByteCount.describe(data.count))",
                                                limit: "\(ByteCount.describe(limits.maxFileBytes)) for one file")
        }
        self.data = data
        self.path = path
        self.limits = limits
        let file = try QPDFFile(data: data, path: path)
        self.file = file
        let syntax = try Self.run(path) { try file.trailerSyntax() }
        trailer = try Self.parse(syntax, path: path, what: "the trailer").dictionaryValue ?? PDFDictionary()
    }

    /// True when qpdf could read the file only by rebuilding its cross-reference table: read with
    /// a warning, never stamped.
    var isDamaged: Bool { file.isDamaged }
    /// What qpdf found wrong in a damaged file, in its words ("expected 30 0 obj (near byte 812)").
    var damage: String? { file.damage }
    /// The header's version, `1.7`.
    var version: String { file.version }
    /// qpdf's warnings so far (a damaged file's repairs, objects it could not read).
    var qpdfWarnings: [String] { file.warnings }

    // MARK: PDFObjectSource

    func object(_ reference: PDFReference) throws -> PDFObject {
        try entry(reference).object
    }

    func isStream(_ reference: PDFReference) throws -> Bool {
        try entry(reference).isStream
    }

    func pages() throws -> [PDFReference] {
        if let cached = cache.withLock({ $0.pages }) { return cached }
        let list = try Self.run(path) { try file.pages() }.map { PDFReference($0.number, $0.generation) }
        cache.withLock { $0.pages = list }
        return list
    }

    /// A stream's data with its filters removed, under the safety limits. Image filters (DCT,
    /// JPX, CCITT, JBIG2) are never decoded: asking for such a stream's data is an error.
    /// - Throws: ``DisclosureError/limitExceeded(path:what:limit:)`` for a stream that would
    ///   decode past ``ReadLimits/maxPartBytes``, ``PDFSyntaxError`` for filters we do not decode.
    func streamData(_ reference: PDFReference) throws -> Data {
        guard let dict = try object(reference).dictionaryValue, try isStream(reference) else {
            throw PDFSyntaxError(offset: 0, problem: "object \(reference) is not a stream")
        }
        let filters = try PDFStreamDecoder.filters(of: dict, in: self)
        let raw = try rawStreamData(reference)
        let decoder = PDFStreamDecoder(path: path, maxOutput: limits.maxPartBytes)
        if let decoded = try decoder.decode(raw, filters: filters) { return decoded }
        // Filters we leave to qpdf (LZW, predictors): only for a raw stream so small that no
        // filter can inflate it past the limit.
        guard raw.count <= decoder.maxRawForQPDF else {
            throw DisclosureError.limitExceeded(
                path: path, what: "stream \(reference) (filters \(filters.map(\.name).joined(separator: ", "))) is \(ByteCount.describe(raw.count)) before decoding",
                limit: "\(ByteCount.describe(decoder.maxRawForQPDF)) for a stream with these filters")
        }
        guard let decoded = try Self.run(path, { try file.decodedStreamData(reference.number, reference.generation) }) else {
            throw PDFSyntaxError(offset: 0, problem: "stream \(reference) has filters that cannot be decoded (\(filters.map(\.name).joined(separator: ", ")))")
        }
        guard decoded.count <= limits.maxPartBytes else {
            throw DisclosureError.limitExceeded(path: path, what: "stream \(reference) decodes to \(ByteCount.describe(decoded.count))",
                                                limit: "\(ByteCount.describe(limits.maxPartBytes)) for one stream")
        }
        return decoded
    }

    /// A stream's bytes as stored, filters not removed (at most the file's size).
    func rawStreamData(_ reference: PDFReference) throws -> Data {
        try Self.run(path) { try file.rawStreamData(reference.number, reference.generation) }
    }

    // MARK: Plumbing

    private func entry(_ reference: PDFReference) throws -> (object: PDFObject, isStream: Bool) {
        if let cached = cache.withLock({ $0.objects[reference] }) { return cached }
        let (syntax, isStream) = try Self.run(path) { try file.objectSyntax(reference.number, reference.generation) }
        let value = (try Self.parse(syntax, path: path, what: "object \(reference)"), isStream)
        cache.withLock { $0.objects[reference] = value }
        return value
    }

    private static func parse(_ syntax: Data, path: String, what: String) throws -> PDFObject {
        var parser = PDFParser(syntax)
        do {
            return try parser.parseObject()
        } catch let error as PDFSyntaxError {
            throw DisclosureError.unreadable(path: path, reason: "\(what) cannot be read (\(error.problem))",
                                             hint: "The file may be damaged or built to break readers; open it in a PDF reader and save a new copy")
        }
    }

    /// Runs a qpdf call, turning qpdf's failures into ``DisclosureError``.
    static func run<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as QPDFFile.Failure {
            throw DisclosureError.unreadable(path: path, reason: "qpdf cannot read part of this PDF (\(failure.message))",
                                             hint: "The file may be damaged; open it in a PDF reader and save a new copy, then try again")
        }
    }
}
