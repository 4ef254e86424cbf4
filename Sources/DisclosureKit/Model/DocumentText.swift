import Foundation

/// One paragraph of text and where it is.
public struct TextParagraph: Equatable, Sendable {
    /// The paragraph's text as a reader sees it (runs joined, no markup).
    public var text: String
    /// Where the paragraph is.
    public var location: Location
    /// How the document itself sets the paragraph apart, where its format says so (a Word
    /// "Quote" style, a code style): the audit does not read a quotation as the author's own
    /// words. Nil when the handler does not say; the audit then reads the markup around the
    /// paragraph (Markdown `>` and fences, HTML `<blockquote>`, `<pre>`).
    public var setting: TextSetting?

    /// Creates a paragraph.
    public init(text: String, location: Location, setting: TextSetting? = nil) {
        self.text = text
        self.location = location
        self.setting = setting
    }
}

/// Where a paragraph sits: in running text, in a quotation, or in code.
public enum TextSetting: String, Codable, Sendable {
    /// Running text: the author's own words.
    case plain
    /// A quotation (a blockquote, a Word "Quote" paragraph).
    case quoted
    /// Code or preformatted text.
    case code
}

/// A stream of paragraphs in reading order: the body, or headers, footnotes, comments...
public struct TextStream: Equatable, Sendable {
    /// Stream name: `body`, `headers`, `footers`, `footnotes`, `endnotes`, `comments`.
    public var name: String
    /// The paragraphs in reading order.
    public var paragraphs: [TextParagraph]

    /// Creates a stream.
    public init(name: String, paragraphs: [TextParagraph]) {
        self.name = name
        self.paragraphs = paragraphs
    }
}

/// A document's text, as streams; the body stream comes first.
public struct DocumentText: Equatable, Sendable {
    /// The streams, body first.
    public var streams: [TextStream]

    /// Creates document text.
    public init(streams: [TextStream]) {
        self.streams = streams
    }

    /// The body stream's paragraphs (empty when there is none).
    public var body: [TextParagraph] {
        streams.first(where: { $0.name == "body" })?.paragraphs ?? []
    }
}
