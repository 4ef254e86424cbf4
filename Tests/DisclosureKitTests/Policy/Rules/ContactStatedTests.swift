import DisclosureKit
import Testing

@Suite struct ContactStatedTests {
    let rule = ContactStated()

    @Test func theRendererEndsWithTheContactAndTheRuleFindsIt() throws {
        let policy = try RealPolicy.policy
        #expect(policy.contact == "ai-questions@oak.sch.uk")
        var d = RealPolicy.staff
        d.statement = nil
        let renderer = try policy.statementRenderer()
        let statement = renderer.render(d)
        #expect(statement.hasSuffix("under policy oak-trust-ai, version 2026.2. Questions or complaints about AI use: ai-questions@oak.sch.uk."))
        d.statement = statement
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.contact-stated", status: .pass, message: "the statement gives the policy's contact, ai-questions@oak.sch.uk")])
    }

    @Test func aStatementWithoutTheContactWarns() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.statement = StatementRenderer().render(d)
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.contact-stated", status: .warn,
            message: "the statement does not give the policy's contact for questions or complaints, ai-questions@oak.sch.uk (\(RealPolicy.cite("contact"))); stamping again under this policy adds it")])
        let none = try PolicyFixtures.load("[policy]\nid = \"p\"\n")
        #expect(rule.check(d, context: RealPolicy.context(none)).first?.status == .notApplicable)
        #expect(try none.statementRenderer().contact == nil)
    }

    @Test func theContactFollowsATemplateToo() throws {
        var renderer = try StatementRenderer(template: "AI: {{tools}} for {{purposes}}, {{extent}}, {{review}}; {{declarant}}, {{date}}")
        renderer.contact = "the Data Protection Officer."
        #expect(renderer.render(RealPolicy.staff) == "AI: Oak MIS Assistant for writing code, part of the content, reviewed and checked for accuracy and bias by J. Smith; Sam Patel, 2 March 2026. Questions or complaints about AI use: the Data Protection Officer.")
    }
}
