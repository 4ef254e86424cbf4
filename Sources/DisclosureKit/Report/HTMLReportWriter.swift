import Crypto
import Foundation

/// One self-contained HTML page: the standing note, a summary table by status, and a table
/// with one row per disclosure, finding, failed check, declaration or error (one row for a
/// file with none), sortable by column and filterable by status and by signal. Without JavaScript it is
/// a plain table. No external assets: the CSS and script are inline, and a
/// Content-Security-Policy allows only those two (by hash) and nothing from the network.
/// Every string from a record is HTML-escaped.
public struct HTMLReportWriter: AuditReportWriter {
    /// Creates the writer.
    public init() {}

    /// The page as UTF-8.
    public func render(_ report: AuditReport) throws -> Data {
        Data(page(report).utf8)
    }

    /// One row of the findings table.
    struct Row {
        var record: AuditRecord
        var item: String
        var strength: SignalStrength?
        var location: String
        /// The exact place (part, paragraph, line, byte), shown as the location's title.
        var exact: String = ""
        var excerpt: String
        var explanation: String
    }

    static func rows(_ record: AuditRecord) -> [Row] {
        var rows: [Row] = []
        if let d = record.disclosure {
            rows.append(Row(record: record, item: "disclosure", strength: nil, location: "", excerpt: "",
                            explanation: d.reportStatement))
        }
        for f in record.findings {
            rows.append(Row(record: record, item: f.signal.rawValue, strength: f.strength,
                            location: f.location.plainWords, exact: f.location.reportDescription, excerpt: f.excerpt, explanation: f.reportExplanation))
        }
        for c in record.reportFailedChecks {
            rows.append(Row(record: record, item: SARIFRules.checkRuleID(c.id), strength: nil,
                            location: c.location?.plainWords ?? "", exact: c.location?.reportDescription ?? "", excerpt: "", explanation: c.message))
        }
        for d in record.declarations {
            rows.append(Row(record: record, item: "declaration/" + d.kind.rawValue, strength: nil,
                            location: d.location.plainWords, exact: d.location.reportDescription, excerpt: d.quote, explanation: d.explanation))
        }
        if let error = record.error {
            // An unsupported file is not an error: its row says why it was not read, with no signal.
            rows.append(Row(record: record, item: record.status == .unsupported ? "" : "error", strength: nil, location: "", excerpt: "", explanation: error))
        }
        for note in record.notes {
            rows.append(Row(record: record, item: "note", strength: nil, location: "", excerpt: "", explanation: note))
        }
        let attention = record.attentionReasons(withPolicyFailures: false)
        if !attention.isEmpty, var first = rows.first {
            first.explanation += (first.explanation.isEmpty ? "" : " ") + "To look at: " + attention.joined(separator: "; ") + "."
            rows[0] = first
        }
        if rows.isEmpty {
            rows.append(Row(record: record, item: "", strength: nil, location: "", excerpt: "",
                            explanation: record.status.reportLabel))
        }
        return rows
    }

    static let columns = ["File", "Status", "Signal", "Strength", "Location", "Excerpt", "Explanation"]

    func page(_ report: AuditReport) -> String {
        let e = HTMLReportWriter.escape
        let csp = "default-src 'none'; style-src '\(HTMLReportWriter.hash(HTMLReportAssets.css))'; script-src '\(HTMLReportWriter.hash(HTMLReportAssets.script))'; base-uri 'none'; form-action 'none'"
        let rows = report.records.flatMap(HTMLReportWriter.rows)
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(ReportMarker.htmlMeta)
        <meta http-equiv="Content-Security-Policy" content="\(e(csp))">
        <title>AI-use disclosure audit: \(Plural.count(report.records.count, "file"))</title>
        <style>\(HTMLReportAssets.css)</style>
        </head>
        <body>
        <a class="skip" href="#files">Skip to the files</a>
        <header>
        <h1>AI-use disclosure audit</h1>
        <p class="note" role="note"><strong>Note:</strong> \(e(AuditReport.standingNote))</p>
        <dl class="meta">
        <dt>Files</dt><dd>\(report.records.count)</dd>
        <dt>Looked at</dt><dd>\(report.roots.isEmpty ? "—" : report.roots.map { "<code>\(e($0))</code>" }.joined(separator: ", "))</dd>
        <dt>Made by</dt><dd>\(e(report.tool))</dd>
        <dt>Generated</dt><dd>\(e(report.generatedAt))</dd>
        \(HTMLReportWriter.walkFacts(report))</dl>
        </header>
        <main>
        <h2 id="summary">Summary</h2>
        <table class="summary">
        <caption>Files by status</caption>
        <thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Files</th></tr></thead>
        <tbody>

        """
        for (status, count) in report.counts {
            out += "<tr><th scope=\"row\"><span class=\"badge s-\(status.rawValue)\">\(status.rawValue)</span></th><td>\(e(status.reportLabel))</td><td class=\"num\">\(count)</td></tr>\n"
        }
        out += "<tr><th scope=\"row\">total</th><td>every file looked at</td><td class=\"num\">\(report.records.count)</td></tr>\n"
        out += "</tbody>\n</table>\n"
        out += "<h2 id=\"files\">Files and findings</h2>\n"
        out += filterForm(report, rows: rows)
        out += "<table id=\"findings\" class=\"cards\">\n<caption>One row per disclosure, signal, failed check, declaration or error; a file with none has one row. Sorted by file.</caption>\n<thead><tr>"
        for (i, name) in HTMLReportWriter.columns.enumerated() {
            out += "<th scope=\"col\"\(i == 0 ? " aria-sort=\"ascending\"" : "")>\(name)</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += tableRow(row) }
        out += "</tbody>\n</table>\n</main>\n<script>\(HTMLReportAssets.script)</script>\n</body>\n</html>\n"
        return out
    }

    /// The paths that could not be read and the files excluded, as `<dt>`/`<dd>` pairs (empty when none).
    static func walkFacts(_ report: AuditReport) -> String {
        let e = HTMLReportWriter.escape
        var out = ""
        if !report.rootFailures.isEmpty {
            out += "<dt>Not found</dt><dd>" + report.rootFailures.map { "<code>\(e($0.path))</code>: \(e($0.reason))" }.joined(separator: "<br>") + "</dd>\n"
        }
        if let excluded = report.excludedPhrase { out += "<dt>Excluded</dt><dd>\(e(excluded))</dd>\n" }
        return out
    }

    func filterForm(_ report: AuditReport, rows: [Row]) -> String {
        let e = HTMLReportWriter.escape
        var out = "<form id=\"filters\" class=\"filters\" hidden>\n<div><label for=\"filter-status\">Status</label><select id=\"filter-status\"><option value=\"\">All statuses</option>"
        for (status, count) in report.counts where count > 0 {
            out += "<option value=\"\(status.rawValue)\">\(status.rawValue) (\(count))</option>"
        }
        out += "</select></div>\n<div><label for=\"filter-signal\">Signal, check or declaration</label><select id=\"filter-signal\"><option value=\"\">All</option>"
        var seen: [String: Int] = [:]
        for row in rows where !row.item.isEmpty { seen[row.item, default: 0] += 1 }
        for item in seen.keys.sorted() {
            out += "<option value=\"\(e(item))\">\(e(item)) (\(seen[item]!))</option>"
        }
        out += "</select></div>\n<p><output id=\"shown\" aria-live=\"polite\"></output></p>\n</form>\n"
        return out
    }

    func tableRow(_ row: Row) -> String {
        let e = HTMLReportWriter.escape
        let c = HTMLReportWriter.columns
        let status = row.record.status
        let statusIndex = AuditStatus.allCases.firstIndex(of: status)!
        let strengthIndex = row.strength.map { SignalStrength.allCases.firstIndex(of: $0)! + 1 } ?? 0
        var out = "<tr data-status=\"\(status.rawValue)\" data-signal=\"\(e(row.item))\">"
        out += "<td data-label=\"\(c[0])\" class=\"path\"><code>\(HTMLReportWriter.wrappingPath(row.record.path))</code>\(row.record.format.map { " <span class=\"fmt\">(\(e($0.rawValue)))</span>" } ?? "")</td>"
        out += "<td data-label=\"\(c[1])\" data-sort=\"\(statusIndex)\"><span class=\"badge s-\(status.rawValue)\">\(status.rawValue)</span></td>"
        out += "<td data-label=\"\(c[2])\">\(row.item.isEmpty ? "—" : "<code>\(e(row.item))</code>")</td>"
        out += "<td data-label=\"\(c[3])\" class=\"nowrap\" data-sort=\"\(strengthIndex)\">\(row.strength?.rawValue ?? "")</td>"
        out += "<td data-label=\"\(c[4])\"\(row.exact.isEmpty || row.exact == row.location ? "" : " title=\"\(e(row.exact))\"")>\(e(row.location))</td>"
        out += "<td data-label=\"\(c[5])\">\(row.excerpt.isEmpty ? "" : "“" + e(row.excerpt) + "”")</td>"
        out += "<td data-label=\"\(c[6])\">\(e(row.explanation))</td>"
        return out + "</tr>\n"
    }

    /// The path escaped, with a line-break opportunity (`<wbr>`) after each `/`, `_`, `-` and
    /// `.`, so long paths wrap at separators rather than overflowing their column.
    /// The escapes are ASCII and end in `;` or `}`, so the escaped text's characters are the
    /// path's own, each escaped (``HTMLReportWriterTests`` checks that on random paths).
    static func wrappingPath(_ path: String) -> String {
        var out = ""
        for character in escape(path) {
            out.append(character)
            if character == "/" || character == "_" || character == "-" || character == "." { out += "<wbr>" }
        }
        return out
    }

    /// `text` with `& < > " '` replaced by character references and control characters other
    /// than tab, line feed and carriage return made visible; safe in element content and in
    /// quoted attribute values. The web app's pages use it too.
    public static func escape(_ text: String) -> String {
        var copy = text
        // Most text has nothing to replace: one pass over its bytes finds that.
        if !copy.withUTF8({ bytes in
            bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 } || ReportText.mayHoldControl(bytes)
        }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if ReportText.isControl(scalar) { out += ReportText.escaped(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The CSP source for an inline block: `sha256-` and the base64 SHA-256 of its text.
    static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}
