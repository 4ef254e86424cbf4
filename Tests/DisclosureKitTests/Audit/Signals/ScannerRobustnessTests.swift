@testable import DisclosureKit
import Foundation
import Testing

/// Hostile and odd input: bounded, deterministic evidence, and linear time.
@Suite struct ScannerRobustnessTests {
    @Test func inlineCodeInMarkdownIsSilent() throws {
        let evidence = try SignalSamples.scan("# Notes\n\nReplies that start with `As an AI language model` were removed.\n", path: "n.md")
        #expect(evidence.findings.isEmpty, "\(evidence.findings)")
    }

    @Test func hostileTextGivesBoundedDeterministicEvidence() {
        var generator = SystemRandomNumberGenerator()
        var pieces = ["【", "†", "】", "turn0", "search", "[cite:", "utm_source=chatgpt", "\u{FEFF}", "\u{FE00}", "\u{E0100}", "\u{200B}",
                      "\u{2003}", "—", "\"", "“", "[insert ", "As an AI language model", "data-start=\"", "<q>", "</q>", "`", "\n", "a", " "]
        pieces.shuffle(using: &generator)
        var paragraphs: [String] = []
        for _ in 0..<50 {
            paragraphs.append((0..<200).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        let raw = Data(paragraphs.joined(separator: "\n").utf8)
        let input = SignalSamples.input(paragraphs, metadata: [MetadataEntry(key: "generator", value: paragraphs[0], location: Location(byteOffset: 3))], raw: raw)
        let first = EvidenceScanner().scan(input)
        #expect(first == EvidenceScanner().scan(input))
        #expect(first.findings.allSatisfy { $0.excerpt.count <= 80 })
        #expect(first.declarations.allSatisfy { $0.quote.count <= 80 })
        #expect(first.findings.count <= SignalCatalogue.all.count * 10)
    }

    @Test func declarationsAreCappedPerKind() {
        let evidence = EvidenceScanner(maxFindingsPerSignal: 4).scan(SignalSamples.input(Array(repeating: "No AI tools were used in this work.", count: 30)))
        #expect(evidence.declarations.count == 4)
    }

    @Test func emptyInputHasNoEvidence() {
        #expect(EvidenceScanner().scan(SignalSamples.input([])) == Evidence())
    }
}

@Suite struct ScannerLimitTests {
    @Test func manyQuotedMatchesInOneHugeParagraphStayLinear() throws {
        let paragraph = "\"" + String(repeating: "I hope this helps. As an AI language model, no. ", count: 20_000)
        let raw = Data(("<p>" + paragraph.replacingOccurrences(of: "hope", with: "h&#111;pe") + "</p>").utf8)
        let input = EvidenceInput(path: "big.html", format: "test",
                                  text: DocumentText(streams: [TextStream(name: "body", paragraphs: [TextParagraph(text: paragraph, location: Location(line: 1, byteOffset: 3))])]),
                                  metadata: [], raw: raw)
        let start = Date()
        let evidence = EvidenceScanner().scan(input)
        #expect(evidence.findings.isEmpty, "everything is inside the opening quotation mark")
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
