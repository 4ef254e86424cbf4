import Foundation

/// Runs every policy rule on a document as a verification check, so `verify --policy`
/// reports each rule as `policy.<rule-id>` alongside the built-in checks.
///
/// ```swift
/// let policy = try PolicyLoader().load(path: "disclose-policy.toml")
/// let report = try Verifier(additionalChecks: [PolicyCheck(policy: policy)]).verify(path: "essay.docx")
/// ```
public struct PolicyCheck: VerificationCheck {
    /// Every rule, in the order results are reported. The one registry of rules.
    public static let rules: [any PolicyRule.Type] = [
        DeclarationRequired.self,
        PolicyRecorded.self,
        RequiredFields.self,
        BannedPurposes.self,
        ToolAuthorised.self,
        PurposeAuthorised.self,
        RolePurposes.self,
        UserAuthorised.self,
        DataClassesAllowed.self,
        ApprovalValid.self,
        TaskLevel.self,
        ReviewRequired.self,
        DPIARecorded.self,
        StatementRequired.self,
        ContactStated.self,
        SignatureRequired.self,
    ]

    /// The prefix of every policy rule's check id.
    public static let idPrefix = "policy."

    /// The policy held against each document.
    public var policy: Policy
    /// The task every document is expected to be made for, if any (`policy check --task`).
    public var expectedTask: String?

    /// Creates the check.
    public init(policy: Policy, expectedTask: String? = nil) {
        self.policy = policy
        self.expectedTask = expectedTask
    }

    /// Runs every rule on the document in `context`. Without a disclosure of ours, the
    /// rules read the declarations made another way: the ones the caller scanned for, else
    /// those ``EvidenceScanner/declarations(in:raw:path:)`` finds.
    public func run(_ context: VerificationContext) -> [CheckResult] {
        var declarations: [Declaration] = []
        if context.disclosure == nil && context.found.metadata == nil {
            declarations = context.declarations
                ?? (try? EvidenceScanner.declarations(in: context.document, raw: context.raw ?? Data(), path: context.path)) ?? []
        }
        let policyContext = PolicyContext(
            policy: policy, path: context.path, stage: .verify, expectedTask: expectedTask,
            statementFound: context.found.statement != nil, metadataFound: context.found.metadata != nil,
            earlier: context.earlier, declarations: declarations)
        return PolicyCheck.evaluate(context.disclosure, context: policyContext)
    }

    /// Runs every rule on `disclosure` (nil when the document carries none).
    public static func evaluate(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        rules.flatMap { $0.init().check(disclosure, context: context) }
    }
}
