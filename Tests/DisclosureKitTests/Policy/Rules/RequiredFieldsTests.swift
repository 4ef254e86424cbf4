import DisclosureKit
import Testing

@Suite struct RequiredFieldsTests {
    let rule = RequiredFields()

    @Test func missingRoleAndReviewAreNamedWithTheirOptions() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.role = nil
        d.review = Review(level: .none)
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r == [CheckResult(id: "policy.required-fields", status: .fail, message:
            "the declaration leaves out fields the policy requires (\(PolicyFixtures.cite("fields"))): review (--review other than none), role (--role)")])
    }

    @Test func noAIDeclarationNeedsNoToolFields() throws {
        let policy = try PolicyFixtures.load("""
            [policy]
            id = "p"
            [declaration]
            fields = ["tools", "purposes", "review", "reviewer", "tool-version", "tool-model", "tool-provider", "declarant", "date"]
            """)
        let noAI = Disclosure(tools: [], purposes: [], extent: .none, review: Review(level: .none), declarant: "Pupil", date: "2026-11-25")
        #expect(rule.check(noAI, context: PolicyFixtures.context(policy)).first?.status == .pass)
    }

    @Test func everyFieldCanBeRequired() throws {
        let all = DeclarationField.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let policy = try PolicyFixtures.load("[policy]\nid = \"p\"\n[declaration]\nfields = [\(all)]\n")
        var d = PolicyFixtures.pupilDisclosure
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the declaration leaves out fields the policy requires (disclose-policy.toml:4): reviewer (--reviewer), organisation (--organisation), note (--note), tool-version (--tool-version), tool-model (--tool-model), tool-provider (--tool-provider), data-classes (--data)")
        d.dataClasses = [.public]
        d.review.reviewer = "Ms Khan"
        d.organisation = "Oak Learning Trust"
        d.note = "Used for a plan only."
        d.tools = [Tool(name: "Gemini", version: "2.5", model: "Gemini 2.5 Flash", provider: "Google")]
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .pass)
    }
}
