import Foundation

/// YAML (`---`) or TOML (`+++`) front matter at the start of a Markdown file.
struct FrontMatter {
    enum Kind { case yaml, toml }
    var kind: Kind
    /// Index of the opening fence line and the closing fence line.
    var openLine: Int
    var closeLine: Int
    /// UTF-8 offsets: the whole block (fences included, with the closing line's end) and the closing line's start.
    var range: Range<Int>
    var closeStart: Int

    /// Finds front matter. A block counts only when it closes and looks like a mapping
    /// (`key:` in YAML, `key =` or `[table]` in TOML), so a thematic break followed by a
    /// setext heading (`---` / `Foo` / `---`) is not mistaken for it.
    static let yamlKey = CompiledPattern(#"^[A-Za-z0-9_"'][^:]*:(\s|$)"#)

    /// Whether `line` starts like a YAML key, as ``yamlKey`` says, answered from the bytes when
    /// the byte after the first colon is ASCII (compiling the pattern cost about 8 million
    /// instructions, a tenth of a one-file audit): the line starts with a letter, digit, `_`, `"`
    /// or `'`, has a colon, and the first colon ends the line or is followed by ICU's `\s` (among
    /// ASCII: tab, line feed, vertical tab, form feed, carriage return and space; `FrontMatterKeyTests`
    /// found the vertical tab, which ICU's documentation leaves out). Otherwise the pattern answers.
    static func looksLikeYAMLKey(_ line: String) -> Bool {
        var line = line
        let quick = line.withUTF8 { b -> Bool? in
            guard let first = b.first else { return false }
            let starts = (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
                || first == 0x5F || first == 0x22 || first == 0x27
            guard starts else { return false }
            guard let colon = b.firstIndex(of: 0x3A) else { return false }
            guard colon + 1 < b.count else { return true }
            let next = b[colon + 1]
            guard next < 0x80 else { return nil }
            return next == 0x20 || (next >= 0x09 && next <= 0x0D)
        }
        return quick ?? (yamlKey.firstRange(in: line) != nil)
    }
    private static let tomlKey = CompiledPattern(#"^([A-Za-z0-9_."'-]+\s*=|\[)"#)

    static func detect(_ b: [UInt8], lines: [TextLine]) -> FrontMatter? {
        detect(Data(b), lines: lines)
    }

    static func detect(_ b: Data, lines: [TextLine]) -> FrontMatter? {
        guard let first = lines.first else { return nil }
        // Byte comparisons: the first line may be megabytes long, and there may be many lines.
        func trimmed(_ line: TextLine) -> Data {
            var s = line.start, e = line.contentEnd
            while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
            while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            return b[s..<e]
        }
        let yamlFence = Array("---".utf8), yamlEnd = Array("...".utf8), tomlFence = Array("+++".utf8)
        let opening = trimmed(first)
        let kind: Kind
        if opening.elementsEqual(yamlFence) { kind = .yaml } else if opening.elementsEqual(tomlFence) { kind = .toml } else { return nil }
        for index in 1..<max(1, lines.count) {
            let t = trimmed(lines[index])
            let closes = kind == .yaml ? (t.elementsEqual(yamlFence) || t.elementsEqual(yamlEnd)) : t.elementsEqual(tomlFence)
            guard closes else { continue }
            let content = lines[1..<index].map { $0.text(b) }
            let looksRight = content.contains { line in
                kind == .yaml
                    ? Self.looksLikeYAMLKey(line)
                    : Self.tomlKey.firstRange(in: line) != nil
            }
            guard looksRight else { return nil }
            return FrontMatter(kind: kind, openLine: 0, closeLine: index, range: 0..<lines[index].next, closeStart: lines[index].start)
        }
        return nil
    }
}

/// Our `ai_disclosure` entry in front matter, or an HTML comment block.
enum FrontMatterBlock {
    /// Field names mirror the W3C meta tag and the IETF header where they overlap
    /// (`mode`, `model`, `provider`, `reviewed-by`, `date`), then our key facts and the whole JSON.
    static func fields(_ request: StampRequest) -> [(String, String)] {
        let d = request.disclosure
        var out: [(String, String)] = [("mode", d.w3cDisclosureValue)]
        if let tool = d.tools.first {
            out.append(("model", tool.model ?? tool.name))
            if let provider = tool.provider { out.append(("provider", provider)) }
        }
        if d.review.level != .none, let reviewer = d.review.reviewer { out.append(("reviewed-by", reviewer)) }
        out += request.facts.map { ($0.key, $0.value) }
        return out
    }

    static func yaml(_ request: StampRequest, eol: String) -> String {
        var s = MarkdownMarkers.frontMatterKey + ":" + eol
        for (key, value) in fields(request) { s += "  \(key): \(doubleQuoted(value))" + eol }
        s += "  json: '" + request.json.replacingOccurrences(of: "'", with: "''") + "'" + eol
        return s
    }

    static func toml(_ request: StampRequest, eol: String) -> String {
        var s = "[" + MarkdownMarkers.frontMatterKey + "]" + eol
        for (key, value) in fields(request) { s += "\(key.contains("-") ? "\"\(key)\"" : key) = \(doubleQuoted(value))" + eol }
        s += "json = " + doubleQuoted(request.json) + eol
        return s
    }

    /// A double-quoted scalar valid in both YAML and TOML.
    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// `s.replacingOccurrences(of: "''", with: "'")`: by bytes when `s` is ASCII (where that is the
    /// same replacement: each pair, left to right), by Foundation otherwise.
    static func undoubled(_ s: String) -> String {
        var s = s
        return s.withUTF8 { b -> String? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                out.append(b[i])
                i += b[i] == 0x27 && i + 1 < b.count && b[i + 1] == 0x27 ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        } ?? s.replacingOccurrences(of: "''", with: "'")
    }

    /// Reads a scalar we wrote (double-quoted, single-quoted or plain).
    static func unquote(_ raw: String) -> String {
        let v = QuickTrim.whitespaces(raw)
        // With the first and last characters quotes, two or more bytes means two or more characters
        // (one character that is a quote is one byte), without counting characters.
        if v.hasPrefix("'") && v.hasSuffix("'") && v.utf8.count >= 2 {
            return undoubled(String(v.dropFirst().dropLast()))
        }
        if v.hasPrefix("\"") && v.hasSuffix("\"") && v.utf8.count >= 2 {
            var out = ""
            var chars = v.dropFirst().dropLast().unicodeScalars.makeIterator()
            while let c = chars.next() {
                guard c == "\\", let n = chars.next() else { out.unicodeScalars.append(c); continue }
                switch n {
                case "n": out += "\n"
                case "r": out += "\r"
                case "t": out += "\t"
                case "u":
                    var hex = ""
                    for _ in 0..<4 { if let h = chars.next() { hex.unicodeScalars.append(h) } }
                    if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                default: out.unicodeScalars.append(n)
                }
            }
            return out
        }
        return v
    }

    /// The comment form, for renderers that print front matter. `--` in the JSON is written `-\u002d`.
    static func comment(_ request: StampRequest, eol: String) -> String {
        MarkdownMarkers.metadataComment + request.json.replacingOccurrences(of: "--", with: "-\\u002d") + " -->" + eol
    }
}
