import Foundation

/// The end of a PDF file as an incremental update needs it (ISO 32000-1 §7.5.5, §7.5.6): where
/// the last cross-reference section is, of which kind, the trailer it carries, and whether the
/// file ends with an end-of-line after `%%EOF`. Read from the file's bytes alone.
struct PDFFileTail: Equatable, Sendable {
    /// The kind of a cross-reference section.
    enum XRefKind: Equatable, Sendable {
        /// A classic table (`xref` keyword, then a `trailer` dictionary).
        case table
        /// A cross-reference stream, the indirect object `reference` (§7.5.8).
        case stream(PDFReference)
    }

    /// The file's length in bytes.
    var length: Int
    /// The offset after the last `startxref`.
    var startxref: Int
    /// What is at ``startxref``.
    var kind: XRefKind
    /// The trailer dictionary (for a cross-reference stream, the stream's dictionary).
    var trailer: PDFDictionary
    /// True when the last `%%EOF` is followed by CR or LF, so appended bytes start on a new line.
    var endsWithEOL: Bool

    /// How far from the end `startxref` is looked for (§7.5.5 puts it in the last lines; some writers add junk).
    static let searchWindow = 4096
    /// How much of a cross-reference section is read to find its trailer.
    static let trailerWindow = 1 << 20

    /// Reads the tail of `data`.
    /// - Throws: ``PDFSyntaxError`` when there is no `startxref`, or its offset does not lead to a
    ///   cross-reference table or stream.
    static func read(_ data: Data) throws -> PDFFileTail {
        let bytes = data
        let base = bytes.startIndex
        let window = max(0, bytes.count - searchWindow)
        guard let sx = lastIndex(of: Array("startxref".utf8), in: bytes, from: window) else {
            throw PDFSyntaxError(offset: bytes.count, problem: "no 'startxref' in the last \(searchWindow) bytes")
        }
        var lexer = PDFLexer(bytes: [UInt8](bytes[(base + sx + 9)..<(base + bytes.count)]))
        guard case .integer(let offset)? = try lexer.next(), offset >= 0, offset < bytes.count else {
            throw PDFSyntaxError(offset: sx, problem: "'startxref' not followed by an offset inside the file")
        }
        var endsWithEOL = false
        if let eof = lastIndex(of: Array("%%EOF".utf8), in: bytes, from: sx) {
            let after = eof + 5
            if after < bytes.count { endsWithEOL = bytes[base + after] == 0x0A || bytes[base + after] == 0x0D }
        }
        let end = min(bytes.count, offset + trailerWindow)
        var section = [UInt8](bytes[(base + offset)..<(base + end)])
        // Some writers point at the end of line before the section.
        let lead = section.prefix(while: PDFLexer.isWhitespace).count
        if lead > 0 { section.removeFirst(lead) }
        if section.starts(with: Array("xref".utf8)) {
            guard let t = firstIndex(of: Array("trailer".utf8), in: section) else {
                throw PDFSyntaxError(offset: offset, problem: "a cross-reference table with no 'trailer'")
            }
            var parser = PDFParser(lexer: PDFLexer(bytes: section, from: t + 7))
            guard case .dictionary(let trailer) = try parser.parseObject() else {
                throw PDFSyntaxError(offset: offset + t, problem: "a 'trailer' not followed by a dictionary")
            }
            return PDFFileTail(length: bytes.count, startxref: offset, kind: .table, trailer: trailer, endsWithEOL: endsWithEOL)
        }
        var parser = PDFParser(lexer: PDFLexer(bytes: section))
        guard case .integer(let number)? = try parser.lexer.next(), case .integer(let generation)? = try parser.lexer.next(),
              case .keyword("obj")? = try parser.lexer.next(), case .dictionary(let dict) = try parser.parseObject(),
              dict["Type"]?.nameValue == "XRef" else {
            throw PDFSyntaxError(offset: offset, problem: "'startxref' points at neither 'xref' nor a cross-reference stream")
        }
        return PDFFileTail(length: bytes.count, startxref: offset, kind: .stream(PDFReference(number, generation)), trailer: dict,
                           endsWithEOL: endsWithEOL)
    }

    static func lastIndex(of needle: [UInt8], in data: Data, from start: Int) -> Int? {
        let base = data.startIndex
        var i = data.count - needle.count
        while i >= start {
            if data[base + i] == needle[0] {
                var match = true
                for k in 1..<needle.count where data[base + i + k] != needle[k] { match = false; break }
                if match { return i }
            }
            i -= 1
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
