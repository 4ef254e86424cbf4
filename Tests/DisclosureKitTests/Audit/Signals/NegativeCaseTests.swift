@testable import DisclosureKit
import Foundation
import Testing

/// Human documents that must stay silent: they mention AI, quote chatbots, or use
/// legitimate typography and provenance.
@Suite struct NegativeCaseTests {
    @Test func mentioningChatGPTIsNotASignal() throws {
        let md = "---\ntitle: Our policy on ChatGPT in coursework\ntags: [chatgpt, ai]\n---\n\n# Our policy on ChatGPT in coursework\n\nStudents may use ChatGPT, Claude or Gemini to brainstorm. AI tools must be acknowledged. OpenAI publishes guidance at <https://openai.com/policies>.\n"
        let evidence = try SignalSamples.scan(md, path: "policy.md")
        #expect(evidence.findings.isEmpty, "\(evidence.findings)")
        #expect(evidence.declarations.isEmpty, "\(evidence.declarations)")
    }

    @Test func chatbotQuotedInBlockquoteOrCodeIsSilent() throws {
        let md = "# A report about chatbots\n\nThe tool's answers often began like this:\n\n> As an AI language model, I cannot browse the internet.\n\n> Certainly! Here is a summary of the report:\n\n```\nAs an AI language model, I cannot browse the internet.【12†source】\n```\n\n    I hope this helps! Let me know if you'd like me to expand.\n"
        let evidence = try SignalSamples.scan(md, path: "report.md")
        #expect(evidence.findings.isEmpty, "\(evidence.findings)")
    }

    @Test func chatbotQuotedInHTMLIsSilent() throws {
        let page = SignalSamples.html(body: "<p>We asked it about rivers. It said <q>As an AI language model, I cannot browse the internet.</q></p>\n<blockquote><p>Certainly! Here is a summary of the report:</p></blockquote>\n<pre>I hope this helps!</pre>")
        let evidence = try SignalSamples.scan(page, path: "report.html")
        #expect(evidence.findings.isEmpty, "\(evidence.findings)")
    }

    @Test func chatbotQuotedInQuotationMarksInDOCX() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("quoted-residue.docx"))
        #expect(evidence.findings.isEmpty, "\(evidence.findings)")
    }

    @Test func quotedCitationMarkerIsOnlyWeak() {
        let evidence = SignalSamples.scan(["Copied answers contain markers such as \"【12†source】\"."])
        #expect(evidence.findings.map(\.strength) == [.weak])
    }

    @Test func worksheetBlanksAreNotPlaceholders() {
        #expect(SignalSamples.scan(["Name: ______", "Date: __________", "Fill in the [blank] with the right word."]).findings.isEmpty)
    }

    @Test func frenchTypographyIsNotASignal() throws {
        let text = "Il a répondu\u{202F}: «\u{202F}Bien sûr\u{202F}!\u{202F}» Le prix est de 10\u{00A0}€."
        #expect(try SignalSamples.scan("# Note\n\n\(text)\n", path: "fr.md").findings.isEmpty)
    }

    @Test func openAILinksWithoutTrackingAreSilent() throws {
        let page = SignalSamples.html(body: "<p><a href=\"https://openai.com/index/chatgpt/?lang=en\">ChatGPT</a> and <a href=\"https://chatgpt.com/\">chat</a>.</p>")
        #expect(try SignalSamples.scan(page, path: "l.html").findings.isEmpty)
    }

    @Test func policyTextIsNotADeclaration() {
        let evidence = SignalSamples.scan([
            "Our policy on ChatGPT in coursework",
            "Assignments must be completed without the use of AI tools unless the teacher allows it.",
            "Students who used ChatGPT must say so.",
            "AI was used to cheat in 20% of the cases we studied.",
        ])
        #expect(evidence.declarations.isEmpty, "\(evidence.declarations)")
    }

    @Test func quotedDeclarationTemplateIsNotADeclaration() {
        let evidence = SignalSamples.scan(["Students should end with the sentence \"No AI tools were used in this work.\""])
        #expect(evidence.declarations.isEmpty)
    }

    @Test func ourOwnStampIsNeitherDeclarationNorSignal() throws {
        var d = Samples.disclosure
        d.tools = [Tool(name: "ChatGPT", model: "GPT-5", provider: "OpenAI")]
        for (name, text) in [("own.md", "# Essay\n\nRivers rise.\n"), ("own.html", SignalSamples.html(body: "<p>Rivers rise.</p>"))] {
            let dir = try Samples.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            _ = try Stamper().stamp(path: path, disclosure: d)
            let evidence = SignalSamples.scan(try SignalSamples.open(try Data(contentsOf: URL(fileURLWithPath: path)), path: path))
            #expect(evidence.declarations.isEmpty, "\(name): \(evidence.declarations)")
            #expect(evidence.findings.isEmpty, "\(name): \(evidence.findings)")
        }
        let (folder, path) = try DOCXFixtures.copy(DOCXFixtures.all.first!)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = SignalSamples.scan(try SignalSamples.open(try Data(contentsOf: URL(fileURLWithPath: path)), path: path))
        _ = try Stamper().stamp(path: path, disclosure: d)
        let after = SignalSamples.scan(try SignalSamples.open(try Data(contentsOf: URL(fileURLWithPath: path)), path: path))
        #expect(after == before, "stamping a DOCX adds no evidence")
    }
}
