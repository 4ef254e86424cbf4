@testable import DisclosureKit
import Foundation
import Testing

/// Each text signal through the real Markdown and HTML handlers: found in a paragraph,
/// silent in a fenced code block (Markdown) or `<pre>` (HTML).
@Suite struct TextSignalHandlerTests {
    static let cases: [(String, String)] = [
        ("residue.assistant-opener", "Sure! Here's a revised outline for your essay:"),
        ("residue.assistant-closer", "Would you like me to turn this into a table?"),
        ("residue.helpful-closer", "I hope this helps!"),
        ("residue.self-reference", "As of my knowledge cutoff, the river was unmapped."),
        ("residue.chat-interface", "ChatGPT said:"),
        ("residue.citation-marker", "Rivers rise in spring. :contentReference[oaicite:0]{index=0}"),
        ("residue.self-reference", "As an AI, I don't have opinions on rivers."),
        ("residue.citation-marker", "Rivers rise in spring [cite: 3, 4]."),
        ("residue.citation-marker", "Rivers rise in spring.[citation:2]"),
        ("residue.citation-marker", "Rivers rise in spring. citeturn0search3"),
        ("residue.placeholder", "Please contact [Recipient's Name] before [Insert date]."),
        ("residue.tracking-parameter", "Source: https://example.org/a?x=1&utm_source=openai"),
        ("residue.tracking-parameter", "Source: https://example.org/a?ref=copilot.microsoft.com"),
        ("typography.invisible-characters", "Hidden\u{2060}joiner"),
        ("typography.unusual-spaces", "thin\u{2009}space"),
    ]

    @Test(arguments: cases) func markdownParagraphAndCodeBlock(id: String, text: String) throws {
        let found = try SignalSamples.scan("# Notes\n\n\(text)\n", path: "n.md")
        #expect(found.finding(id)?.location.line == 3, "\(found.findings)")
        let quoted = try SignalSamples.scan("# Notes\n\n```\n\(text)\n```\n", path: "n.md")
        #expect(quoted.finding(id) == nil, "\(quoted.findings)")
    }

    @Test(arguments: cases) func htmlParagraphAndPre(id: String, text: String) throws {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;")
        let found = try SignalSamples.scan(SignalSamples.html(body: "<p>\(escaped)</p>"), path: "n.html")
        #expect(found.finding(id)?.location.line == 8, "\(found.findings)")
        let quoted = try SignalSamples.scan(SignalSamples.html(body: "<pre>\(escaped)</pre>"), path: "n.html")
        #expect(quoted.finding(id) == nil, "\(quoted.findings)")
    }

    @Test func markdownSyntaxPastedIntoHTML() throws {
        let found = try SignalSamples.scan(SignalSamples.html(body: "<p>### Key findings</p>\n<p>**Rivers** rise and **lakes** fall.</p>"), path: "m.html")
        #expect(found.findings.filter { $0.signal == "residue.markdown-syntax" }.map(\.location.line) == [8, 9])
        let markdown = try SignalSamples.scan("### Key findings\n\n**Rivers** rise and **lakes** fall.\n", path: "m.md")
        #expect(markdown.findings.isEmpty, "Markdown's own syntax is rendered, never a signal")
    }

    @Test func emDashesInMarkdown() throws {
        let text = String(repeating: "Rivers — they rise — and fall. ", count: 6)
        let found = try SignalSamples.scan("# Notes\n\n\(text)\n", path: "d.md")
        #expect(found.finding("typography.em-dashes")?.explanation.contains("12 em dashes") == true)
        let chinese = try SignalSamples.scan("# 笔记\n\n" + String(repeating: "出发——以平民化旅行的形式。", count: 12) + "\n", path: "c.md")
        #expect(chinese.findings.isEmpty)
    }

    @Test func metadataFieldsThroughFrontMatter() throws {
        let found = try SignalSamples.scan("---\nai_model: GPT-4o\nsource: Generated with ChatGPT\n---\n\nText.\n", path: "m.md")
        #expect(found.finding("provenance.ai-label")?.location.line == 2, "a W3C companion key without ai-disclosure")
        #expect(found.findings.filter { $0.signal == "metadata.ai-field" }.map(\.location.line) == [3])
        let silent = try SignalSamples.scan("---\ntitle: Writing with ChatGPT\ndescription: Generated with care by our staff\n---\n\nText.\n", path: "m.md")
        #expect(silent.findings.isEmpty)
    }
}
