import DisclosureKit
import Foundation
import Testing

@Suite struct DataClassesAllowedTests {
    let rule = DataClassesAllowed()

    @Test func aClassTheToolIsApprovedForPasses() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.dataClasses = [.internal, .personal]
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.data-classes", status: .pass, message: "every declared tool is approved for internal information and personal data")])
    }

    @Test func specialCategoryDataFailsNamingTheToolAndLine() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.dataClasses = [.personal, .specialCategory]
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.data-classes", status: .fail,
            message: "Oak MIS Assistant is approved for public, internal, personal only, and the declaration records special category data (\(RealPolicy.cite("mis")))")])
    }

    @Test func personalDataInAnUnlistedToolFails() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.tools = [Tool(name: "ChatGPT")]
        d.dataClasses = [.personal]
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.message
                == "\"ChatGPT\" is not on the policy's list, so only public information may go into it, and the declaration records personal data")
        d.dataClasses = [.public]
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .pass)
    }

    @Test func notRecordedIsNotCheckedButCanBeRequired() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.dataClasses = nil
        #expect(rule.check(d, context: RealPolicy.context(policy)).first == CheckResult(
            id: "policy.data-classes", status: .notApplicable,
            message: "the declaration does not record what kinds of data went in (stamp --data), so they were not checked"))
        let requiring = try PolicyFixtures.load("[policy]\nid = \"p\"\n[declaration]\nfields = [\"data-classes\"]\n")
        let fields = RequiredFields().check(d, context: RealPolicy.context(requiring))
        #expect(fields.first?.status == .fail)
        #expect(fields.first?.message.hasSuffix(": data-classes (--data)") == true)
        d.dataClasses = []
        #expect(RequiredFields().check(d, context: RealPolicy.context(requiring)).first?.status == .pass)
    }

    @Test func unknownDataClassIsRefusedAtItsLine() {
        let bad = Marked("""
            [policy]
            id = "p"
            [[tools]]
            name = "MIS"
            data_classes = [
              "public",
              "secret",⟨bad⟩
            ]
            """)
        #expect(PolicyFixtures.error(bad.text) == "disclose-policy.toml:\(bad["bad"]): key \"tools.data_classes\": \"secret\" is not a data class Disclose knows; use one of public, internal, personal, special-category")
    }

    @Test func dataClassesRoundTripThroughJSON() throws {
        var d = RealPolicy.staff
        d.dataClasses = [.specialCategory]
        d.approval = "EX-1"
        let json = try d.canonicalJSONString()
        #expect(json.contains("\"dataClasses\":[\"special-category\"]"))
        #expect(json.contains("\"approval\":\"EX-1\""))
        #expect(json.contains("\"dpia\":\"DPIA-2025-014\""))
        #expect(try Disclosure.decode(json: Data(json.utf8), path: "x") == d)
        var plain = d
        plain.dataClasses = nil
        plain.approval = nil
        #expect(!(try plain.canonicalJSONString()).contains("dataClasses"))
    }
}
