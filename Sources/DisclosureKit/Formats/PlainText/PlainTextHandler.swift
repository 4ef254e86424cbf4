import Foundation

/// Plain text files (`.txt`): read with the Markdown reader's encoding rules (``TextFile``),
/// paragraphs split on blank lines. The statement is a paragraph of its own and the metadata a
/// marked block after it, modelled on C2PA's structured-text manifest block. See `docs/txt.md`.
public struct PlainTextHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "txt" }
    public var displayName: String { "Plain text" }
    public var primaryExtension: String { "txt" }
    public var mediaTypes: [String] { ["text/plain"] }
    public var fileExtensions: Set<String> { ["txt"] }

    /// Never claims a file by its content: almost any file without an extension could be
    /// "text", and `.md` and `.html` files belong to their own handlers.
    public func sniff(head: Data) -> Bool { false }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        try input.limits.checkTextSize(input, kind: "plain text")
        return try PlainTextDocument(input: input, handler: self)
    }
}

/// The lines that delimit our metadata block in a plain text file.
enum PlainTextMarkers {
    static let begin = "-----BEGIN AI DISCLOSURE-----"
    static let end = "-----END AI DISCLOSURE-----"
}
