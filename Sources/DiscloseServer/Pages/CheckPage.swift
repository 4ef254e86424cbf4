import DisclosureKit
import Foundation

/// The Check page: a teacher uploads a class's submissions (several files, or one `.zip` as
/// Google Classroom, Teams and Moodle export them) and reads the class register.
enum CheckPage {
    /// The register's columns in words for the table's header.
    static let headings = ["File", "Person", "How the person was found", "Status", "AI use", "Tools", "Purposes",
                           "Their words", "Date", "Where", "Policy", "Signals", "Needs attention"]

    static func form(viewer: HTML.Viewer, policy: Policy?, error: String? = nil) -> String {
        var out = error.map { HTML.problem("The files could not be checked", $0) } ?? ""
        out += """
        <p>Upload a class's work: several files, or one <code>.zip</code> as Google Classroom, Teams or Moodle download it (folders inside are fine). \
        You get one row per file, with what each declares about AI use.</p>
        <form method="post" action="/check" enctype="multipart/form-data">
        \(HTML.csrfField(viewer))
        <label for="file">Files or a .zip</label>
        <p class="hint">\(HTML.escape(FormatRegistry.standard.formatNames)) files are read; other files are listed as not supported.</p>
        <input id="file" name="file" type="file" multiple required>
        \(taskSelect(policy))
        <p><button type="submit">Check the files</button></p>
        </form>
        """
        return out + HTML.standingNote
    }

    static func taskSelect(_ policy: Policy?, selected: String? = nil) -> String {
        guard let policy, !policy.tasks.isEmpty else { return "" }
        let options = policy.tasks.map { task in
            "<option value=\"\(HTML.escape(task.id))\"\(task.id == selected ? " selected" : "")>\(HTML.escape(task.title ?? task.id)) (\(HTML.escape(task.level.title)))</option>"
        }.joined()
        return "<label for=\"task\">Task (optional)</label><p class=\"hint\">The task the work was set for, so each file is held against its AI level.</p><select id=\"task\" name=\"task\"><option value=\"\">No particular task</option>\(options)</select>"
    }

    /// The register of `report`, with downloads of the register and of the full audit.
    static func results(_ report: AuditReport, viewer: HTML.Viewer) throws -> String {
        let register = ClassRegister(report)
        let attention = register.rows.filter { !$0[12].isEmpty }.count
        var out = "<p>\(Plural.count(register.rows.count, "file")) checked; \(Plural.count(attention, "file")) \(attention == 1 ? "needs" : "need") attention.</p>"
        out += HTML.standingNote
        out += HTML.table(headers: headings, rows: register.rows, caption: "The class register: one row per file", id: "register")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        out += "<h2>Download</h2><p class=\"hint\">The register opens in Excel or Google Sheets; the full audit lists every finding.</p>"
        // The page sends the register back to be rendered, so nothing about the class is kept on the server.
        out += "<form class=\"downloads\" method=\"post\" action=\"/check/download\">\(HTML.csrfField(viewer))<input type=\"hidden\" name=\"report\" value=\"\(HTML.escape(json))\">"
        for (format, label) in downloads {
            out += "<button type=\"submit\" name=\"format\" value=\"\(format)\" class=\"secondary\">\(label)</button>"
        }
        out += "</form><p><a href=\"/check\">Check more files</a></p>"
        return out
    }

    static let downloads = [("csv", "Register (CSV)"), ("xlsx", "Register (Excel)"), ("html", "Full audit (web page)"),
                            ("jsonl", "Full audit (JSON Lines)"), ("sarif", "Full audit (SARIF)")]

    /// The bytes, media type and file name of a download of `report` in `format`.
    static func download(_ report: AuditReport, format: String) throws -> (Data, String, String)? {
        switch format {
        case "csv": return (try RegisterCSVWriter().render(report), "text/csv; charset=utf-8", "class-register.csv")
        case "xlsx": return (try RegisterXLSXWriter().render(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "class-register.xlsx")
        case "html": return (try HTMLReportWriter().render(report), "text/html; charset=utf-8", "audit.html")
        case "jsonl": return (try JSONLinesReportWriter().render(report), "application/jsonl", "audit.jsonl")
        case "sarif": return (try SARIFReportWriter().render(report), "application/sarif+json", "audit.sarif")
        default: return nil
        }
    }
}
