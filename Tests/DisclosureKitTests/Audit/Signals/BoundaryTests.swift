@testable import DisclosureKit
import Foundation
import Testing

/// Where written declarations and tracking links stop: research methods, code, quotations.
@Suite struct DeclarationBoundaryTests {
    @Test func researchMethodsAreNotADeclaration() {
        let evidence = SignalSamples.scan(["We used a large language model to classify 10,000 tweets.", "We used artificial intelligence models for image segmentation."])
        #expect(evidence.declarations.isEmpty, "\(evidence.declarations)")
    }

    @Test func writingUseIsADeclaration() {
        let evidence = SignalSamples.scan(["We used ChatGPT for proofreading the final draft."])
        #expect(evidence.kinds == ["written-statement"])
    }
}

@Suite struct LinkSettingTests {
    @Test func trackingLinksInCodeAreSilent() throws {
        let md = "# How chat links look\n\n```\n[a](https://example.org/?utm_source=chatgpt.com)\n```\n\nInline: `[b](https://example.org/b?utm_source=chatgpt.com)`.\n"
        let mdEvidence = try SignalSamples.scan(md, path: "c.md")
        #expect(mdEvidence.findings.isEmpty, "\(mdEvidence.findings)")
        let page = SignalSamples.html(body: "<pre><a href=\"https://example.org/?utm_source=chatgpt.com\">x</a></pre>")
        #expect(try SignalSamples.scan(page, path: "c.html").findings.isEmpty)
    }

    @Test func trackingLinkInBlockquoteIsWeak() throws {
        let page = SignalSamples.html(body: "<blockquote><p><a href=\"https://example.org/?utm_source=chatgpt.com\">x</a></p></blockquote>")
        #expect(try SignalSamples.scan(page, path: "q.html").findings.map(\.strength) == [.weak])
    }
}
