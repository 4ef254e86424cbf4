import Foundation

/// Holds a disclosure against a policy just before it is stamped, and refuses the stamp
/// when any rule fails. Warnings do not refuse; they are kept in ``warnings`` for the
/// caller to show.
///
/// ```swift
/// let approval = PolicyApproval(policy: policy)
/// var options = StampOptions()
/// options.approvals.append(approval.approve)
/// ```
public final class PolicyApproval: Sendable {
    /// The policy.
    public let policy: Policy
    private let collected = Locked<[(path: String, result: CheckResult)]>([])

    /// Creates an approval for `policy`.
    public init(policy: Policy) {
        self.policy = policy
    }

    /// The warnings given so far, with the path each is about.
    public var warnings: [(path: String, result: CheckResult)] {
        collected.current
    }

    /// The closure for ``StampOptions/approvals``.
    public var approve: @Sendable (Disclosure, String) throws -> Void {
        { [self] disclosure, path in try self.check(disclosure, path: path) }
    }

    /// Refuses `disclosure` if any rule fails.
    /// - Throws: ``DisclosureError/policyViolation(path:rule:detail:)`` naming the first failing rule and the policy line.
    public func check(_ disclosure: Disclosure, path: String) throws {
        let context = PolicyContext(policy: policy, path: path, stage: .stamp)
        let results = PolicyCheck.evaluate(disclosure, context: context)
        let warned = results.filter { $0.status == .warn }
        collected.withLock { $0 += warned.map { (path, $0) } }
        let failed = results.filter { $0.status == .fail }
        if let first = failed.first {
            let others = failed.dropFirst().map(\.id.rawValue)
            let also = others.isEmpty ? "" : " Also not met: \(others.joined(separator: ", "))."
            throw DisclosureError.policyViolation(path: path, rule: first.id.rawValue, detail: first.message + "." + also + " Nothing was written.")
        }
    }
}

extension Policy {
    /// `disclosure` as it is stamped under this policy: the policy reference (with the
    /// task and role) recorded, the policy's organisation recorded when none was given, each
    /// listed tool's DPIA reference recorded, and the policy's statement language used unless
    /// `keepLanguage` (the language was given explicitly).
    public func prepare(_ disclosure: Disclosure, task: String? = nil, role: String? = nil, keepLanguage: Bool = false) -> Disclosure {
        var out = disclosure
        out.policy = reference(task: task ?? disclosure.policy?.task, role: role ?? disclosure.policy?.role)
        if (out.organisation ?? "").trimmingCharacters(in: .whitespaces).isEmpty, let organisation { out.organisation = organisation }
        for i in out.tools.indices {
            if let dpia = authorisedTool(named: out.tools[i].name)?.dpia { out.tools[i].dpia = dpia }
        }
        if !keepLanguage, let language = statement.language { out.language = language }
        return out
    }

    /// The statement renderer for the policy's template and contact, or nil when it has neither.
    /// - Throws: ``DisclosureError/invalidInput(_:)``; the loader has already checked the template.
    @available(*, deprecated, renamed: "statementRenderer()", message: "statementRenderer() also names the policy in the default wording")
    public func renderer() throws -> StatementRenderer? {
        guard statement.template != nil || contact != nil else { return nil }
        return try statementRenderer()
    }
}
