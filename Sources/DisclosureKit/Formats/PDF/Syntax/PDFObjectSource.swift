import Foundation

/// Read access to a PDF's objects, as the text extractor, the stamp writer and the audit need
/// it. `PDFFileReader` implements it over qpdf (`Interop/QPDF.swift`); ``PDFObjectTable`` is an
/// in-memory one for objects being built and for tests. Every method throws a ``DisclosureError``
/// (or ``PDFSyntaxError``) on damaged or hostile input; none traps.
protocol PDFObjectSource {
    /// The object `reference` points at. For a stream, its dictionary. A missing object is `.null`
    /// (ISO 32000-1 §7.3.10).
    func object(_ reference: PDFReference) throws -> PDFObject
    /// True when `reference` is a stream.
    func isStream(_ reference: PDFReference) throws -> Bool
    /// A stream's data with its filters removed, under the safety limits (a decompression bomb
    /// ends in ``DisclosureError/limitExceeded(path:what:limit:)``).
    func streamData(_ reference: PDFReference) throws -> Data
    /// The last trailer dictionary (for a cross-reference stream, its dictionary).
    var trailer: PDFDictionary { get }
    /// The pages in order, as the page tree gives them (loops are an error, not a hang).
    func pages() throws -> [PDFReference]
}

extension PDFObjectSource {
    /// `object` itself, or what it refers to (one level; objects never resolve to references).
    func resolve(_ object: PDFObject?) throws -> PDFObject? {
        guard let object else { return nil }
        if case .reference(let r) = object {
            let target = try self.object(r)
            return target == .null ? nil : target
        }
        return object
    }

    /// The dictionary `object` is or refers to.
    func dictionary(_ object: PDFObject?) throws -> PDFDictionary? {
        try resolve(object)?.dictionaryValue
    }

    /// The catalog (`/Root`).
    func catalog() throws -> PDFDictionary? {
        try dictionary(trailer["Root"])
    }
}

/// An in-memory set of objects: for objects being built, and for tests.
struct PDFObjectTable: PDFObjectSource {
    var objects: [PDFReference: PDFObject] = [:]
    /// Decoded data of the objects that are streams.
    var streams: [PDFReference: Data] = [:]
    var trailer: PDFDictionary = PDFDictionary()
    var pageList: [PDFReference] = []

    func object(_ reference: PDFReference) throws -> PDFObject { objects[reference] ?? .null }
    func isStream(_ reference: PDFReference) throws -> Bool { streams[reference] != nil }
    func streamData(_ reference: PDFReference) throws -> Data {
        guard let data = streams[reference] else { throw PDFSyntaxError(offset: 0, problem: "object \(reference) is not a stream") }
        return data
    }
    func pages() throws -> [PDFReference] { pageList }
}
