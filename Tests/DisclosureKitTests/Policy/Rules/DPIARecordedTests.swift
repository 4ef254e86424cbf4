import DisclosureKit
import Testing

@Suite struct DPIARecordedTests {
    let rule = DPIARecorded()

    @Test func prepareRecordsTheToolsDPIAAndTheRulePasses() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.tools = [Tool(name: "mis ai"), Tool(name: "Gemini")]
        let prepared = policy.prepare(d)
        #expect(prepared.tools.map(\.dpia) == ["DPIA-2025-014", nil])
        #expect(rule.check(prepared, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.dpia-recorded", status: .pass, message: "the disclosure records the DPIA of mis ai (DPIA-2025-014)")])
        #expect(policy.tools[0].dpia == "DPIA-2025-014")
        #expect(policy.tools[0].approver == "Data Protection Officer")
    }

    @Test func aMissingOrChangedReferenceWarns() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.tools = [Tool(name: "Oak MIS Assistant")]
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.dpia-recorded", status: .warn,
            message: "Oak MIS Assistant has the DPIA \"DPIA-2025-014\" in the policy (\(RealPolicy.cite("mis"))), and the disclosure does not record it")])
        d.tools[0].dpia = "DPIA-2024-002"
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.message
                == "Oak MIS Assistant records the DPIA \"DPIA-2024-002\"; the policy now gives \"DPIA-2025-014\" (\(RealPolicy.cite("mis")))")
        d.tools = [Tool(name: "Gemini")]
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .notApplicable)
    }
}
