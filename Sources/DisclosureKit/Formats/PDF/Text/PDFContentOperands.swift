import Foundation

/// Content-stream operands (ISO 32000-1 §7.8.2): arrays and dictionaries read as values for the
/// operator that follows, and inline images skipped. Malformed input ends a value early; nothing throws.
extension PDFLexer {
    /// The array whose `[` was just read (nested values at most 32 deep).
    mutating func contentArray(depth: Int) -> [PDFObject] {
        var items: [PDFObject] = []
        while let token = try? next() {
            switch token {
            case .arrayClose: return items
            case .arrayOpen: items.append(depth < 32 ? .array(contentArray(depth: depth + 1)) : .null)
            case .dictionaryOpen: items.append(depth < 32 ? .dictionary(contentDictionary(depth: depth + 1)) : .null)
            case .integer(let v): items.append(.integer(v))
            case .real(let v): items.append(.real(v))
            case .name(let v): items.append(.name(v))
            case .string(let v): items.append(.string(v))
            case .keyword, .dictionaryClose: return items  // a malformed array ends here
            }
            if items.count > 1_000_000 { return items }
        }
        return items
    }

    /// The dictionary whose `<<` was just read (nested values at most 32 deep, 4096 keys at most).
    mutating func contentDictionary(depth: Int) -> PDFDictionary {
        var dict = PDFDictionary()
        var key: String?
        while let token = try? next() {
            let value: PDFObject
            switch token {
            case .dictionaryClose: return dict
            case .name(let v) where key == nil: key = v; continue
            case .arrayOpen: value = depth < 32 ? .array(contentArray(depth: depth + 1)) : .null
            case .dictionaryOpen: value = depth < 32 ? .dictionary(contentDictionary(depth: depth + 1)) : .null
            case .integer(let v): value = .integer(v)
            case .real(let v): value = .real(v)
            case .name(let v): value = .name(v)
            case .string(let v): value = .string(v)
            case .keyword("true"): value = .bool(true)
            case .keyword("false"): value = .bool(false)
            case .keyword, .arrayClose: return dict
            }
            if let k = key, dict.keys.count < 4096 { dict[k] = value }
            key = nil
        }
        return dict
    }

    /// Skips an inline image (`BI` … `ID` data `EI`, §8.9.7): its dictionary, then its data up to
    /// an `EI` that stands alone between white-space (or the end).
    mutating func skipInlineImage() {
        while let token = try? next() {
            if case .keyword(let word) = token {
                if word == "ID" { break }
                if word == "EI" { return }
            }
        }
        var i = position + 1  // one white-space byte follows ID
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "E"), bytes[i + 1] == UInt8(ascii: "I"), i > 0, PDFLexer.isWhitespace(bytes[i - 1]),
               i + 2 >= bytes.count || PDFLexer.isWhitespace(bytes[i + 2]) || PDFLexer.isDelimiter(bytes[i + 2]) {
                seek(i + 2)
                return
            }
            i += 1
        }
        seek(bytes.count)
    }
}
