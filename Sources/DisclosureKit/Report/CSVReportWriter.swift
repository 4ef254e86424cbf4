import Foundation

/// CSV (RFC 4180): a header row, one row per finding plus one per file without findings,
/// then one trailing row carrying the standing note.
///
/// Columns: `path, format, status, signal, strength, location, where, excerpt, explanation,
/// checks failed, declaration, error` (`location` is the exact place, `where` the same place in
/// words). A path given that could not be read at all has a row with status `not-found` and
/// the reason under `error`; when files were excluded, a row whose first cell starts with `#`
/// says how many. File-level columns (format, status, checks failed,
/// declaration, error) repeat on every row of a file. `checks failed` lists the failed check
/// ids separated by `; `; `declaration` lists declarations as `kind: “quote”` separated by `; `.
///
/// Safety: a cell whose first character is `=`, `+`, `-`, `@`, a tab or a carriage return
/// is prefixed with a single quote (`'`), so that spreadsheets do not run text from audited
/// files as a formula. Fields are quoted when they contain a comma, quote, CR or LF, and
/// lines end with CRLF. The note row's first cell starts with `# Note:`; its other cells are empty.
public struct CSVReportWriter: AuditReportWriter {
    /// The header row's column names, in order.
    public static let columns = ["path", "format", "status", "signal", "strength", "location", "where",
                                 "excerpt", "explanation", "checks failed", "declaration", "error"]

    /// Creates the writer.
    public init() {}

    /// The header, the rows and the note row, as UTF-8 (no byte order mark).
    public func render(_ report: AuditReport) throws -> Data {
        var out = CSVReportWriter.row(CSVReportWriter.columns)
        for record in report.records {
            for cells in CSVReportWriter.rows(for: record) {
                out += CSVReportWriter.row(cells)
            }
        }
        for failure in report.rootFailures {
            var cells = Array(repeating: "", count: CSVReportWriter.columns.count)
            cells[0] = failure.path
            cells[2] = CSVReportWriter.notFoundStatus
            cells[11] = failure.reason
            out += CSVReportWriter.row(cells)
        }
        if let excluded = report.excludedPhrase {
            var cells = Array(repeating: "", count: CSVReportWriter.columns.count)
            cells[0] = "# " + excluded
            out += CSVReportWriter.row(cells)
        }
        var note = Array(repeating: "", count: CSVReportWriter.columns.count)
        note[0] = "# Note: " + AuditReport.standingNote
        out += CSVReportWriter.row(note)
        return Data(out.utf8)
    }

    /// The `status` cell of a row for a path given to the audit that could not be read at all.
    public static let notFoundStatus = "not-found"

    /// The unescaped cells of the rows for one record.
    static func rows(for record: AuditRecord) -> [[String]] {
        let failed = record.reportFailedChecks.map(\.id.rawValue).joined(separator: "; ")
        let declared = record.declarations.map(ReportText.declarationLine).joined(separator: "; ")
        func cells(_ finding: Finding?) -> [String] {
            [record.path, record.format?.rawValue ?? "", record.status.rawValue,
             finding?.signal.rawValue ?? "", finding?.strength.rawValue ?? "",
             finding.map { $0.location.reportDescription } ?? "", finding.map { $0.location.plainWords } ?? "",
             finding?.excerpt ?? "", finding?.reportExplanation ?? "",
             failed, declared, record.error ?? ""]
        }
        if record.findings.isEmpty { return [cells(nil)] }
        return record.findings.map { cells($0) }
    }

    /// One CSV line: every cell neutralised and quoted as needed, ending with CRLF.
    static func row(_ cells: [String]) -> String {
        cells.map { field(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    /// `cell` with a leading single quote when a spreadsheet would read it as a formula.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + cell : cell
    }

    /// `cell` quoted (quotes doubled) when it holds a comma, quote, CR or LF.
    static func field(_ cell: String) -> String {
        let needsQuotes = cell.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
