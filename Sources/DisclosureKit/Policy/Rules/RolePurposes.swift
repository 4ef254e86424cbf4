import Foundation

/// Flags a purpose a role may not use a tool for, when the tool's entry narrows its
/// purposes for that role (`role_purposes`): a trust's MIS AI authorised for staff and
/// pupils for drafting and research, but for `coding` for staff only. Needs the role the
/// declaration records (`stamp --role`); an approval the declaration cites may cover the use.
public struct RolePurposes: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "role-purposes"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let narrowed = d.tools.compactMap { policy.authorisedTool(named: $0.name) }.filter { !$0.rolePurposes.isEmpty }
        guard !narrowed.isEmpty else { return notApplicable("no declared tool has purposes set per role") }
        guard let role = d.policy?.role else {
            return notApplicable("the declaration records no role, so the purposes \(narrowed.map(\.name).joined(separator: ", ")) allows per role were not checked; stamp with --role")
        }
        var refused: [(tool: AuthorisedTool, purposes: [Purpose])] = []
        for tool in narrowed {
            guard let allowed = tool.rolePurposes[role] else { continue }
            let outside = d.purposes.filter { !allowed.contains($0) }
            // A purpose another declared tool is open to for this role is that tool's use, not this one's.
            let elsewhere = d.tools.compactMap { policy.authorisedTool(named: $0.name) }.filter { $0 != tool }
            let unexplained = outside.filter { p in !elsewhere.contains { $0.purposes(for: role)?.contains(p) ?? true } }
            if !unexplained.isEmpty { refused.append((tool, unexplained)) }
        }
        if refused.isEmpty {
            return pass("every declared purpose is open to \(role) for \(narrowed.map(\.name).joined(separator: ", "))")
        }
        let all = refused.flatMap(\.purposes)
        if let approval = context.validApproval(for: d), all.allSatisfy(approval.covers(purpose:)),
           refused.allSatisfy({ approval.covers(tool: $0.tool.name, in: policy) }) {
            return pass("\(all.map(\.rawValue).quotedList) is not open to \(role) for \(refused.map(\.tool.name).joined(separator: ", ")), but the approval \(approval.citation(in: policy)) covers it")
        }
        let details = refused.map { entry in
            let allowed = entry.tool.rolePurposes[role]!.map(\.rawValue)
            return "\(entry.tool.name) is authorised for \(role) for \(allowed.isEmpty ? "no purpose" : allowed.joined(separator: ", ")) only, not \(entry.purposes.map(\.rawValue).quotedList) (\(policy.cite(entry.tool.line)))"
        }
        return fail("the declaration was made as \(role), and \(details.joined(separator: "; "))")
    }
}
