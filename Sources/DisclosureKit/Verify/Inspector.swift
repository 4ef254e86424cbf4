import Foundation

/// What `show` reports for one file.
public struct ShowResult: Sendable {
    /// The file.
    public var path: String
    /// The format's identifier.
    public var format: FormatID
    /// Our stamp as found.
    public var found: FoundStamp
    /// The disclosure, when the metadata decoded.
    public var disclosure: Disclosure?
    /// Why the metadata did not decode, when it did not.
    public var decodeProblem: String?
    /// Declarations made another way (written, W3C, C2PA, IETF, schema.org), with their facts, as the audit finds them.
    public var declarations: [Declaration] = []
}

/// Finds and decodes the disclosure in a file without judging it.
public struct Inspector: Sendable {
    /// Reads and opens documents.
    public var loader: DocumentLoader

    /// Creates an inspector.
    public init(loader: DocumentLoader = DocumentLoader()) {
        self.loader = loader
    }

    /// The disclosure in the file at `path`, and where.
    public func show(path: String) throws -> ShowResult {
        let data = try loader.readBytes(at: path)
        let document = try loader.handler(for: path, data: data).open(DocumentInput(data: data, path: path, limits: loader.limits))
        let found = try document.findStamp()
        var disclosure: Disclosure?
        var problem: String?
        if let json = found.metadata?.json {
            do { disclosure = try Disclosure.decode(json: json, path: path) } catch let error as DisclosureError { problem = Verifier.reason(error) }
        }
        var result = ShowResult(path: path, format: document.handler.id, found: found, disclosure: disclosure, decodeProblem: problem)
        result.declarations = try EvidenceScanner.declarations(in: document, raw: data, path: path)
        return result
    }
}
