@testable import DisclosureKit
import Foundation
import Testing

/// Statements readers may not see, statements an editor rewrote, and packages Disclose refuses.
@Suite struct ODFSafetyTests {
    let stamper = Stamper()

    @Test(arguments: [
        ("<style:text-properties fo:font-style=\"italic\" fo:font-size=\"10pt\"/>", "<style:text-properties fo:font-style=\"italic\" fo:font-size=\"10pt\" text:display=\"none\"/>", "the AI Disclosure style hides the text"),
        ("<style:text-properties fo:font-style=\"italic\" fo:font-size=\"10pt\"/>", "<style:text-properties fo:color=\"#FFFFFF\" fo:font-size=\"10pt\"/>", "the AI Disclosure style makes the text white or nearly white (#FFFFFF)"),
        ("<style:text-properties fo:font-style=\"italic\" fo:font-size=\"10pt\"/>", "<style:text-properties fo:font-size=\"2pt\"/>", "the AI Disclosure style sets the font size to 2 pt, under 6 pt"),
    ])
    func textStatementVisibilityProblemsAreReported(original: String, changed: String, problem: String) throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try ODFFixtures.rewrite(path, part: "styles.xml") { $0.replacingOccurrences(of: original, with: changed) }
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.visibilityProblems == [problem])
        let report = try Verifier().verify(path: path)
        #expect(report.checks.first { $0.id == CheckID.statementVisible }?.status == .fail)
    }

    @Test func aHiddenSectionIsReported() throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try ODFFixtures.rewrite(path, part: "content.xml") { $0.replacingOccurrences(of: "text:protected=\"true\"", with: "text:protected=\"true\" text:display=\"none\"") }
        #expect(try DocumentLoader().open(path).findStamp().statement?.visibilityProblems == ["the section holding it is hidden"])
    }

    @Test func aHiddenSlideAndTinyWhiteTextAreReported() throws {
        let (dir, path) = try ODFFixtures.copy("odp/open-day.odp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try ODFFixtures.rewrite(path, part: "content.xml") {
            $0.replacingOccurrences(of: "<draw:page draw:name=\"AI use disclosure\"", with: "<draw:page draw:style-name=\"dpHidden\" draw:name=\"AI use disclosure\"")
                .replacingOccurrences(of: "</office:automatic-styles>", with: "<style:style style:name=\"dpHidden\" style:family=\"drawing-page\"><style:drawing-page-properties presentation:visibility=\"hidden\"/></style:style></office:automatic-styles>")
                .replacingOccurrences(of: "<style:text-properties fo:font-size=\"20pt\"/>", with: "<style:text-properties fo:font-size=\"8pt\" fo:color=\"#fefefe\"/>")
        }
        #expect(try DocumentLoader().open(path).findStamp().statement?.visibilityProblems == [
            "the slide is hidden in the slide show",
            "the style \"DiscloseSlideText\" makes the text white or nearly white (#fefefe)",
            "the style \"DiscloseSlideText\" sets the font size to 8 pt, under 10 pt",
        ])
    }

    @Test func aStatementWhoseSectionAnEditorDroppedIsFoundByStyleAndTextThenRestored() throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalText = try DocumentLoader().open(path).text()
        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        try ODFFixtures.rewrite(path, part: "content.xml") {
            $0.replacingOccurrences(of: "<text:section text:name=\"AI use disclosure\" text:protected=\"true\">", with: "")
                .replacingOccurrences(of: "</text:section>", with: "")
        }
        let document = try DocumentLoader().open(path)
        #expect(try document.findStamp().statement?.text == result.disclosure.statement)
        #expect(try document.text() == originalText)
        let report = try Verifier().verify(path: path)
        // Cut out wherever it is found, the statement leaves exactly the original bytes bound.
        #expect(report.checks.first { $0.id == CheckID.contentBinding }?.status == .pass)
        // Found by its second anchor: verify warns that the markers were lost (exit 0).
        #expect(try document.findStamp().statement?.markersLost == true)
        #expect(report.checks.first { $0.id == CheckID.statementPresent }?.status == .warn)
        // Restamping puts our section back, leaving one statement.
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let content = try ODFFixtures.part(path, "content.xml")
        #expect(content.components(separatedBy: "AI_20_Disclosure").count == 2)
        #expect(content.contains("<text:section text:name=\"AI use disclosure\" text:protected=\"true\">"))
    }

    @Test func aParagraphInOurStyleWithOtherWordsIsNotOurs() throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ODFFixtures.rewrite(path, part: "content.xml") {
            $0.replacingOccurrences(of: "<text:p>Questions", with: "<text:p text:style-name=\"AI_20_Disclosure\">Questions")
        }
        let document = try DocumentLoader().open(path)
        #expect(try document.findStamp().isEmpty)
        #expect(try document.text().body.last?.text == "Questions to the office.\tThank you.")
    }

    @Test func encryptedPackagesAreRefused() throws {
        let path = ODFFixtures.root.appendingPathComponent("Fixtures/odt/encrypted.odt").path
        #expect(throws: DisclosureError.encryptedPackage(path: path)) { try DocumentLoader().open(path) }
        #expect(DisclosureError.encryptedPackage(path: path).exitCode == 3)
    }

    @Test func signedPackagesNeedTheFlagAndSaySoAfterwards() throws {
        let (dir, path) = try ODFFixtures.copy("odt/signed.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try ODFFixtures.bytes(path)
        #expect(throws: DisclosureError.signedDocument(path: path, parts: ["META-INF/documentsignatures.xml"])) {
            try stamper.stamp(path: path, disclosure: Samples.disclosure)
        }
        #expect(try ODFFixtures.bytes(path) == original, "nothing written")
        var options = StampOptions()
        options.allowInvalidatingSignature = true
        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        #expect(result.invalidatedSignatures == ["META-INF/documentsignatures.xml"])
        let after = try ZipInspector(try ODFFixtures.bytes(path))
        #expect(after["META-INF/documentsignatures.xml"]?.raw == (try ZipInspector(original))["META-INF/documentsignatures.xml"]?.raw)
    }

    // MARK: Hostile input

    static let contentHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    static let ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""

    func refusal(_ content: Data, _ name: String) throws -> DisclosureError? {
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name
        try ODFFixtures.package(path, parts: [("content.xml", content)])
        do {
            _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
            return nil
        } catch let error as DisclosureError {
            return error
        }
    }

    @Test func billionLaughsAndExternalEntitiesAreRefused() throws {
        let laughs = Self.contentHead + "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            + "<office:document-content \(Self.ns)><office:body><office:text><text:p>&lol2;</text:p></office:text></office:body></office:document-content>"
        let xxe = Self.contentHead + "<!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
            + "<office:document-content \(Self.ns)><office:body><office:text><text:p>&secret;</text:p></office:text></office:body></office:document-content>"
        for (xml, name) in [(laughs, "laughs.odt"), (xxe, "xxe.odt")] {
            let error = try #require(try refusal(Data(xml.utf8), name))
            #expect(error.exitCode == 3)
            #expect(error.description.contains("content.xml is not usable XML"))
            #expect(error.description.contains("declares a document type (DTD), which OpenDocument files never do"))
        }
    }

    @Test func deepNestingIsRefused() throws {
        let depth = 200_000
        var xml = Self.contentHead + "<office:document-content \(Self.ns)><office:body><office:text>"
        // Distinct style names keep the part from compressing like a zip bomb, so the nesting limit is what refuses it.
        xml += (0..<depth).map { "<text:span text:style-name=\"s\($0 &* 2654435761 % 1000003)\">" }.joined() + String(repeating: "</text:span>", count: depth)
        xml += "</office:text></office:body></office:document-content>"
        let error = try #require(try refusal(Data(xml.utf8), "deep.odt"))
        #expect(error.description.contains("nested more than 2000 deep"))
    }

    @Test func aZipBombIsRefusedBeforeItIsInflated() throws {
        var xml = Data((Self.contentHead + "<office:document-content \(Self.ns)><office:body><office:text><text:p>").utf8)
        xml.append(Data(repeating: 0x20, count: 40 << 20))
        xml.append(Data("</text:p></office:text></office:body></office:document-content>".utf8))
        let error = try #require(try refusal(xml, "bomb.odt"))
        #expect(error.description.contains("a compression ratio typical of zip bombs"))
        #expect(error.exitCode == 3)
    }

    @Test func aPackageWithoutContentIsRefusedClearly() throws {
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/hollow.odt"
        try ODFFixtures.package(path, parts: [("styles.xml", Data("<x/>".utf8))])
        #expect(throws: DisclosureError.unreadable(path: path, reason: "the package has no content.xml, so it holds no document",
                                                   hint: "The file is damaged or not an OpenDocument text document. Open it in LibreOffice Writer and save it again.")) {
            try DocumentLoader().open(path)
        }
    }
}

@Suite struct ODFStylePropertiesTests {
    @Test func lengthsAreReadInPointsAndNonsenseIsIgnored() {
        #expect(ODFStyleProperties.points("10pt") == 10)
        #expect(abs((ODFStyleProperties.points("0.35cm") ?? 0) - 9.92) < 0.01)
        #expect(ODFStyleProperties.points("120%") == nil)
        for hostile in ["-infpt", "infpt", "nanpt", "1e400pt", "pt", "1e9pt"] {
            #expect(ODFStyleProperties.points(hostile) == nil, "\(hostile)")
        }
        #expect(ODFStyleProperties.isNearWhite("#fff") && ODFStyleProperties.isNearWhite("#F0F0F0") && !ODFStyleProperties.isNearWhite("#eeeeee"))
    }
}
