import Foundation

/// Flags a declaration made in a role (`stamp --role`, recorded in the policy reference)
/// that may not use a declared tool (a `[[tools]]` entry's `users`), or a role the policy
/// does not know (`policy.roles`). Without a recorded role, who may use each tool is not
/// checked, and the result says so. An approval the declaration cites may cover the tools.
public struct UserAuthorised: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "user-authorised"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let restricted = d.tools.compactMap { policy.authorisedTool(named: $0.name) }.filter { $0.users != nil }
        guard let role = d.policy?.role else {
            return notApplicable(restricted.isEmpty
                ? "no declared tool is limited to particular users"
                : "the declaration records no role, so who may use \(restricted.map(\.name).joined(separator: ", ")) was not checked; stamp with --role")
        }
        if !policy.roles.isEmpty && !policy.roles.contains(role) {
            return fail("the role \"\(role)\" is not one the policy knows (\(policy.roles.joined(separator: ", ")); \(policy.cite(policy.lines.line("policy.roles"))))")
        }
        let refused = restricted.filter { !$0.users!.contains(role) }
        if refused.isEmpty {
            return pass(restricted.isEmpty ? "no declared tool is limited to particular users" : "\(role) may use every declared tool")
        }
        if let approval = context.validApproval(for: d), refused.allSatisfy({ approval.covers(tool: $0.name, in: policy) }) {
            return pass("\(refused.map(\.name).joined(separator: ", ")) \(refused.count == 1 ? "is" : "are") not authorised for \(role), but the approval \(approval.citation(in: policy)) covers this use")
        }
        let details = refused.map { "\($0.name) is authorised for \($0.users!.joined(separator: ", ")) only (\(policy.cite($0.line)))" }
        return fail("the declaration was made as \(role), but \(details.joined(separator: "; "))")
    }
}
