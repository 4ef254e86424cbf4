import Foundation

/// The policy in force as JSON, for programs and web pages (`GET /api/v1/policy` of
/// `disclose serve`): the same facts as ``Policy/summary``, one field per fact, each
/// vocabulary value as its documented raw value (`drafting`, `partial`, `edited`).
public struct PolicyJSON: Codable, Equatable, Sendable {
    /// An authorised tool.
    public struct Tool: Codable, Equatable, Sendable {
        /// The product's name.
        public var name: String
        /// Other names it goes by.
        public var aliases: [String]
        /// The purposes it may be used for; nil for any.
        public var purposes: [String]?
        /// Purposes by role, where the policy narrows them for a role.
        public var rolePurposes: [String: [String]]
        /// Who may use it; nil for anyone.
        public var users: [String]?
        /// The kinds of data that may go into it; nil when not restricted.
        public var dataClasses: [String]?
        /// The data protection impact assessment, when recorded.
        public var dpia: String?
        /// The policy's note on the tool.
        public var note: String?
    }

    /// A task or assignment.
    public struct Task: Codable, Equatable, Sendable {
        /// The task's id (`--task`).
        public var id: String
        /// Its title.
        public var title: String?
        /// The AI Assessment Scale level, 1 to 5.
        public var level: Int
        /// The level's title.
        public var levelTitle: String
        /// The most AI may do (an extent raw value).
        public var maxExtent: String
        /// The purposes allowed; nil for the level's.
        public var purposes: [String]?
        /// The roles the task is for; nil for all.
        public var roles: [String]?
    }

    /// An exception approved in advance.
    public struct Approval: Codable, Equatable, Sendable {
        /// The approval's id (`--approval`).
        public var id: String
        /// Who approved it.
        public var approver: String
        /// When it ends, `YYYY-MM-DD`; nil for no expiry.
        public var expires: String?
        /// The tools it covers; nil for any.
        public var tools: [String]?
        /// The purposes it covers; nil for any.
        public var purposes: [String]?
    }

    /// A use never allowed.
    public struct Ban: Codable, Equatable, Sendable {
        /// The banned purposes.
        public var purposes: [String]
        /// The policy's words about it.
        public var message: String
    }

    public var id: String
    public var version: String?
    public var name: String?
    public var organisation: String?
    public var contact: String?
    public var roles: [String]
    /// `warn` or `fail`: what happens to a tool not on the list.
    public var unlistedTools: String
    public var declarationRequired: Bool
    public var declarationFields: [String]
    /// The review levels accepted after AI use; nil for any.
    public var reviewLevels: [String]?
    public var tools: [Tool]
    public var tasks: [Task]
    public var approvals: [Approval]
    public var banned: [Ban]

    /// The JSON form of `policy`.
    public init(_ policy: Policy) {
        id = policy.id
        version = policy.version
        name = policy.name
        organisation = policy.organisation
        contact = policy.contact
        roles = policy.roles
        unlistedTools = policy.unlistedTools.rawValue
        declarationRequired = policy.declaration.required
        declarationFields = policy.declaration.fields.map(\.rawValue)
        reviewLevels = policy.declaration.reviewLevels?.map(\.rawValue)
        tools = policy.tools.map { tool in
            Tool(name: tool.name, aliases: tool.aliases, purposes: tool.purposes?.map(\.rawValue),
                 rolePurposes: tool.rolePurposes.mapValues { $0.map(\.rawValue) }, users: tool.users,
                 dataClasses: tool.dataClasses?.map(\.rawValue), dpia: tool.dpia, note: tool.note)
        }
        tasks = policy.tasks.map { task in
            Task(id: task.id, title: task.title, level: task.level.rawValue, levelTitle: task.level.title,
                 maxExtent: task.allowedMaxExtent.rawValue, purposes: (task.purposes ?? task.level.purposes)?.map(\.rawValue),
                 roles: task.roles)
        }
        approvals = policy.approvals.map {
            Approval(id: $0.id, approver: $0.approver, expires: $0.expires, tools: $0.tools, purposes: $0.purposes?.map(\.rawValue))
        }
        banned = policy.banned.map { Ban(purposes: $0.purposes.map(\.rawValue), message: $0.message) }
    }
}

extension Policy {
    /// Why `task` cannot be used with this policy (it lists no such task), with the fix, or nil
    /// when the policy lists it. The command line's `--task` and the web app's task field say the same.
    public func taskProblem(_ task: String) -> String? {
        guard self.task(id: task) == nil else { return nil }
        let known = tasks.map(\.id)
        return "the task \"\(task)\" is not in \(source)" + (known.isEmpty ? "; it lists no tasks." : "; it lists \(known.joined(separator: ", ")).")
            + " Add a [[tasks]] entry with id = \"\(task)\" to the policy, or correct the spelling."
    }

}
