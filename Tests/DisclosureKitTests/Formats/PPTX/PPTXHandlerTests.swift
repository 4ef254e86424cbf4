@testable import DisclosureKit
import Foundation
import Testing

@Suite struct PPTXHandlerTests {
    let stamper = Stamper()
    let verifier = Verifier()
    /// Parts our stamp edits (the others must be copied raw).
    let managed: Set<String> = ["ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "docProps/custom.xml", "[Content_Types].xml", "_rels/.rels"]

    @Test(arguments: PPTXFixtures.all.filter { $0 != "signed.pptx" })
    func roundTrip(fixture: String) throws {
        let (dir, path) = try PPTXFixtures.copy(fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let originalParts = try DOCXFixtures.parts(path)
        let originalText = try DocumentLoader().open(path).text()

        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(result.format == "pptx")
        #expect(!result.replacedExisting)
        let report = try verifier.verify(path: path)
        #expect(report.passed)
        #expect(report.checks.allSatisfy { $0.status == .pass }, "\(report.checks.filter { $0.status != .pass })")

        // Every entry the stamp does not manage is copied raw, in order; ours come after.
        let before = try ZipInspector(originalBytes)
        let after = try ZipInspector(try Data(contentsOf: URL(fileURLWithPath: path)))
        let unmanagedBefore = before.entries.filter { !managed.contains($0.name) }
        let unmanagedAfter = after.entries.prefix(before.entries.count).filter { !managed.contains($0.name) }
        #expect(unmanagedBefore.map(\.name) == unmanagedAfter.map(\.name))
        for (a, b) in zip(unmanagedBefore, unmanagedAfter) {
            #expect(a.raw == b.raw && a.method == b.method, "\(a.name) raw bytes")
            #expect(a.localExtra == b.localExtra && a.centralExtra == b.centralExtra, "\(a.name) extra fields")
        }
        #expect(after.entries.prefix(before.entries.count).map(\.name) == before.entries.map(\.name), "order kept")

        // Our slide is not the deck's text: the text reads as before.
        #expect(try DocumentLoader().open(path).text() == originalText)

        // Stamping again with the same facts changes nothing.
        let stamped = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(again.replacedExisting && again.unchanged)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == stamped)

        // Unstamping gives back every original part byte for byte, and no part of ours.
        _ = try stamper.unstamp(path: path)
        #expect(try DOCXFixtures.parts(path) == originalParts)
    }

    @Test func theStatementIsASlideOfItsOwnAtTheEndInTheDecksLayout() throws {
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let presentation = try PPTXFixtures.part(path, "ppt/presentation.xml")
        #expect(presentation.contains(#"<p:sldId id="259" r:id="rIdDiscloseSlide"/></p:sldIdLst>"#))
        let rels = try PPTXFixtures.part(path, "ppt/_rels/presentation.xml.rels")
        #expect(rels.contains(#"<Relationship Id="rIdDiscloseSlide" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide4.xml"/>"#))
        let types = try PPTXFixtures.part(path, "[Content_Types].xml")
        #expect(types.contains(#"<Override PartName="/ppt/slides/slide4.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>"#))
        let slide = try PPTXFixtures.part(path, "ppt/slides/slide4.xml")
        #expect(slide.contains(#"<p:cSld name="AI use disclosure">"#))
        #expect(slide.contains(#"<p:cNvPr id="2" name="AI use disclosure title" descr="disclose:statement"/>"#))
        #expect(slide.contains(#"<p:ph type="title"/>"#), "the title placeholder of the Title and Content layout")
        #expect(slide.contains(#"<p:ph idx="1"/>"#), "its content placeholder")
        #expect(slide.contains(#"sz="2000""#), "20 pt")
        #expect(try PPTXFixtures.part(path, "ppt/slides/_rels/slide4.xml.rels").contains(#"Target="../slideLayouts/slideLayout2.xml""#))
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.location.words == "slide 4")
        #expect(found.statement?.text.hasPrefix("AI use disclosure:") == true)
        #expect(found.statement?.visibilityProblems == [])
        #expect(found.metadata?.location.part == "docProps/custom.xml")
    }

    @Test func placementStartPutsTheSlideFirstAndMovesItBack() throws {
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalText = try DocumentLoader().open(path).text().streams.map { $0.paragraphs.map(\.text) }
        var options = StampOptions()
        options.placement = .start
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        #expect(try PPTXFixtures.part(path, "ppt/presentation.xml").contains(#"<p:sldIdLst><p:sldId id="259" r:id="rIdDiscloseSlide"/><p:sldId id="256""#))
        let document = try DocumentLoader().open(path)
        #expect(try document.findStamp().statement?.location.words == "slide 1")
        #expect(try document.text().body.first?.location.words == "slide 2", "slides are numbered as a reader sees them")
        #expect(try document.text().streams.map { $0.paragraphs.map(\.text) } == originalText)
        let startBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == startBytes, "idempotent at the start too")
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(try PPTXFixtures.part(path, "ppt/presentation.xml").contains(#"<p:sldId id="259" r:id="rIdDiscloseSlide"/></p:sldIdLst>"#))
        #expect(try DocumentLoader().open(path).findStamp().statement?.location.words == "slide 4")
        #expect(try verifier.verify(path: path).passed)
    }

    @Test func aDeckWithoutPlaceholderLayoutsGetsTextBoxesInTheThemeColour() throws {
        let (dir, path) = try PPTXFixtures.copy("textboxes-only.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let slide = try PPTXFixtures.part(path, "ppt/slides/slide2.xml")
        #expect(!slide.contains("<p:ph"))
        #expect(slide.contains(#"<p:cNvSpPr txBox="1"/>"#))
        #expect(slide.contains(#"sz="2000" dirty="0"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>"#))
        #expect(try DocumentLoader().open(path).findStamp().statement?.visibilityProblems == [])
    }

    @Test func aDeckWithNoSlideListGetsOneAndLosesItAgain() throws {
        for fixture in ["no-slides.pptx", "empty-slide-list.pptx"] {
            let (dir, path) = try PPTXFixtures.copy(fixture)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let original = try PPTXFixtures.part(path, "ppt/presentation.xml")
            _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
            #expect(try PPTXFixtures.part(path, "ppt/presentation.xml").contains(#"<p:sldId id="256" r:id="rIdDiscloseSlide"/></p:sldIdLst><p:sldSz"#))
            #expect(try DocumentLoader().open(path).findStamp().statement?.location.words == "slide 1")
            _ = try stamper.unstamp(path: path)
            #expect(try PPTXFixtures.part(path, "ppt/presentation.xml") == original, "\(fixture)")
        }
    }

    @Test func existingCustomPropertiesAreKeptAndRestored() throws {
        let (dir, path) = try PPTXFixtures.copy("custom-properties.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try PPTXFixtures.part(path, "docProps/custom.xml")
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let entries = try DocumentLoader().open(path).metadataEntries()
        #expect(entries.first { $0.key == "Department" }?.isOwnStamp == false)
        #expect(entries.first { $0.key == "AI Disclosure" }?.isOwnStamp == true)
        #expect(entries.filter { $0.key.hasPrefix("AI Disclosure") }.allSatisfy { $0.isOwnStamp })
        _ = try stamper.unstamp(path: path)
        #expect(try PPTXFixtures.part(path, "docProps/custom.xml") == original)
    }

    @Test func metadataEntriesIncludeDocumentPropertiesAndSlideLinks() throws {
        let document = try DocumentLoader().open(PPTXFixtures.folder.appendingPathComponent("plain.pptx").path)
        let entries = try document.metadataEntries()
        #expect(entries.contains { $0.key == "Application" && $0.value == "Microsoft Office PowerPoint" })
        #expect(entries.contains { $0.key == "creator" && $0.value == "Comms Team" })
        let link = try #require(entries.first { $0.key == EvidenceEntryKey.link })
        #expect(link.value == "https://example.org/map")
        #expect(link.location.words == "slide 3")
    }

    @Test func aSignedDeckIsRefusedUnlessTheCallerAccepts() throws {
        let (dir, path) = try PPTXFixtures.copy("signed.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: DisclosureError.signedDocument(path: path, parts: ["_xmlsignatures/sig1.xml"])) {
            try stamper.stamp(path: path, disclosure: Samples.disclosure)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        var options = StampOptions()
        options.allowInvalidatingSignature = true
        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        #expect(result.invalidatedSignatures == ["_xmlsignatures/sig1.xml"])
    }

    @Test func theRegistryClaimsDecksByContentWhateverTheirName() throws {
        let data = try Data(contentsOf: PPTXFixtures.folder.appendingPathComponent("plain.pptx"))
        #expect(try FormatRegistry.standard.handler(forPath: "slides.docx", data: data).id == "pptx")
        let show = try Data(contentsOf: PPTXFixtures.folder.appendingPathComponent("show.ppsx"))
        #expect(try FormatRegistry.standard.handler(forPath: "show.ppsx", data: show).id == "pptx")
        let handler = PPTXHandler()
        #expect(handler.displayName == "PowerPoint presentation")
        #expect(handler.primaryExtension == "pptx")
        #expect(!handler.claims(PackageSignature(mainContentType: "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml")))
        #expect(!handler.claims(PackageSignature(mainContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")))
    }

    @Test func streamedPartsDigestEqualsTheDocumentedOneAndLeavesOurSlideOut() throws {
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try DocumentLoader().open(path).unmanagedParts()
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let document = try DocumentLoader().open(path)
        let parts = try document.unmanagedParts()
        #expect(parts.map(\.name) == before.map(\.name))
        #expect(parts.map(\.bytes) == before.map(\.bytes))
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        #expect(hasher.finalizeHex() == Digests.partsDigest(parts))
    }

    /// What LibreOffice does to our slide: no slide name, placeholders renamed, alternative text gone.
    @Test func theSlideIsFoundByItsTextWhenItsMarkersAreGoneAndRestampingRestoresThem() throws {
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalText = try DocumentLoader().open(path).text()
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let stamped = try Data(contentsOf: URL(fileURLWithPath: path))
        try DOCXFixtures.rewrite(path, part: "ppt/slides/slide4.xml") {
            $0.replacingOccurrences(of: "<p:cSld name=\"AI use disclosure\">", with: "<p:cSld>")
                .replacingOccurrences(of: #"name="AI use disclosure title" descr="disclose:statement""#, with: #"name="PlaceHolder 1""#)
                .replacingOccurrences(of: #"name="AI use disclosure statement" descr="disclose:statement""#, with: #"name="PlaceHolder 2""#)
        }
        #expect(try !PPTXFixtures.part(path, "ppt/slides/slide4.xml").contains("disclose:statement"))
        let document = try DocumentLoader().open(path)
        let found = try #require(try document.findStamp().statement)
        #expect(found.markersLost)
        #expect(found.location.words == "slide 4")
        #expect(try document.text() == originalText, "the slide is still left out of the text")
        let report = try verifier.verify(path: path)
        #expect(report.passed)
        #expect(report.checks.first { $0.id == "statement-present" }?.status == .warn)

        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == stamped, "our markup is back, byte for byte")
    }

    @Test func aCopiedStatementSlideBecomesOneAgain() throws {
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try DOCXFixtures.parts(path)
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        // A second list entry pointing at our slide part through a second relationship, as a copy would.
        try DOCXFixtures.rewrite(path, part: "ppt/_rels/presentation.xml.rels") {
            $0.replacingOccurrences(of: "</Relationships>", with: #"<Relationship Id="rIdCopy" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide4.xml"/></Relationships>"#)
        }
        try DOCXFixtures.rewrite(path, part: "ppt/presentation.xml") {
            $0.replacingOccurrences(of: "</p:sldIdLst>", with: #"<p:sldId id="300" r:id="rIdCopy"/></p:sldIdLst>"#)
        }
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.problems == ["found 2 statement slides from Disclose (slides 4, 5); stamp again to keep just one"])
        let copied = path + ".copy.pptx"
        try FileManager.default.copyItem(atPath: path, toPath: copied)
        _ = try stamper.stamp(path: copied, disclosure: Samples.disclosure)
        let restamped = try DocumentLoader().open(copied)
        #expect(try restamped.findStamp().problems == [])
        #expect(try restamped.findStamp().statement?.location.words == "slide 4")
        #expect(try !PPTXFixtures.part(copied, "ppt/presentation.xml").contains("rIdCopy"))
        #expect(try verifier.verify(path: copied).passed)
        _ = try stamper.unstamp(path: path)
        #expect(try DOCXFixtures.parts(path)["ppt/presentation.xml"] == original["ppt/presentation.xml"])
        #expect(try DOCXFixtures.parts(path)["ppt/slides/slide4.xml"] == nil)
    }

    @Test func slideIDsStayWithinWhatTheFormatAllowsWhateverTheFileSays() {
        #expect(PPTXStamp.freeSlideID(taken: []) == 256)
        #expect(PPTXStamp.freeSlideID(taken: [256, 300]) == 301)
        #expect(PPTXStamp.freeSlideID(taken: [256, 2_147_483_647]) == 257, "no overflow past the largest id")
        #expect(PPTXStamp.freeSlideID(taken: [Int.max, 256, 257]) == 258)
        #expect(PPTXStamp.relativeTarget(from: "ppt/slides/slide4.xml", to: "ppt/slideLayouts/slideLayout2.xml") == "../slideLayouts/slideLayout2.xml")
        #expect(PPTXStamp.relativeTarget(from: "ppt/presentation.xml", to: "ppt/slides/slide4.xml") == "slides/slide4.xml")
    }
}
