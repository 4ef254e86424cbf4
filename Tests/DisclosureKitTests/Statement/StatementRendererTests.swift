import DisclosureKit
import Foundation
import Testing

@Suite struct StatementRendererTests {
    @Test func defaultWordingCarriesEveryFact() {
        let text = StatementRenderer().render(Samples.disclosure)
        #expect(text == "AI use disclosure: This document was made with help from Microsoft 365 Copilot for drafting and summarising. Extent of AI use: part of the content. Human review: reviewed and edited by Head of Communications. Declared by Jane Smith (Example University) on 25 November 2026.")
    }

    @Test func noAIDeclaration() {
        #expect(StatementRenderer().render(Samples.noAI) == "AI use disclosure: No AI tools were used in making this document. Declared by Pupil 7Y-12 on 25 November 2026.")
    }

    @Test func severalToolsAndPurposesReadNaturally() {
        var d = Samples.disclosure
        d.tools = [Tool(name: "ChatGPT", version: "5", provider: "OpenAI"), Tool(name: "DeepL"), Tool(name: "Grammarly")]
        d.purposes = [.research, .translation, .other("checking references")]
        d.note = "Figures were checked against the finance report"
        d.policy = PolicyReference(id: "example-ai-policy", version: "2")
        let text = StatementRenderer().render(d)
        #expect(text.contains("ChatGPT 5 (OpenAI), DeepL and Grammarly for research, translation and checking references."))
        #expect(text.hasSuffix("Declared by Jane Smith (Example University) on 25 November 2026 under policy example-ai-policy, version 2. Note: Figures were checked against the finance report."))
    }

    @Test func sameModelSameWords() {
        #expect(StatementRenderer().render(Samples.disclosure) == StatementRenderer().render(Samples.disclosure))
    }

    @Test func templateOverridesWording() throws {
        let r = try StatementRenderer(template: "AI: {{tools}} / {{purposes}} / {{extent}} / {{review}} / {{declarant}} / {{date}}")
        #expect(r.render(Samples.disclosure) == "AI: Microsoft 365 Copilot / drafting and summarising / part of the content / reviewed and edited by Head of Communications / Jane Smith / 25 November 2026")
    }

    @Test func templateMustCarryEveryFact() {
        #expect(throws: DisclosureError.invalidInput("t.txt: the statement template leaves out {{review}}, {{date}}. A statement must carry every declared fact; add the missing placeholders.")) {
            _ = try StatementRenderer(template: "{{tools}} {{purposes}} {{extent}} {{declarant}}", source: "t.txt")
        }
        #expect(throws: DisclosureError.self) {
            _ = try StatementRenderer(template: "{{tools}} {{purposes}} {{extent}} {{review}} {{declarant}} {{date}} {{colour}}")
        }
    }
}
