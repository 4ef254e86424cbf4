import Foundation

/// HTML and XHTML pages, parsed with gumbo (the WHATWG HTML5 algorithm, with source
/// offsets). See `docs/markdown-html.md`.
public struct HTMLHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "html" }
    public var displayName: String { "HTML page" }
    public var primaryExtension: String { "html" }
    public var mediaTypes: [String] { ["text/html", "application/xhtml+xml"] }
    public var fileExtensions: Set<String> { ["html", "htm", "xhtml"] }
    /// gumbo's tree keeps its own copies of text and attributes, so a large page is mapped and
    /// its pages dropped once gumbo returns.
    public var parserCopiesInput: Bool { true }

    public func sniff(head: Data) -> Bool {
        let text = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
        return text.contains("<!doctype html") || text.contains("<html")
    }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        try input.limits.checkTextSize(input, kind: "HTML")
        return try HTMLDocument(input: input, handler: self)
    }
}

/// Finds a page's character encoding as browsers do: byte order mark, then `<meta charset>`
/// or `http-equiv` in the first 1,024 bytes, then the XML declaration; with nothing declared,
/// UTF-8 when the bytes are valid UTF-8, else windows-1252.
enum HTMLEncoding {
    private static let xmlEncoding = CompiledPattern(#"encoding\s*=\s*["']([a-z0-9_\-:.]+)"#)

    /// The declared label, if any.
    static func declaredLabel(_ data: Data) -> String? {
        // ASCII only (other bytes read as spaces), lower-cased in the same pass.
        // Each pattern needs its literal word, so a head without it skips the pattern.
        let bytes = asciiHead(data)
        let head = String(decoding: bytes, as: UTF8.self)
        if contains(bytes, charsetWord), let r = metaCharsetMatch(bytes) {
            // The head is ASCII, so the last "charset" in bytes is the last in characters, and
            // trimming bytes trims the same characters.
            let match = Array(bytes[r])
            if let at = lastIndex(of: charsetWord, in: match) {
                return trimmed(match[(at + charsetWord.count)...], of: "=\"' \t")
            }
        }
        if head.hasPrefix("<?xml"), contains(bytes, encodingWord), let r = xmlEncoding.firstRange(in: head) {
            return String(head[r]).components(separatedBy: CharacterSet(charactersIn: "\"'")).dropFirst().first
        }
        return nil
    }

    /// The range the meta charset pattern (given at the end) matches first in an ASCII head, found
    /// by bytes: compiling the pattern (the first ICU pattern of a run) cost about 8 million instructions per HTML stamp or
    /// verify, and matching it 66,000 per audited file. It is the match ICU's backtracking finds:
    /// the first `<meta` from which there is a match; in its tag (up to the first `>`), the last
    /// `charset` followed by `=`, an optional quote and at least one value character, spaces
    /// allowed around each; the value as long as it goes. `HTMLEncodingLabelTests` compares it with
    /// the pattern, `<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`.
    static func metaCharsetMatch(_ head: [UInt8]) -> Range<Int>? {
        let n = head.count
        func isSpace(_ b: UInt8) -> Bool { (b >= 0x09 && b <= 0x0D) || b == 0x20 }  // ICU's \s in ASCII
        func isValue(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b == 0x3A || b == 0x2E
        }
        /// The end of the pattern's tail after "charset" ending at `i`, or nil.
        func tail(from start: Int) -> Int? {
            var i = start
            while i < n, isSpace(head[i]) { i += 1 }
            guard i < n, head[i] == 0x3D else { return nil }
            i += 1
            while i < n, isSpace(head[i]) { i += 1 }
            if i < n, head[i] == 0x22 || head[i] == 0x27 { i += 1 }
            while i < n, isSpace(head[i]) { i += 1 }
            let valueStart = i
            while i < n, isValue(head[i]) { i += 1 }
            return i > valueStart ? i : nil
        }
        let meta = Array("<meta".utf8)
        var s = 0
        while s + meta.count <= n {
            defer { s += 1 }
            guard head[s] == 0x3C, head[s..<(s + meta.count)].elementsEqual(meta) else { continue }
            let body = s + meta.count
            var limit = body
            while limit < n, head[limit] != 0x3E { limit += 1 }
            var p = limit - charsetWord.count
            while p >= body {
                if head[p..<(p + charsetWord.count)].elementsEqual(charsetWord), let end = tail(from: p + charsetWord.count) {
                    return s..<end
                }
                p -= 1
            }
        }
        return nil
    }

    private static let charsetWord = Array("charset".utf8)
    private static let encodingWord = Array("encoding".utf8)

    /// The first 1,024 bytes, ASCII only (other bytes read as spaces), lower-cased.
    static func asciiHead(_ data: Data) -> [UInt8] {
        let count = min(data.count, 1024)
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialised in
            data.withUnsafeBytes { raw in
                for i in 0..<count {
                    let c = raw[i]
                    out[i] = c >= 0x80 ? 0x20 : (c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                }
            }
            initialised = count
        }
    }

    static func contains(_ bytes: [UInt8], _ word: [UInt8]) -> Bool {
        guard bytes.count >= word.count else { return false }
        for start in 0...(bytes.count - word.count) where bytes[start] == word[0] {
            if bytes[start..<(start + word.count)].elementsEqual(word) { return true }
        }
        return false
    }

    /// Where the last `word` in `bytes` starts.
    static func lastIndex(of word: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= word.count else { return nil }
        for start in stride(from: bytes.count - word.count, through: 0, by: -1) where bytes[start..<(start + word.count)].elementsEqual(word) {
            return start
        }
        return nil
    }

    /// `units` without the ASCII characters of `set` at either end (`units` is ASCII).
    static func trimmed(_ units: ArraySlice<UInt8>, of set: String) -> String {
        let strip = Set(set.utf8)
        var s = units.startIndex, e = units.endIndex
        while s < e, strip.contains(units[s]) { s += 1 }
        while e > s, strip.contains(units[e - 1]) { e -= 1 }
        return String(decoding: units[s..<e], as: UTF8.self)
    }

    /// The iconv name for a label; nil means UTF-8.
    static func iconvName(_ label: String) -> String? {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be": return nil
        case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252", "iso8859-1", "iso_8859-1": return "WINDOWS-1252"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis": return "CP932"
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312": return "GBK"
        case "euc-jp", "x-euc-jp": return "EUC-JP"
        default: return label.uppercased()
        }
    }
}
