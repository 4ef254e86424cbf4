import DisclosureKit
import Foundation

/// The Verify page: upload a file, see each check in words with what to do next.
enum VerifyPage {
    static func form(viewer: HTML.Viewer, error: String? = nil) -> String {
        var out = error.map { HTML.problem("The file could not be verified", $0) } ?? ""
        out += """
        <p>Upload a document to see whether it carries a complete, unaltered AI-use declaration made with Disclose.</p>
        <form method="post" action="/verify" enctype="multipart/form-data">
        \(HTML.csrfField(viewer))
        <label for="file">Document</label>
        <input id="file" name="file" type="file" multiple required>
        <p><button type="submit">Verify</button></p>
        </form>
        """
        return out
    }

    static func results(_ reports: [VerificationJSON]) -> String {
        var out = ""
        for report in reports {
            out += "<section><h2>\(HTML.escape(report.path))</h2>"
            if let error = report.error {
                out += HTML.problem("This file could not be read", error) + "</section>"
                continue
            }
            let failed = report.checks.filter { $0.status == .fail }.count
            out += failed == 0
                ? "<p class=\"status-pass\">Verified: the declaration is complete and the document is as it was stamped.</p>"
                : "<p class=\"status-fail\">\(Plural.count(failed, "check")) \(failed == 1 ? "needs" : "need") attention.</p>"
            if let statement = report.disclosure?.statement {
                out += "<p>The statement it carries:</p><blockquote class=\"statement\">\(HTML.escape(statement))</blockquote>"
            }
            out += "<ul class=\"checks\">"
            for check in report.checks {
                let css = check.status == .fail ? "status-fail" : check.status == .warn ? "status-warn" : "status-pass"
                out += "<li><span class=\"\(css)\">\(HTML.status(check.status))</span>: \(HTML.escape(check.message))"
                if let next = check.nextStep { out += "<br><strong>What to do next:</strong> \(HTML.escape(next))" }
                out += "</li>"
            }
            out += "</ul>"
            for warning in report.warnings { out += "<p class=\"hint\">Note: \(HTML.escape(warning))</p>" }
            out += "</section>"
        }
        return out + "<p><a href=\"/verify\">Verify another file</a></p>"
    }
}
