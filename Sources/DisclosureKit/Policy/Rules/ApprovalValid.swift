import Foundation

/// Checks the exception a declaration cites (`stamp --approval ID`) against the policy's
/// `[[approvals]]`: listed, unexpired on the declaration's date, and made for this
/// declarant, task, tools and purposes. A valid approval is what lets the other rules
/// accept an otherwise unauthorised use; this rule says which approval, or why it does not apply.
public struct ApprovalValid: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "approval"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        guard let id = d.approval else { return notApplicable("the declaration cites no approval") }
        guard let approval = policy.approval(id: id) else {
            let known = policy.approvals.map(\.id)
            return fail("the declaration cites the approval \"\(id)\", which the policy does not list" + (known.isEmpty ? "" : " (it lists \(known.joined(separator: ", ")))"))
        }
        if let problem = approval.problem(for: d, task: context.taskID(for: d)) {
            return fail(problem + " (\(policy.cite(approval.line)))")
        }
        if approval.tools != nil, !d.tools.isEmpty, !d.tools.contains(where: { approval.covers(tool: $0.name, in: policy) }) {
            return fail("the approval \"\(id)\" covers \(approval.tools!.quotedList), and the declaration names \(d.tools.map(\.name).quotedList) (\(policy.cite(approval.line)))")
        }
        if let purposes = approval.purposes, !d.purposes.contains(where: approval.covers(purpose:)) {
            return fail("the approval \"\(id)\" covers \(purposes.map(\.rawValue).quotedList), and the declaration gives \(d.purposes.map(\.rawValue).quotedList) (\(policy.cite(approval.line)))")
        }
        return pass("the approval \(approval.citation(in: policy)) applies to this declaration")
    }
}
