import Foundation

extension AuditRecord {
    /// Why a person should look at this file, in kind words that describe the file and never
    /// judge its author; empty when nothing needs a look. The register's `attention` column,
    /// and what decides which files the terminal report lists.
    public var attentionReasons: [String] { attentionReasons(withPolicyFailures: true) }

    /// The reasons a person should look, each once: `withPolicyFailures: false` leaves out the
    /// rules the policy says are not met, for a report that shows each of them as a row of its
    /// own (the HTML report), so no message is printed twice.
    func attentionReasons(withPolicyFailures: Bool) -> [String] {
        var reasons: [String] = []
        switch status {
        case .disclosedWithProblems:
            let failed = reportFailedChecks.filter { !$0.id.hasPrefix("policy.") }.map(\.id.rawValue)
            if !failed.isEmpty || !policyChecks.contains(where: { $0.status == .fail }) {
                reasons.append("the Disclose stamp did not pass every check" + (failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")))"))
            }
        case .unreadable:
            reasons.append("the file could not be read; open it to check it by hand")
        case .undisclosedWithSignals:
            if let strongest = findings.first {
                reasons.append("some signals are worth a look (strongest: \(strongest.strength.rawValue), \(strongest.signalTitle))")
            }
        default:
            break
        }
        for check in policyChecks where check.status == .fail && withPolicyFailures {
            reasons.append("does not meet the policy's \(check.ruleName) rule: \(check.message)")
        }
        for check in policyChecks where check.status == .warn {
            reasons.append("the policy's \(check.ruleName) rule needs a check by eye: \(check.message)")
        }
        let facts = declarations.compactMap(\.facts)
        if facts.contains(where: { $0.aiUse == .unclear }) {
            reasons.append("a declaration could not be read either way; please read it")
        } else if facts.contains(where: { $0.confidence == .partial }) {
            reasons.append("part of a declaration could not be read; please read it")
        }
        let uses = Set(facts.map(\.aiUse))
        if let disclosure, let other = uses.first(where: { $0 != .unclear && $0 != disclosure.facts.aiUse }) {
            // A stamp saying AI was used beside words saying none was (or the other way round).
            reasons.append(other == .none
                ? "the Disclose stamp says AI was used, but a declaration written in the file says no AI was used; please read both"
                : "the Disclose stamp says no AI was used, but a declaration written in the file says AI was used; please read both")
        } else if uses.contains(.none) && uses.contains(.used) {
            reasons.append("the declarations say different things; please read them together")
        }
        return reasons
    }

    /// The checks a policy added (`policy.*`), in the order they ran.
    var policyChecks: [CheckResult] { checks.filter { $0.id.hasPrefix("policy.") } }
}

extension CheckResult {
    /// The rule's name without the `policy.` prefix ("declaration-required").
    var ruleName: String { id.hasPrefix("policy.") ? String(id.rawValue.dropFirst("policy.".count)) : id.rawValue }
}
