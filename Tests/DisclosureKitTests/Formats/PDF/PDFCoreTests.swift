import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// The PDF reader: opening through qpdf, refusals (encrypted, damaged), pages, streams under the
/// limits, and what the audit reads (metadata entries, signatures).
@Suite struct PDFCoreTests {
    @Test func opensAndListsPages() throws {
        let document = try CorePDF.open(CorePDFBuilder.simple(pages: 3).build())
        let pages = try document.reader.pages()
        #expect(pages == [PDFReference(10), PDFReference(12), PDFReference(14)])
        #expect(document.handler.id == "pdf")
        #expect(document.reader.isDamaged == false)
        #expect(document.warnings.isEmpty)
        let page = try #require(try document.reader.object(pages[0]).dictionaryValue)
        #expect(page["Type"] == .name("Page"))
        #expect(page["Contents"] == .reference(PDFReference(11)))
        #expect(try document.reader.isStream(PDFReference(11)))
        #expect(try document.reader.isStream(PDFReference(10)) == false)
        #expect(String(decoding: try document.reader.streamData(PDFReference(11)), as: UTF8.self) == "BT /F1 12 Tf 72 720 Td (Page 1 text) Tj ET")
        #expect(try document.reader.object(PDFReference(99)) == .null)
        #expect(try document.reader.catalog()?["Type"] == .name("Catalog"))
    }

    @Test func theRegistryFindsPDFsByExtensionAndContent() throws {
        let registry = FormatRegistry.standard
        #expect(registry.handler(forPath: "a.pdf", head: Data())?.id == "pdf")
        #expect(PDFHandler().sniff(head: Data("junk before\n%PDF-1.4\n".utf8)))
        #expect(PDFHandler().sniff(head: Data(repeating: 0x20, count: 1100) + Data("%PDF-1.4".utf8)) == false)
        #expect(throws: DisclosureError.self) { try CorePDF.open(Data("not a pdf".utf8)) }
    }

    @Test func decodesFiltersItHandlesItself() throws {
        var b = CorePDFBuilder.simple(pages: 1)
        let text = Data("BT (Hello) Tj ET".utf8)
        b.addStream(20, "/Filter /FlateDecode", try CorePDF.deflate(text))
        b.addStream(21, "/Filter [/ASCIIHexDecode /FlateDecode]", Data((try CorePDF.deflate(text).map { String(format: "%02X", $0) }.joined() + ">").utf8))
        b.addStream(22, "/Filter /A85", Data("<~87cURD]j7BEbo7~>".utf8))
        b.addStream(23, "/Filter /RunLengthDecode", Data([2, 0x61, 0x62, 0x63, 253, 0x7A, 128]))
        b.addStream(24, "/Filter /DCTDecode /Subtype /Image", Data([0xFF, 0xD8, 0xFF]))
        let document = try CorePDF.open(b.build())
        #expect(try document.reader.streamData(PDFReference(20)) == text)
        #expect(try document.reader.streamData(PDFReference(21)) == text)
        #expect(String(decoding: try document.reader.streamData(PDFReference(22)), as: UTF8.self) == "Hello world")
        #expect(String(decoding: try document.reader.streamData(PDFReference(23)), as: UTF8.self) == "abczzzz")
        #expect(throws: PDFSyntaxError.self) { try document.reader.streamData(PDFReference(24)) }
        #expect(try document.reader.rawStreamData(PDFReference(24)) == Data([0xFF, 0xD8, 0xFF]))
    }

    @Test func filtersLeftToQPDFAreDecodedOnlyWhenTheRawStreamIsSmall() throws {
        // PNG predictor rows (type 0, "None"): qpdf removes the predictor after our limits allow it.
        var rows = Data()
        for r in 0..<3 {
            rows.append(0)
            for c in 0..<4 { rows.append(UInt8(65 + r * 4 + c)) }
        }
        var b = CorePDFBuilder.simple(pages: 1)
        b.addStream(20, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>", try CorePDF.deflate(rows))
        var noise = Data(), x: UInt32 = 12345
        for _ in 0..<6000 { x = x &* 1103515245 &+ 12345; noise.append(UInt8(truncatingIfNeeded: x >> 16)) }
        b.addStream(21, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>", try CorePDF.deflate(noise))
        var limits = ReadLimits.default
        limits.maxPartBytes = 1 << 20
        let document = try CorePDF.open(b.build(), limits: limits)
        #expect(String(decoding: try document.reader.streamData(PDFReference(20)), as: UTF8.self) == "ABCDEFGHIJKL")
        let error = try #require(throws: DisclosureError.self) { try document.reader.streamData(PDFReference(21)) }
        guard case .limitExceeded = error else { Issue.record("expected limitExceeded, got \(error)"); return }
    }

    @Test func anObjectListedPastTheEndIsDamage() throws {
        let data = CorePDFBuilder.simple(pages: 1).build(objectSkew: [3: 1_000_000])
        let document = try CorePDF.open(data, path: "past-end.pdf")
        #expect(document.reader.isDamaged)
        #expect(document.reader.damage != nil)
    }

    // MARK: Refusals

    @Test(arguments: [("user", "owner"), ("", "owner")])
    func refusesEncryptedPDFs(user: String, owner: String) throws {
        guard ProcessRunner.path(of: "qpdf") != nil else {
            print("skipped: qpdf is not installed, so no encrypted PDF can be made")
            return
        }
        let folder = try TestRepository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try CorePDFBuilder.simple().build().write(to: URL(fileURLWithPath: folder + "/plain.pdf"))
        let result = try ProcessRunner.run(tool: "qpdf", ["--encrypt", user, owner, "256", "--", "plain.pdf", "locked.pdf"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/locked.pdf"))
        #expect(throws: DisclosureError.encryptedPDF(path: "locked.pdf")) { try CorePDF.open(data, path: "locked.pdf") }
        let error = DisclosureError.encryptedPDF(path: "locked.pdf")
        #expect(error.exitCode == 3)
        #expect(error.description.contains("PDF is encrypted"))
        #expect(!error.description.contains("Word"))
    }

    @Test func theOtherFormatsKeepTheirEncryptedMessage() {
        #expect(DisclosureError.encryptedPackage(path: "a.docx").description.contains("in Word: File › Info"))
    }

    @Test func damagedFilesAreReadWithAWarningAndNeverStamped() throws {
        // Every offset in the cross-reference table is 7 bytes off: qpdf must rebuild the table.
        let data = CorePDFBuilder.simple(pages: 2).build(xrefSkew: 7)
        let document = try CorePDF.open(data, path: "broken.pdf")
        #expect(document.reader.isDamaged)
        #expect(try document.reader.pages().count == 2)
        #expect(document.warnings.first?.contains("damaged") == true)
        let error = try #require(throws: DisclosureError.self) { try document.checkStampable() }
        #expect(error.description.contains("a stamp must never rest on a guess"))
        #expect(error.exitCode == 3)
    }

    @Test func aStartxrefPastTheEndIsDamageToo() throws {
        let data = CorePDFBuilder.simple(pages: 1).build(startxrefSkew: 100_000)
        let document = try CorePDF.open(data, path: "past.pdf")
        #expect(document.reader.isDamaged)
        #expect(try document.reader.pages().count == 1)
    }

    @Test func oneObjectOutOfPlaceIsDamageEvenWhenNoPageNeedsIt() throws {
        // Object 30 (unused by the pages) is listed 5 bytes after where it starts.
        var b = CorePDFBuilder.simple(pages: 1)
        b.add(30, "<< /Unused true >>")
        let document = try CorePDF.open(b.build(objectSkew: [30: 5]), path: "skewed.pdf")
        #expect(document.reader.isDamaged)
        #expect(throws: DisclosureError.self) { try document.checkStampable() }
    }

    @Test func aSoundFileIsNotDamaged() throws {
        #expect(try CorePDF.open(CorePDFBuilder.simple().build()).reader.isDamaged == false)
    }

    // MARK: Hostile input

    @Test func aFlateBombEndsAtTheLimit() throws {
        var b = CorePDFBuilder.simple(pages: 1)
        b.addStream(20, "/Filter /FlateDecode", try CorePDF.deflate(Data(count: 4 << 20)))
        var limits = ReadLimits.default
        limits.maxPartBytes = 1 << 20
        let document = try CorePDF.open(b.build(), path: "bomb.pdf", limits: limits)
        let error = try #require(throws: DisclosureError.self) { try document.reader.streamData(PDFReference(20)) }
        guard case .limitExceeded(let path, _, _) = error else { Issue.record("expected limitExceeded, got \(error)"); return }
        #expect(path == "bomb.pdf")
    }

    @Test func aStreamDeclaredAtOneGigabyteReadsOnlyWhatIsThere() throws {
        var b = CorePDFBuilder.simple(pages: 1)
        b.addStream(20, "/Filter /FlateDecode", try CorePDF.deflate(Data("BT ET".utf8)), declaredLength: 1 << 30)
        let data = b.build()
        let document = try CorePDF.open(data, path: "huge.pdf")
        // Either the data that is really there, or an error: never a gigabyte.
        if let decoded = try? document.reader.streamData(PDFReference(20)) { #expect(decoded.count < data.count) }
        if let raw = try? document.reader.rawStreamData(PDFReference(20)) { #expect(raw.count <= data.count) }
    }

    @Test func aPageTreeLoopIsAnErrorNotAHang() throws {
        var b = CorePDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        b.add(2, "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")
        b.add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
        let error = try #require(throws: DisclosureError.self) {
            let document = try CorePDF.open(b.build(), path: "loop.pdf")
            _ = try document.reader.pages()
        }
        #expect(error.path == "loop.pdf")
    }

    @Test func deepNestingEndsAsNullOrAnError() throws {
        var b = CorePDFBuilder.simple(pages: 1)
        b.add(20, String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000))
        let document = try CorePDF.open(b.build())
        // qpdf gives up on the object (a warning, then null); our parser's own limit is the second fence.
        let object = try? document.reader.object(PDFReference(20))
        #expect(object == nil || object == .null)
        #expect(try document.reader.pages().count == 1)
    }

    // MARK: Audit

    static func evidenceSample() throws -> Data {
        var b = CorePDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R /OpenAction 7 0 R /Names << /EmbeddedFiles 8 0 R >> /AF [30 0 R] >>")
        b.add(2, "<< /Type /Pages /Kids [10 0 R 12 0 R] /Count 2 /MediaBox [0 0 612 792] >>")
        b.add(5, "<< /Producer (ChatGPT PDF export) /Creator (Microsoft Word) /Author <FEFF005A006F00EB> /Title (Plan) >>")
        let xmp = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
          xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
          xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmp:CreatorTool="Gemini Docs" pdfaid:part="2" pdfaid:conformance="B">
        <pdf:Producer>ChatGPT PDF export</pdf:Producer>
        <dc:creator><rdf:Seq><rdf:li>Zoë Nguyễn</rdf:li><rdf:li>Ana</rdf:li></rdf:Seq></dc:creator>
        <Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>
        </rdf:Description></rdf:RDF></x:xmpmeta>
        <?xpacket end="w"?>
        """
        b.addStream(6, "/Type /Metadata /Subtype /XML", Data(xmp.utf8))
        b.add(7, "<< /S /JavaScript /JS (app.alert\\('hi'\\);) /Next << /S /URI /URI (https://example.org/next) >> >>")
        b.add(8, "<< /Names [(../../x) 9 0 R] >>")
        b.add(9, "<< /Type /Filespec /F (../../x) /UF <FEFF002E002E002F002E002E002F0078> /EF << /F 20 0 R >> >>")
        b.addStream(20, "/Type /EmbeddedFile /Subtype /text#2Fplain", Data("hello".utf8))
        b.add(30, "<< /Type /Filespec /F (manifest.c2pa) /AFRelationship /C2PA_Manifest /EF << /F 31 0 R >> >>")
        b.addStream(31, "/Type /EmbeddedFile /Subtype /application#2Fc2pa", Data("jumbc2pa....c2pa.actions...softwareAgent GPT-4o".utf8))
        b.add(10, "<< /Type /Page /Parent 2 0 R /Annots [11 0 R] >>")
        b.add(11, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://chatgpt.com/share/abc?utm_source=chatgpt.com) >> >>")
        b.add(12, "<< /Type /Page /Parent 2 0 R /Annots [13 0 R] /AA << /O << /S /Launch /F (calc.exe) >> >> >>")
        b.add(13, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /Win << /F (cmd.exe) >> >> >>")
        return b.build(info: 5)
    }

    @Test func metadataEntriesReportInfoXMPLinksActionsFilesAndManifests() throws {
        let document = try CorePDF.open(try Self.evidenceSample())
        let entries = try document.metadataEntries()
        func values(_ key: String) -> [String] { entries.filter { $0.key == key }.map(\.value) }
        #expect(values("Producer") == ["ChatGPT PDF export"])
        #expect(values("Creator (application)") == ["Microsoft Word"])
        #expect(values("Author") == ["Zoë"])
        #expect(entries.first { $0.key == "Producer" }?.location.words == "document information")
        #expect(values("xmp:CreatorTool") == ["Gemini Docs"])
        #expect(values("pdf:Producer") == ["ChatGPT PDF export"])
        #expect(values("dc:creator") == ["Zoë Nguyễn", "Ana"])
        #expect(values("Iptc4xmpExt:DigitalSourceType") == ["http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"])
        #expect(entries.first { $0.key == "xmp:CreatorTool" }?.location.words == "XMP metadata")
        #expect(values(EvidenceEntryKey.link) == ["https://example.org/next", "https://chatgpt.com/share/abc?utm_source=chatgpt.com"])
        #expect(entries.first { $0.value.hasPrefix("https://chatgpt.com") }?.location.words == "page 1")
        let active = entries.filter { $0.key == EvidenceEntryKey.activeContent }
        #expect(active.map(\.value) == [
            "JavaScript action (never run by Disclose): app.alert('hi');",
            "launch action (never run by Disclose): opens “calc.exe”",
            "launch action (never run by Disclose): opens “cmd.exe”",
        ])
        #expect(active.map(\.location.words) == ["when the document opens", "page 2", "page 2"])
        #expect(values(EvidenceEntryKey.embeddedFile) == ["../../x (text/plain)"])
        #expect(values(EvidenceEntryKey.c2paManifest).first?.contains("softwareAgent GPT-4o") == true)
        #expect(document.warnings.contains { $0.contains("PDF/A-2b") })
        #expect(document.warnings.contains { $0.hasPrefix("the PDF has a JavaScript action and 2 launch actions (open programs or files) (page 2, when the document opens)") })
        #expect(entries.allSatisfy { !$0.isOwnStamp })
    }

    @Test func theAuditReadsThePDFsTraces() throws {
        let document = try CorePDF.open(try Self.evidenceSample())
        let evidence = EvidenceScanner().scan(EvidenceInput(path: "a.pdf", format: "pdf", text: DocumentText(streams: []),
                                                            metadata: try document.metadataEntries(), raw: Data()))
        #expect(evidence.findings.contains { $0.signal.rawValue == "metadata.ai-generator" && $0.excerpt.contains("ChatGPT") })
        #expect(evidence.declarations.contains { $0.kind == .iptc })
        #expect(evidence.declarations.contains { $0.quote.contains("GPT-4o") || $0.explanation.contains("C2PA") })
    }

    // MARK: Signatures

    @Test func signatureFieldsAreTheDocumentsOwnSignatures() throws {
        var b = CorePDFBuilder.simple(pages: 1)
        b.objects[0] = (1, Data("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [40 0 R 41 0 R 42 0 R] /SigFlags 3 >> >>".utf8))
        b.add(40, "<< /FT /Sig /T (Signature1) /V 43 0 R >>")
        b.add(41, "<< /FT /Sig /T (Unsigned) >>")
        b.add(42, "<< /T (group) /FT /Sig /Kids [44 0 R] >>")
        b.add(43, "<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 10 20 30] /Contents <00> >>")
        b.add(44, "<< /T (inner) /Parent 42 0 R /V 43 0 R >>")
        let document = try CorePDF.open(b.build())
        #expect(try document.ownSignatureParts() == ["signature field “Signature1”", "signature field “group.inner”"])
        #expect(document.signaturesKeepTheirRevision)
        #expect(try CorePDF.open(CorePDFBuilder.simple().build()).ownSignatureParts().isEmpty)
    }

    @Test func theSignedRefusalSaysWhatHappensToEachKind() {
        let pdf = DisclosureError.signedDocument(path: "a.pdf", parts: ["signature field “Signature1”"], keepsRevision: true).description
        #expect(pdf.contains("still covers the revision it signed"))
        #expect(pdf.contains("changed after signing"))
        #expect(pdf.contains("--allow-invalidating-signature"))
        let docx = DisclosureError.signedDocument(path: "a.docx", parts: ["_xmlsignatures/sig1.xml"]).description
        #expect(docx.contains("would no longer verify"))
    }
}
