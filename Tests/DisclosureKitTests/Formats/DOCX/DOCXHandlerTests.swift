@testable import DisclosureKit
import Foundation
import Testing

@Suite struct DOCXHandlerTests {
    let stamper = Stamper()
    let verifier = Verifier()
    let managed: Set<String> = ["word/document.xml", "word/styles.xml", "docProps/custom.xml", "[Content_Types].xml", "_rels/.rels"]

    @Test(arguments: DOCXFixtures.all.filter { $0 != "hidden-statement.docx" })
    func roundTrip(fixture: String) throws {
        let (dir, path) = try DOCXFixtures.copy(fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let originalParts = try DOCXFixtures.parts(path)
        let originalText = try DocumentLoader().open(path).text()

        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(!result.replacedExisting)
        let report = try verifier.verify(path: path)
        #expect(report.passed)
        #expect(report.checks.allSatisfy { $0.status == .pass }, "\(report.checks.filter { $0.status != .pass })")

        // Every entry the stamp does not manage is copied raw: same name, order, method, bytes, extra fields.
        let before = try ZipInspector(originalBytes)
        let after = try ZipInspector(try Data(contentsOf: URL(fileURLWithPath: path)))
        let unmanagedBefore = before.entries.filter { !managed.contains($0.name) }
        let unmanagedAfter = after.entries.filter { !managed.contains($0.name) }
        #expect(unmanagedBefore.map(\.name) == unmanagedAfter.map(\.name))
        for (a, b) in zip(unmanagedBefore, unmanagedAfter) {
            #expect(a.raw == b.raw, "\(a.name) raw bytes")
            #expect(a.method == b.method, "\(a.name) method")
            #expect(a.localExtra == b.localExtra && a.centralExtra == b.centralExtra, "\(a.name) extra fields")
        }
        #expect(after.entries.prefix(before.entries.count).map(\.name) == before.entries.map(\.name), "order kept")

        // The text the stamp leaves out is exactly the original text.
        #expect(try DocumentLoader().open(path).text() == originalText)

        // Stamping again with the same facts changes nothing.
        let stamped = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(again.replacedExisting && again.unchanged)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == stamped)

        // Unstamping gives back every original part byte for byte.
        _ = try stamper.unstamp(path: path)
        #expect(try DOCXFixtures.parts(path) == originalParts)
    }

    @Test(arguments: ["plain.docx", "tables.docx"])
    func streamedPartsDigestEqualsTheDocumentedOne(fixture: String) throws {
        let (dir, path) = try DOCXFixtures.copy(fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let document = try DocumentLoader().open(path)
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        let parts = try document.unmanagedParts()
        #expect(hasher.finalizeHex() == Digests.partsDigest(parts))
        let main = try #require(parts.first { $0.name == "word/document.xml" })
        #expect(!String(decoding: main.bytes, as: UTF8.self).contains("disclose:statement"), "our content control is cut out")
    }

    @Test func notesAreNumberedAsAReaderSeesThemSeparatorsLeftOut() throws {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let xml = """
            <?xml version="1.0"?><w:footnotes xmlns:w="\(w)">\
            <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
            <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
            <w:footnote w:id="1"><w:p><w:r><w:t>First note.</w:t></w:r></w:p></w:footnote>\
            <w:footnote w:id="2"><w:p><w:r><w:t>Second note, first paragraph.</w:t></w:r></w:p><w:p><w:r><w:t>I used ChatGPT to plan.</w:t></w:r></w:p></w:footnote>\
            </w:footnotes>
            """
        let scan = try StoryScanner.scan(Data(xml.utf8), part: "word/footnotes.xml", path: "essay.docx", limits: .default)
        let placed = scan.paragraphs.filter { !$0.text.isEmpty }.map { "\($0.text) | \($0.location.words ?? "-")" }
        #expect(placed == ["First note. | in footnote 1", "Second note, first paragraph. | in footnote 2", "I used ChatGPT to plan. | in footnote 2"])
    }

    @Test func readsTextInReadingOrderWithStreams() throws {
        func text(_ name: String) throws -> DocumentText {
            try DocumentLoader().open(DOCXFixtures.folder.appendingPathComponent(name).path).text()
        }
        #expect(try text("tables.docx").body.map(\.text) == ["Before the table.", "Term", "Dates", "Autumn", "September to December", "After the table."])
        let notes = try text("notes-comments.docx")
        #expect(notes.streams.map(\.name) == ["body", "footnotes", "endnotes", "comments"])
        #expect(notes.streams[1].paragraphs.map(\.text) == ["A footnote."])
        #expect(notes.streams[1].paragraphs[0].location == Location(part: "word/footnotes.xml", paragraph: 1, words: "in footnote 1"))
        #expect(notes.streams[2].paragraphs[0].location.words == "in endnote 1")
        #expect(notes.streams[3].paragraphs.map(\.location.words) == notes.streams[3].paragraphs.indices.map { _ in "in comment 1" })
        let hf = try text("headers-footers.docx")
        #expect(hf.streams.map(\.name) == ["body", "headers", "footers"])
        #expect(hf.streams[1].paragraphs.map(\.text) == ["Confidential header"])
        #expect(try text("tracked-changes.docx").body.map(\.text) == ["The budget is twelve million pounds."], "deleted text left out, inserted text kept")
        #expect(try text("textbox-alternate-content.docx").body.map(\.text).filter { $0 == "Text box text." }.count == 1, "fallback content not read twice")
        #expect(try text("rtl-arabic.docx").body.map(\.text) == ["تقرير سنوي", "شكرا لكم على القراءة."])
        #expect(try text("ns0-prefix.docx").body.map(\.text) == ["Written with another prefix."])
    }

    @Test func startPlacementPutsStatementFirstUsingTheDocumentsPrefix() throws {
        let (dir, path) = try DOCXFixtures.copy("ns0-prefix.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.location == Location(part: "word/document.xml", paragraph: 1))
        let xml = String(decoding: try DOCXFixtures.parts(path)["word/document.xml"]!, as: UTF8.self)
        #expect(xml.contains("<ns0:body><ns0:sdt><ns0:sdtPr><ns0:alias ns0:val=\"AI use disclosure\"/><ns0:tag ns0:val=\"disclose:statement\"/>"))
        #expect(try verifier.verify(path: path).passed)
    }

    @Test func keepsOtherCustomPropertiesAndNumbersOursAfterThem() throws {
        let (dir, path) = try DOCXFixtures.copy("existing-custom-properties.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try DOCXFixtures.parts(path)["docProps/custom.xml"]!
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let entries = try DocumentLoader().open(path).metadataEntries().filter { $0.location.part == "docProps/custom.xml" }
        #expect(entries.map(\.key) == ["Department", "Reviewed", "AI Disclosure", "AI Disclosure Tools", "AI Disclosure Purposes",
                                       "AI Disclosure Extent", "AI Disclosure Review", "AI Disclosure Declarant", "AI Disclosure Date"])
        #expect(entries.first { $0.key == "AI Disclosure Extent" }?.value == "partial")
        let xml = String(decoding: try DOCXFixtures.parts(path)["docProps/custom.xml"]!, as: UTF8.self)
        #expect(xml.contains("pid=\"6\" name=\"AI Disclosure\""), "our first pid follows the highest existing one (5)")
        _ = try stamper.unstamp(path: path)
        #expect(try DOCXFixtures.parts(path)["docProps/custom.xml"] == original)
    }

    @Test func createsAndRegistersCustomPropertiesAndStyle() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let parts = try DOCXFixtures.parts(path)
        let types = String(decoding: parts["[Content_Types].xml"]!, as: UTF8.self)
        let rels = String(decoding: parts["_rels/.rels"]!, as: UTF8.self)
        let styles = String(decoding: parts["word/styles.xml"]!, as: UTF8.self)
        #expect(types.contains("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/></Types>"))
        #expect(rels.contains("Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/></Relationships>"))
        #expect(styles.contains("<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"AIDisclosure\"><w:name w:val=\"AI Disclosure\"/>"))
        #expect(parts["docProps/custom.xml"].map { String(decoding: $0, as: UTF8.self).contains("name=\"AI Disclosure Declarant\"><vt:lpwstr") } == true)
        _ = try stamper.unstamp(path: path)
        #expect(try DOCXFixtures.parts(path)["docProps/custom.xml"] == nil, "the part we created is removed again")
    }

    @Test func noStylesPartStillStampsAndVerifies() throws {
        let (dir, path) = try DOCXFixtures.copy("no-styles-part.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(try DOCXFixtures.parts(path)["word/styles.xml"] == nil)
        #expect(try verifier.verify(path: path).passed)
    }

    @Test func hiddenStatementIsReported() throws {
        let found = try DocumentLoader().open(DOCXFixtures.folder.appendingPathComponent("hidden-statement.docx").path).findStamp()
        #expect(found.statement?.text == "AI use disclosure: hidden.")
        #expect(found.statement?.visibilityProblems == [
            "the text is formatted as hidden", "the text colour is white or nearly white (FFFFFF)", "the font size is 2.0 pt, under 6 pt",
        ])
    }

    /// The AI Disclosure style itself edited to hide the statement or whiten it (checked only when
    /// the style differs from the one the stamp wrote; each pattern only when its element is there).
    @Test(arguments: [
        ("<w:vanish/>", ["the AI Disclosure style hides the text"]),
        ("<w:vanish w:val=\"true\"/>", ["the AI Disclosure style hides the text"]),
        ("<w:vanish w:val=\"0\"/>", []),
        ("<w:color w:val=\"FFFFFF\"/>", ["the AI Disclosure style makes the text white or nearly white (FFFFFF)"]),
        ("<w:color w:val=\"1F3864\"/>", []),
        ("<w:vanish/><w:color w:val=\"FEFEFE\"/>", ["the AI Disclosure style hides the text", "the AI Disclosure style makes the text white or nearly white (FEFEFE)"]),
        ("<w:b/>", []),
    ])
    func styleEditedToHideTheStatementIsReported(runProperties: String, expected: [String]) throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        var edited = false
        try DOCXFixtures.rewrite(path, part: "word/styles.xml") { xml in
            guard let style = xml.range(of: "w:styleId=\"AIDisclosure\""),
                  let rPr = xml.range(of: "<w:rPr>", range: style.upperBound..<xml.endIndex) else { return xml }
            edited = true
            return xml.replacingCharacters(in: rPr, with: "<w:rPr>" + runProperties)
        }
        #expect(edited, "the stamp's style has run properties to edit")
        let found = try DocumentLoader().open(path).findStamp()
        let problems = found.statement?.visibilityProblems ?? ["no statement"]
        #expect(problems.filter { $0.hasPrefix("the AI Disclosure style") } == expected, "\(problems)")
    }

    @Test func editedTextFailsBindingAndNamesTheParagraph() throws {
        let (dir, path) = try DOCXFixtures.copy("tables.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { $0.replacingOccurrences(of: "Autumn", with: "Spring") }
        let check = try #require(try verifier.verify(path: path).checks.first { $0.id == "content-binding" })
        #expect(check.status == .fail)
        #expect(check.message == "text changed since stamping; first difference: word/document.xml, paragraph 4: \"Spring\"")
    }

    @Test func formattingOnlyEditWarns() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { $0.replacingOccurrences(of: "<w:r><w:t xml:space=\"preserve\">First", with: "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">First") }
        let report = try verifier.verify(path: path)
        #expect(report.checks.first { $0.id == "content-binding" }?.status == .warn)
        #expect(report.passed)
    }

    @Test func changedPropertyFailsAgreement() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try DOCXFixtures.rewrite(path, part: "docProps/custom.xml") { $0.replacingOccurrences(of: "<vt:lpwstr xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">partial</vt:lpwstr>", with: "<vt:lpwstr xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">minor-edits</vt:lpwstr>") }
        let check = try #require(try verifier.verify(path: path).checks.first { $0.id == "statement-matches-metadata" })
        #expect(check.status == .fail)
        #expect(check.message == "the extent field says \"minor-edits\" but the disclosure says \"partial\"")
    }

    @Test func duplicatedStatementIsAProblem() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { xml in
            guard let s = xml.range(of: "<w:sdt>"), let e = xml.range(of: "</w:sdt>") else { return xml }
            let control = String(xml[s.lowerBound..<e.upperBound])
            return xml.replacingOccurrences(of: "<w:body>", with: "<w:body>" + control)
        }
        let report = try verifier.verify(path: path)
        #expect(report.checks.first { $0.id == "single-stamp" }?.status == .fail)
        // Stamping again repairs it: one statement.
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(try verifier.verify(path: path).passed)
    }
}
