import DisclosureKit
import Foundation

/// Building server-rendered pages: escaping, the shared layout and small form parts. Every
/// value from a document, a form or the policy goes through ``HTML/escape(_:)``.
enum HTML {
    /// The report's escape (`& < > " '` as references, control characters and bidirectional
    /// overrides made visible, so a file name cannot read backwards), so pages and reports agree.
    static func escape(_ text: String) -> String { HTMLReportWriter.escape(text) }

    /// Who is looking, for the header and the forms.
    struct Viewer {
        var user: String?
        var role: String?
        var csrf: String
        var signInRequired: Bool
    }

    static let navigation = [("/check", "Check a class"), ("/verify", "Verify a file"), ("/stamp", "Stamp a document"), ("/policy", "Policy")]

    /// The page around `body`: header with navigation and who is signed in, main, footer.
    static func page(title: String, current: String, viewer: Viewer, body: String) -> String {
        let nav = navigation.map { path, label in
            "<li><a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(label)</a></li>"
        }.joined()
        var who = ""
        if let user = viewer.user {
            who = "<form class=\"signout\" method=\"post\" action=\"/logout\">\(csrfField(viewer))<span>Signed in as \(escape(user))\(viewer.role.map { " (\(escape($0)))" } ?? "")</span> <button type=\"submit\">Sign out</button></form>"
        }
        return """
        <!doctype html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Disclose</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header><p class="brand"><a href="/">Disclose</a></p><nav aria-label="Main"><ul>\(nav)</ul></nav>\(who)</header>
        <main id="main">
        <h1>\(escape(title))</h1>
        \(body)
        </main>
        <footer><p>Disclose keeps no copy of the files you upload: they are read, and deleted when the page is sent.</p></footer>
        </body>
        </html>
        """
    }

    static func csrfField(_ viewer: Viewer) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(viewer.csrf))\">"
    }

    /// A box saying what went wrong and what to do.
    static func problem(_ title: String, _ message: String) -> String {
        "<div class=\"problem\" role=\"alert\"><h2>\(escape(title))</h2><p>\(escape(message))</p></div>"
    }

    /// The standing note of every audit: evidence, not verdicts.
    static var standingNote: String {
        "<aside class=\"note\"><h2>Evidence, not verdicts</h2><p>\(escape(AuditReport.standingNote))</p></aside>"
    }

    static func table(headers: [String], rows: [[String]], caption: String, id: String? = nil) -> String {
        var out = "<div class=\"table\"><table\(id.map { " id=\"\($0)\"" } ?? "") data-sortable><caption>\(escape(caption))</caption><thead><tr>"
        out += headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
        return out + "</tbody></table></div>"
    }

    /// The words for a check's status.
    static func status(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return "passed"
        case .fail: return "needs attention"
        case .warn: return "check by eye"
        case .notApplicable: return "does not apply"
        }
    }
}
