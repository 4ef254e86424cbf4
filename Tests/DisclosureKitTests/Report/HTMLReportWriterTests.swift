@testable import DisclosureKit
import Foundation
import Testing

@Suite struct HTMLReportWriterTests {
    var html: String { get throws { try ReportSamples.render(.html) } }

    @Test func untrustedTextIsEscaped() throws {
        let page = try html
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("<code>e/<wbr>hostile &lt;script&gt;alert(1)&lt;/<wbr>script&gt;, &quot;q&quot;.<wbr>md</code>"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, with commas\nand lines"))
        #expect(page.contains("“=cmd|&#39; /C calc&#39;!A0”"))
        #expect(page.contains("w3c-meta") && page.contains("“&lt;meta name=&quot;ai-disclosure&quot; content=&quot;ai-assisted&quot;&gt;”"))
        // The only script element is the inline one.
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test func attributeValuesAreEscaped() {
        #expect(HTMLReportWriter.escape("\"><img src=x onerror=alert(1)>") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        #expect(HTMLReportWriter.escape("a&b 'c'") == "a&amp;b &#39;c&#39;")
        #expect(HTMLReportWriter.escape("bell\u{7}") == "bell\\u{7}")
    }

    /// Escaping (with its quick return for clean text) and wrapping a whole path give what
    /// escaping each scalar, and each character of the path, gave: random text made of the
    /// characters escaped, the separators wrapped, controls, combining marks and prepended marks.
    @Test func escapingAndWrappingAgreeWithTheCharacterByCharacterRule() {
        let values: [UInt32] = [0x09, 0x0A, 0x0D, 0x01, 0x1B, 0x7F, 0x85, 0x2028, 0x202E, 0x2066, 0x26, 0x3C, 0x3E, 0x22, 0x27,
                                0x2F, 0x5F, 0x2D, 0x2E, 0x61, 0x20, 0xE9, 0x301, 0x600, 0x200D, 0x1F1EC, 0x1F600, 0x65E5, 0x2019]
        let scalars = values.map { Unicode.Scalar($0)! }
        func escapedScalarwise(_ text: String) -> String {
            text.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\t", "\n", "\r": return String(scalar)
                case "&": return "&amp;"
                case "<": return "&lt;"
                case ">": return "&gt;"
                case "\"": return "&quot;"
                case "'": return "&#39;"
                default: return ReportText.isControl(scalar) ? ReportText.escaped(scalar) : String(scalar)
                }
            }.joined()
        }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            var view = String.UnicodeScalarView()
            for _ in 0..<(round % 9) { view.append(scalars.randomElement(using: &generator)!) }
            let text = String(view)
            #expect(HTMLReportWriter.escape(text) == escapedScalarwise(text), "\(text.unicodeScalars.map(\.value))")
            var wrapped = ""
            for character in text {
                wrapped += escapedScalarwise(String(character))
                if character == "/" || character == "_" || character == "-" || character == "." { wrapped += "<wbr>" }
            }
            #expect(HTMLReportWriter.wrappingPath(text) == wrapped, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func pageIsSelfContained() throws {
        let page = try html
        #expect(!page.contains("http://"))
        #expect(!page.contains("https://"))
        #expect(!page.lowercased().contains("<link"))
        #expect(!page.lowercased().contains("<script src"))
        #expect(!page.contains(" src="))
        #expect(page.contains("<style>"))
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("default-src &#39;none&#39;"))
    }

    @Test func policyHashesMatchTheInlineBlocks() throws {
        let page = try html
        #expect(page.contains(HTMLReportWriter.hash(HTMLReportAssets.css)))
        #expect(page.contains(HTMLReportWriter.hash(HTMLReportAssets.script)))
        #expect(page.contains("<style>\(HTMLReportAssets.css)</style>"))
        #expect(page.contains("<script>\(HTMLReportAssets.script)</script>"))
    }

    @Test func accessibleStructure() throws {
        let page = try html
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("<h1>AI-use disclosure audit</h1>"))
        #expect(page.contains("<h2 id=\"summary\">Summary</h2>"))
        #expect(page.contains("<caption>Files by status</caption>"))
        #expect(page.contains("<label for=\"filter-status\">Status</label><select id=\"filter-status\">"))
        #expect(page.contains("<label for=\"filter-signal\">"))
        #expect(page.contains(":focus-visible{outline:3px solid"))
        #expect(page.contains("@media (max-width:44rem)"))
        let headers = page.components(separatedBy: "<th ").count - 1
        let scoped = page.components(separatedBy: "<th scope=").count - 1
        #expect(headers == scoped)
        #expect(page.contains("<th scope=\"col\" aria-sort=\"ascending\">File</th>"))
        // Filters are hidden until the script shows them, so the page without JS is a plain table.
        #expect(page.contains("<form id=\"filters\" class=\"filters\" hidden>"))
    }

    @Test func oneRowPerItemWithFilterData() throws {
        let page = try html
        let rows = page.components(separatedBy: "<tr data-status=").count - 1
        // verified 1 disclosure, problems 1 disclosure + 1 check, declared 1, signals 2, hostile 2, plain 1, unicode 1,
        // unsupported 1 error, unreadable 1 error
        #expect(rows == 12)
        let statement = HTMLReportWriter.escape(StatementRenderer().render(Samples.disclosure))
        #expect(page.contains("<tr data-status=\"disclosed-verified\" data-signal=\"disclosure\">"))
        #expect(page.contains("<td data-label=\"Explanation\">\(statement)</td>"))
        #expect(page.contains("<tr data-status=\"undisclosed\" data-signal=\"\"><td data-label=\"File\" class=\"path\"><code>f/<wbr>plain.<wbr>md</code>"))
        #expect(page.contains("<tr data-status=\"disclosed-with-problems\" data-signal=\"check/content-binding\">"))
        #expect(page.contains("<tr data-status=\"declared-ai-use\" data-signal=\"declaration/w3c-meta\">"))
        #expect(page.contains("<tr data-status=\"unreadable\" data-signal=\"error\">"))
        #expect(page.contains("<option value=\"residue.assistant-opener\">residue.assistant-opener (1)</option>"))
        #expect(page.contains("<option value=\"undisclosed-with-signals\">undisclosed-with-signals (2)</option>"))
        #expect(page.contains("<td data-label=\"Location\" title=\"word/document.xml, paragraph 3 (byte 4521)\">paragraph 3</td>"))
        #expect(!page.contains(">word/document.xml"))
        // An unsupported file shows its reason with no signal, never "error".
        #expect(page.contains("<tr data-status=\"unsupported\" data-signal=\"\">"))
        #expect(!page.contains("<tr data-status=\"unsupported\" data-signal=\"error\">"))
        #expect(page.contains(ReportMarker.htmlMeta))
        #expect(page.contains("<code>ü/<wbr>日本語 notes.<wbr>md</code>"))
    }

    @Test func aPolicyRuleNotMetIsSaidOnce() throws {
        let message = "\"ChatGPT\" is not on the policy's list of authorised tools"
        let record = AuditRecord(path: "class/essay.docx", format: "docx", status: .declaredAIUse,
                                 checks: [CheckResult(id: "policy.tool-authorised", status: .fail, message: message)])
        let rows = HTMLReportWriter.rows(record)
        #expect(rows.count == 1)
        #expect(rows[0].explanation == message, "the row is the rule's own words, with no \"To look at\" repeating them")
        #expect(record.attentionReasons == ["does not meet the policy's tool-authorised rule: \(message)"], "the register and terminal still say why to look")
    }

    @Test func noteIsShown() throws {
        #expect(try html.contains("<p class=\"note\" role=\"note\"><strong>Note:</strong> \(AuditReport.standingNote)</p>"))
    }
}

/// WCAG AA: every status badge's text colour has at least 4.5:1 contrast on its background.
@Suite struct HTMLReportContrastTests {
    static func luminance(_ hex: Substring) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func contrast(_ a: Substring, _ b: Substring) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func statusBadgesMeetAA() throws {
        let css = HTMLReportAssets.css
        let pairs = css.matches(of: #/\.s-[a-z-]+(?:,\.s-[a-z-]+)*\{background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})\}/#)
        #expect(pairs.count == 5)
        for pair in pairs {
            #expect(Self.contrast(pair.output.1, pair.output.2) >= 4.5, "\(pair.output.0)")
        }
        #expect(Self.contrast("#4a4a4a", "#f2f2f2") >= 4.5)
        #expect(Self.contrast("#1b1b1b", "#eef3fd") >= 4.5)
    }
}
