@testable import DisclosureKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct HTMLHandlerTests {
    static let good = TextFixtures.names("html").filter { !["invalid-shift_jis.html", "hidden-statement.html"].contains($0) }

    @Test(arguments: good, Placement.allCases)
    func roundTripIsByteExact(fixture: String, placement: Placement) throws {
        let (dir, path, original) = try TextFixtures.copy("html", fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, report) = try TextFixtures.roundTrip(path, original: original, options: StampOptions(placement: placement))
        #expect(report.checks.allSatisfy { $0.status == .pass }, "\(report.checks.filter { $0.status != .pass })")
    }

    func stamped(_ fixture: String, placement: Placement = .end, disclosure: Disclosure = Samples.disclosure) throws -> String {
        let (dir, path, _) = try TextFixtures.copy("html", fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: disclosure, options: StampOptions(placement: placement))
        let data = try TextFixtures.read(path)
        return String(data: data, encoding: .utf8) ?? String(decoding: data.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
    }

    @Test func statementGoesInMainAndMetadataInHead() throws {
        let html = try stamped("main.html")
        #expect(html.contains("<p>Tour the <em>new</em> labs.</p>\n<aside class=\"ai-disclosure\" data-disclose=\"statement\" role=\"note\" lang=\"en-GB\" style=\"margin:1.5em 0;padding:0.75em 1em;border:1px solid;border-inline-start-width:4px;border-radius:4px\"><p>AI use disclosure: This document was made with help from Microsoft 365 Copilot"))
        #expect(html.contains("</p></aside>\n</main>"))
        #expect(html.contains("<meta name=\"ai-disclosure\" content=\"ai-assisted\" data-disclose=\"meta\">\n<meta name=\"ai-model\" content=\"Microsoft 365 Copilot\" data-disclose=\"meta\">\n<script type=\"application/ld+json\" data-disclose=\"metadata\">{\"@context\":\"https://schema.org\",\"@type\":\"CreativeWork\",\"digitalSourceType\":\"http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia\",\"disclose\":{"))
        #expect(html.contains("</script>\n</head>"))
        let start = try stamped("article.html", placement: .start)
        #expect(start.contains("<article><aside class=\"ai-disclosure\" data-disclose=\"statement\""))
        #expect(start.contains("</p></aside>\n\n<h1>News</h1>"))
    }

    @Test func headIsCreatedForDocumentsWithoutOne() throws {
        let html = try stamped("no-head.html")
        #expect(html.hasPrefix("<html><head data-disclose=\"head\">\n<meta name=\"ai-disclosure\""))
    }

    @Test func fragmentsGetJSONLDFirstAndStatementLast() throws {
        let html = try stamped("fragment.html")
        #expect(html.hasPrefix("<script type=\"application/ld+json\" data-disclose=\"metadata\">"))
        #expect(html.hasSuffix("</p></aside>\n"))
    }

    @Test func xhtmlStaysWellFormed() throws {
        let xhtml = try stamped("page.xhtml")
        #expect(xhtml.contains("data-disclose=\"meta\" />"))
        let parser = XMLParser(data: Data(xhtml.utf8))
        #expect(parser.parse(), "stamped XHTML parses as XML: \(String(describing: parser.parserError))")
    }

    @Test func legacyEncodingsGetNumericReferences() throws {
        var d = Samples.disclosure
        d.declarant = "José Núñez"
        let (dir, path, original) = try TextFixtures.copy("html", "windows-1252.html")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (stamped, report) = try TextFixtures.roundTrip(path, original: original, disclosure: d)
        #expect(report.passed)
        let ascii = String(decoding: stamped.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
        #expect(ascii.contains("Declared by Jos&#233; N&#250;&#241;ez"))
        #expect(stamped.contains(0xE9), "the page's own windows-1252 bytes are untouched")
        _ = try Stamper().stamp(path: path, disclosure: d)
        let statement = try Verifier().verify(path: path).found.statement
        #expect(statement?.text.contains("Declared by José Núñez") == true, "the references read back as the characters")
    }

    @Test func shiftJISAndUTF16AreReadAndKept() throws {
        let doc = try DocumentLoader().open(TextFixtures.root.appendingPathComponent("html/shift_jis.html").path)
        #expect(try doc.text().body.map(\.text).contains("こんにちは、世界。"))
        let (dir, path, _) = try TextFixtures.copy("html", "utf16le-bom.html")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let text = try #require(String(data: try TextFixtures.read(path), encoding: .utf16LittleEndian))
        #expect(text.contains("<aside class=\"ai-disclosure\""))
        #expect(!text.contains("\n"), "CR-only line ends are kept")
    }

    @Test func wrongCharsetIsAWarningAndInvalidBytesAnError() throws {
        let doc = try DocumentLoader().open(TextFixtures.root.appendingPathComponent("html/wrong-charset.html").path)
        #expect(doc.warnings == ["the page declares utf-8 but its bytes are not valid UTF-8; it was read as browsers read it: each invalid byte sequence shows as the replacement character U+FFFD, and those bytes are kept as they are"])
        #expect(try doc.text().body.map(\.text).contains("Declared UTF-8, written as Latin-1: caf\u{FFFD}."))
        let path = TextFixtures.root.appendingPathComponent("html/invalid-shift_jis.html").path
        #expect(throws: DisclosureError.invalidEncoding(path: path, encoding: "shift_jis", byteOffset: 70)) {
            _ = try DocumentLoader().open(path)
        }
    }

    @Test func pageDeclaredUTF8WithBadBytesKeepsThemWhenStamped() throws {
        let (dir, path, original) = try TextFixtures.copy("html", "wrong-charset.html")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        #expect(result.documentNotes.count == 1)
        let stamped = try TextFixtures.read(path)
        // The Latin-1 é (0xE9) is still there, byte for byte, and the page still verifies.
        let cafe = Data("caf".utf8) + Data([0xE9, 0x2E])
        #expect(stamped.range(of: cafe) != nil)
        #expect(original.range(of: cafe) != nil)
        #expect(try Verifier().verify(path: path).passed)
        _ = try Stamper().unstamp(path: path)
        #expect(try TextFixtures.read(path) == original)
    }

    @Test func browserReplacementDecodingFollowsWHATWG() {
        // 0xE9 followed by ASCII: one U+FFFD; a truncated 3-byte sequence: one U+FFFD; 0xC0 0x80: two.
        let (text, map) = TextFile.decodeUTF8Replacing([0x61, 0xE9, 0x62, 0xE2, 0x82, 0x63, 0xC0, 0x80, 0xE2, 0x82, 0xAC])
        #expect(String(decoding: text, as: UTF8.self) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}€")
        #expect(map.count == text.count + 1)
        #expect(map.last == 11)
        #expect(map[1] == 1 && map[4] == 2 && map[5] == 3)
    }

    @Test func hiddenStatementIsReported() throws {
        let found = try DocumentLoader().open(TextFixtures.root.appendingPathComponent("html/hidden-statement.html").path).findStamp()
        #expect(found.statement?.visibilityProblems == ["an enclosing <div> is styled display:none"])
    }

    @Test(arguments: [
        ("<div hidden><aside data-disclose=\"statement\"><p>x</p></aside></div>", "has the hidden attribute"),
        ("<div aria-hidden=\"true\"><aside data-disclose=\"statement\"><p>x</p></aside></div>", "is aria-hidden"),
        ("<template><aside data-disclose=\"statement\"><p>x</p></aside></template>", "inside <template>"),
        ("<noscript><aside data-disclose=\"statement\"><p>x</p></aside></noscript>", ""),
        ("<div style=\"font-size: 0\"><aside data-disclose=\"statement\"><p>x</p></aside></div>", "styled font-size:0"),
        ("<div style=\"visibility:hidden\"><aside data-disclose=\"statement\"><p>x</p></aside></div>", "styled visibility:hidden"),
        ("<div style=\"OPACITY: 0.00 !important\"><aside data-disclose=\"statement\"><p>x</p></aside></div>", "styled opacity:0"),
        ("<div style=\"color:red; font-size:0px\"><aside data-disclose=\"statement\"><p>x</p></aside></div>", "styled font-size:0"),
        ("<!-- <aside data-disclose=\"statement\"><p>x</p></aside> -->", "inside an HTML comment"),
    ])
    func everyHidingPlaceIsReported(markup: String, expected: String) throws {
        let doc = try HTMLHandler().open(DocumentInput(data: Data(("<html><body>" + markup + "</body></html>").utf8), path: "t.html"))
        let problems = try doc.findStamp().statement?.visibilityProblems ?? ["not found"]
        if expected.isEmpty {
            #expect(!problems.isEmpty)
        } else {
            #expect(problems.contains { $0.contains(expected) }, "\(problems)")
        }
    }

    /// Styles that only look like hiding ones: each pattern is tried only when its literal start is
    /// there, and then must still match.
    @Test(arguments: ["font-size:0.9em", "opacity:0.5", "font-size:10px", "opacity:1", "line-height:0"])
    func nearMissStylesAreNotProblems(style: String) throws {
        let markup = "<div style=\"\(style)\"><aside data-disclose=\"statement\"><p>x</p></aside></div>"
        let doc = try HTMLHandler().open(DocumentInput(data: Data(("<html><body>" + markup + "</body></html>").utf8), path: "t.html"))
        #expect(try doc.findStamp().statement?.visibilityProblems == [])
    }

    @Test func framesetPagesAreRefusedWithTheReason() throws {
        let page = "<html><head><title>Frames</title></head><frameset><frame src=\"a.html\"><noframes><body>Old browsers.</body></noframes></frameset></html>\n"
        let doc = try HTMLHandler().open(DocumentInput(data: Data(page.utf8), path: "frames.html"))
        #expect(throws: DisclosureError.unreadable(
            path: "frames.html", reason: "the page is a frameset: browsers show the pages its frames load, never its own body, so no statement in it would be seen",
            hint: "Stamp the pages the frames load instead. Nothing was written.")) {
            _ = try doc.stamped(Self.request)
        }
    }

    @Test func unclosedNoframesIsRefusedAtTheEndButStartWorks() throws {
        let page = "<b>\n<ul>\n<noframes>\n"
        let doc = try HTMLHandler().open(DocumentInput(data: Data(page.utf8), path: "open.html"))
        #expect(throws: DisclosureError.unreadable(
            path: "open.html", reason: "the page ends inside an unclosed <noframes> (line 3), whose content browsers do not show, so a statement at the end would not be seen",
            hint: "Close the <noframes> element, or stamp with --placement start, and try again. Nothing was written.")) {
            _ = try doc.stamped(Self.request)
        }
        var start = Self.request
        start.placement = .start
        let stamped = try doc.stamped(start)
        #expect(try HTMLHandler().open(DocumentInput(data: stamped, path: "open.html")).findStamp().statement?.visibilityProblems == [])
    }

    static var request: StampRequest {
        let d = Samples.disclosure
        return StampRequest(disclosure: d, statement: StatementRenderer().render(d), json: "{}", facts: d.keyFacts, placement: .end)
    }

    @Test func hugeSingleLinePageRoundTrips() throws {
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/one-line.html"
        let page = "<!DOCTYPE html><html><head><title>x</title></head><body><main>" + String(repeating: "<p>word <b>word</b></p>", count: 200_000) + "</main></body></html>"
        try Data(page.utf8).write(to: URL(fileURLWithPath: path))
        let original = try TextFixtures.read(path)
        let (stamped, report) = try TextFixtures.roundTrip(path, original: original)
        #expect(report.passed)
        #expect(String(decoding: stamped.suffix(600), as: UTF8.self).contains("</p></aside>\n</main></body></html>"))
    }

    @Test func hundredThousandUnclosedTagsAreBounded() throws {
        let data = Data(("<html><body>" + String(repeating: "<div>", count: 100_000) + "x").utf8)
        #expect(throws: DisclosureError.self) { _ = try HTMLHandler().open(DocumentInput(data: data, path: "deep.html")) }
    }

    @Test func otherToolsLabelsAreReadForAudits() throws {
        let doc = try DocumentLoader().open(TextFixtures.root.appendingPathComponent("html/existing-w3c-label.html").path)
        let entries = try doc.metadataEntries()
        #expect(entries.contains { $0.key == "ai-disclosure" && $0.value == "ai-assisted" && $0.location.line == 5 })
    }

    @Test func httpHeaderValue() {
        var d = Samples.disclosure
        d.tools = [Tool(name: "ChatGPT", model: "GPT-5", provider: "OpenAI")]
        #expect(d.httpHeaderValue == "mode=ai-modified, model=\"GPT-5\", provider=\"OpenAI\", reviewed-by=\"Head of Communications\", date=@1795564800")
        d.extent = .whollyGenerated
        d.review = Review(level: .none)
        #expect(d.httpHeaderValue.hasPrefix("mode=machine-generated, "))
    }
}
