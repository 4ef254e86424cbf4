import Foundation

/// Flags a declared purpose that none of the declared, authorised tools is authorised
/// for (a `[[tools]]` entry's `purposes`; an entry without `purposes` allows any), unless
/// an approval the declaration cites covers it. Tools not on the list are left to
/// ``ToolAuthorised``; narrower purposes for a role to ``RolePurposes``. A written
/// declaration's purposes are checked as mapped onto the vocabulary; words that map onto
/// none give a warning to check by eye.
public struct PurposeAuthorised: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "purpose-authorised"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard let d = disclosure else { return checkWritten(context) }
        guard !d.purposes.isEmpty else { return notApplicable("no purposes declared") }
        let listed = d.tools.compactMap { policy.authorisedTool(named: $0.name) }
        guard !listed.isEmpty else { return notApplicable("no declared tool is on the policy's list, so no purposes are authorised for it") }
        let unauthorised = PurposeAuthorised.outside(d.purposes, listed)
        if unauthorised.isEmpty {
            return pass("every declared purpose is authorised for the declared tools")
        }
        let names = unauthorised.map(\.rawValue)
        if let approval = context.validApproval(for: d), unauthorised.allSatisfy(approval.covers(purpose:)),
           d.tools.allSatisfy({ approval.covers(tool: $0.name, in: policy) }) {
            return pass("\(names.quotedList) \(names.count == 1 ? "is" : "are") not authorised for the declared tools, but the approval \(approval.citation(in: policy)) covers \(names.count == 1 ? "it" : "them")")
        }
        return failure(names, listed, policy)
    }

    static func outside(_ purposes: [Purpose], _ listed: [AuthorisedTool]) -> [Purpose] {
        purposes.filter { purpose in !listed.contains { $0.purposes == nil || $0.purposes!.contains(purpose) } }
    }

    func failure(_ names: [String], _ listed: [AuthorisedTool], _ policy: Policy) -> [CheckResult] {
        let allowances = listed.map { tool in
            "\(tool.name) is authorised for \(tool.purposes!.map(\.rawValue).joined(separator: ", ")) (\(policy.cite(tool.line)))"
        }
        return fail("\(names.quotedList) \(names.count == 1 ? "is not an authorised purpose" : "are not authorised purposes") for the declared tools: \(allowances.joined(separator: "; "))")
    }

    /// The purposes a written declaration gives, as mapped.
    func checkWritten(_ context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard let written = context.written else { return noDeclaration(context) }
        switch written.aiUse {
        case .none: return notApplicable("the written declaration says no AI was used")
        case .unclear: return warn("what AI was used for \(Self.checkByEye) (\(written.quoted))")
        case .used: break
        }
        let listed = written.tools.compactMap { policy.authorisedTool(named: $0.name) ?? policy.authorisedTool(named: $0.asWritten) }
        guard !listed.isEmpty else { return notApplicable("no tool the written declaration names is on the policy's list, so no purposes are authorised for it") }
        let outside = PurposeAuthorised.outside(written.mappedPurposes, listed)
        if !outside.isEmpty { return failure(outside.map(\.rawValue), listed, policy) }
        if written.purposes.isEmpty { return warn("what AI was used for \(Self.checkByEye) (\(written.quoted))") }
        let unmapped = written.unmappedPurposes
        if !unmapped.isEmpty { return warn("\(unmapped.quotedList) \(Self.checkByEye): not a purpose the policy names") }
        return pass("every purpose the written declaration gives is authorised for the tools it names")
    }
}
