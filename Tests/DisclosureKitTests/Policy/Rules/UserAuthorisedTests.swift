import DisclosureKit
import Testing

@Suite struct UserAuthorisedTests {
    let rule = UserAuthorised()

    @Test func pupilMayNotUseAStaffTool() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "Microsoft 365 Copilot")]
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r == [CheckResult(id: "policy.user-authorised", status: .fail, message:
            "the declaration was made as pupils, but Microsoft 365 Copilot is authorised for staff only (\(PolicyFixtures.cite("copilot")))")])
    }

    @Test func staffMayUseIt() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "Microsoft 365 Copilot")]
        d.policy?.role = "staff"
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message == "staff may use every declared tool")
    }

    @Test func unknownRoleFails() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.role = "parents"
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message ==
            "the role \"parents\" is not one the policy knows (staff, pupils; \(PolicyFixtures.cite("roles")))")
    }

    @Test func noRoleRecordedSaysWhatWasNotChecked() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.policy?.role = nil
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r.first?.status == .notApplicable)
        #expect(r.first?.message == "the declaration records no role, so who may use Gemini for Education was not checked; stamp with --role")
    }
}
