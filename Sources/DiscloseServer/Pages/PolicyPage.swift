import DisclosureKit
import Foundation

/// The Policy page: the policy in force, readable: tools, purposes per role, tasks, contact.
enum PolicyPage {
    static func body(_ policy: Policy?) -> String {
        guard let policy else {
            return "<p>This app runs without an organisation policy: any tool and purpose can be declared, and nothing is refused. The person who runs it can give one with <code>--policy</code>.</p>"
        }
        let json = PolicyJSON(policy)
        var out = "<p><strong>\(HTML.escape(policy.name ?? policy.id))</strong>\(policy.version.map { ", version \(HTML.escape($0))" } ?? "")"
        out += policy.organisation.map { " — \(HTML.escape($0))" } ?? ""
        out += "</p>"
        if let contact = policy.contact { out += "<p>Questions about the policy: \(HTML.escape(contact))</p>" }
        out += "<p>\(policy.declaration.required ? "Every document needs a declaration." : "A declaration is needed where a task says so.") "
        out += "A tool that is not on the list is \(policy.unlistedTools == .fail ? "refused" : "allowed with a warning").</p>"
        if let levels = policy.declaration.reviewLevels {
            out += "<p>After AI use the work must be \(HTML.escape(levels.map(\.phrase).joined(separator: " or "))).</p>"
        }
        let tools = json.tools.map { tool -> [String] in
            let roles = tool.rolePurposes.keys.sorted().map { "for \($0): " + (tool.rolePurposes[$0]!.isEmpty ? "no purpose" : tool.rolePurposes[$0]!.joined(separator: ", ")) }
            return [tool.name + (tool.aliases.isEmpty ? "" : " (also \(tool.aliases.joined(separator: ", ")))"),
                    ([tool.purposes?.joined(separator: ", ") ?? "any purpose"] + roles).joined(separator: "; "),
                    tool.users?.joined(separator: ", ") ?? "anyone",
                    tool.dataClasses.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "not restricted",
                    tool.note ?? ""]
        }
        out += tools.isEmpty ? "<p>The policy lists no tools.</p>"
            : HTML.table(headers: ["Tool", "Purposes", "Who may use it", "Data allowed", "Note"], rows: tools, caption: "Authorised tools")
        if !json.tasks.isEmpty {
            let rows = json.tasks.map { [$0.id, $0.title ?? "", "\($0.level): \($0.levelTitle)", $0.maxExtent, $0.purposes?.joined(separator: ", ") ?? "", $0.roles?.joined(separator: ", ") ?? "everyone"] }
            out += HTML.table(headers: ["Task", "Title", "AI level", "AI may do up to", "Purposes", "For"], rows: rows, caption: "Tasks")
        }
        if !json.approvals.isEmpty {
            let rows = json.approvals.map { [$0.id, $0.approver, $0.expires ?? "no expiry", $0.tools?.joined(separator: ", ") ?? "any", $0.purposes?.joined(separator: ", ") ?? "any"] }
            out += HTML.table(headers: ["Exception", "Approved by", "Until", "Tools", "Purposes"], rows: rows, caption: "Approved exceptions")
        }
        if !json.banned.isEmpty {
            out += "<h2>Never allowed</h2><ul>" + json.banned.map { "<li>\(HTML.escape($0.purposes.joined(separator: ", "))): \(HTML.escape($0.message))</li>" }.joined() + "</ul>"
        }
        return out
    }
}

/// The sign-in page.
enum LoginPage {
    static func body(viewer: HTML.Viewer, error: String? = nil, next: String = "/") -> String {
        var out = error.map { HTML.problem("You are not signed in", $0) } ?? ""
        out += """
        <form method="post" action="/login">
        \(HTML.csrfField(viewer))
        <input type="hidden" name="next" value="\(HTML.escape(next))">
        <label for="user">User name</label><input type="text" id="user" name="user" autocomplete="username" required>
        <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p class="hint">Ask the person who runs Disclose for an account.</p>
        """
        return out
    }
}
