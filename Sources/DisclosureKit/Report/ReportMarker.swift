import Foundation

/// The marker every report Disclose writes carries, so that an audit of a folder holding an
/// earlier report lists it as a Disclose report instead of scanning it (its quoted excerpts
/// would otherwise read as signals). The marker, per format:
///
/// - HTML: `<meta name="generator" content="disclose-audit-report">` in the head;
/// - JSON, JSON Lines (the header line) and SARIF (the log's `properties`): `"format": "disclose-audit-report"`;
/// - CSV and the register CSV: the header row, exactly as the writer writes it (after the byte order mark);
/// - the register XLSX: `docProps/app.xml`, the workbook's first entry, stored uncompressed,
///   whose `Application` holds the token.
public enum ReportMarker {
    /// The token.
    public static let token = "disclose-audit-report"

    /// The HTML report's marker element.
    public static let htmlMeta = "<meta name=\"generator\" content=\"\(token)\">"

    private static let tokenBytes = Array(token.utf8)
    /// The first bytes of the CSV header rows (``CSVReportWriter/columns``, ``ClassRegister/columns``).
    private static let csvFirstBytes: Set<UInt8> = Set([CSVReportWriter.columns, ClassRegister.columns].compactMap { CSVReportWriter.row($0).utf8.first })
    private static let jsonMarker = CompiledPattern(#""format"\s*:\s*"disclose-audit-report""#)

    /// True when `head` (a file's first bytes, up to 4 KiB) is the start of a Disclose report.
    public static func isReport(head: Data) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: RegisterCSVWriter.byteOrderMark) { bytes = bytes.dropFirst(3) }
        // Every audited file comes here: a byte test first. Every marker but the CSV header rows
        // holds the token, and a header row starts with its first column's first letter; without
        // either the answer is false, and only with one are the bytes read as text below.
        let window = bytes.prefix(4096)
        let hasToken = window.withUnsafeBytes { ByteSearch.contains(tokenBytes, in: $0) }
        guard hasToken || window.first.map(csvFirstBytes.contains) == true else { return false }
        let text = String(decoding: window, as: UTF8.self)
        for columns in [CSVReportWriter.columns, ClassRegister.columns] where text.hasPrefix(CSVReportWriter.row(columns)) {
            return true
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return text.contains(XLSXWriter.applicationMarker)
        }
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.hasPrefix("{") {
            return jsonMarker.firstRange(in: String(trimmed)) != nil
        }
        if trimmed.lowercased().hasPrefix("<!doctype html") {
            return trimmed.contains(htmlMeta)
        }
        return false
    }
}
