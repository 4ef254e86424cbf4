import Foundation

/// A place in a document that a person can follow: a part (for packages),
/// a paragraph or line number, and a byte offset where the format has one.
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

    /// Creates a location.
    public init(part: String? = nil, paragraph: Int? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.part = part
        self.paragraph = paragraph
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// "word/document.xml, paragraph 12" or "line 3, column 1".
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
}
