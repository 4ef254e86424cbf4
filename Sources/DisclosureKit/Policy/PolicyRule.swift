import Foundation

/// When a policy is being applied.
public enum PolicyStage: String, Sendable {
    /// Before a stamp is written: the statement will be written, the signature (if any) is fresh.
    case stamp
    /// On a document as found: `verify`, `policy check`, `audit`.
    case verify
}

/// Everything a policy rule may look at besides the disclosure.
public struct PolicyContext: Sendable {
    /// The policy.
    public var policy: Policy
    /// The document's path, for messages.
    public var path: String
    /// Stamping or checking.
    public var stage: PolicyStage
    /// The task the checker expects the document to be made for (`--task` on `policy check`), if any.
    public var expectedTask: String?
    /// True when a visible statement of ours was found (always true when stamping).
    public var statementFound: Bool
    /// True when disclosure metadata was found, even if it could not be read.
    public var metadataFound: Bool
    /// The checks run before the policy's (the built-in ones and, when signatures are checked, `signature`).
    public var earlier: [CheckResult]
    /// Declarations made another way (written in the document, another standard's label),
    /// with their facts; rules read them when the document carries no disclosure of ours.
    public var declarations: [Declaration]

    /// Creates a context.
    public init(policy: Policy, path: String, stage: PolicyStage, expectedTask: String? = nil,
                statementFound: Bool = true, metadataFound: Bool = true, earlier: [CheckResult] = [],
                declarations: [Declaration] = []) {
        self.policy = policy
        self.path = path
        self.stage = stage
        self.expectedTask = expectedTask
        self.statementFound = statementFound
        self.metadataFound = metadataFound
        self.earlier = earlier
        self.declarations = declarations
    }

    /// What the other declarations say, merged; nil when there are none.
    public var written: WrittenFacts? { WrittenFacts(declarations) }

    /// The earlier check with `id`, if it ran.
    public func earlier(_ id: CheckID) -> CheckResult? { earlier.first { $0.id == id } }

    /// The task the document is held against: the one its disclosure records, else the expected one.
    public func taskID(for disclosure: Disclosure?) -> String? { disclosure?.policy?.task ?? expectedTask }
}

/// One requirement of an organisation's policy, held against one disclosure. Each rule
/// lives in its own file under `Policy/Rules/`, says in its doc comment what it flags,
/// and returns one result whose id is `policy.<id>`. The registry is ``PolicyCheck/rules``.
public protocol PolicyRule: Sendable {
    /// The rule's identifier, e.g. `tool-authorised`; results carry `policy.tool-authorised`.
    static var id: String { get }
    /// Creates the rule.
    init()
    /// Holds `disclosure` (nil when the document carries none) against `context.policy`.
    func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult]
}

extension PolicyRule {
    /// The check id in reports: `policy.<id>`.
    public static var checkID: CheckID { CheckID(rawValue: "policy." + id) }

    func pass(_ message: String) -> [CheckResult] { [CheckResult(id: Self.checkID, status: .pass, message: message)] }
    func fail(_ message: String) -> [CheckResult] { [CheckResult(id: Self.checkID, status: .fail, message: message)] }
    func warn(_ message: String) -> [CheckResult] { [CheckResult(id: Self.checkID, status: .warn, message: message)] }
    func notApplicable(_ message: String) -> [CheckResult] { [CheckResult(id: Self.checkID, status: .notApplicable, message: message)] }
    func result(_ status: CheckStatus, _ message: String) -> [CheckResult] { [CheckResult(id: Self.checkID, status: status, message: message)] }

    /// The result every rule gives when the document carries no readable disclosure of ours:
    /// not applicable, saying whether another declaration was found (the rules that read one say so themselves).
    func noDeclaration(_ context: PolicyContext) -> [CheckResult] {
        context.declarations.isEmpty
            ? notApplicable("no declaration to check")
            : notApplicable("not something a written declaration records, so not checked")
    }

    /// The warning a rule gives when what it checks could not be read from a written declaration.
    static var checkByEye: String { "could not be read from the pupil's words; check by eye" }
}

extension Array where Element == String {
    /// `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
    var quotedList: String {
        let quoted = map { "\"\($0)\"" }
        switch quoted.count {
        case 0: return ""
        case 1: return quoted[0]
        default: return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        }
    }
}
