@testable import DisclosureKit
import Foundation
import Testing

@Suite struct ODFHandlerTests {
    let stamper = Stamper()
    let verifier = Verifier()
    let managed: Set<String> = ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"]

    @Test(arguments: ODFFixtures.stampable)
    func roundTrip(fixture: String) throws {
        let (dir, path) = try ODFFixtures.copy(fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalBytes = try ODFFixtures.bytes(path)
        let originalParts = try ODFFixtures.parts(path)
        let originalText = try DocumentLoader().open(path).text()

        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(!result.replacedExisting)
        #expect(result.format == (fixture.hasSuffix(".odt") ? "odt" : "odp"))
        let report = try verifier.verify(path: path)
        #expect(report.checks.allSatisfy { $0.status == .pass }, "\(report.checks.filter { $0.status != .pass })")

        // The mimetype entry stays first and stored; every entry the stamp does not manage is copied raw.
        let before = try ZipInspector(originalBytes)
        let after = try ZipInspector(try ODFFixtures.bytes(path))
        #expect(after.entries.first?.name == "mimetype")
        #expect(after.entries.first?.method == 0, "mimetype stored")
        #expect(after.entries.first?.raw == before.entries.first?.raw)
        let unmanagedBefore = before.entries.filter { !managed.contains($0.name) }
        let unmanagedAfter = after.entries.filter { !managed.contains($0.name) }
        #expect(unmanagedBefore.map(\.name) == unmanagedAfter.map(\.name))
        for (a, b) in zip(unmanagedBefore, unmanagedAfter) {
            #expect(a.raw == b.raw && a.method == b.method, "\(a.name) copied raw")
            #expect(a.localExtra == b.localExtra && a.centralExtra == b.centralExtra, "\(a.name) extra fields")
        }
        #expect(after.entries.prefix(before.entries.count).map(\.name) == before.entries.map(\.name), "order kept")

        // The text the stamp leaves out is exactly the original text.
        #expect(try DocumentLoader().open(path).text() == originalText)

        // Stamping again with the same facts changes nothing.
        let stamped = try ODFFixtures.bytes(path)
        let again = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(again.replacedExisting && again.unchanged)
        #expect(try ODFFixtures.bytes(path) == stamped)

        // Unstamping gives back every original part byte for byte (and no part of ours).
        _ = try stamper.unstamp(path: path)
        #expect(try ODFFixtures.parts(path) == originalParts)
        #expect(try ZipInspector(try ODFFixtures.bytes(path)).entries.map(\.name) == before.entries.map(\.name))
    }

    @Test func textStatementIsAProtectedSectionInOurStyleAtTheEnd() throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let content = try ODFFixtures.part(path, "content.xml")
        let statement = try #require(result.disclosure.statement)
        #expect(content.hasSuffix("<text:p>Questions to the office.<text:tab/>Thank you.</text:p><text:section text:name=\"AI use disclosure\" text:protected=\"true\"><text:p text:style-name=\"AI_20_Disclosure\">\(statement)</text:p></text:section></office:text></office:body></office:document-content>"))
        let styles = try ODFFixtures.part(path, "styles.xml")
        #expect(styles.contains("<style:style style:name=\"AI_20_Disclosure\" style:display-name=\"AI Disclosure\" style:family=\"paragraph\" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:border-top=\"0.5pt solid #808080\" fo:padding-top=\"0.1cm\"/><style:text-properties fo:font-style=\"italic\" fo:font-size=\"10pt\"/></style:style></office:styles>"))
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.text == statement)
        #expect(found.statement?.location == Location(part: "content.xml", paragraph: 9))
    }

    @Test func startPlacementGoesAfterTheBodysDeclarations() throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = StampOptions()
        options.placement = .start
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        let content = try ODFFixtures.part(path, "content.xml")
        #expect(content.contains("</text:sequence-decls><text:section text:name=\"AI use disclosure\""))
        #expect(try verifier.verify(path: path).passed)
        // Restamping at the end moves it, leaving one.
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let moved = try ODFFixtures.part(path, "content.xml")
        #expect(moved.components(separatedBy: "text:name=\"AI use disclosure\"").count == 2)
        #expect(moved.contains("</text:section></office:text>"))
    }

    @Test func slideStatementIsAFinalSlideWithReadableText() throws {
        let (dir, path) = try ODFFixtures.copy("odp/open-day.odp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let statement = try #require(result.disclosure.statement)
        let content = try ODFFixtures.part(path, "content.xml")
        #expect(content.contains("</draw:page><draw:page draw:name=\"AI use disclosure\" draw:master-page-name=\"Default\"><draw:frame draw:name=\"disclose:statement\" draw:style-name=\"DiscloseSlideFrame\" svg:x=\"1.5cm\" svg:y=\"1.5cm\" svg:width=\"22cm\" svg:height=\"11cm\"><draw:text-box><text:p text:style-name=\"DiscloseSlideTitle\">AI use disclosure</text:p><text:p text:style-name=\"DiscloseSlideText\">\(statement)</text:p></draw:text-box></draw:frame></draw:page><presentation:settings"))
        #expect(content.contains("<style:style style:name=\"DiscloseSlideText\" style:family=\"paragraph\"><style:text-properties fo:font-size=\"20pt\"/></style:style><style:style style:name=\"DiscloseSlideFrame\" style:family=\"graphic\"><style:graphic-properties draw:fill=\"none\" draw:stroke=\"none\"/></style:style></office:automatic-styles>"))
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.text == statement)
        #expect(found.statement?.location.words == "slide 4")
        #expect(found.statement?.visibilityProblems == [])

        var options = StampOptions()
        options.placement = .start
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        let first = try ODFFixtures.part(path, "content.xml")
        #expect(first.contains("<office:presentation><draw:page draw:name=\"AI use disclosure\""))
        #expect(first.components(separatedBy: "draw:name=\"AI use disclosure\"").count == 2)
        #expect(try DocumentLoader().open(path).findStamp().statement?.location.words == "slide 1")
    }

    @Test func textIsReadInOrderWithStreamsAndPlacesInWords() throws {
        let text = try DocumentLoader().open(ODFFixtures.root.appendingPathComponent("Fixtures/odt/newsletter.odt").path).text()
        #expect(text.streams.map(\.name) == ["body", "headers", "footers", "footnotes", "comments"])
        let body = text.body.map { "\($0.text) | \($0.location.words ?? "-")" }
        #expect(body == [
            "Field trip | -", "Pupils will visit the Natural History Museum on 3 March. | -",
            "Packed lunch | -", "Waterproof coat | -", "Coach | in a table", "£4 | in a table",
            "Read more on the trip page. | -", "Questions to the office.\tThank you. | -",
        ])
        let others = text.streams.dropFirst().flatMap { s in s.paragraphs.map { "\(s.name): \($0.text) | \($0.location.words ?? "-")" } }
        #expect(others == ["headers: Oakfield School newsletter | -", "footers: Page 1 | -",
                           "footnotes: Weather permitting. | in footnote 1", "comments: Check the date. | in comment 1"])
    }

    @Test func slidesAndSpeakerNotesAreSeparateStreams() throws {
        let (dir, path) = try ODFFixtures.copy("odp/open-day.odp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let text = try DocumentLoader().open(path).text()
        #expect(text.streams.map(\.name) == ["body", "notes"])
        #expect(text.body.map { "\($0.text) | \($0.location.words ?? "-")" } == [
            "Open day | slide 1", "Welcome to Oakfield. | slide 1", "Timetable | slide 2", "9:00 Tours | slide 2", "11:00 Talks | slide 2",
            "Contact | slide 3", "See the open day page. | slide 3",
        ])
        #expect(text.streams[1].paragraphs.map { "\($0.text) | \($0.location.words ?? "-")" } == [
            "Thank the parents for coming. | notes of slide 1", "Mention the café. | notes of slide 2", "End on time. | notes of slide 3",
        ])
    }

    @Test func metadataIsUserDefinedPropertiesMarkedAsOurs() throws {
        let (dir, path) = try ODFFixtures.copy("odt/user-fields.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let meta = try ODFFixtures.part(path, "meta.xml")
        #expect(meta.contains("<meta:user-defined meta:name=\"Reviewed\" meta:value-type=\"boolean\">true</meta:user-defined><meta:user-defined meta:name=\"AI Disclosure\" meta:value-type=\"string\">{"))
        #expect(meta.contains("<meta:user-defined meta:name=\"AI Disclosure Tools\" meta:value-type=\"string\">Microsoft 365 Copilot</meta:user-defined>"))
        #expect(meta.contains("<meta:user-defined meta:name=\"AI Disclosure Declarant\" meta:value-type=\"string\">Jane Smith</meta:user-defined>"))
        #expect(meta.contains("<meta:user-defined meta:name=\"AI Disclosure Date\" meta:value-type=\"string\">2026-11-25</meta:user-defined></office:meta>"))
        let entries = try DocumentLoader().open(path).metadataEntries()
        #expect(entries.filter(\.isOwnStamp).map(\.key) == ["AI Disclosure", "AI Disclosure Tools", "AI Disclosure Purposes", "AI Disclosure Extent",
                                                            "AI Disclosure Review", "AI Disclosure Declarant", "AI Disclosure Date"])
        #expect(entries.filter { !$0.isOwnStamp }.map { "\($0.key)=\($0.value)" } == [
            "meta:generator=NeoOffice/3.0", "Department=History", "Reviewed=true",
        ])
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.metadata?.facts["extent"] == "partial")
        #expect(found.metadata?.location == Location(part: "meta.xml"))
    }

    @Test func linksAndFieldsAreMetadataEntries() throws {
        let entries = try DocumentLoader().open(ODFFixtures.root.appendingPathComponent("Fixtures/odt/newsletter.odt").path).metadataEntries()
        #expect(entries.map { "\($0.key)=\($0.value)" } == [
            "meta:generator=LibreOffice/7.4.7.2$Linux_X86_64", "dc:creator=Sam Taylor", "dc:title=Field trip", "link=https://example.org/trip",
        ])
        #expect(entries.allSatisfy { !$0.isOwnStamp })
    }

    @Test func aMissingMetaPartIsCreatedAndListedThenRemoved() throws {
        let (dir, path) = try ODFFixtures.copy("odt/no-meta.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try ODFFixtures.parts(path)
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let names = try ZipInspector(try ODFFixtures.bytes(path)).entries.map(\.name)
        #expect(names == ["mimetype", "content.xml", "styles.xml", "META-INF/manifest.xml", "meta.xml"])
        #expect(try ODFFixtures.part(path, "META-INF/manifest.xml").hasSuffix("<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>"))
        #expect(try ODFFixtures.part(path, "meta.xml").hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta xmlns:office="))
        _ = try stamper.unstamp(path: path)
        #expect(try ODFFixtures.parts(path) == original)
    }

    @Test func anEmptyOfficeMetaIsClosedAgainOnUnstamp() throws {
        let (dir, path) = try ODFFixtures.copy("odt/empty-meta.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try ODFFixtures.part(path, "meta.xml")
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(try ODFFixtures.part(path, "meta.xml").contains("<office:meta><meta:user-defined meta:name=\"AI Disclosure\" meta:value-type=\"string\" >"))
        var other = Samples.disclosure
        other.declarant = "Sam Taylor"
        _ = try stamper.stamp(path: path, disclosure: other)
        _ = try stamper.unstamp(path: path)
        #expect(try ODFFixtures.part(path, "meta.xml") == original)
    }

    @Test func registryTellsPackagesApartByMimetype() throws {
        let registry = FormatRegistry.standard
        for (fixture, id) in [("odt/newsletter.odt", "odt"), ("odp/open-day.odp", "odp")] {
            let data = try ODFFixtures.bytes(ODFFixtures.root.appendingPathComponent("Fixtures/" + fixture).path)
            #expect(try registry.handler(forPath: "renamed.docx", data: data).id.rawValue == id)
        }
        #expect(ODTHandler().claims(PackageSignature(mimetype: "application/vnd.oasis.opendocument.text-template")))
        #expect(!ODTHandler().claims(PackageSignature(mimetype: "application/vnd.oasis.opendocument.spreadsheet")))
        #expect(!ODPHandler().claims(PackageSignature(mimetype: "application/vnd.oasis.opendocument.text")))
        #expect(ODTHandler().displayName == "OpenDocument text document")
        #expect(ODPHandler().mediaTypes.first == "application/vnd.oasis.opendocument.presentation")
    }
}
