import Foundation

/// Flags a declared tool that is not on the policy's list of authorised tools
/// (`[[tools]]`, matched by name or alias, ignoring case). The result is a warning or a
/// failure as `policy.unlisted_tools` says, unless an approval the declaration cites
/// (`[[approvals]]`) covers the tool. A written declaration's tools are checked as read;
/// a tool that could not be recognised gives a warning to check by eye.
public struct ToolAuthorised: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "tool-authorised"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard let d = disclosure else { return checkWritten(context) }
        guard !d.tools.isEmpty else { return notApplicable("no AI tools declared") }
        guard !policy.tools.isEmpty else { return notApplicable("the policy lists no authorised tools") }
        let unlisted = d.tools.map(\.name).filter { policy.authorisedTool(named: $0) == nil }
        if unlisted.isEmpty {
            let cited = d.tools.compactMap { policy.authorisedTool(named: $0.name) }.map { "\($0.name), \(policy.cite($0.line))" }
            return pass("every declared tool is authorised (\(cited.joined(separator: "; ")))")
        }
        if let approval = context.validApproval(for: d), unlisted.allSatisfy({ approval.covers(tool: $0, in: policy) }) {
            return pass("\(unlisted.quotedList) \(unlisted.count == 1 ? "is" : "are") not on the policy's list, but the approval \(approval.citation(in: policy)) covers \(unlisted.count == 1 ? "it" : "them")")
        }
        return unlistedResult(unlisted, policy: policy)
    }

    func unlistedResult(_ unlisted: [String], policy: Policy) -> [CheckResult] {
        let listed = policy.tools.map(\.name).joined(separator: ", ")
        let value = "policy.unlisted_tools = \"\(policy.unlistedTools.rawValue)\""
        let setting = policy.lines.line("policy.unlisted_tools").map { "\(value), \(policy.cite($0))" } ?? "\(value) (the default)"
        return result(policy.unlistedTools.status,
                      "\(unlisted.quotedList) \(unlisted.count == 1 ? "is" : "are") not on the policy's list of authorised tools (\(listed)); \(setting)")
    }

    /// The tools a written declaration names, as read.
    func checkWritten(_ context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard let written = context.written else { return noDeclaration(context) }
        switch written.aiUse {
        case .none: return notApplicable("the written declaration says no AI was used")
        case .unclear: return warn("whether AI was used, and which tools, \(Self.checkByEye) (\(written.quoted))")
        case .used: break
        }
        guard !policy.tools.isEmpty else { return notApplicable("the policy lists no authorised tools") }
        guard !written.tools.isEmpty else { return warn("the tools used \(Self.checkByEye) (\(written.quoted))") }
        let unlisted = written.tools.filter { policy.authorisedTool(named: $0.name) == nil && policy.authorisedTool(named: $0.asWritten) == nil }
        let known = unlisted.filter { $0.canonical != nil }
        if !known.isEmpty {
            return unlistedResult(known.map(\.name), policy: policy)
        }
        if !unlisted.isEmpty {
            return warn("\(unlisted.map(\.asWritten).quotedList) \(Self.checkByEye): not recognised as a tool the policy lists")
        }
        let cited = written.tools.compactMap { policy.authorisedTool(named: $0.name) ?? policy.authorisedTool(named: $0.asWritten) }
            .map { "\($0.name), \(policy.cite($0.line))" }
        if written.confidence == .partial {
            return warn("the tools read are authorised (\(cited.joined(separator: "; "))), but part of the declaration \(Self.checkByEye)")
        }
        return pass("every tool the written declaration names is authorised (\(cited.joined(separator: "; ")))")
    }
}
