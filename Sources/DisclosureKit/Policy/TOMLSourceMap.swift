import Foundation

/// Where each table header and key of a TOML file sits, found by scanning the source
/// text, because TOMLKit reports lines only for syntax errors.
///
/// The scan runs once, line by line, after TOMLKit has accepted the file (so the text is
/// valid TOML). It tracks the current table (`[name]`, or `[[name]]` counted per entry),
/// skips the bodies of multi-line strings, follows brackets across lines so that a
/// multi-line array belongs to the key that opened it, and ignores `#` comments outside
/// strings. A key's line is the line of its `key =`; a value inside an array is found by
/// looking for it, quoted, between the key's first and last line. Keys that the scan
/// cannot place (inside inline tables) fall back to the line of the enclosing key, then
/// of the table header.
struct TOMLSourceMap {
    /// A table: its name and, for an array-of-tables entry, its index.
    struct Section: Hashable {
        var name: String
        var index: Int?

        static let root = Section(name: "", index: nil)

        /// How a key in this section is named in messages: `tools.purposes`.
        func display(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }
    }

    private struct Span { var first: Int; var last: Int }

    private var headers: [Section: Int] = [:]
    private var keys: [Section: [String: Span]] = [:]
    private let lines: [String]

    init(text: String) {
        // Split on U+000A scalars: a "\r\n" pair is one Character in Swift, so a Character split would miss it.
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
        var section = Section.root
        var counts: [String: Int] = [:]
        var multiline: String?
        var depth = 0
        var openKey: (Section, String)?
        for (i, raw) in lines.enumerated() {
            let number = i + 1
            var line = Substring(raw)
            if let delimiter = multiline {
                guard let close = line.range(of: delimiter) else { continue }
                multiline = nil
                line = line[close.upperBound...]
            } else if depth == 0 {
                let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
                if trimmed.hasPrefix("[[") {
                    let name = TOMLSourceMap.headerName(trimmed.dropFirst(2), closing: "]]")
                    let index = counts[name, default: 0]
                    counts[name] = index + 1
                    section = Section(name: name, index: index)
                    headers[section] = number
                    continue
                }
                if trimmed.hasPrefix("[") {
                    section = Section(name: TOMLSourceMap.headerName(trimmed.dropFirst(), closing: "]"), index: nil)
                    headers[section] = number
                    continue
                }
                if let eq = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") {
                    let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                    if !key.isEmpty, keys[section]?[key] == nil {
                        keys[section, default: [:]][key] = Span(first: number, last: number)
                        openKey = (section, key)
                    }
                    line = trimmed[trimmed.index(after: eq)...]
                }
            }
            let scan = TOMLSourceMap.scanValue(line, depth: depth)
            depth = scan.depth
            multiline = scan.openMultiline
            if let (s, k) = openKey {
                keys[s]?[k]?.last = number
                if depth == 0 && multiline == nil { openKey = nil }
            }
        }
    }

    /// The line of a table header (`[signature]`, the `index`th `[[tools]]`).
    func line(of section: Section) -> Int? { headers[section] }

    /// The line of `key` in `section` when the file has that key; nil otherwise (no fallback).
    func exactLine(of key: String, in section: Section) -> Int? { keys[section]?[key]?.first }

    /// The line of `key` in `section`; for a dotted key, the line of its first part when the whole is not found.
    func line(of key: String, in section: Section) -> Int? {
        if let span = keys[section]?[key] { return span.first }
        if let dot = key.firstIndex(of: "."), let span = keys[section]?[String(key[..<dot])] { return span.first }
        if section == .root, let header = headers[Section(name: key, index: nil)] ?? headers[Section(name: key, index: 0)] { return header }
        if let header = headers[section] { return header }
        return section == .root ? nil : keys[.root]?[section.name]?.first
    }

    /// The line on which `value` (quoted) appears in the value of `key`, else the key's line.
    func line(ofValue value: String, key: String, in section: Section) -> Int? {
        guard let span = keys[section]?[key] else { return line(of: key, in: section) }
        for number in span.first...span.last where number <= lines.count {
            let text = lines[number - 1]
            if text.contains("\"\(value)\"") || text.contains("'\(value)'") { return number }
        }
        return span.first
    }

    private static func headerName(_ s: Substring, closing: String) -> String {
        let end = s.range(of: closing)?.lowerBound ?? s.endIndex
        return s[..<end].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
    }

    /// Follows a value's characters: bracket depth outside strings, and whether a multi-line string stays open.
    private static func scanValue(_ s: Substring, depth start: Int) -> (depth: Int, openMultiline: String?) {
        var depth = start
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "#" { break }
            if c == "\"" || c == "'" {
                let triple = String(repeating: String(c), count: 3)
                if s[i...].hasPrefix(triple) {
                    let after = s.index(i, offsetBy: 3)
                    guard let close = s[after...].range(of: triple) else { return (depth, triple) }
                    i = close.upperBound
                    continue
                }
                var j = s.index(after: i)
                while j < s.endIndex && s[j] != c {
                    if c == "\"" && s[j] == "\\" { j = s.index(after: j) ; if j == s.endIndex { break } }
                    j = s.index(after: j)
                }
                i = j < s.endIndex ? s.index(after: j) : j
                continue
            }
            if c == "[" || c == "{" { depth += 1 }
            if c == "]" || c == "}" { depth = max(0, depth - 1) }
            i = s.index(after: i)
        }
        return (depth, nil)
    }
}
