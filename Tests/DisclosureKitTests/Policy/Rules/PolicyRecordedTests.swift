import DisclosureKit
import Testing

@Suite struct PolicyRecordedTests {
    let rule = PolicyRecorded()

    @Test func matchingReferencePasses() throws {
        let policy = try PolicyFixtures.schoolPolicy
        #expect(rule.check(PolicyFixtures.pupilDisclosure, context: PolicyFixtures.context(policy)) ==
            [CheckResult(id: "policy.policy-recorded", status: .pass, message: "made under oak-trust-ai version 2026.1")])
    }

    @Test func otherPolicyOrVersionOrNoneWarns() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.version = "2025.2"
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message == "the disclosure was made under version 2025.2 of this policy; this is version 2026.1")
        d.policy = PolicyReference(id: "elm-trust")
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message == "the disclosure was made under the policy \"elm-trust\", not \"oak-trust-ai\"")
        d.policy = nil
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r.first?.status == .warn)
        #expect(r.first?.message == "the disclosure does not say it was made under a policy; stamping with --policy records oak-trust-ai version 2026.1")
    }
}
