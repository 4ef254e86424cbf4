import Foundation

/// An organisation's AI policy, as far as Disclose can hold a disclosure against it:
/// which tools are authorised for which purposes and users, what a declaration must
/// contain and when one is required, the permitted level of AI use per task, when a
/// visible statement is required, whether a signature is required, and how the
/// statement is worded. `docs/policy.md` documents every key of the TOML file.
///
/// ```swift
/// let policy = try PolicyLoader().load(path: "disclose-policy.toml")
/// let verifier = Verifier(additionalChecks: [PolicyCheck(policy: policy)])
/// ```
public struct Policy: Equatable, Sendable {
    /// The file the policy was read from, as given (for messages).
    public var source: String
    /// The policy's identifier, recorded in every disclosure stamped under it.
    public var id: String
    /// The policy's version, recorded in every disclosure stamped under it.
    public var version: String?
    /// A human-readable title.
    public var name: String?
    /// The organisation that owns the policy.
    public var organisation: String?
    /// Whom to ask about AI use, or complain to (an address, a role or a page); printed in the statement.
    public var contact: String?
    /// The kinds of user the policy knows (e.g. `staff`, `pupils`); empty means any role is accepted.
    public var roles: [String]
    /// What to do with a tool that is not on the list.
    public var unlistedTools: Enforcement
    /// The authorised tools, in file order.
    public var tools: [AuthorisedTool]
    /// What a declaration must contain and when one is required.
    public var declaration: DeclarationRequirements
    /// Tasks or assignments, each with a permitted level of AI use.
    public var tasks: [PolicyTask]
    /// When a visible statement is required, and how it is worded and placed.
    public var statement: StatementRequirements
    /// Whether a signature is required, and which keys are trusted.
    public var signature: SignatureRequirements
    /// Exceptions approved in advance (`[[approvals]]`), in file order.
    public var approvals: [ApprovedException] = []
    /// Purposes never allowed, whatever the tool or approval (`[[banned]]`), in file order.
    public var banned: [BannedUse] = []
    /// The line of each key, section and list entry, for messages.
    public var lines: PolicyLines

    /// The reference recorded in a disclosure stamped under this policy.
    public func reference(task: String? = nil, role: String? = nil) -> PolicyReference {
        PolicyReference(id: id, version: version, task: task, role: role)
    }

    /// The listed tool a declared tool matches (by name or alias, ignoring case and outer spaces).
    public func authorisedTool(named name: String) -> AuthorisedTool? {
        let key = Policy.normalise(name)
        return tools.first { $0.allNames.map(Policy.normalise).contains(key) }
    }

    /// The approval with `id`, if the policy lists it.
    public func approval(id: String) -> ApprovedException? {
        approvals.first { $0.id == id }
    }

    /// The task with `id`, if the policy lists it.
    public func task(id: String) -> PolicyTask? {
        tasks.first { $0.id == id }
    }

    /// `source:line`, or just `source` when the line is unknown; used in every rule's message.
    public func cite(_ line: Int?) -> String {
        line.map { "\(source):\($0)" } ?? source
    }

    static func normalise(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// What happens when a rule finds something the policy does not allow.
public enum Enforcement: String, Sendable, CaseIterable {
    /// Report it as a warning; stamping goes ahead.
    case warn
    /// Report it as a failure; stamping is refused.
    case fail

    /// The check status this enforcement gives.
    public var status: CheckStatus { self == .warn ? .warn : .fail }
}

/// One row of the organisation's table of approved AI systems.
public struct AuthorisedTool: Equatable, Sendable {
    /// The product name, e.g. "Microsoft 365 Copilot".
    public var name: String
    /// Other names a declaration may use for the same tool, e.g. "Copilot".
    public var aliases: [String]
    /// The purposes it is authorised for; nil means any purpose.
    public var purposes: [Purpose]?
    /// The roles that may use it; nil means anyone.
    public var users: [String]?
    /// Conditions in words (e.g. "school accounts only"), shown in messages.
    public var note: String?
    /// Narrower purposes for some roles (`role_purposes`): a role named here may use the tool
    /// only for its own list; other roles use ``purposes``.
    public var rolePurposes: [String: [Purpose]]
    /// The kinds of data the tool is approved to receive; nil means not restricted.
    public var dataClasses: [DataClass]?
    /// The Data Protection Impact Assessment reference, recorded in disclosures that name the tool.
    public var dpia: String?
    /// Who approved the DPIA or the tool (a name or a role).
    public var approver: String?
    /// The line of its `[[tools]]` header.
    public var line: Int?

    /// The name followed by the aliases.
    public var allNames: [String] { [name] + aliases }

    /// The purposes `role` may use the tool for; nil means any purpose.
    public func purposes(for role: String?) -> [Purpose]? {
        role.flatMap { rolePurposes[$0] } ?? purposes
    }

    /// Creates a tool entry.
    public init(name: String, aliases: [String] = [], purposes: [Purpose]? = nil, users: [String]? = nil, note: String? = nil,
                rolePurposes: [String: [Purpose]] = [:], dataClasses: [DataClass]? = nil, dpia: String? = nil,
                approver: String? = nil, line: Int? = nil) {
        self.name = name
        self.aliases = aliases
        self.purposes = purposes
        self.users = users
        self.note = note
        self.rolePurposes = rolePurposes
        self.dataClasses = dataClasses
        self.dpia = dpia
        self.approver = approver
        self.line = line
    }
}

/// A field a policy may require a declaration to fill in.
public enum DeclarationField: String, Sendable, CaseIterable {
    /// At least one tool (when AI was used).
    case tools
    /// At least one purpose (when AI was used).
    case purposes
    /// The extent (always present).
    case extent
    /// A human review other than `none` (when AI was used).
    case review
    /// A named reviewer (when AI was used).
    case reviewer
    /// The declarant.
    case declarant
    /// The organisation.
    case organisation
    /// An ISO 8601 date.
    case date
    /// A note from the declarant.
    case note
    /// Every tool's version (when AI was used).
    case toolVersion = "tool-version"
    /// Every tool's underlying model (when AI was used).
    case toolModel = "tool-model"
    /// Every tool's provider (when AI was used).
    case toolProvider = "tool-provider"
    /// The task recorded with `stamp --task`.
    case task
    /// The role recorded with `stamp --role`.
    case role
    /// The kinds of data that went into the tools, recorded with `stamp --data` (when AI was used).
    case dataClasses = "data-classes"

    /// The fields required when a policy does not say: the six every declaration carries.
    public static let defaults: [DeclarationField] = [.tools, .purposes, .extent, .review, .declarant, .date]
}

/// What a declaration must contain and when one is required.
public struct DeclarationRequirements: Equatable, Sendable {
    /// True when every document checked must carry a disclosure (a "no AI" declaration counts).
    public var required: Bool
    /// The fields a declaration must fill in.
    public var fields: [DeclarationField]
    /// The review levels a declaration of AI use must record (e.g. `accuracy-and-bias-checked`); nil means any.
    public var reviewLevels: [ReviewLevel]?

    /// Creates requirements.
    public init(required: Bool = false, fields: [DeclarationField] = DeclarationField.defaults, reviewLevels: [ReviewLevel]? = nil) {
        self.required = required
        self.fields = fields
        self.reviewLevels = reviewLevels
    }
}

/// A task or assignment with its permitted level of AI use.
public struct PolicyTask: Equatable, Sendable {
    /// The identifier given with `stamp --task`.
    public var id: String
    /// A human-readable title.
    public var title: String?
    /// The AI Assessment Scale level.
    public var level: AIASLevel
    /// The highest extent allowed; the level's own limit when nil.
    public var maxExtent: Extent?
    /// The purposes allowed; the level's own list when nil.
    public var purposes: [Purpose]?
    /// The roles the task is for; nil means anyone.
    public var roles: [String]?
    /// Overrides ``DeclarationRequirements/required`` for documents made for this task.
    public var declarationRequired: Bool?
    /// The line of its `[[tasks]]` header.
    public var line: Int?

    /// The highest extent allowed, from `max_extent` or the level.
    public var allowedMaxExtent: Extent { maxExtent ?? level.maxExtent }

    /// Creates a task.
    public init(id: String, title: String? = nil, level: AIASLevel, maxExtent: Extent? = nil, purposes: [Purpose]? = nil,
                roles: [String]? = nil, declarationRequired: Bool? = nil, line: Int? = nil) {
        self.id = id
        self.title = title
        self.level = level
        self.maxExtent = maxExtent
        self.purposes = purposes
        self.roles = roles
        self.declarationRequired = declarationRequired
        self.line = line
    }
}

/// When a visible statement is required, and how it is worded and placed.
public struct StatementRequirements: Equatable, Sendable {
    /// The lowest extent at which a visible statement is required; nil means never.
    /// ``Extent/none`` means always, even for a "no AI" declaration.
    public var requiredFrom: Extent?
    /// Review levels that lift the requirement (the EU AI Act's Article 50(4) editorial exception).
    public var exemptReviewLevels: [ReviewLevel]
    /// When true, the exception also needs a named reviewer, the person holding editorial responsibility.
    public var exemptRequiresReviewer: Bool
    /// Where `stamp --policy` puts the statement when `--placement` is not given.
    public var placement: Placement?
    /// The statement's language (BCP 47), used when `--language` is not given.
    public var language: String?
    /// The statement wording, used when `--template` is not given.
    public var template: String?

    /// Creates statement requirements.
    public init(requiredFrom: Extent? = .minorEdits, exemptReviewLevels: [ReviewLevel] = [], exemptRequiresReviewer: Bool = true,
                placement: Placement? = nil, language: String? = nil, template: String? = nil) {
        self.requiredFrom = requiredFrom
        self.exemptReviewLevels = exemptReviewLevels
        self.exemptRequiresReviewer = exemptRequiresReviewer
        self.placement = placement
        self.language = language
        self.template = template
    }
}

/// Whether a signature is required, and which keys are trusted.
public struct SignatureRequirements: Equatable, Sendable {
    /// True when every disclosure must be signed with a trusted key.
    public var required: Bool
    /// Absolute paths of trusted public keys or CA certificates, resolved against the policy file's folder.
    public var trust: [String]

    /// Creates signature requirements.
    public init(required: Bool = false, trust: [String] = []) {
        self.required = required
        self.trust = trust
    }
}
