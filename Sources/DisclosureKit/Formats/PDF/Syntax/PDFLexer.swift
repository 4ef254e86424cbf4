import Foundation

/// A problem in PDF syntax: where, and what.
struct PDFSyntaxError: Error, Equatable, CustomStringConvertible {
    /// Byte offset in the bytes being read.
    var offset: Int
    var problem: String
    var description: String { "\(problem) at byte \(offset)" }
}

/// One token of PDF syntax (ISO 32000-1 §7.2) or of a content stream (§7.8.2).
enum PDFToken: Equatable {
    case integer(Int)
    case real(String)
    case name(String)
    case string(Data)
    case arrayOpen, arrayClose, dictionaryOpen, dictionaryClose
    /// `true`, `false`, `null`, `R`, `obj`, `stream`, or a content-stream operator (`Tj`, `BT`, `'`).
    case keyword(String)
}

/// Splits PDF bytes into tokens. Never traps on bad input: every problem is a ``PDFSyntaxError``.
struct PDFLexer {
    let bytes: [UInt8]
    private(set) var position: Int
    /// Longest literal or hexadecimal string, in bytes.
    var maxStringBytes = 16 << 20

    init(_ data: Data, from start: Int = 0) {
        self.bytes = [UInt8](data)
        self.position = start
    }

    init(bytes: [UInt8], from start: Int = 0) {
        self.bytes = bytes
        self.position = start
    }

    var atEnd: Bool { mutating get { skipWhitespaceAndComments(); return position >= bytes.count } }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00 }
    static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): return true
        default: return false
        }
    }
    static func isRegular(_ b: UInt8) -> Bool { !isWhitespace(b) && !isDelimiter(b) }

    mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            let b = bytes[position]
            if PDFLexer.isWhitespace(b) { position += 1; continue }
            if b == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                continue
            }
            break
        }
    }

    /// Moves to `offset` (for the parser's look-ahead).
    mutating func seek(_ offset: Int) { position = min(max(0, offset), bytes.count) }

    /// The next token, or nil at the end.
    mutating func next() throws -> PDFToken? {
        skipWhitespaceAndComments()
        guard position < bytes.count else { return nil }
        let start = position
        let b = bytes[position]
        switch b {
        case UInt8(ascii: "["): position += 1; return .arrayOpen
        case UInt8(ascii: "]"): position += 1; return .arrayClose
        case UInt8(ascii: "{"), UInt8(ascii: "}"):
            position += 1; return .keyword(String(UnicodeScalar(b)))  // PostScript calculator functions only
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") { position += 2; return .dictionaryOpen }
            return .string(try hexString())
        case UInt8(ascii: ">"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") { position += 2; return .dictionaryClose }
            throw PDFSyntaxError(offset: start, problem: "a lone '>'")
        case UInt8(ascii: "("): return .string(try literalString())
        case UInt8(ascii: ")"): throw PDFSyntaxError(offset: start, problem: "a lone ')'")
        case UInt8(ascii: "/"): position += 1; return .name(name())
        default:
            while position < bytes.count, PDFLexer.isRegular(bytes[position]) { position += 1 }
            let word = bytes[start..<position]
            if let number = PDFLexer.number(word) { return number }
            return .keyword(String(decoding: word, as: UTF8.self))
        }
    }

    static func number(_ word: ArraySlice<UInt8>) -> PDFToken? {
        guard let first = word.first else { return nil }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) else { return nil }
        var digits = 0, dots = 0
        for (i, c) in word.enumerated() {
            if c >= 0x30 && c <= 0x39 { digits += 1 } else if c == UInt8(ascii: ".") { dots += 1 } else if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && i == 0 {} else { return nil }
        }
        guard digits > 0, dots <= 1 else { return nil }
        let text = String(decoding: word, as: UTF8.self)
        if dots == 0, let v = Int(text) { return .integer(v) }
        if dots == 0 { return .real(text) }  // an integer too large for Int: keep it, as a real
        return .real(text)
    }

    private mutating func name() -> String {
        var scalars = String.UnicodeScalarView()
        while position < bytes.count, PDFLexer.isRegular(bytes[position]) {
            var b = bytes[position]
            if b == UInt8(ascii: "#"), position + 2 < bytes.count, let h = PDFLexer.hexValue(bytes[position + 1]), let l = PDFLexer.hexValue(bytes[position + 2]) {
                b = h << 4 | l
                position += 2
            }
            scalars.append(Unicode.Scalar(b))
            position += 1
        }
        return String(scalars)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    private mutating func hexString() throws -> Data {
        let start = position
        position += 1
        var out = Data()
        var high: UInt8?
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: ">") {
                if let high { out.append(high << 4) }
                return out
            }
            if PDFLexer.isWhitespace(b) { continue }
            guard let v = PDFLexer.hexValue(b) else { throw PDFSyntaxError(offset: position - 1, problem: "a character that is not a hexadecimal digit in a string") }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
            if out.count > maxStringBytes { throw PDFSyntaxError(offset: start, problem: "a string longer than \(maxStringBytes) bytes") }
        }
        throw PDFSyntaxError(offset: start, problem: "a hexadecimal string that never ends")
    }

    private mutating func literalString() throws -> Data {
        let start = position
        position += 1
        var out = Data()
        var depth = 1
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "("): depth += 1; out.append(b)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return out }
                out.append(b)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case 0x0D: if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A: break
                case 0x30...0x37:
                    var v = Int(e - 0x30)
                    for _ in 0..<2 {
                        guard position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x37 else { break }
                        v = v * 8 + Int(bytes[position] - 0x30)
                        position += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: v))
                default: out.append(e)
                }
            case 0x0D:
                // An end of line in a string reads as a line feed (§7.3.4.2).
                if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                out.append(0x0A)
            default: out.append(b)
            }
            if out.count > maxStringBytes { throw PDFSyntaxError(offset: start, problem: "a string longer than \(maxStringBytes) bytes") }
        }
        throw PDFSyntaxError(offset: start, problem: "a string that never ends")
    }
}

/// Parses PDF objects from tokens, with a nesting limit for hostile files.
struct PDFParser {
    var lexer: PDFLexer
    /// Deepest nesting of arrays and dictionaries.
    var maxDepth = 256

    init(_ data: Data, from start: Int = 0) { lexer = PDFLexer(data, from: start) }
    init(lexer: PDFLexer) { self.lexer = lexer }

    /// Parses one object (a reference `n g R` included).
    /// - Throws: ``PDFSyntaxError``; at the end of the input, a syntax error too.
    mutating func parseObject() throws -> PDFObject {
        let offset = lexer.position
        guard let token = try lexer.next() else { throw PDFSyntaxError(offset: offset, problem: "the data ends where an object was expected") }
        return try object(from: token, depth: 0)
    }

    /// Parses one object that begins with `token`.
    mutating func object(from token: PDFToken, depth: Int) throws -> PDFObject {
        guard depth < maxDepth else { throw PDFSyntaxError(offset: lexer.position, problem: "arrays or dictionaries nested more than \(maxDepth) deep") }
        switch token {
        case .integer(let n):
            // `n g R`: look ahead two tokens, and step back when they are not a reference.
            let mark = lexer.position
            if case .integer(let g)? = try? lexer.next(), case .keyword("R")? = try? lexer.next() {
                return .reference(PDFReference(n, g))
            }
            lexer.seek(mark)
            return .integer(n)
        case .real(let s): return .real(s)
        case .name(let s): return .name(s)
        case .string(let d): return .string(d)
        case .keyword("true"): return .bool(true)
        case .keyword("false"): return .bool(false)
        case .keyword("null"): return .null
        case .arrayOpen:
            var items: [PDFObject] = []
            while true {
                let offset = lexer.position
                guard let t = try lexer.next() else { throw PDFSyntaxError(offset: offset, problem: "an array that never ends") }
                if t == .arrayClose { return .array(items) }
                items.append(try object(from: t, depth: depth + 1))
            }
        case .dictionaryOpen:
            var dict = PDFDictionary()
            while true {
                let offset = lexer.position
                guard let t = try lexer.next() else { throw PDFSyntaxError(offset: offset, problem: "a dictionary that never ends") }
                if t == .dictionaryClose { return .dictionary(dict) }
                guard case .name(let key) = t else { throw PDFSyntaxError(offset: offset, problem: "a dictionary key that is not a name") }
                let valueOffset = lexer.position
                guard let v = try lexer.next() else { throw PDFSyntaxError(offset: valueOffset, problem: "a dictionary that never ends") }
                if v == .dictionaryClose { throw PDFSyntaxError(offset: valueOffset, problem: "a dictionary key with no value") }
                dict[key] = try object(from: v, depth: depth + 1)
            }
        case .keyword(let k):
            throw PDFSyntaxError(offset: lexer.position, problem: "'\(k)' where an object was expected")
        case .arrayClose, .dictionaryClose:
            throw PDFSyntaxError(offset: lexer.position, problem: "a closing bracket where an object was expected")
        }
    }
}
