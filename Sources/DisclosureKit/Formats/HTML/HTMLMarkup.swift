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
    static func disclosureJSON(fromJSONLD text: String) -> Data? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let inner = object["disclose"], JSONSerialization.isValidJSONObject(inner) else { return nil }
        return try? JSONSerialization.data(withJSONObject: inner)
    }
}
