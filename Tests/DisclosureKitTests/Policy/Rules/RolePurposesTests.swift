import DisclosureKit
import Testing

@Suite struct RolePurposesTests {
    let rule = RolePurposes()

    @Test func codingIsForStaffOnly() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.role-purposes", status: .pass, message: "every declared purpose is open to staff for Oak MIS Assistant")])
        d.policy?.role = "pupils"
        let r = rule.check(d, context: RealPolicy.context(policy))
        #expect(r == [CheckResult(id: "policy.role-purposes", status: .fail,
                                  message: "the declaration was made as pupils, and Oak MIS Assistant is authorised for pupils for drafting, research, summarising, idea-generation only, not \"coding\" (\(RealPolicy.cite("mis")))")])
    }

    @Test func pupilsMayDraftAndWithoutARoleNothingIsChecked() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.policy?.role = "pupils"
        d.purposes = [.drafting, .research]
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .pass)
        d.policy?.role = nil
        #expect(rule.check(d, context: RealPolicy.context(policy)).first == CheckResult(
            id: "policy.role-purposes", status: .notApplicable,
            message: "the declaration records no role, so the purposes Oak MIS Assistant allows per role were not checked; stamp with --role"))
    }

    @Test func aValidApprovalCoversTheRolePurpose() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.policy?.role = "pupils"
        d.policy?.task = "y10-history-essay"
        d.approval = "EX-2026-004"
        let r = rule.check(d, context: RealPolicy.context(policy))
        #expect(r.first?.status == .pass)
        #expect(r.first?.message == "\"coding\" is not open to pupils for Oak MIS Assistant, but the approval EX-2026-004 (approved by Head of History, \(RealPolicy.cite("ex2"))) covers it")
    }

    @Test func rolePurposesLoadWithLineNumberedErrors() throws {
        let policy = try RealPolicy.policy
        #expect(policy.tools[0].rolePurposes == ["pupils": [.drafting, .research, .summarising, .ideaGeneration]])
        #expect(policy.tools[0].purposes(for: "staff")?.contains(.coding) == true)
        let bad = Marked("""
            [policy]
            id = "p"
            roles = ["staff", "pupils"]
            [[tools]]
            name = "MIS"
            role_purposes = { pupils = ["essay-writing"] }⟨bad⟩
            """)
        #expect(PolicyFixtures.error(bad.text) == "disclose-policy.toml:\(bad["bad"]): key \"tools.role_purposes.pupils\": \"essay-writing\" is not a purpose Disclose knows; use one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")), or other:<text>")
        let role = Marked("""
            [policy]
            id = "p"
            roles = ["staff", "pupils"]
            [[tools]]
            name = "MIS"
            role_purposes = { students = ["drafting"] }⟨bad⟩
            """)
        #expect(PolicyFixtures.error(role.text) == "disclose-policy.toml:\(role["bad"]): key \"tools.role_purposes.students\": \"students\" is not one of the roles in policy.roles (staff, pupils); add it there or correct the spelling")
    }
}
