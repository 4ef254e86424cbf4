import DisclosureKit
import Testing

@Suite struct ToolAuthorisedTests {
    let rule = ToolAuthorised()

    @Test func aliasMatchesIgnoringCase() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "  gemini ")]
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r == [CheckResult(id: "policy.tool-authorised", status: .pass,
                                  message: "every declared tool is authorised (Gemini for Education, \(PolicyFixtures.cite("gemini")))")])
    }

    @Test func unlistedToolFailsWhenThePolicySaysFail() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "ChatGPT"), Tool(name: "Gemini"), Tool(name: "Claude")]
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r.first?.status == .fail)
        #expect(r.first?.message == "\"ChatGPT\" and \"Claude\" are not on the policy's list of authorised tools (Gemini for Education, Microsoft 365 Copilot); policy.unlisted_tools = \"fail\", \(PolicyFixtures.cite("unlisted"))")
    }

    @Test func unlistedToolWarnsByDefault() throws {
        let policy = try PolicyFixtures.load("""
            [policy]
            id = "p"
            [[tools]]
            name = "Copilot"
            """)
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "ChatGPT")]
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r.first?.status == .warn)
        #expect(r.first?.message == "\"ChatGPT\" is not on the policy's list of authorised tools (Copilot); policy.unlisted_tools = \"warn\" (the default)")
    }

    @Test func noToolsOrNoListIsNotApplicable() throws {
        let policy = try PolicyFixtures.schoolPolicy
        let noAI = Disclosure(tools: [], purposes: [], extent: .none, review: Review(level: .none), declarant: "Pupil", date: "2026-11-25")
        #expect(rule.check(noAI, context: PolicyFixtures.context(policy)).first?.message == "no AI tools declared")
        let empty = try PolicyFixtures.load("[policy]\nid = \"p\"\n")
        #expect(rule.check(PolicyFixtures.pupilDisclosure, context: PolicyFixtures.context(empty)).first?.message == "the policy lists no authorised tools")
        #expect(rule.check(nil, context: PolicyFixtures.context(policy)).first?.status == .notApplicable)
    }
}
