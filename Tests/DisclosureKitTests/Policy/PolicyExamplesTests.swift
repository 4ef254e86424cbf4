import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// Every example in examples/policies/ loads, means what it says, and is what `init` writes.
@Suite struct PolicyExamplesTests {
    static let folder = TestRepository.root.appendingPathComponent("examples/policies")

    func load(_ name: String) throws -> Policy {
        try PolicyLoader().load(path: PolicyExamplesTests.folder.appendingPathComponent(name).path)
    }

    @Test func everyExampleLoads() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PolicyExamplesTests.folder.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files == ["publisher-eu-ai-act.toml", "school-trust.toml", "university.toml"])
        for file in files { _ = try load(file) }
    }

    @Test func schoolTrust() throws {
        let p = try load("school-trust.toml")
        #expect(p.id == "oak-trust-ai")
        #expect(p.unlistedTools == .fail)
        #expect(p.authorisedTool(named: "copilot")?.users == ["staff"])
        #expect(p.task(id: "y10-history-essay")?.level == .planning)
        #expect(p.task(id: "y11-english-nea")?.declarationRequired == true)
        #expect(p.signature.trust == [], "no key file that does not exist")
        #expect(p.name == "Oak Learning Trust Generative AI Policy")
    }

    @Test func university() throws {
        let p = try load("university.toml")
        #expect(p.declaration.required)
        #expect(p.declaration.fields == [.tools, .purposes, .extent, .declarant, .date], "what the policy asks for, no more")
        #expect(["communications", "web", "report"].allSatisfy { p.task(id: $0)?.roles == ["staff"] }, "a publication family for staff")
        #expect(p.signature.trust == [])
        #expect(p.task(id: "comp1010-project")?.allowedMaxExtent == .substantial)
        #expect(p.task(id: "hist2041-essay")?.purposes == [.research, .ideaGeneration])
        #expect(p.statement.placement == .start)
        #expect(p.statement.template?.hasPrefix("Statement of AI use: {{tools}}") == true)
        #expect(p.authorisedTool(named: "GitHub Copilot")?.users == nil)
    }

    @Test func publisherUsesTheArticle50Exception() throws {
        let p = try load("publisher-eu-ai-act.toml")
        #expect(!p.signature.required && p.signature.trust == [], "usable before the newsroom has a key")
        #expect(p.statement.placement == .start, "visible at first exposure")
        #expect(!p.declaration.fields.contains(.review) && !p.declaration.fields.contains(.reviewer), "unreviewed AI text can be declared")
        #expect(p.statement.requiredFrom == .partial)
        #expect(p.statement.exemptReviewLevels == [.edited, .factChecked, .rewritten])
        #expect(p.statement.exemptRequiresReviewer)
        let reviewed = Disclosure(tools: [Tool(name: "Newsroom Assistant")], purposes: [.drafting], extent: .substantial,
                                  review: Review(level: .edited, reviewer: "Duty Editor"), declarant: "Reporter", date: "2026-11-25")
        let context = PolicyContext(policy: p, path: "a.html", stage: .verify, statementFound: false)
        #expect(StatementRequired().check(reviewed, context: context).first?.status == .pass)
        var unreviewed = reviewed
        unreviewed.review = Review(level: .none)
        #expect(StatementRequired().check(unreviewed, context: context).first?.status == .fail)
    }

    @Test func examplesUseEveryKeyBetweenThem() throws {
        let text = try ["school-trust.toml", "university.toml", "publisher-eu-ai-act.toml"]
            .map { try String(contentsOf: PolicyExamplesTests.folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        let keys = ["id", "version", "name", "organisation", "roles", "unlisted_tools", "required", "fields", "aliases", "purposes",
                    "users", "note", "title", "level", "max_extent", "declaration_required", "required_from", "exempt_review_levels",
                    "exempt_requires_reviewer", "placement", "language", "template", "trust"]
        let missing = keys.filter { !text.contains("\n\($0) = ") }
        #expect(missing.isEmpty)
    }

    @Test(arguments: PolicyTemplate.allCases)
    func withKeyListsTheKeyAndChangesNothingElse(template: PolicyTemplate) throws {
        let text = ProjectInitialiser.policyText(template, trusting: "keys/disclose-signing.pub.pem")
        #expect(text.contains("\ntrust = [\"keys/disclose-signing.pub.pem\"]\n"))
        #expect(text.replacingOccurrences(of: "trust = [\"keys/disclose-signing.pub.pem\"]", with: "trust = []") == template.text)
        #expect(ProjectInitialiser.policyText(template) == template.text)
    }

    @Test(arguments: PolicyTemplate.allCases)
    func initTemplateIsTheExample(template: PolicyTemplate) throws {
        let file = try String(contentsOf: PolicyExamplesTests.folder.appendingPathComponent(template.exampleFileName), encoding: .utf8)
        #expect(template.text == file, "run Scripts/make-policy-templates.py")
    }
}
