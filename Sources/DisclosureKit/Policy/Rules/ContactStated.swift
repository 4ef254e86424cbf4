import Foundation

/// Warns when the policy gives a contact for questions or complaints (`policy.contact`)
/// and the statement does not give it; `stamp --policy` adds it as the statement's last sentence.
public struct ContactStated: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "contact-stated"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        guard let contact = policy.contact else { return notApplicable("the policy gives no contact") }
        let cite = policy.cite(policy.lines.line("policy.contact"))
        if context.stage == .stamp { return pass("the statement gives the policy's contact, \(contact)") }
        guard let statement = d.statement else { return notApplicable("no recorded statement to check") }
        if statement.contains(contact) { return pass("the statement gives the policy's contact, \(contact)") }
        return warn("the statement does not give the policy's contact for questions or complaints, \(contact) (\(cite)); stamping again under this policy adds it")
    }
}
