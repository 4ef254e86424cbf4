import Foundation

/// Flags a document whose declaration needs a visible statement under the policy
/// (`statement.required_from`, an extent) when none is found, or when readers may not
/// see it. A declaration whose review is one of `statement.exempt_review_levels` (with a
/// named reviewer, when `exempt_requires_reviewer`) is exempt: the EU AI Act's Article
/// 50(4) exception for text reviewed under a person's editorial responsibility.
public struct StatementRequired: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "statement-required"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let rules = policy.statement
        let cite = policy.cite(policy.lines.line("statement.required_from"))
        guard let from = rules.requiredFrom else { return pass("the policy does not require a visible statement (\(cite))") }
        if d.extent.rank < from.rank {
            return pass("a visible statement is not required for extent \(d.extent.rawValue); the policy requires one from \(from.rawValue) (\(cite))")
        }
        if rules.exemptReviewLevels.contains(d.review.level) {
            let reviewer = d.review.reviewer?.trimmingCharacters(in: .whitespaces) ?? ""
            if !rules.exemptRequiresReviewer || !reviewer.isEmpty {
                let who = reviewer.isEmpty ? "" : " by \(reviewer), who holds editorial responsibility"
                return pass("a visible statement is not required: the content was \(d.review.level.rawValue)\(who) (\(policy.cite(policy.lines.line("statement.exempt_review_levels"))))")
            }
        }
        let why = from == .none ? "on every declaration" : "from extent \(from.rawValue)"
        if context.stage == .stamp { return pass("the policy requires a visible statement \(why), and stamping writes one") }
        guard context.statementFound else {
            return fail("the policy requires a visible statement \(why) (\(cite)), and this file has none; the author can add one by stamping the file again")
        }
        if let visible = context.earlier(CheckID.statementVisible), visible.status == .fail {
            return fail("the policy requires a visible statement \(why) (\(cite)), and readers may not see this one (see statement-visible)")
        }
        return pass("the policy requires a visible statement \(why), and one is present")
    }
}
