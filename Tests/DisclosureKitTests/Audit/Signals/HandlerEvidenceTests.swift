@testable import DisclosureKit
import Foundation
import Testing

/// The audit benchmark's planted strings, read through the real DOCX, Markdown and HTML handlers.
@Suite struct HandlerEvidenceTests {
    static let opener = "Certainly! Here is a summary of the report:"
    static let selfReference = "As an AI language model, I cannot browse the internet."
    static let url = "https://example.org/page?utm_source=chatgpt.com"

    @Test func residueInMarkdown() throws {
        let evidence = try SignalSamples.scan("# Report\n\n\(Self.opener)\n\nRivers rise.\n\n\(Self.selfReference)\n", path: "r.md")
        let opener = try #require(evidence.finding("residue.assistant-opener"))
        #expect(opener.location.line == 3 && opener.location.byteOffset == 10)
        #expect(opener.excerpt == Self.opener)
        let selfRef = try #require(evidence.finding("residue.self-reference"))
        #expect(selfRef.location.line == 7)
        #expect(selfRef.strength == .strong)
    }

    @Test func residueInRawHTMLInsideMarkdown() throws {
        let evidence = try SignalSamples.scan("# Report\n\n<div>\n<p>\(Self.opener)</p>\n</div>\n", path: "h.md")
        #expect(evidence.finding("residue.assistant-opener")?.location.line == 3)
        let quoted = try SignalSamples.scan("# Report\n\n<blockquote>\n<p>\(Self.opener)</p>\n</blockquote>\n", path: "h.md")
        #expect(quoted.findings.isEmpty, "\(quoted.findings)")
    }

    @Test func residueInHTML() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(body: "<p>\(Self.opener)</p>\n<p>\(Self.selfReference)</p>"), path: "r.html")
        #expect(evidence.ids.contains("residue.assistant-opener"))
        #expect(evidence.ids.contains("residue.self-reference"))
        #expect(evidence.finding("residue.self-reference")?.location.line == 9)
    }

    @Test func residueInDOCX() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("residue.docx"))
        #expect(evidence.finding("residue.assistant-opener")?.location == Location(part: "word/document.xml", paragraph: 1))
        #expect(evidence.finding("residue.self-reference")?.location.paragraph == 2)
    }

    @Test func damagedHeaderRelationshipsDoNotHideTheDocument() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("broken-header-rels.docx"))
        #expect(evidence.finding("residue.assistant-opener")?.location.paragraph == 1)
    }

    @Test func trackingLinkInMarkdown() throws {
        let evidence = try SignalSamples.scan("# Sources\n\nSee [the page](\(Self.url)) for details.\n", path: "l.md")
        let f = try #require(evidence.finding("residue.tracking-parameter"))
        #expect(f.excerpt == Self.url)
        #expect(f.location.line == 3 && f.location.column == 16 && f.location.byteOffset == 26)
        #expect(evidence.findings.count == 1)
    }

    @Test func trackingLinkInMarkdownReferenceDefinition() throws {
        let evidence = try SignalSamples.scan("See [the page][p].\n\n[p]: \(Self.url)\n", path: "l.md")
        #expect(evidence.finding("residue.tracking-parameter")?.location.line == 3)
    }

    @Test func trackingLinkInHTML() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(body: "<p>See <a href=\"\(Self.url)\">the page</a>.</p>"), path: "l.html")
        let f = try #require(evidence.finding("residue.tracking-parameter"))
        #expect(f.excerpt == Self.url)
        #expect(f.location.line == 8)
    }

    @Test func trackingLinkInDOCX() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("tracking-hyperlink.docx"))
        let f = try #require(evidence.finding("residue.tracking-parameter"))
        #expect(f.excerpt == Self.url)
        #expect(f.location.part == "word/_rels/document.xml.rels")
        #expect(SignalSamples.scan(try SignalSamples.fixture("plain-hyperlink.docx")).findings.isEmpty)
        let field = SignalSamples.scan(try SignalSamples.fixture("tracking-field-hyperlink.docx"))
        #expect(field.finding("residue.tracking-parameter")?.excerpt == "https://example.org/page?utm_source=chatgpt.com&x=1")
        #expect(field.finding("residue.tracking-parameter")?.location.part == "word/document.xml")
    }

    @Test func generatorMetaInHTML() throws {
        let evidence = try SignalSamples.scan(SignalSamples.html(head: "<meta name=\"generator\" content=\"ChatGPT\">\n", body: "<p>x</p>"), path: "g.html")
        let f = try #require(evidence.finding("metadata.ai-generator"))
        #expect(f.strength == .strong && f.excerpt == "generator: ChatGPT" && f.location.line == 6)
    }

    @Test func jsonLDAuthor() throws {
        let ld = "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":{\"@type\":\"Organization\",\"name\":\"ChatGPT\"},\"editor\":\"Claude Dupont\"}</script>\n"
        let evidence = try SignalSamples.scan(SignalSamples.html(head: ld, body: "<p>x</p>"), path: "j.html")
        #expect(evidence.findings.map(\.excerpt) == ["author: ChatGPT (JSON-LD)"])
        #expect(evidence.findings.first?.signal == "metadata.ai-author")
    }

    @Test func applicationAndCreatorInDOCX() throws {
        let evidence = SignalSamples.scan(try SignalSamples.fixture("generator-chatgpt.docx"))
        #expect(evidence.finding("metadata.ai-generator")?.location.part == "docProps/app.xml")
        #expect(evidence.finding("metadata.ai-author")?.location.part == "docProps/core.xml")
        let word = SignalSamples.scan(try SignalSamples.fixture("generator-word.docx"))
        #expect(word.findings.isEmpty, "Claude Dupont is a person and the title merely mentions ChatGPT: \(word.findings)")
    }

    @Test func frontMatterTraces() throws {
        let evidence = try SignalSamples.scan("---\ntitle: Our policy on ChatGPT in coursework\ngenerator: Claude\nai_generated: true\n---\n\nText.\n", path: "f.md")
        #expect(evidence.finding("metadata.ai-generator")?.location.line == 3)
        #expect(evidence.finding("provenance.ai-label")?.location.line == 4)
        #expect(evidence.findings.count == 2)
    }

    @Test func chatMarkupPastedIntoHTML() throws {
        let body = "<div data-message-author-role=\"assistant\" data-message-id=\"abc\">\n<p data-start=\"0\" data-end=\"12\">Rivers rise.</p>\n<p data-start=\"13\" data-end=\"30\">They fall.</p>\n<p data-start=\"31\" data-end=\"40\">Done.</p></div>"
        let evidence = try SignalSamples.scan(SignalSamples.html(body: body), path: "c.html")
        let markup = evidence.findings.filter { $0.signal == "residue.chat-markup" }
        #expect(markup.count == 2)
        #expect(markup.first?.location.line == 8)
        #expect(evidence.finding("residue.chat-offsets")?.location.line == 9)
    }
}
