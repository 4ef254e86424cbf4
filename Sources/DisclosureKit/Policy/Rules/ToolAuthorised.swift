import Foundation

/// Flags a declared tool that is not on the policy's list of authorised tools
/// (`[[tools]]`, matched by name or alias, ignoring case). The result is a warning or a
/// failure as `policy.unlisted_tools` says.
public struct ToolAuthorised: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "tool-authorised"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration }
        let policy = context.policy
        guard !d.tools.isEmpty else { return notApplicable("no AI tools declared") }
        guard !policy.tools.isEmpty else { return notApplicable("the policy lists no authorised tools") }
        let unlisted = d.tools.map(\.name).filter { policy.authorisedTool(named: $0) == nil }
        if unlisted.isEmpty {
            let cited = d.tools.compactMap { policy.authorisedTool(named: $0.name) }.map { "\($0.name), \(policy.cite($0.line))" }
            return pass("every declared tool is authorised (\(cited.joined(separator: "; ")))")
        }
        let listed = policy.tools.map(\.name).joined(separator: ", ")
        let value = "policy.unlisted_tools = \"\(policy.unlistedTools.rawValue)\""
        let setting = policy.lines.line("policy.unlisted_tools").map { "\(value), \(policy.cite($0))" } ?? "\(value) (the default)"
        return result(policy.unlistedTools.status,
                      "\(unlisted.quotedList) \(unlisted.count == 1 ? "is" : "are") not on the policy's list of authorised tools (\(listed)); \(setting)")
    }
}
