@testable import DisclosureKit
import Foundation
import Testing

/// Every declaration kind, found through the real handlers where the format has one.
@Suite struct DeclarationTests {
    @Test func w3cMetaWithCompanions() throws {
        let page = SignalSamples.html(head: "<meta name=\"ai-disclosure\" content=\"ai-assisted\">\n<meta name=\"ai-model\" content=\"GPT-4o\">\n<meta name=\"ai-provider\" content=\"OpenAI\">\n",
                                      body: "<p>Text.</p>")
        let evidence = try SignalSamples.scan(page, path: "page.html")
        let d = try #require(evidence.declarations.first)
        #expect(evidence.kinds == ["w3c-meta"])
        #expect(d.quote == "ai-disclosure=ai-assisted; ai-model=GPT-4o; ai-provider=OpenAI")
        #expect(d.location.line == 6)
        #expect(d.location.byteOffset != nil)
        #expect(!evidence.ids.contains("provenance.ai-label"), "companions of a declaration are not a separate label")
    }

    @Test func benchmarkMetaDeclaration() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(head: "<meta name=\"ai-disclosure\" content=\"ai-assisted\">\n", body: "<p>x</p>"), path: "b.html")
        #expect(evidence.kinds == ["w3c-meta"])
        #expect(evidence.declarations[0].explanation.contains("ai-assisted"))
    }

    @Test func humanOnlyIsStillADeclaration() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(head: "<meta name=\"ai-disclosure\" content=\"human-only\">\n", body: "<p>x</p>"), path: "b.html")
        #expect(evidence.kinds == ["w3c-meta"])
        #expect(evidence.declarations[0].quote == "ai-disclosure=human-only")
    }

    @Test func w3cAttribute() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(body: "<section ai-disclosure=\"ai-autonomous\"><p>Summary.</p></section>"), path: "a.html")
        #expect(evidence.kinds == ["w3c-attribute"])
        #expect(evidence.declarations[0].quote.contains("ai-autonomous"))
    }

    @Test func ietfHeaderAsHttpEquiv() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(head: "<meta http-equiv=\"AI-Disclosure\" content=\"mode=ai-modified, model=&quot;GPT-5&quot;\">\n", body: "<p>x</p>"), path: "h.html")
        #expect(evidence.kinds == ["ietf-header"])
        #expect(evidence.declarations[0].quote.contains("mode=ai-modified"))
    }

    @Test func schemaOrgDigitalSourceType() throws {
        let ld = "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"digitalSourceType\":\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"}</script>\n"
        let evidence = try SignalSamples.scan(SignalSamples.html(head: ld, body: "<p>x</p>"), path: "s.html")
        #expect(evidence.kinds == ["schema-org"])
        #expect(evidence.declarations[0].quote == "digitalSourceType: trainedAlgorithmicMedia")
    }

    @Test func nonAISourceTypeIsNotADeclaration() throws {
        let ld = "<script type=\"application/ld+json\">{\"@type\":\"Photograph\",\"digitalSourceType\":\"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture\"}</script>\n"
        #expect(try SignalSamples.scan(SignalSamples.html(head: ld, body: "<p>x</p>"), path: "s.html").declarations.isEmpty)
    }

    @Test func iptcInFrontMatter() throws {
        let md = "---\ntitle: Notes\ndigital_source_type: http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia\n---\n\nText.\n"
        let evidence = try SignalSamples.scan(md, path: "n.md")
        #expect(evidence.kinds == ["iptc"])
        #expect(evidence.declarations[0].location.line == 3)
    }

    @Test func c2paManifestInDOCXPackage() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("c2pa-ai.docx"))
        let d = try #require(evidence.declarations.first { $0.kind == "c2pa" })
        #expect(d.location.part == "META-INF/content_credential.c2pa")
        #expect(d.quote.contains("trainedAlgorithmicMedia"))
        #expect(evidence.ids.contains("provenance.c2pa-ai-tool"))
    }

    @Test func c2paManifestWithoutAITypeIsReportedPlainly() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("c2pa-capture.docx"))
        #expect(evidence.kinds == ["c2pa"])
        #expect(evidence.declarations[0].quote == "C2PA manifest (no AI digital source type in its readable text)")
        #expect(evidence.findings.isEmpty)
    }

    @Test func c2paInHTML() throws {
        let manifest = Data("jumbc2pa claim_generator Adobe-Firefly/2 digitalSourceType http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia".utf8).base64EncodedString()
        let inline = try SignalSamples.scan(SignalSamples.html(head: "<script type=\"application/c2pa\">\(manifest)</script>\n", body: "<p>x</p>"), path: "c.html")
        #expect(inline.kinds == ["c2pa"])
        #expect(inline.declarations[0].quote.contains("trainedAlgorithmicMedia"))
        let linked = try SignalSamples.scan(SignalSamples.html(head: "<link rel=\"c2pa-manifest\" href=\"https://example.org/m.c2pa\">\n", body: "<p>x</p>"), path: "c.html")
        #expect(linked.kinds == ["c2pa"])
        #expect(linked.declarations[0].quote.contains("https://example.org/m.c2pa"))
    }

    @Test func c2paTextWrapperIsADeclarationNotResidue() throws {
        var wrapper = "\u{FEFF}"
        for byte in Array("C2PATXT\0".utf8) + Array("digitalSourceType trainedAlgorithmicMedia".utf8) {
            wrapper.unicodeScalars.append(byte < 16 ? Unicode.Scalar(0xFE00 + UInt32(byte))! : Unicode.Scalar(0xE0100 + UInt32(byte) - 16)!)
        }
        let evidence = try SignalSamples.scan("# Notes\n\nA paragraph with provenance.\(wrapper)\n", path: "w.md")
        #expect(evidence.kinds == ["c2pa"])
        #expect(evidence.declarations[0].quote.contains("trainedAlgorithmicMedia"))
        #expect(evidence.findings.isEmpty, "\(evidence.findings)")
    }

    @Test func c2paArmouredInMarkdown() throws {
        let body = Data("c2pa claim_generator Example/1".utf8).base64EncodedString()
        let evidence = try SignalSamples.scan("Text.\n\n<!--\n-----BEGIN C2PA MANIFEST-----\n\(body)\n-----END C2PA MANIFEST-----\n-->\n", path: "a.md")
        #expect(evidence.kinds == ["c2pa"])
        #expect(evidence.declarations[0].location.line == 4)
    }

    @Test(arguments: [
        ("No AI tools were used in this work.", "no AI tools were used"),
        ("I did not use any generative AI when writing this essay.", "no AI tools were used"),
        ("This essay was written entirely without the use of AI.", "no AI tools were used"),
        ("I used ChatGPT to check my grammar and to suggest a title.", "how AI tools were used"),
        ("This report was partly drafted with the help of Claude.", "how AI tools were used"),
        ("Generative AI was used to brainstorm the outline.", "how AI tools were used"),
        ("I confirm that this is my own work and that I have acknowledged any use of AI tools.", "JCQ"),
    ]) func writtenStatements(text: String, meaning: String) {
        let evidence = SignalSamples.scan(["My essay about rivers.", text])
        #expect(evidence.kinds == ["written-statement"], "\(text)")
        #expect(evidence.declarations.first?.explanation.contains(meaning) == true, "\(evidence.declarations)")
        #expect(evidence.declarations.first?.location.paragraph == 2)
    }

    @Test(arguments: ["AI disclosure: I used Grammarly to correct spelling only.", "Generated with ChatGPT.", "Written by Claude",
                      "ChatGPT-generated summary", "Use of AI: none."])
    func labelsAndCreditLines(text: String) {
        let evidence = SignalSamples.scan(["Essay text.", text])
        #expect(evidence.kinds == ["written-statement"], "\(text)")
        #expect(evidence.declarations.first?.quote == text)
    }

    @Test func creditPhrasesInsideRunningTextAreNotCreditLines() {
        let evidence = SignalSamples.scan(["Essays generated by ChatGPT often contain errors, so we check them against the sources."])
        #expect(evidence.declarations.isEmpty, "\(evidence.declarations)")
    }

    @Test func declarationHeadingQuotesTheSection() {
        let evidence = SignalSamples.scan(["Essay text.", "AI declaration", "I used Grammarly to correct spelling only."])
        #expect(evidence.declarations.first?.kind == "written-statement")
        #expect(evidence.declarations.first?.quote == "AI declaration — I used Grammarly to correct spelling only.")
    }

    @Test func labelWithNothingAfterItIsAHeading() {
        let evidence = SignalSamples.scan(["Essay text.", "AI declaration:", "No AI tools were used in this work."])
        #expect(evidence.declarations.first?.quote == "AI declaration — No AI tools were used in this work.")
    }

    @Test func ibmAIAttribution() {
        let evidence = SignalSamples.scan(["Report text.", "AIA PAI Nc Hin R Claude 3.5 Sonnet v1.0"])
        #expect(evidence.kinds == ["ai-attribution"])
        #expect(evidence.declarations[0].quote == "AIA PAI Nc Hin R Claude 3.5 Sonnet v1.0")
    }

    @Test func writtenNoAIStatementInEveryFormat() throws {
        let sentence = "No AI tools were used in this work."
        let md = try SignalSamples.scan("# Essay\n\nRivers.\n\n\(sentence)\n", path: "e.md")
        let html = try SignalSamples.scan(SignalSamples.html(body: "<p>Rivers.</p>\n<p>\(sentence)</p>"), path: "e.html")
        let docx = SignalSamples.scan(try SignalSamples.fixture("declaration.docx"))
        for e in [md, html, docx] {
            #expect(e.kinds == ["written-statement"])
            #expect(e.declarations.first?.quote == sentence)
        }
        #expect(md.declarations[0].location.line == 5)
        #expect(docx.declarations[0].location.paragraph == 2)
    }
}
