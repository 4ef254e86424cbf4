import Foundation

/// The markup we insert into pages, and how text is escaped for them.
enum HTMLMarkup {
    static let attribute = "data-disclose"

    /// Text escaped for HTML; with `asciiOnly`, every non-ASCII character becomes a numeric reference.
    static func escape(_ s: String, asciiOnly: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if asciiOnly && scalar.value >= 0x80 { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The statement's default style: a rule and padding that set it apart from body text,
    /// in the page's own font and colour (`currentColor`, no font or colour of its own).
    /// An inline `style` attribute, so that it travels with the statement and needs no edit
    /// of the page's head; under a Content-Security-Policy whose `style-src` blocks inline
    /// styles, browsers ignore it and show the statement unstyled (docs/markdown-html.md).
    static let statementStyle = "margin:1.5em 0;padding:0.75em 1em;border:1px solid;border-inline-start-width:4px;border-radius:4px"

    static func statement(_ text: String, language: String, asciiOnly: Bool, styled: Bool = true) -> String {
        let style = styled ? " style=\"\(statementStyle)\"" : ""
        return "<aside class=\"ai-disclosure\" \(attribute)=\"statement\" role=\"note\" lang=\"\(escape(language, asciiOnly: true))\"\(style)><p>\(escape(text, asciiOnly: asciiOnly))</p></aside>"
    }

    /// The W3C meta tags, then the JSON-LD block; each followed by `eol`.
    static func metadata(_ request: StampRequest, eol: String, xhtml: Bool, asciiOnly: Bool) -> String {
        let d = request.disclosure
        let close = xhtml ? " />" : ">"
        var metas: [(String, String)] = [("ai-disclosure", d.w3cDisclosureValue)]
        if let tool = d.tools.first {
            metas.append(("ai-model", tool.model ?? tool.name))
            if let provider = tool.provider { metas.append(("ai-provider", provider)) }
        }
        var out = ""
        for (name, content) in metas {
            out += "<meta name=\"\(name)\" content=\"\(escape(content, asciiOnly: asciiOnly))\" \(attribute)=\"meta\"\(close)" + eol
        }
        out += "<script type=\"application/ld+json\" \(attribute)=\"metadata\">" + jsonLD(request, asciiOnly: asciiOnly) + "</script>" + eol
        return out
    }

    /// schema.org JSON-LD with the IPTC digital source type; our whole disclosure under `disclose`.
    /// `<`, `>` and `&` are written as \u escapes, so the script can never close early and XHTML stays well-formed.
    /// With `asciiOnly` (legacy encodings), non-ASCII characters are written as JSON \u escapes.
    static func jsonLD(_ request: StampRequest, asciiOnly: Bool) -> String {
        let d = request.disclosure
        let head = "{\"@context\":\"https://schema.org\",\"@type\":\"CreativeWork\",\"digitalSourceType\":\"\(d.extent.iptcDigitalSourceType)\",\"disclose\":"
        var out = ""
        for scalar in (head + request.json + "}").unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if asciiOnly && scalar.value >= 0x80 {
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Our disclosure's JSON from a JSON-LD block we wrote.
    ///
    /// A block in exactly the shape ``jsonLD(_:asciiOnly:)`` writes is answered with the bytes of
    /// its `disclose` value, checked by ``JSONLDShape`` (no `JSONSerialization` round trip); any
    /// other block takes the general path. Both answers decode to the same disclosure: the shape
    /// admits only JSON that `JSONSerialization` reads and writes back with the same values.
    static func disclosureJSON(fromJSONLD text: String) -> Data? {
        if let inner = JSONLDShape.disclosure(in: text) { return inner }
        return disclosureJSONByRoundTrip(fromJSONLD: text)
    }

    /// The general path: parse the block, take `disclose`, write it back.
    static func disclosureJSONByRoundTrip(fromJSONLD text: String) -> Data? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let inner = object["disclose"], JSONSerialization.isValidJSONObject(inner) else { return nil }
        return try? JSONSerialization.data(withJSONObject: inner)
    }
}

/// The JSON-LD blocks ``HTMLMarkup/jsonLD(_:asciiOnly:)`` writes, recognised from their bytes.
///
/// Accepted: the fixed head (`@context`, `@type`, a plain `digitalSourceType` string), then
/// `"disclose":` and an object, then the closing `}`, with no white space, in a strict subset
/// of JSON: ASCII keys without escapes, no key twice in one object, strings with the escapes
/// JSON allows (no `\u0000`, no surrogate halves), integers of at most 15 digits (not `-0`),
/// `true`, `false`, `null`, nesting at most 32 deep. For such a block, `JSONSerialization`
/// reads the whole block, its `disclose` value is an object, and writing that value back gives
/// JSON with the same keys and values, so decoding the accepted bytes gives the same result as
/// decoding the round trip's. Anything else returns nil (the caller takes the general path).
enum JSONLDShape {
    private static let head = Array(#"{"@context":"https://schema.org","@type":"CreativeWork","digitalSourceType":""#.utf8)
    private static let discloseKey = Array(#"","disclose":"#.utf8)
    private static let maxDepth = 32

    static func disclosure(in text: String) -> Data? {
        var text = text
        return text.withUTF8 { buffer -> Data? in
            guard let range = disclosureRange(buffer) else { return nil }
            return Data(buffer: UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }

    /// The byte range of the `disclose` value, when the whole block has the accepted shape.
    static func disclosureRange(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard b.count > head.count + discloseKey.count + 1, b.starts(with: head) else { return nil }
        var i = head.count
        // The digital source type: printable ASCII other than `"` and `\`.
        while i < b.count, b[i] != 0x22 {
            guard b[i] >= 0x20, b[i] < 0x7F, b[i] != 0x5C else { return nil }
            i += 1
        }
        guard b.count - i >= discloseKey.count, b[i..<(i + discloseKey.count)].elementsEqual(discloseKey) else { return nil }
        i += discloseKey.count
        let start = i
        guard i < b.count, b[i] == 0x7B, let end = value(b, from: i, depth: 0) else { return nil }
        guard end == b.count - 1, b[end] == 0x7D else { return nil }
        return start..<end
    }

    /// The index just past the value starting at `i`, or nil when it is not in the accepted subset.
    private static func value(_ b: UnsafeBufferPointer<UInt8>, from i: Int, depth: Int) -> Int? {
        guard i < b.count, depth <= maxDepth else { return nil }
        switch b[i] {
        case 0x7B: // {
            var i = i + 1
            guard i < b.count else { return nil }
            if b[i] == 0x7D { return i + 1 }
            var keys: [Range<Int>] = []
            while true {
                guard i < b.count, b[i] == 0x22 else { return nil }
                let keyStart = i + 1
                var j = keyStart
                while j < b.count, b[j] != 0x22 {
                    guard b[j] >= 0x20, b[j] < 0x7F, b[j] != 0x5C else { return nil }
                    j += 1
                }
                guard j < b.count else { return nil }
                let key = keyStart..<j
                for seen in keys where b[seen].elementsEqual(b[key]) { return nil }
                keys.append(key)
                i = j + 1
                guard i < b.count, b[i] == 0x3A, let next = value(b, from: i + 1, depth: depth + 1) else { return nil }
                i = next
                guard i < b.count else { return nil }
                if b[i] == 0x7D { return i + 1 }
                guard b[i] == 0x2C else { return nil }
                i += 1
            }
        case 0x5B: // [
            var i = i + 1
            guard i < b.count else { return nil }
            if b[i] == 0x5D { return i + 1 }
            while true {
                guard let next = value(b, from: i, depth: depth + 1) else { return nil }
                i = next
                guard i < b.count else { return nil }
                if b[i] == 0x5D { return i + 1 }
                guard b[i] == 0x2C else { return nil }
                i += 1
            }
        case 0x22: return string(b, from: i)
        case 0x74: return literal(b, from: i, "true")
        case 0x66: return literal(b, from: i, "false")
        case 0x6E: return literal(b, from: i, "null")
        case 0x2D, 0x30...0x39: return integer(b, from: i)
        default: return nil
        }
    }

    private static func string(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start + 1
        while i < b.count {
            let c = b[i]
            if c == 0x22 { return i + 1 }
            guard c >= 0x20 else { return nil }
            if c == 0x5C {
                guard i + 1 < b.count else { return nil }
                switch b[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                case 0x75:
                    guard i + 5 < b.count else { return nil }
                    var unit: UInt32 = 0
                    for k in (i + 2)...(i + 5) {
                        let h = b[k]
                        let digit: UInt8
                        switch h {
                        case 0x30...0x39: digit = h - 0x30
                        case 0x61...0x66: digit = h - 0x61 + 10
                        case 0x41...0x46: digit = h - 0x41 + 10
                        default: return nil
                        }
                        unit = unit << 4 | UInt32(digit)
                    }
                    guard unit != 0, !(0xD800...0xDFFF).contains(unit) else { return nil }
                    i += 6
                default: return nil
                }
            } else {
                i += 1
            }
        }
        return nil
    }

    private static func literal(_ b: UnsafeBufferPointer<UInt8>, from i: Int, _ word: StaticString) -> Int? {
        let n = word.utf8CodeUnitCount
        guard b.count - i >= n else { return nil }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return nil }
        return i + n
    }

    private static func integer(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        if b[i] == 0x2D { i += 1 }
        let digits = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        let count = i - digits
        guard count >= 1, count <= 15 else { return nil }
        if b[digits] == 0x30 {
            // "0" alone; no leading zeros, and no "-0".
            guard count == 1, digits == start else { return nil }
        }
        // A fraction or exponent is outside the subset.
        if i < b.count, b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { return nil }
        return i
    }
}
