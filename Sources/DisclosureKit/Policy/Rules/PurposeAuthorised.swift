import Foundation

/// Flags a declared purpose that none of the declared, authorised tools is authorised
/// for (a `[[tools]]` entry's `purposes`; an entry without `purposes` allows any).
/// Tools not on the list are left to ``ToolAuthorised``.
public struct PurposeAuthorised: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "purpose-authorised"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration }
        let policy = context.policy
        guard !d.purposes.isEmpty else { return notApplicable("no purposes declared") }
        let listed = d.tools.compactMap { policy.authorisedTool(named: $0.name) }
        guard !listed.isEmpty else { return notApplicable("no declared tool is on the policy's list, so no purposes are authorised for it") }
        let unauthorised = d.purposes.filter { purpose in
            !listed.contains { $0.purposes == nil || $0.purposes!.contains(purpose) }
        }
        if unauthorised.isEmpty {
            return pass("every declared purpose is authorised for the declared tools")
        }
        let allowances = listed.map { tool in
            "\(tool.name) is authorised for \(tool.purposes!.map(\.rawValue).joined(separator: ", ")) (\(policy.cite(tool.line)))"
        }
        let names = unauthorised.map(\.rawValue)
        return fail("\(names.quotedList) \(names.count == 1 ? "is not an authorised purpose" : "are not authorised purposes") for the declared tools: \(allowances.joined(separator: "; "))")
    }
}
