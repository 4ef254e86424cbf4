import DisclosureKit
import Testing

@Suite struct TaskLevelTests {
    let rule = TaskLevel()

    @Test func planningLevelRefusesDraftingAndPartialExtent() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.extent = .partial
        d.purposes = [.research, .drafting]
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r == [CheckResult(id: "policy.task-level", status: .fail, message:
            "the declared extent partial goes beyond minor-edits, the most the task \"y10-history-essay\" (AIAS level 2 (AI Planning)) allows; the task \"y10-history-essay\" (AIAS level 2 (AI Planning)) does not allow AI for \"drafting\" (allowed: research, idea-generation, summarising, lesson-planning) (\(PolicyFixtures.cite("essay")))")])
    }

    @Test func withinTheLevelPasses() throws {
        let policy = try PolicyFixtures.schoolPolicy
        let r = rule.check(PolicyFixtures.pupilDisclosure, context: PolicyFixtures.context(policy))
        #expect(r.first?.message == "within what the task \"y10-history-essay\" (AIAS level 2 (AI Planning)) allows (\(PolicyFixtures.cite("essay")))")
    }

    @Test func noAILevelAllowsOnlyExtentNone() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.task = "y11-exam"
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the task \"y11-exam\" (AIAS level 1 (No AI)) allows no AI use, and the declared extent is minor-edits; the task \"y11-exam\" (AIAS level 1 (No AI)) does not allow AI for \"research\" and \"idea-generation\" (allowed: none) (\(PolicyFixtures.cite("exam")))")
        let none = Disclosure(tools: [], purposes: [], extent: .none, review: Review(level: .none), declarant: "Pupil", date: "2026-11-25",
                              policy: PolicyReference(id: "oak-trust-ai", task: "y11-exam"))
        #expect(rule.check(none, context: PolicyFixtures.context(policy)).first?.status == .pass)
    }

    @Test func collaborationLevelNeedsReview() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.task = "y12-epq"
        d.purposes = [.drafting]
        d.extent = .partial
        d.review = Review(level: .none)
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the task \"y12-epq\" (AIAS level 3 (AI Collaboration)) expects a person to review and change AI output, and the declaration records no review (\(PolicyFixtures.cite("epq")))")
    }

    @Test func roleAndUnknownTaskAndMismatch() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.role = "staff"
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the task is for pupils, and the declaration was made as staff (\(PolicyFixtures.cite("essay")))")
        d.policy?.task = "y9-poem"
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the task \"y9-poem\" is not in the policy; it lists y10-history-essay, y12-epq, y11-exam")
        d.policy?.task = "y12-epq"
        #expect(rule.check(d, context: PolicyFixtures.context(policy, task: "y10-history-essay")).first?.message ==
            "the declaration was made for the task \"y12-epq\", not \"y10-history-essay\"")
        d.policy?.task = nil
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .notApplicable)
    }

    @Test func maxExtentAndPurposesOverrideTheLevel() throws {
        let policy = try PolicyFixtures.load("""
            [policy]
            id = "u"
            [[tasks]]
            id = "comp1010"
            level = 3
            max_extent = "substantial"
            purposes = ["coding"]
            """)
        var d = PolicyFixtures.pupilDisclosure
        d.policy = PolicyReference(id: "u", task: "comp1010")
        d.extent = .substantial
        d.purposes = [.coding]
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .pass)
        d.purposes = [.coding, .research]
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the task \"comp1010\" (AIAS level 3 (AI Collaboration)) does not allow AI for \"research\" (allowed: coding) (disclose-policy.toml:3)")
    }

    @Test func aiasMapping() {
        #expect(AIASLevel.allCases.map(\.maxExtent) == [.none, .minorEdits, .partial, .whollyGenerated, .whollyGenerated])
        #expect(AIASLevel.exploration.purposes == nil)
        #expect(AIASLevel.allCases.filter(\.requiresReview) == [.collaboration, .fullAI])
    }
}
