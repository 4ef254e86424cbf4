import DisclosureKit
import Testing

@Suite struct ReviewRequiredTests {
    let rule = ReviewRequired()

    @Test func accuracyAndBiasReviewPassesAndOthersFail() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.review-level", status: .pass,
            message: "the output was reviewed and checked for accuracy and bias, as the policy asks (\(RealPolicy.cite("review")))")])
        d.review.level = .factChecked
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.review-level", status: .fail,
            message: "the policy asks for a review of \"accuracy-and-bias-checked\" after AI use (\(RealPolicy.cite("review"))), and the declaration records \"fact-checked\" (reviewed and fact-checked)")])
        d.extent = .none
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .notApplicable)
    }

    @Test func theLevelIsInTheVocabularyAndTheStatement() throws {
        #expect(ReviewLevel(rawValue: "accuracy-and-bias-checked") == .accuracyAndBiasChecked)
        let statement = StatementRenderer().render(RealPolicy.staff)
        #expect(statement.contains("Human review: reviewed and checked for accuracy and bias by J. Smith."))
        #expect(PolicyFixtures.error("[policy]\nid = \"p\"\n[declaration]\nreview_levels = [\"none\"]\n")
                == "disclose-policy.toml:4: key \"declaration.review_levels\": \"none\" is not a review level a policy can ask for; use one of reviewed, edited, fact-checked, rewritten, accuracy-and-bias-checked")
    }
}
