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
    private static let metaCharset = CompiledPattern(#"<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#)
    private static let xmlEncoding = CompiledPattern(#"encoding\s*=\s*["']([a-z0-9_\-:.]+)"#)

    /// The declared label, if any.
    static func declaredLabel(_ data: Data) -> String? {
        // ASCII only (other bytes read as spaces), lower-cased in the same pass.
        let head = String(decoding: data.prefix(1024).map { $0 >= 0x80 ? 0x20 : ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) }, as: UTF8.self)
        if let r = metaCharset.firstRange(in: head) {
            let match = String(head[r])
            if let eq = match.range(of: "charset", options: .backwards) {
                return match[eq.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "=\"' \t"))
            }
        }
        if head.hasPrefix("<?xml"), let r = xmlEncoding.firstRange(in: head) {
            return String(head[r]).components(separatedBy: CharacterSet(charactersIn: "\"'")).dropFirst().first
        }
        return nil
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
