import Foundation

/// The organisation policy a stamp is made under, and what to do when the declaration
/// breaks it. The ``Stamper`` holds the completed disclosure against every rule before
/// anything is written: a failing rule refuses the stamp, unless ``recordBreach`` is set,
/// in which case the stamp goes ahead and records the outcome (``PolicyOutcome``) in the
/// metadata, covered by the signature. Warnings never refuse; they come back in
/// ``StampResult/policyWarnings``. Never make the truth impossible to record.
///
/// ```swift
/// var options = StampOptions()
/// var disclosure = try draft.build()
/// try StampPolicy(policy: policy).configure(&disclosure, options: &options)
/// let result = try Stamper().stamp(path: "essay.md", disclosure: disclosure, options: options)
/// ```
public struct StampPolicy: Sendable {
    /// The policy.
    public var policy: Policy
    /// Stamp a declaration the policy does not allow, recording the rules it does not meet.
    public var recordBreach: Bool

    /// Creates the policy setting.
    public init(policy: Policy, recordBreach: Bool = false) {
        self.policy = policy
        self.recordBreach = recordBreach
    }

    /// Applies the policy to a disclosure and stamp options: records the policy reference
    /// (with `task` and `role`), uses the policy's language unless `languageGiven`, its
    /// placement unless `placementGiven` and its statement template, and sets
    /// ``StampOptions/policy`` so the stamper holds the disclosure against the rules.
    /// - Throws: ``DisclosureError/invalidInput(_:)`` when the policy's template cannot be used.
    public func configure(_ disclosure: inout Disclosure, options: inout StampOptions, task: String? = nil, role: String? = nil,
                          languageGiven: Bool = false, placementGiven: Bool = false) throws {
        disclosure = policy.prepare(disclosure, task: task, role: role, keepLanguage: languageGiven)
        if !placementGiven, let placement = policy.statement.placement { options.placement = placement }
        options.renderer = try policy.statementRenderer()
        options.policy = self
    }

    /// What the rules say about `disclosure` at stamping time.
    /// - Returns: the warnings, the failures recorded and the outcome to record when a rule fails.
    /// - Throws: ``DisclosureError/policyViolation(path:rule:detail:)`` when a rule fails and
    ///   ``recordBreach`` is not set; the message says how to record the use truthfully anyway.
    func evaluate(_ disclosure: Disclosure, path: String) throws -> (warnings: [CheckResult], failures: [CheckResult], outcome: PolicyOutcome?) {
        let context = PolicyContext(policy: policy, path: path, stage: .stamp)
        let results = PolicyCheck.evaluate(disclosure, context: context)
        let warnings = results.filter { $0.status == .warn }
        let failed = results.filter { $0.status == .fail }
        guard let first = failed.first else { return (warnings, [], nil) }
        if !recordBreach {
            let others = failed.dropFirst().map(\.id.rawValue)
            let also = others.isEmpty ? "" : " Also not met: \(others.joined(separator: ", "))."
            throw DisclosureError.policyViolation(
                path: path, rule: first.id.rawValue,
                detail: first.message + "." + also + " Nothing was written. " + StampPolicy.breachHint)
        }
        let outcome = PolicyOutcome(policy: policy.id, version: policy.version, rules: failed.map { Self.ruleID($0.id.rawValue) })
        return (warnings, failed, outcome)
    }

    /// How to record a use the policy does not allow, said with every refusal.
    public static let breachHint =
        "If this is what really happened, record it truthfully anyway with --record-breach: the stamp then says which rules it does not meet, and verify, policy check and audit report it."

    /// `policy.tool-authorised` → `tool-authorised`.
    static func ruleID(_ checkID: String) -> String {
        checkID.hasPrefix("policy.") ? String(checkID.dropFirst("policy.".count)) : checkID
    }
}
