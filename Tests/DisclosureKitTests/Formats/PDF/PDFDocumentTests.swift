import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// The PDF handler end to end through the stamper and verifier: stamp, verify, restamp, text
/// without our page, re-saved by another program, unstamp to the original bytes, refusals.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                "DejaVuSans is not installed (run Scripts/bootstrap), so the PDF stamp tests are skipped"))
struct PDFDocumentTests {
    let stamper = Stamper()
    let verifier = Verifier()

    func file(_ data: Data, name: String = "report.pdf") throws -> (folder: String, path: String) {
        let folder = try TestRepository.temporaryFolder()
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func stampVerifyRestampUnstamp() throws {
        let original = CorePDFBuilder.simple(pages: 2).build()
        let (folder, path) = try file(original)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let originalText = try DocumentLoader().open(path).text()
        #expect(originalText.body.map(\.text) == ["Page 1 text", "Page 2 text"])
        #expect(originalText.body.map(\.location.words) == ["page 1", "page 2"])

        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(result.format == "pdf")
        let stamped = try read(path)
        #expect(stamped.prefix(original.count) == original, "the original bytes stay the file's first bytes")
        let document = try DocumentLoader().open(path)
        #expect(try document.text() == originalText, "our page is not the document's text")
        let found = try document.findStamp()
        #expect(found.statement?.location.words == "page 3")
        #expect(found.statement?.text == result.disclosure.statement, "\(found.statement?.text ?? "") vs \(result.disclosure.statement ?? "")")
        #expect(found.metadata?.json != nil)
        #expect(try document.metadataEntries().contains { $0.isOwnStamp })

        let report = try verifier.verify(path: path)
        #expect(report.checks.allSatisfy { $0.status == .pass || $0.status == .notApplicable }, "\(report.checks.filter { $0.status != .pass })")

        let again = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(again.replacedExisting && again.unchanged)
        #expect(try read(path) == stamped)

        _ = try stamper.unstamp(path: path)
        #expect(try read(path) == original, "unstamping our last update gives back the original bytes")
    }

    /// A first page too small for the statement (a 448 x 72 pt banner) gets a statement page as
    /// wide and as tall as the statement needs, so the statement is never cut off.
    @Test func aTinyFirstPageStillGetsAWholeVisibleStatement() throws {
        var builder = CorePDFBuilder.simple(pages: 1)
        builder.objects[1] = (2, Data("<< /Type /Pages /Kids [10 0 R] /Count 1 /MediaBox [0 0 448 72] >>".utf8))
        let (folder, path) = try file(builder.build())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let report = try verifier.verify(path: path)
        #expect(report.checks.allSatisfy { $0.status == .pass || $0.status == .notApplicable }, "\(report.checks.filter { $0.status != .pass })")
        let document = try DocumentLoader().open(path)
        #expect(try document.findStamp().statement?.visibilityProblems == [])
    }

    @Test func anUpdateByAnotherProgramReadsAsReSavedWithTheTextUnchanged() throws {
        let original = CorePDFBuilder.simple(pages: 1).build()
        let (folder, path) = try file(original)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let stamped = try read(path)
        try Self.appendInfoUpdate(to: stamped).write(to: URL(fileURLWithPath: path))

        let report = try verifier.verify(path: path)
        let binding = try #require(report.checks.first { $0.id == CheckID.contentBinding })
        #expect(binding.status == .warn, "\(binding.message)")
        #expect(binding.message.contains("text unchanged"))
        let document = try DocumentLoader().open(path) as! PDFDocument
        #expect(try document.unmanagedRanges() == [0..<original.count, stamped.count..<(try read(path)).count])
        var streamed = PartsHasher(), whole = PartsHasher()
        try document.hashUnmanagedParts(into: &streamed)
        for part in try document.unmanagedParts() { whole.add(name: part.name, bytes: part.bytes) }
        #expect(streamed.finalizeHex() == whole.finalizeHex())

        // Unstamping now adds an update that removes our page: the other program's change stays.
        _ = try stamper.unstamp(path: path)
        let after = try DocumentLoader().open(path)
        #expect(try after.findStamp().isEmpty)
        #expect(try after.text().body.map(\.text) == ["Page 1 text"])
    }

    @Test func changedTextNamesThePage() throws {
        let (folder, path) = try file(CorePDFBuilder.simple(pages: 2).build())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        var bytes = try read(path)
        let old = Data("(Page 2 text)".utf8), new = Data("(Page 2 TEXT)".utf8)
        let range = try #require(bytes.range(of: old))
        bytes.replaceSubrange(range, with: new)
        try bytes.write(to: URL(fileURLWithPath: path))
        let report = try verifier.verify(path: path)
        let binding = try #require(report.checks.first { $0.id == CheckID.contentBinding })
        #expect(binding.status == .fail)
        #expect(binding.message.contains("page 2"), "\(binding.message)")
    }

    @Test func aSignedPDFIsRefusedUnlessAllowedAndTheMessageExplainsRevisions() throws {
        var b = CorePDFBuilder.simple(pages: 1)
        b.objects[0] = (1, Data("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [40 0 R] /SigFlags 3 >> >>".utf8))
        b.add(40, "<< /FT /Sig /T (Signature1) /V 41 0 R >>")
        b.add(41, "<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 10 20 30] /Contents <00> >>")
        let original = b.build()
        let (folder, path) = try file(original)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: DisclosureError.self) { try stamper.stamp(path: path, disclosure: Samples.disclosure) }
        #expect(error == .signedDocument(path: path, parts: ["signature field “Signature1”"], keepsRevision: true))
        #expect(error.description.contains("still covers the revision it signed"))
        #expect(try read(path) == original)
        var options = StampOptions()
        options.allowInvalidatingSignature = true
        let result = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: options)
        #expect(result.invalidatedSignatures == ["signature field “Signature1”"])
        #expect(result.signaturesKeepTheirRevision)
        #expect(try read(path).prefix(original.count) == original)
    }

    @Test func aDamagedPDFIsNeverStamped() throws {
        let original = CorePDFBuilder.simple(pages: 1).build(xrefSkew: 7)
        let (folder, path) = try file(original)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: DisclosureError.self) { try stamper.stamp(path: path, disclosure: Samples.disclosure) }
        #expect(error.description.contains("a stamp must never rest on a guess"))
        #expect(try read(path) == original)
        // Read for the audit all the same, with a warning.
        let report = try verifier.verify(path: path)
        #expect(report.warnings.contains { $0.contains("damaged") })
    }

    /// `data` with an incremental update another program might write: a new Info dictionary.
    static func appendInfoUpdate(to data: Data) throws -> Data {
        let reader = try PDFFileReader(data: data, path: "x.pdf")
        let size = try #require(reader.trailer["Size"]?.integerValue)
        let root = try #require(reader.trailer["Root"]?.referenceValue)
        let text = String(decoding: data.suffix(64), as: UTF8.self)
        let previous = try #require(text.components(separatedBy: "startxref").last?.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) })
        var out = data
        if out.last != 0x0A { out.append(0x0A) }
        let objectOffset = out.count
        out.append(Data("\(size) 0 obj\n<< /Producer (Another PDF program) >>\nendobj\n".utf8))
        let xref = out.count
        out.append(Data("xref\n0 1\n0000000000 65535 f \n\(size) 1\n\(String(format: "%010d", objectOffset)) 00000 n \n".utf8))
        out.append(Data("trailer\n<< /Size \(size + 1) /Root \(root.number) \(root.generation) R /Info \(size) 0 R /Prev \(previous) >>\nstartxref\n\(xref)\n%%EOF\n".utf8))
        return out
    }
}
