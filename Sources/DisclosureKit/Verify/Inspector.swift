import Foundation

/// What `show` reports for one file.
public struct ShowResult: Sendable {
    /// The file.
    public var path: String
    /// The format's identifier.
    public var format: String
    /// Our stamp as found.
    public var found: FoundStamp
    /// The disclosure, when the metadata decoded.
    public var disclosure: Disclosure?
    /// Why the metadata did not decode, when it did not.
    public var decodeProblem: String?
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
        let document = try loader.open(path)
        let found = try document.findStamp()
        var disclosure: Disclosure?
        var problem: String?
        if let json = found.metadata?.json {
            do { disclosure = try Disclosure.decode(json: json, path: path) } catch let error as DisclosureError { problem = Verifier.reason(error) }
        }
        return ShowResult(path: path, format: document.handler.id, found: found, disclosure: disclosure, decodeProblem: problem)
    }
}
