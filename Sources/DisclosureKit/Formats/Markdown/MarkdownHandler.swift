import Foundation

/// Markdown (CommonMark with GitHub extensions), parsed with cmark-gfm. See `docs/markdown-html.md`.
public struct MarkdownHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "markdown" }
    public var displayName: String { "Markdown" }
    public var primaryExtension: String { "md" }
    public var mediaTypes: [String] { ["text/markdown"] }
    public var fileExtensions: Set<String> { ["md", "markdown", "mdown", "mkd"] }
    /// cmark-gfm copies what it is fed, so a large file is mapped and fed a chunk at a time.
    public var parserCopiesInput: Bool { true }

    public func sniff(head: Data) -> Bool { false }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        try input.limits.checkTextSize(input, kind: "Markdown")
        return try MarkdownDocument(input: input, handler: self)
    }
}

/// Our markers in Markdown.
enum MarkdownMarkers {
    static let begin = "<!-- disclose:statement:begin -->"
    /// The begin marker used when the document ended inside an unclosed code fence: the
    /// closing fence line above the block was added by the stamp and goes with it.
    static let beginAfterFence = "<!-- disclose:statement:begin after-closing-fence -->"
    static let end = "<!-- disclose:statement:end -->"
    static let metadataComment = "<!-- disclose:metadata "
    static let frontMatterKey = "ai_disclosure"
}
