import Foundation

/// Warns when a disclosure does not record that it was made under this policy
/// (`policy.id` and `policy.version`, written by `stamp --policy`), or names another
/// policy or another version of this one.
public struct PolicyRecorded: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "policy-recorded"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let this = policy.id + (policy.version.map { " version \($0)" } ?? "")
        guard let recorded = d.policy else {
            return warn("the disclosure does not say it was made under a policy; stamping with --policy records \(this)")
        }
        if recorded.id != policy.id {
            return warn("the disclosure was made under the policy \"\(recorded.id)\", not \"\(policy.id)\"")
        }
        if recorded.version != policy.version {
            return warn("the disclosure was made under version \(recorded.version ?? "(none)") of this policy; this is version \(policy.version ?? "(none)")")
        }
        return pass("made under \(this)")
    }
}
