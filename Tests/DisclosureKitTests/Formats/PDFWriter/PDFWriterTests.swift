@testable import DisclosureKit
import Foundation
import Testing

/// The PDF stamp writer on small PDFs these tests make (a classic cross-reference table and a
/// cross-reference stream, tagged and untagged, with and without XMP). Real clients (`qpdf`,
/// `pdftotext`) check the results when they are installed; each such check is skipped, saying
/// so, when they are not.
@Suite struct PDFWriterTests {
    static let fontPresent = FileManager.default.fileExists(atPath: PDFEmbeddedFont.defaultPath)
    static let statement = "AI use disclosure: This document was made with help from Microsoft 365 Copilot for drafting. "
        + "Reviewed by Zoë Nguyễn. Welsh: ŵ. Arabic: سلام. Declared on 25 November 2026."

    static func request(_ statement: String = statement, placement: Placement = .end) throws -> StampRequest {
        let d = Samples.disclosure
        return StampRequest(disclosure: d, statement: statement, json: try d.canonicalJSONString(), facts: d.keyFacts, placement: placement)
    }

    static func input(_ data: Data) throws -> PDFStampInput {
        PDFStampInput(data: data, source: try ScannedPDF(data), path: "test.pdf") { try ScannedPDF($0) }
    }

    static let variants: [(name: String, xrefStream: Bool, tagged: Bool, xmp: Bool)] = [
        ("classic", false, false, false), ("xref-stream", true, false, true), ("tagged", false, true, true), ("tagged-xref-stream", true, true, false),
    ]

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the stamp tests are skipped"),
          arguments: variants.map{ $0.name })
    func stampRestampUnstamp(_ name: String) throws {
        let v = Self.variants.first { $0.name == name }!
        let original = PDFWriterTestFiles.make(pages: ["Hello from page one.", "Second page here."], xrefStream: v.xrefStream, tagged: v.tagged,
                                               xmp: v.xmp ? PDFWriterTestFiles.xmpPacket : nil)
        let result = try PDFStamp.stamp(try Self.request(), in: try Self.input(original))
        let stampedData = result.update.apply(to: original)
        #expect(stampedData.prefix(original.count) == original, "the original bytes stay the file's first bytes")
        #expect(result.update.keepPrefix == original.count)
        #expect(result.pageIndex == 2)
        #expect(result.originalLength == original.count)
        #expect(result.pdfaClaim == (v.xmp ? "PDF/A-2b" : nil))

        let tail = try PDFFileTail.read(stampedData)
        if !v.xrefStream { #expect(tail.kind == .table) }
        if v.xrefStream { if case .stream = tail.kind {} else { Issue.record("\(name): the update's section is not a stream") } }
        #expect(tail.trailer["Prev"]?.integerValue == (try PDFFileTail.read(original)).startxref)
        #expect(tail.trailer["Encrypt"] == nil)
        #expect(tail.trailer["ID"]?.arrayValue?.first == .string(Data(repeating: 0, count: 0) + Data([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF])))

        let found = try PDFStamp.find(in: try Self.input(stampedData))
        #expect(found.pages.map{ $0.index } == [2])
        #expect(found.intactOriginalLength == original.count)
        #expect(found.managedRanges == [original.count..<stampedData.count])
        #expect(found.metadata?.facts["declarant"] == "Jane Smith")
        #expect(found.metadata?.json.map { String(decoding: $0, as: UTF8.self) } == (try Samples.disclosure.canonicalJSONString()))

        let again = try PDFStamp.stamp(try Self.request(), in: try Self.input(stampedData))
        #expect(again.update.apply(to: stampedData) == stampedData, "stamping twice with the same facts gives the same bytes")

        let unstamp = try PDFStamp.unstamp(in: try Self.input(stampedData))
        #expect(unstamp == PDFUpdate(keepPrefix: original.count, append: Data()))
        #expect(unstamp.apply(to: stampedData) == original, "unstamping our last update gives the original bytes")

        try PDFClients.check(stampedData, name: "\(name)-stamped", pages: 3, contains: ["Hello from page one.", "AI use disclosure", "Zoë Nguyễn", "ŵ", "سلام"])
    }

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the stamp tests are skipped"),
          arguments: variants.map{ $0.name })
    func restampAndUnstampAfterAnotherUpdate(_ name: String) throws {
        let v = Self.variants.first { $0.name == name }!
        let original = PDFWriterTestFiles.make(pages: ["Only page."], xrefStream: v.xrefStream, tagged: v.tagged, xmp: v.xmp ? PDFWriterTestFiles.xmpPacket : nil)
        let stamped = try PDFStamp.stamp(try Self.request(), in: try Self.input(original)).update.apply(to: original)
        // Another program's update after ours: a new Info dictionary.
        let foreign = try PDFIncrementalWriter.update(tail: try PDFFileTail.read(stamped), objects: [
            PDFWrittenObject(PDFReference(4), .dictionary(PDFDictionary([("Producer", .string(Data("Other".utf8)))]))),
        ])
        let edited = stamped + foreign
        #expect(try PDFStamp.find(in: try Self.input(edited)).intactOriginalLength == nil)

        let restampResult = try PDFStamp.stamp(try Self.request("Second statement.", placement: .start), in: try Self.input(edited))
        #expect(restampResult.update.keepPrefix == edited.count)
        let restamped = (data: restampResult.update.apply(to: edited), pageIndex: restampResult.pageIndex)
        #expect(restamped.data.prefix(edited.count) == edited)
        #expect(restamped.pageIndex == 0)
        let found = try PDFStamp.find(in: try Self.input(restamped.data))
        #expect(found.pages.map{ $0.index } == [0], "one statement page, the earlier one removed")
        #expect(found.pages.first?.record.replacesEarlierStamp == true)
        let twice = try PDFStamp.stamp(try Self.request("Second statement.", placement: .start), in: try Self.input(restamped.data))
        #expect(twice.update.apply(to: restamped.data) == restamped.data)
        try PDFClients.check(restamped.data, name: "\(name)-restamped", pages: 2, contains: ["Only page.", "Second statement."])

        let unstamped = try PDFStamp.unstamp(in: try Self.input(restamped.data)).apply(to: restamped.data)
        #expect(unstamped.prefix(edited.count) == edited, "the bytes before our last update stay")
        let after = try PDFStamp.find(in: try Self.input(unstamped))
        #expect(after.isEmpty)
        #expect(try ScannedPDF(unstamped).pages().count == 1)
        if v.xmp {
            let packet = try ScannedPDF(unstamped).streamData(PDFReference(5))
            #expect(packet == Data(PDFWriterTestFiles.xmpPacket.utf8), "the XMP packet is the original again")
        }
        try PDFClients.check(unstamped, name: "\(name)-unstamped", pages: 1, contains: ["Only page."], absent: ["AI use disclosure"])
    }

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the stamp tests are skipped"))
    func taggedDocumentGetsStructureElements() throws {
        let original = PDFWriterTestFiles.make(pages: ["Tagged page."], tagged: true, xmp: PDFWriterTestFiles.xmpPacket)
        let stamped = try PDFStamp.stamp(try Self.request(), in: try Self.input(original)).update.apply(to: original)
        let doc = try ScannedPDF(stamped)
        let page = try #require(try doc.pages().last)
        let pageDict = try #require(try doc.object(page).dictionaryValue)
        #expect(pageDict["StructParents"] == .integer(1))
        #expect(pageDict["PieceInfo"]?.dictionaryValue?["Disclose"]?.dictionaryValue?["Private"]?.dictionaryValue?["Statement"] == .bool(true))
        let root = try #require(try doc.object(PDFReference(6)).dictionaryValue)
        #expect(root["ParentTreeNextKey"] == .integer(2))
        let tree = try #require(try doc.object(PDFReference(8)).dictionaryValue)
        let nums = try #require(tree["Nums"]?.arrayValue)
        #expect(nums.count == 4)
        #expect(nums[2] == .integer(1))
        let ours = try #require(nums[3].arrayValue?.compactMap{ $0.referenceValue })
        #expect(ours.count == 2)
        let kinds = try ours.map { try doc.object($0).dictionaryValue?["S"]?.nameValue }
        #expect(kinds == ["H1", "P"])
        for (i, ref) in ours.enumerated() {
            let element = try #require(try doc.object(ref).dictionaryValue)
            #expect(element["Pg"] == .reference(page))
            #expect(element["K"] == .integer(i))
            #expect(element["P"] == .reference(PDFReference(7)))
        }
        let document = try #require(try doc.object(PDFReference(7)).dictionaryValue)
        #expect(document["K"]?.arrayValue?.suffix(2).compactMap{ $0.referenceValue } == ours)
        let content = try #require(try doc.object(pageDict["Contents"]!.referenceValue!).dictionaryValue)
        #expect(content["Filter"] == .name("FlateDecode"))
    }

    @Test func fileTailKinds() throws {
        let classic = PDFWriterTestFiles.make()
        let tail = try PDFFileTail.read(classic)
        #expect(tail.kind == .table)
        #expect(tail.endsWithEOL)
        #expect(tail.length == classic.count)
        #expect(tail.trailer["Root"] == .reference(PDFReference(1)))
        let stream = try PDFFileTail.read(PDFWriterTestFiles.make(xrefStream: true))
        #expect(stream.kind == .stream(PDFReference(11)))
        #expect(stream.trailer["Type"] == .name("XRef"))
        let noEOL = try PDFFileTail.read(classic.dropLast())
        #expect(!noEOL.endsWithEOL)
        #expect(throws: PDFSyntaxError.self) { try PDFFileTail.read(Data("%PDF-1.4\nnothing here\n".utf8)) }
        #expect(throws: PDFSyntaxError.self) { try PDFFileTail.read(Data("%PDF-1.4\nstartxref\n99999\n%%EOF\n".utf8)) }
    }

    @Test func incrementalTableEntriesAreTwentyBytes() throws {
        let classic = PDFWriterTestFiles.make()
        let tail = try PDFFileTail.read(Data(classic.dropLast()))
        let append = try PDFIncrementalWriter.update(tail: tail, objects: [
            PDFWrittenObject(PDFReference(4), .dictionary(PDFDictionary([("Title", .string(Data("New".utf8)))]))),
            PDFWrittenObject(PDFReference(20), .dictionary(PDFDictionary([("A", .integer(1))])), stream: Data("abc".utf8)),
        ], freed: [PDFReference(9)])
        let text = String(decoding: append, as: UTF8.self)
        #expect(text.hasPrefix("\n4 0 obj\n"), "a new line first when the file did not end with one")
        #expect(text.contains("20 0 obj\n<</A 1\n/Length 3\n>>\nstream\nabc\nendstream"))
        let xref = try #require(text.range(of: "xref\n"))
        let section = text[xref.upperBound...]
        #expect(section.hasPrefix("4 1\n"))
        let lines = section.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        #expect(lines[1].utf8.count + 1 == 20)
        #expect(lines[2] == "9 1")
        #expect(lines[3] == "0000000000 00001 f\r")
        #expect(lines[4] == "20 1")
        #expect(text.contains("/Size 21\n"))
        #expect(text.contains("/Prev \(tail.startxref)\n"))
        #expect(text.hasSuffix("startxref\n\(tail.length + xref.lowerBound.utf16Offset(in: text))\n%%EOF\n"))
    }

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the font tests are skipped"))
    func fontSubsetKeepsUsedGlyphsAndMapsEveryCharacter() throws {
        let font = try PDFEmbeddedFont()
        let codes = font.encode("Zoë ŵ سلام \u{10FFFD}")
        #expect(codes.count == 2 * 11, "lam and alef are one glyph")
        #expect(font.missing == ["\u{10FFFD}"])
        let cmap = String(decoding: font.toUnicodeCMap(), as: UTF8.self)
        #expect(cmap.contains("<0175>"), "ŵ is in the ToUnicode map")
        #expect(cmap.contains("<DBFFDFFD>"), "a character with no glyph still copies out")
        let objects = try font.objects(first: 100)
        #expect(objects.count == 7, "a CIDToGIDMap stream for the character with no glyph")
        let file = try #require(objects.first { $0.reference.number == 103 })
        let length1 = try #require(file.object.dictionaryValue?["Length1"]?.integerValue)
        #expect(length1 < 200_000, "the subset is smaller than the font (\(length1) bytes)")
        let subset = try TrueTypeFont(TrueTypeSubset.subset(font.font, keeping: [font.glyph(for: "Z")]))
        #expect(subset.numGlyphs == font.font.numGlyphs)
        #expect(subset.glyphRanges[font.glyph(for: "Z")].count > 0)
        #expect(subset.glyphRanges[font.glyph(for: "Q")].isEmpty)
        // The whole-font checksum is the magic number once checkSumAdjustment is in.
        #expect(TrueTypeSubset.checksum([UInt8](TrueTypeSubset.subset(font.font, keeping: [1]))) == 0xB1B0_AFBA)
    }

    @Test func missingFontNamesThePathAndBootstrap() {
        #expect(throws: DisclosureError.self) { try PDFEmbeddedFont(path: "/nonexistent/font.ttf") }
        do { _ = try PDFEmbeddedFont(path: "/nonexistent/font.ttf") } catch {
            #expect("\(error)".contains("/nonexistent/font.ttf"))
            #expect("\(error)".contains("Scripts/bootstrap"))
        }
    }
}
