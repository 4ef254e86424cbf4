import DisclosureKit
import Foundation

/// The Stamp page: one document, a form whose choices come from the policy, a preview of the
/// exact statement, and the stamped file to download. Refusals are shown in words with the rule.
enum StampPage {
    struct State {
        var form = StampForm()
        var error: ServiceError?
        var preview: StampResult?
    }

    static func page(viewer: HTML.Viewer, policy: Policy?, role: String?, state: State) -> String {
        typealias F = DisclosureDraft.Field
        let form = state.form
        var out = ""
        if let error = state.error { out += problem(error) }
        if let preview = state.preview { out += previewBox(preview) }
        out += "<p>Choose the document, say how AI was used, preview the statement, then stamp it and download the stamped copy.</p>"
        out += "<form method=\"post\" action=\"/stamp\" enctype=\"multipart/form-data\">\(HTML.csrfField(viewer))"
        out += "<label for=\"file\">Document</label><p class=\"hint\">\(HTML.escape(FormatRegistry.standard.formatNames)). Choose it again after a preview: browsers do not keep it.</p>"
        // Every format the library reads, from its registry.
        let accept = FormatRegistry.standard.fileExtensions.sorted().map { "." + $0 }.joined(separator: ",")
        out += "<input id=\"file\" name=\"file\" type=\"file\" accept=\"\(accept)\">"

        // The tools the policy authorises for the person's role (all of them when the role is not known).
        let forRole = role ?? form.one("role")
        let tools = (policy?.tools ?? []).filter { tool in forRole.map { tool.users?.contains($0) ?? true } ?? true }
        out += "<fieldset><legend>Which AI tools were used?</legend>"
        if let forRole, policy != nil { out += "<p class=\"hint\">The tools the policy authorises for \(HTML.escape(forRole)).</p>" }
        out += "\(fieldError(state.error, F.tool))<div class=\"choice\">"
        for tool in tools {
            out += checkbox(F.tool, tool.name, tool.name + (tool.note.map { " — \($0)" } ?? ""), checked: form.has(F.tool, tool.name))
        }
        out += "</div><label for=\"tool-other\">\(policy?.tools.isEmpty == false ? "Another tool (not on the policy's list)" : "Tool name")</label>"
        out += "<input type=\"text\" id=\"tool-other\" name=\"tool-other\" value=\"\(HTML.escape(form.one("tool-other") ?? ""))\"></fieldset>"

        out += "<fieldset><legend>What were they used for?</legend>\(fieldError(state.error, F.purpose))<div class=\"choice\">"
        for purpose in Purpose.allCases {
            out += checkbox(F.purpose, purpose.rawValue, purpose.phrase, checked: form.has(F.purpose, purpose.rawValue))
        }
        out += "</div></fieldset>"

        out += radios(F.extent, "How much of the work did AI do?", Extent.allCases.map { ($0.rawValue, $0.phrase) }, form: form, error: state.error)
        out += radios(F.review, "What human review followed?", ReviewLevel.allCases.map { ($0.rawValue, $0.phrase) }, form: form, error: state.error)
        out += text(F.reviewer, "Reviewer (optional)", form: form, error: state.error)
        out += text(F.declarant, "Who makes the declaration", form: form, error: state.error, placeholder: viewer.user)
        out += text(F.organisation, "Organisation (optional)", form: form, error: state.error)
        out += text(F.date, "Date (YYYY-MM-DD; today when empty)", form: form, error: state.error)
        out += text(F.note, "A short note (optional)", form: form, error: state.error)

        out += "<fieldset><legend>What kinds of data went into the tools? (optional)</legend>\(fieldError(state.error, F.data))<div class=\"choice\">"
        for data in DataClass.allCases { out += checkbox(F.data, data.rawValue, data.phrase, checked: form.has(F.data, data.rawValue)) }
        out += "</div></fieldset>"

        if let policy {
            out += CheckPage.taskSelect(policy, selected: form.one("task")) + fieldError(state.error, "task")
            if role == nil, !policy.roles.isEmpty {
                out += "<label for=\"role\">Your role</label><select id=\"role\" name=\"role\"><option value=\"\">Not given</option>"
                out += policy.roles.map { "<option\(form.one("role") == $0 ? " selected" : "")>\(HTML.escape($0))</option>" }.joined() + "</select>"
            }
            if !policy.approvals.isEmpty {
                out += "<label for=\"approval\">Approved exception (optional)</label><select id=\"approval\" name=\"approval\"><option value=\"\">None</option>"
                out += policy.approvals.map { "<option value=\"\(HTML.escape($0.id))\"\(form.one(F.approval) == $0.id ? " selected" : "")>\(HTML.escape($0.id)), approved by \(HTML.escape($0.approver))</option>" }.joined() + "</select>"
            }
            out += "<fieldset><legend>If the policy does not allow this use</legend><div class=\"choice\">"
            out += checkbox("record-breach", "yes", "Record it truthfully anyway: the stamp says which rules it does not meet, and verify, check and audit report it.", checked: form.one("record-breach") != nil)
            out += "</div></fieldset>"
        }
        out += "<p><button type=\"submit\" name=\"action\" value=\"preview\" class=\"secondary\">Preview the statement</button>"
        out += "<button type=\"submit\" name=\"action\" value=\"stamp\">Stamp and download</button></p></form>"
        return out
    }

    static func problem(_ error: ServiceError) -> String {
        switch error {
        case .field(let field, let message):
            return HTML.problem("Please check the form", "\(label(field)): \(message)")
        case .policy(let rule, let message):
            return "<div class=\"problem\" role=\"alert\"><h2>The policy does not allow this declaration</h2><p>Rule <code>\(HTML.escape(rule))</code>: \(HTML.escape(message))</p>"
                + "<p>If this is what really happened, tick “Record it truthfully anyway” below and stamp again: honesty is always allowed.</p></div>"
        case .document(let message):
            return HTML.problem("The document could not be stamped", message)
        }
    }

    static func previewBox(_ result: StampResult) -> String {
        var out = "<section class=\"preview\"><h2>The statement the document will carry</h2><blockquote class=\"statement\">\(HTML.escape(result.disclosure.statement ?? ""))</blockquote>"
        for warning in result.policyWarnings { out += "<p class=\"status-warn\">Policy note (\(HTML.escape(warning.id.rawValue))): \(HTML.escape(warning.message))</p>" }
        for failure in result.policyFailures { out += "<p class=\"status-fail\">Recorded as not meeting \(HTML.escape(failure.id.rawValue)): \(HTML.escape(failure.message))</p>" }
        for warning in result.factWarnings { out += "<p class=\"status-warn\">\(HTML.escape(warning.description))</p>" }
        return out + "</section>"
    }

    static func label(_ field: String) -> String {
        ["tool": "Tools", "purpose": "Purposes", "extent": "How much AI did", "review": "Review", "declarant": "Who declares",
         "date": "Date", "data": "Data", "approval": "Approved exception", "task": "Task", "role": "Role", "file": "Document",
         "language": "Language", "record-breach": "Record truthfully"][field] ?? field
    }

    static func fieldError(_ error: ServiceError?, _ field: String) -> String {
        guard case .field(let name, let message)? = error, name == field else { return "" }
        return "<p class=\"field-error\" id=\"\(field)-error\">\(HTML.escape(message))</p>"
    }

    static func checkbox(_ name: String, _ value: String, _ label: String, checked: Bool) -> String {
        "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(HTML.escape(value))\"\(checked ? " checked" : "")> \(HTML.escape(label))</label>"
    }

    static func radios(_ name: String, _ legend: String, _ options: [(String, String)], form: StampForm, error: ServiceError?) -> String {
        var out = "<fieldset><legend>\(legend)</legend>\(fieldError(error, name))<div class=\"choice\">"
        for (value, label) in options {
            out += "<label><input type=\"radio\" name=\"\(name)\" value=\"\(value)\"\(form.one(name) == value ? " checked" : "")> \(HTML.escape(label))</label>"
        }
        return out + "</div></fieldset>"
    }

    static func text(_ name: String, _ label: String, form: StampForm, error: ServiceError?, placeholder: String? = nil) -> String {
        "<label for=\"\(name)\">\(label)</label>\(fieldError(error, name))<input type=\"text\" id=\"\(name)\" name=\"\(name)\" value=\"\(HTML.escape(form.one(name) ?? ""))\"\(placeholder.map { " placeholder=\"\(HTML.escape($0))\"" } ?? "")>"
    }
}
