import Foundation

/// An exception approved in advance (`[[approvals]]`): a use the policy does not otherwise
/// allow ("all other purposes must be authorised in advance by the Headteacher"), within a
/// scope, approved by a named person, until an expiry date. A declaration cites one with
/// `stamp --approval ID`; the rules that would refuse the use accept it when the approval
/// is valid and covers it, and say which approval they relied on.
public struct ApprovedException: Equatable, Sendable {
    /// The identifier a declaration cites, e.g. `EX-2026-014`.
    public var id: String
    /// The tools it covers (names as the declaration gives them, or a listed tool's name or alias); nil means any tool.
    public var tools: [String]?
    /// The purposes it covers; nil means any purpose (never a banned one).
    public var purposes: [Purpose]?
    /// The declarants it covers (names as declared, ignoring case); nil means anyone.
    public var people: [String]?
    /// The tasks it covers (`[[tasks]]` ids); nil means any task.
    public var tasks: [String]?
    /// Who approved it (a name or a role).
    public var approver: String
    /// The last day it covers, `YYYY-MM-DD`; nil means it does not expire.
    public var expires: String?
    /// What it is for, in words.
    public var note: String?
    /// The line of its `[[approvals]]` header.
    public var line: Int?

    /// Creates an approval.
    public init(id: String, tools: [String]? = nil, purposes: [Purpose]? = nil, people: [String]? = nil, tasks: [String]? = nil,
                approver: String, expires: String? = nil, note: String? = nil, line: Int? = nil) {
        self.id = id
        self.tools = tools
        self.purposes = purposes
        self.people = people
        self.tasks = tasks
        self.approver = approver
        self.expires = expires
        self.note = note
        self.line = line
    }

    /// True when the approval covers the tool named `name` (matching the approval's names, or the policy entry they name).
    public func covers(tool name: String, in policy: Policy) -> Bool {
        guard let tools else { return true }
        let key = Policy.normalise(name)
        let entry = policy.authorisedTool(named: name)
        return tools.contains { listed in
            Policy.normalise(listed) == key || (entry != nil && policy.authorisedTool(named: listed) == entry)
        }
    }

    /// True when the approval covers `purpose`.
    public func covers(purpose: Purpose) -> Bool { purposes?.contains(purpose) ?? true }

    /// Why the approval does not apply to `disclosure` (unknown scope aside): expired on its
    /// date, or made for other people or tasks; nil when it applies.
    public func problem(for disclosure: Disclosure, task: String?) -> String? {
        if let expires, let date = Optional(String(disclosure.date.prefix(10))), date > expires {
            return "the approval \"\(id)\" expired on \(StatementRenderer.humanDate(expires)), before the declaration's date (\(StatementRenderer.humanDate(date)))"
        }
        if let people, !people.contains(where: { Policy.normalise($0) == Policy.normalise(disclosure.declarant) }) {
            return "the approval \"\(id)\" is for \(people.quotedList), not \"\(disclosure.declarant)\""
        }
        if let tasks {
            guard let task else { return "the approval \"\(id)\" is for the task\(tasks.count == 1 ? "" : "s") \(tasks.quotedList), and the declaration records no task" }
            if !tasks.contains(task) { return "the approval \"\(id)\" is for the task\(tasks.count == 1 ? "" : "s") \(tasks.quotedList), not \"\(task)\"" }
        }
        return nil
    }

    /// "EX-2026-014 (approved by the Headteacher until 31 July 2026, disclose-policy.toml:40)".
    public func citation(in policy: Policy) -> String {
        let until = expires.map { " until \(StatementRenderer.humanDate($0))" } ?? ""
        return "\(id) (approved by \(approver)\(until), \(policy.cite(line)))"
    }
}

extension PolicyContext {
    /// The approval the declaration cites when it is listed, unexpired and made for this
    /// declarant and task: the one rules may accept an otherwise unauthorised use under.
    /// ``ApprovalValid`` reports why a cited approval does not apply.
    public func validApproval(for disclosure: Disclosure) -> ApprovedException? {
        guard let id = disclosure.approval, let approval = policy.approval(id: id) else { return nil }
        return approval.problem(for: disclosure, task: taskID(for: disclosure)) == nil ? approval : nil
    }
}
