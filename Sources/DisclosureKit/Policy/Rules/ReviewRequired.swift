import Foundation

/// Flags a declaration of AI use whose human review is not one the policy asks for
/// (`declaration.review_levels`), e.g. a policy that wants every AI output checked for
/// accuracy and bias (`accuracy-and-bias-checked`). A "no AI" declaration has nothing to review.
public struct ReviewRequired: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "review-level"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        guard let levels = policy.declaration.reviewLevels else { return notApplicable("the policy asks for no particular review") }
        guard d.extent != .none else { return notApplicable("no AI was used, so there was nothing to review") }
        let cite = policy.cite(policy.lines.line("declaration.review_levels"))
        if levels.contains(d.review.level) {
            return pass("the output was \(d.review.level.phrase), as the policy asks (\(cite))")
        }
        let wanted = levels.map(\.rawValue).quotedList
        return fail("the policy asks for a review of \(wanted) after AI use (\(cite)), and the declaration records \"\(d.review.level.rawValue)\" (\(d.review.level.phrase))")
    }
}
