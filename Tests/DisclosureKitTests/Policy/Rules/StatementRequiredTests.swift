import DisclosureKit
import Testing

@Suite struct StatementRequiredTests {
    let rule = StatementRequired()

    @Test func belowTheThresholdIsNotRequired() throws {
        let policy = try PolicyFixtures.schoolPolicy
        let r = rule.check(PolicyFixtures.pupilDisclosure, context: PolicyFixtures.context(policy, statementFound: false))
        #expect(r == [CheckResult(id: "policy.statement-required", status: .pass, message:
            "a visible statement is not required for extent minor-edits; the policy requires one from partial (\(PolicyFixtures.cite("from")))")])
    }

    @Test func requiredAndMissingFails() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.extent = .substantial
        #expect(rule.check(d, context: PolicyFixtures.context(policy, statementFound: false)).first?.message ==
            "the policy requires a visible statement from extent partial (\(PolicyFixtures.cite("from"))), and this file has none; the author can add one by stamping the file again")
        let hidden = CheckResult(id: CheckID.statementVisible, status: .fail, message: "hidden")
        #expect(rule.check(d, context: PolicyFixtures.context(policy, earlier: [hidden])).first?.message ==
            "the policy requires a visible statement from extent partial (\(PolicyFixtures.cite("from"))), and readers may not see this one (see statement-visible)")
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .pass)
        #expect(rule.check(d, context: PolicyFixtures.context(policy, stage: .stamp, statementFound: false)).first?.status == .pass)
    }

    @Test func editorialReviewWithANamedReviewerLiftsTheDuty() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.extent = .whollyGenerated
        d.review = Review(level: .factChecked)
        #expect(rule.check(d, context: PolicyFixtures.context(policy, statementFound: false)).first?.status == .fail, "no named reviewer")
        d.review.reviewer = "Night Editor"
        #expect(rule.check(d, context: PolicyFixtures.context(policy, statementFound: false)).first?.message ==
            "a visible statement is not required: the content was fact-checked by Night Editor, who holds editorial responsibility (\(PolicyFixtures.cite("exempt")))")
    }

    @Test func neverAndAlways() throws {
        let never = try PolicyFixtures.load("[policy]\nid = \"p\"\n[statement]\nrequired_from = \"never\"\n")
        #expect(never.statement.requiredFrom == nil)
        #expect(rule.check(PolicyFixtures.pupilDisclosure, context: PolicyFixtures.context(never, statementFound: false)).first?.status == .pass)
        let always = try PolicyFixtures.load("[policy]\nid = \"p\"\n[statement]\nrequired_from = \"none\"\n")
        let noAI = Disclosure(tools: [], purposes: [], extent: .none, review: Review(level: .none), declarant: "Pupil", date: "2026-11-25")
        #expect(rule.check(noAI, context: PolicyFixtures.context(always, statementFound: false)).first?.message ==
            "the policy requires a visible statement on every declaration (disclose-policy.toml:4), and this file has none; the author can add one by stamping the file again")
    }
}
