import Foundation

/// Small byte helpers for splicing XML parts.
enum XMLBytes {
    /// True when `bytes` may hold an element called `name`, with or without a prefix: `name`
    /// right after `<`, or after `prefix:` whose `prefix` (ASCII letters, digits, `_`, `-`, `.`,
    /// or any byte over 0x7F) follows a `<`. A cheap, exact test before a regular expression
    /// that needs such an element (`<(\w+:)?name…`): false only when it cannot match. An
    /// attribute of that name (`w:color="808080"`) is not an element.
    static func mayHoldElement(_ name: String, in bytes: Data) -> Bool {
        let needle = Array(name.utf8)
        guard !needle.isEmpty else { return false }
        return bytes.withUnsafeBytes { raw -> Bool in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count, m = needle.count
            guard n > m else { return false }
            var i = 1
            while i + m <= n {
                if b[i] == needle[0], memcmp(b.baseAddress! + i, needle, m) == 0 {
                    let before = b[i - 1]
                    if before == UInt8(ascii: "<") { return true }
                    if before == UInt8(ascii: ":") {
                        var j = i - 2
                        while j >= 0, isNameByte(b[j]) { j -= 1 }
                        if j >= 0, j < i - 2, b[j] == UInt8(ascii: "<") { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

    @inline(__always) private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D || c == 0x2E || c >= 0x80
    }

    /// The offset of the root element's end tag (`</...>`, the last one in the part) and its prefix.
    static func rootEndTag(_ data: Data) -> (offset: Int, prefix: String?)? {
        let bytes = [UInt8](data.suffix(4096))
        let base = data.count - bytes.count
        guard bytes.count >= 2 else { return nil }
        var i = bytes.count - 2
        while i >= 0 {
            if bytes[i] == UInt8(ascii: "<") && bytes[i + 1] == UInt8(ascii: "/") {
                let nameBytes = bytes[(i + 2)...].prefix { $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: " ") && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                let prefix = name.contains(":") ? String(name.split(separator: ":")[0]) : nil
                return (base + i, prefix)
            }
            i -= 1
        }
        return nil
    }

    /// An edit that puts `xml` (built for the given root prefix) just inside the end of the
    /// root element; a self-closing root (`<Properties ... />`) is opened and closed around it.
    /// `xml`'s second argument is true when the root was self-closing, so the caller can mark
    /// what it inserts and ``closingEmptyRoot(_:removing:)`` can close it again.
    static func insertionAtRootEnd(_ data: Data, _ xml: (_ prefix: String?, _ openedEmptyRoot: Bool) -> String) -> (range: Range<Int>, replacement: Data)? {
        if let end = rootEndTag(data) {
            return (end.offset..<end.offset, Data(xml(end.prefix, false).utf8))
        }
        let bytes = [UInt8](data)
        guard let close = bytes.indices.last(where: { $0 + 1 < bytes.count && bytes[$0] == UInt8(ascii: "/") && bytes[$0 + 1] == UInt8(ascii: ">") }),
              let open = bytes[..<close].lastIndex(of: UInt8(ascii: "<")) else { return nil }
        let name = String(decoding: bytes[(open + 1)...].prefix { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">")) }, as: UTF8.self)
        let prefix = name.contains(":") ? String(name.split(separator: ":")[0]) : nil
        return (close..<close + 2, Data((">" + xml(prefix, true) + "</\(name)>").utf8))
    }

    /// The offset of the `>` that ends the root element's start tag (after any BOM, XML
    /// declaration, processing instructions and comments; quotes in attribute values respected).
    static func rootStartTagEnd(_ data: Data) -> Int? {
        let base = data.startIndex, count = data.count
        var i = 0
        func at(_ k: Int) -> UInt8 { data[base + k] }
        func skip(past terminator: [UInt8], from k: Int) -> Int? {
            var j = k
            while j + terminator.count <= count {
                if (0..<terminator.count).allSatisfy({ at(j + $0) == terminator[$0] }) { return j + terminator.count }
                j += 1
            }
            return nil
        }
        while i + 1 < count {
            guard at(i) == UInt8(ascii: "<") else { i += 1; continue }
            if at(i + 1) == UInt8(ascii: "?") { guard let j = skip(past: Array("?>".utf8), from: i + 2) else { return nil }; i = j; continue }
            if at(i + 1) == UInt8(ascii: "!") { guard let j = skip(past: Array("-->".utf8), from: i + 2) else { return nil }; i = j; continue }
            var quote: UInt8?
            var j = i + 1
            while j < count {
                let c = at(j)
                if let q = quote { if c == q { quote = nil } } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c } else if c == UInt8(ascii: ">") { return j }
                j += 1
            }
            return nil
        }
        return nil
    }

    /// `data` with `ranges` removed and the root closed as `/>` again, when those ranges are the
    /// root's whole content (what we put into a self-closing root we opened); nil otherwise.
    static func closingEmptyRoot(_ data: Data, removing ranges: [Range<Int>]) -> Data? {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        guard let start = rootStartTagEnd(data), start > 0, data[data.startIndex + start - 1] != UInt8(ascii: "/"),
              let end = rootEndTag(data), let first = sorted.first, let last = sorted.last,
              first.lowerBound == start + 1, last.upperBound == end.offset,
              zip(sorted, sorted.dropFirst()).allSatisfy({ $0.upperBound == $1.lowerBound }),
              let close = data[(data.startIndex + end.offset)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return splice(data, [(start..<(close - data.startIndex + 1), Data("/>".utf8))])
    }

    /// Applies non-overlapping edits (ranges in `data`) in one pass.
    static func splice(_ data: Data, _ edits: [(range: Range<Int>, replacement: Data)]) -> Data {
        let sorted = edits.enumerated().sorted {
            $0.element.range.lowerBound != $1.element.range.lowerBound
                ? $0.element.range.lowerBound < $1.element.range.lowerBound
                : ($0.element.range.isEmpty && !$1.element.range.isEmpty) || ($0.element.range.isEmpty == $1.element.range.isEmpty && $0.offset < $1.offset)
        }.map(\.element)
        var out = Data()
        out.reserveCapacity(data.count + sorted.reduce(0) { $0 + $1.replacement.count })
        var cursor = 0
        for edit in sorted {
            let lower = max(edit.range.lowerBound, cursor)
            if lower > cursor { out.append(data[data.startIndex + cursor..<data.startIndex + lower]) }
            out.append(edit.replacement)
            cursor = max(cursor, edit.range.upperBound)
        }
        if cursor < data.count { out.append(data[(data.startIndex + cursor)...]) }
        return out
    }

    /// The same result as ``splice(_:_:)`` as a list of pieces that share `data`'s storage
    /// (slices of a `Data` are not copies): for parts too large to copy.
    static func splicePieces(_ data: Data, _ edits: [(range: Range<Int>, replacement: Data)]) -> [Data] {
        let sorted = edits.enumerated().sorted {
            $0.element.range.lowerBound != $1.element.range.lowerBound
                ? $0.element.range.lowerBound < $1.element.range.lowerBound
                : ($0.element.range.isEmpty && !$1.element.range.isEmpty) || ($0.element.range.isEmpty == $1.element.range.isEmpty && $0.offset < $1.offset)
        }.map(\.element)
        var out: [Data] = []
        var cursor = 0
        for edit in sorted {
            let lower = max(edit.range.lowerBound, cursor)
            if lower > cursor { out.append(data[data.startIndex + cursor..<data.startIndex + lower]) }
            if !edit.replacement.isEmpty { out.append(edit.replacement) }
            cursor = max(cursor, edit.range.upperBound)
        }
        if cursor < data.count { out.append(data[(data.startIndex + cursor)...]) }
        return out
    }

    /// The first offset of `needle` in `data`, if any (nil for an empty needle, as
    /// `Data.range(of:)` gives). Searched by ``ByteSearch``: Foundation's `range(of:)` goes
    /// through `NSData`, whose first use in a run costs about 1 M instructions of look-ups.
    static func find(_ needle: String, in data: Data) -> Int? {
        var needle = needle
        return needle.withUTF8 { wanted in
            data.withUnsafeBytes { ByteSearch.firstOffset(of: UnsafeRawBufferPointer(wanted), in: $0) }
        }
    }

    /// Text with XML's predefined entities and character references resolved (the inverse of
    /// ``escape(_:quotes:newlineReference:)``); any other reference is kept as written. Used for
    /// attribute values from SAX2, which keep entity references, and for text cut out of XMP packets.
    static func unescape(_ s: String) -> String {
        // A byte check: `contains("&")` goes through Foundation's `range(of:)` (about 9,000
        // instructions a call; 47 M of a 1,000-file audit's DOCX metadata).
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    /// Text escaped for XML character data (`quotes` false) or attribute values (`quotes` true);
    /// characters XML 1.0 forbids are dropped. `newlineReference` writes a line feed in an
    /// attribute as `&#10;`, so attribute-value normalisation keeps it.
    static func escape(_ s: String, quotes: Bool, newlineReference: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&apos;"
            case "\n" where quotes && newlineReference: out += "&#10;"
            default:
                let v = scalar.value
                if v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000 {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
