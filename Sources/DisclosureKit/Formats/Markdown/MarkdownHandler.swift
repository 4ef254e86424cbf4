import Foundation

/// Markdown (CommonMark with GitHub extensions), parsed with cmark-gfm. See `docs/markdown-html.md`.
public struct MarkdownHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: String { "markdown" }
    public var displayName: String { "Markdown" }
    public var fileExtensions: Set<String> { ["md", "markdown", "mdown", "mkd"] }

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

/// One line of a text: where it starts, where its content ends, where the next line starts.
struct TextLine {
    var start: Int
    var contentEnd: Int
    var next: Int
}

extension TextLine {
    static func split(_ b: [UInt8]) -> [TextLine] {
        var lines: [TextLine] = []
        var start = 0
        var i = 0
        while i < b.count {
            if b[i] == 0x0A || b[i] == 0x0D {
                let end = i
                if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                lines.append(TextLine(start: start, contentEnd: end, next: i + 1))
                start = i + 1
            }
            i += 1
        }
        if start < b.count { lines.append(TextLine(start: start, contentEnd: b.count, next: b.count)) }
        return lines
    }

    func text(_ b: [UInt8]) -> String { String(decoding: b[start..<contentEnd], as: UTF8.self) }
}
