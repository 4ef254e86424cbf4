import Foundation

/// A place in a document that a person can follow: a part (for packages),
/// a paragraph or line number, and a byte offset where the format has one, with the same
/// place in words a reader understands ("in the page header", "paragraph 4 of 30").
public struct Location: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The part inside a package, e.g. `word/document.xml`; nil for single-file formats.
    public var part: String?
    /// 1-based paragraph number within the part or stream.
    public var paragraph: Int?
    /// 1-based line number, for text formats.
    public var line: Int?
    /// 1-based column, for text formats.
    public var column: Int?
    /// 0-based byte offset into the part (or file), where known.
    public var byteOffset: Int?
    /// The place in words for people ("end of the document", "in a footnote"), encoded as
    /// `where`; nil when the place was not described (see ``Location/placeWords(stream:index:count:)``).
    public var words: String?

    /// Creates a location.
    public init(part: String? = nil, paragraph: Int? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil,
                words: String? = nil) {
        self.part = part
        self.paragraph = paragraph
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.words = words
    }

    enum CodingKeys: String, CodingKey {
        case part, paragraph, line, column, byteOffset, words = "where"
    }

    /// "word/document.xml, paragraph 12" or "line 3, column 1": the exact place, for machines and fixers.
    public var description: String {
        var pieces: [String] = []
        if let part { pieces.append(part) }
        if let paragraph { pieces.append("paragraph \(paragraph)") }
        if let line {
            pieces.append(column.map { "line \(line), column \($0)" } ?? "line \(line)")
        }
        if pieces.isEmpty, let byteOffset { pieces.append("byte \(byteOffset)") }
        return pieces.isEmpty ? "document" : pieces.joined(separator: ", ")
    }

    /// The place for people: ``words`` when known, else the paragraph or line number, else
    /// "in the file's metadata" (never a package part name such as `word/document.xml`).
    public var plainWords: String {
        if let words { return words }
        if let paragraph { return "paragraph \(paragraph)" }
        if let line { return "line \(line)" }
        return part == nil && byteOffset != nil ? "byte \(byteOffset!)" : "in the file's metadata"
    }

    /// Words for a place in one of a document's text streams. The stream names are the ones
    /// ``TextStream`` uses for every format (`body`, `headers`, `footers`, `footnotes`,
    /// `endnotes`, `comments`, `textboxes`), plus `metadata` for a file's properties, so this
    /// wording knows nothing of any one format.
    /// - Parameters:
    ///   - stream: the stream's name.
    ///   - index: the 1-based paragraph number within the stream.
    ///   - count: how many paragraphs the stream has.
    /// - Returns: e.g. "start of the document", "paragraph 4 of 30", "end of the document", "in the page header".
    public static func placeWords(stream: String, index: Int, count: Int) -> String {
        switch stream {
        case "body":
            if count > 3 && index > count - 3 { return "end of the document (paragraph \(index) of \(count))" }
            if count > 3 && index <= 2 { return "start of the document (paragraph \(index) of \(count))" }
            return "paragraph \(index) of \(count)"
        case "headers": return "in the page header"
        case "footers": return "in the page footer"
        case "footnotes": return "in a footnote"
        case "endnotes": return "in an endnote"
        case "comments": return "in a comment"
        case "textboxes": return "in a text box"
        case "metadata": return "in the file's properties"
        default: return "in the \(stream)"
        }
    }
}

extension DocumentText {
    /// The same text with every paragraph's location described in words
    /// (``Location/placeWords(stream:index:count:)``), so findings and declarations read
    /// from it carry their place for people.
    public func describingPlaces() -> DocumentText {
        DocumentText(streams: streams.map { stream in
            let count = stream.paragraphs.count
            return TextStream(name: stream.name, paragraphs: stream.paragraphs.enumerated().map { i, paragraph in
                var paragraph = paragraph
                if paragraph.location.words == nil {
                    paragraph.location.words = Location.placeWords(stream: stream.name, index: i + 1, count: count)
                }
                return paragraph
            })
        })
    }
}
