@testable import DisclosureKit
import Foundation
import Testing

/// One positive and one negative case for every signal in the catalogue, built directly as EvidenceInput.
@Suite struct SignalCasesTests {
    struct Case: CustomStringConvertible, Sendable {
        var id: String
        var positive: EvidenceInput
        var negative: EvidenceInput
        var description: String { id }
    }

    static func meta(_ key: String, _ value: String) -> MetadataEntry { MetadataEntry(key: key, value: value, location: Location(part: "docProps/app.xml")) }
    static func p(_ paragraphs: [String], _ metadata: [MetadataEntry], _ raw: Data) -> EvidenceInput {
        SignalSamples.input(paragraphs, metadata: metadata, raw: raw)
    }

    static let cases: [Case] = [
        Case(id: "metadata.ai-generator", positive: p(["Text."], [meta("Application", "ChatGPT")], Data()),
             negative: p(["Text."], [meta("Application", "Microsoft Office Word"), meta("generator", "Hugo 0.120 (Geminid theme)")], Data())),
        Case(id: "metadata.ai-author", positive: p(["Text."], [meta("dc:creator", "ChatGPT")], Data()),
             negative: p(["Text."], [meta("dc:creator", "Claude Dupont"), meta("cp:lastModifiedBy", "Jasper Jones")], Data())),
        Case(id: "metadata.ai-field", positive: p(["Text."], [meta("assistant_model", "Claude 3.5 Sonnet")], Data()),
             negative: p(["Text."], [meta("title", "Our policy on ChatGPT in coursework"), meta("tags", "chatgpt, ai")], Data())),
        Case(id: "provenance.c2pa-ai-tool", positive: p(["Text."], [meta(EvidenceEntryKey.c2paManifest, "c2pa claim_generator OpenAI-API/1.0")], Data()),
             negative: p(["Text."], [meta(EvidenceEntryKey.c2paManifest, "c2pa claim_generator Example Scanner/2.1")], Data())),
        Case(id: "provenance.ai-label", positive: p(["Text."], [meta("ai-generated", "true")], Data()),
             negative: p(["Text."], [meta("ai-generated", "false")], Data())),
        Case(id: "residue.assistant-opener", positive: p(["Certainly! Here is a summary of the report:"], [], Data()),
             negative: p(["The answer was certainly! Here we see why.", "Here is a summary of the report:"], [], Data())),
        Case(id: "residue.assistant-closer", positive: p(["Let me know if you'd like me to expand any section."], [], Data()),
             negative: p(["Let me know what you think.", "Would you like me to arrange a meeting on Monday?", "If you'd like, I can pick you up."], [], Data())),
        Case(id: "residue.helpful-closer", positive: p(["I hope this helps!"], [], Data()), negative: p(["This helps nobody."], [], Data())),
        Case(id: "residue.self-reference", positive: p(["As an AI language model, I cannot browse the internet."], [], Data()),
             negative: p(["The report quotes it: \"As an AI language model, I cannot browse the internet.\""], [], Data())),
        Case(id: "residue.chat-interface", positive: p(["ChatGPT can make mistakes. Check important info."], [], Data()),
             negative: p(["Mistakes can be made by anyone."], [], Data())),
        Case(id: "residue.citation-marker", positive: p(["Rivers flood in spring.【12†source】"], [], Data()),
             negative: p(["The turn 0 search found nothing; see [12] and 【注】."], [], Data())),
        Case(id: "residue.tracking-parameter", positive: p(["See https://example.org/page?utm_source=chatgpt.com for more."], [], Data()),
             negative: p(["See https://openai.com/research and https://example.org/?utm_source=newsletter."], [], Data())),
        Case(id: "residue.placeholder", positive: p(["Yours sincerely, [Your Name]"], [], Data()),
             negative: p(["Name: ______", "Date: ____"], [], Data())),
        Case(id: "residue.markdown-syntax", positive: p(["**Key findings:** rivers rise. **Next steps:** measure."], [], Data()),
             negative: p(["Footnote* and 2 ** 3 = 8 in Python; # of items: 3", "#hashtag and ## alone"], [], Data())),
        Case(id: "residue.chat-markup", positive: p(["Hi"], [], Data("<div data-message-author-role=\"assistant\"><p>Hi</p></div>".utf8)),
             negative: p(["Hi"], [], Data("<p>The attribute data-message-author-role marks turns.</p>".utf8))),
        Case(id: "residue.chat-offsets", positive: p(["a"], [], Data("<p data-start=\"0\" data-end=\"5\">a</p><p data-start=\"6\" data-end=\"9\">b</p><li data-start=\"10\" data-end=\"20\">c</li>".utf8)),
             negative: p(["a"], [], Data("<div class=\"slider\" data-start=\"0\" data-end=\"100\"></div>".utf8))),
        Case(id: "typography.em-dashes", positive: p([String(repeating: "word — word ", count: 12)], [], Data()),
             negative: p([String(repeating: "word — word ", count: 2) + String(repeating: "plain words here ", count: 50)], [], Data())),
        Case(id: "typography.invisible-characters", positive: p(["Hidden\u{200B}space"], [], Data()),
             negative: p(["Flag 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} and emoji ❤️"], [], Data())),
        Case(id: "typography.unusual-spaces", positive: p(["Odd\u{2003}space"], [], Data()),
             negative: p(["Il a dit\u{202F}: «\u{202F}oui\u{202F}». Prix\u{00A0}: 10\u{00A0}€"], [], Data())),
    ]

    @Test func everyCatalogueSignalHasCases() {
        #expect(Set(Self.cases.map(\.id)) == Set(SignalCatalogue.all.map(\.id.rawValue)))
    }

    @Test(arguments: cases) func positiveCaseFires(_ c: Case) {
        let evidence = EvidenceScanner().scan(c.positive)
        #expect(evidence.ids.contains(c.id), "\(evidence.findings)")
    }

    @Test(arguments: cases) func negativeCaseIsSilent(_ c: Case) {
        let evidence = EvidenceScanner().scan(c.negative)
        #expect(!evidence.ids.contains(c.id), "\(evidence.findings)")
    }
}
