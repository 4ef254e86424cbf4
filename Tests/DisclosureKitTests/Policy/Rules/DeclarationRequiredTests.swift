import DisclosureKit
import Testing

@Suite struct DeclarationRequiredTests {
    let rule = DeclarationRequired()

    @Test func missingDeclarationForATaskThatRequiresOneDescribesTheFile() throws {
        let policy = try PolicyFixtures.schoolPolicy
        let r = rule.check(nil, context: PolicyFixtures.context(policy, task: "y10-history-essay", statementFound: false, metadataFound: false))
        #expect(r == [CheckResult(id: "policy.declaration-required", status: .fail, message:
            "this file carries no AI-use declaration, and the policy asks for one for the task \"y10-history-essay\", even when no AI was used (\(PolicyFixtures.cite("essay"))); ask the author to add one (a declaration that no AI was used counts)")])
    }

    @Test func notRequiredPasses() throws {
        let policy = try PolicyFixtures.schoolPolicy
        let r = rule.check(nil, context: PolicyFixtures.context(policy, statementFound: false, metadataFound: false))
        #expect(r.first?.status == .pass)
        #expect(r.first?.message == "no declaration, and the policy does not require one")
    }

    @Test func requiredOnEveryDocument() throws {
        let text = Marked("[policy]\nid = \"p\"\n[declaration]\nrequired = true⟨r⟩\n")
        let policy = try PolicyFixtures.load(text.text)
        let r = rule.check(nil, context: PolicyFixtures.context(policy, metadataFound: false))
        #expect(r.first?.message.hasPrefix("this file carries no AI-use declaration, and the policy asks for one on every document, even when no AI was used (disclose-policy.toml:\(text["r"]))") == true)
    }

    @Test func unreadableDeclarationIsNamedAsSuch() throws {
        let policy = try PolicyFixtures.load("[policy]\nid = \"p\"\n[declaration]\nrequired = true\n")
        let r = rule.check(nil, context: PolicyFixtures.context(policy, metadataFound: true))
        #expect(r.first?.message == "this file carries a declaration that could not be read (see metadata-valid), and the policy asks for a declaration on every document (disclose-policy.toml:4); ask the author for a new one")
        #expect(rule.check(PolicyFixtures.pupilDisclosure, context: PolicyFixtures.context(policy)).first?.status == .pass)
    }
}
