import DisclosureKit
import Testing

@Suite struct PurposeAuthorisedTests {
    let rule = PurposeAuthorised()

    @Test func purposeOutsideTheToolsListFails() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.purposes = [.research, .drafting, .imageGeneration]
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r == [CheckResult(id: "policy.purpose-authorised", status: .fail, message:
            "\"drafting\" and \"image-generation\" are not authorised purposes for the declared tools: Gemini for Education is authorised for research, idea-generation, feedback (\(PolicyFixtures.cite("gemini")))")])
    }

    @Test func anyDeclaredToolMayAuthoriseAPurpose() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "Gemini"), Tool(name: "Microsoft 365 Copilot")]
        d.purposes = [.research, .drafting]
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .pass)
    }

    @Test func toolWithoutPurposesAllowsAny() throws {
        let policy = try PolicyFixtures.load("[policy]\nid = \"p\"\n[[tools]]\nname = \"Copilot\"\n")
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "Copilot")]
        d.purposes = [.other("poster design")]
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.message == "every declared purpose is authorised for the declared tools")
    }

    @Test func unlistedToolsAreLeftToToolAuthorised() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "ChatGPT")]
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .notApplicable)
    }
}
