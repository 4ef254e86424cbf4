import Foundation

/// A policy outcome recorded in a disclosure: the declarant stamped a truthful declaration
/// that the policy does not allow (`stamp --record-breach`). Readers (`verify`, `policy check`,
/// `audit`) report it as a problem naming the rules; it is never hidden, and never a reason to
/// refuse to record what really happened.
public struct PolicyOutcome: Codable, Equatable, Sendable {
    /// The outcome's kind; `not-met` is the only one this version writes.
    public var result: String
    /// The policy's identifier.
    public var policy: String
    /// The policy's version, when it has one.
    public var version: String?
    /// The ids of the rules not met, in registry order (`tool-authorised`, …).
    public var rules: [String]

    /// The one kind of outcome written: the declaration does not meet the policy.
    public static let notMet = "not-met"

    /// Creates an outcome.
    public init(result: String = PolicyOutcome.notMet, policy: String, version: String? = nil, rules: [String]) {
        self.result = result
        self.policy = policy
        self.version = version
        self.rules = rules
    }

    /// "example-university-genai version 3".
    public var policyName: String {
        policy + (version.map { " version \($0)" } ?? "")
    }
}

extension PolicyOutcome {
    /// The check id `verify` reports a recorded outcome under. It starts with `policy.` so
    /// `policy check` lists it with the rules.
    public static let checkID: CheckID = "policy.recorded-breach"

    /// The recorded outcome as a failed check, naming the policy and the rules not met.
    public var checkResult: CheckResult {
        let rules = rules.isEmpty ? "" : " (rules not met: \(rules.joined(separator: ", ")))"
        return CheckResult(
            id: PolicyOutcome.checkID, status: .fail,
            message: "the declaration was stamped knowing it does not meet \(policyName)\(rules); it records what happened, so talk to whoever looks after the policy rather than changing the declaration")
    }
}
