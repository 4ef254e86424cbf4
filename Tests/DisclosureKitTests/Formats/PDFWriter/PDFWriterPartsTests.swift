@testable import DisclosureKit
import Foundation
import Testing

/// The writer's smaller parts: shaping, dates, number trees, the page layout.
@Suite struct PDFWriterPartsTests {
    @Test func arabicTakesJoiningFormsAndRunsRightToLeft() {
        // seen (initial), lam-alef (final ligature), meem (isolated), drawn right to left.
        let clusters = PDFTextShaping.clusters("سلام") { _ in true }
        #expect(clusters.map{ $0.form.value } == [0xFEE1, 0xFEFC, 0xFEB3])
        #expect(clusters.map{ $0.text } == ["م", "ال", "س"], "the ligature's text in drawing order")
        let mixed = PDFTextShaping.clusters("a بب b") { _ in true }
        #expect(mixed.map{ $0.text } == ["a", " ", "ب", "ب", " ", "b"])
        #expect(mixed.map{ $0.form.value } == [0x61, 0x20, 0xFE90, 0xFE91, 0x20, 0x62], "final then initial: the second beh is drawn first")
        // Without the presentation forms in the font, the letters stay as they are.
        #expect(PDFTextShaping.clusters("سل") { $0.value < 0xFE00 }.map{ $0.form.value } == [0x0644, 0x0633])
    }

    @Test func pdfDatesComeFromTheDisclosure() {
        #expect(PDFStampRecord.pdfDate("2026-11-25") == "D:20261125")
        #expect(PDFStampRecord.pdfDate("2026-11-25T10:30:00Z") == "D:20261125103000Z")
        #expect(PDFStampRecord.pdfDate("") == "D:1970")
    }

    @Test func stampRecordRoundTrips() {
        let record = PDFStampRecord(originalLength: 1234, originalSHA256: "ab", objects: [PDFReference(20), PDFReference(21)],
                                    structureElements: [PDFReference(21)], createdMetadata: true, lastModified: "D:20261125",
                                    replacesEarlierStamp: true)
        let page = PDFDictionary([("Type", .name("Page")), ("PieceInfo", record.pieceInfo)])
        #expect(PDFStampRecord(page: page) == record)
        #expect(PDFStampRecord(page: PDFDictionary([("Type", .name("Page"))])) == nil)
    }

    @Test func numberTreeInsertsInTheLastLeafAndWidensLimits() throws {
        var table = PDFObjectTable()
        table.objects[PDFReference(1)] = .dictionary(PDFDictionary([("Kids", .array([.reference(PDFReference(2)), .reference(PDFReference(3))]))]))
        table.objects[PDFReference(2)] = .dictionary(PDFDictionary([("Limits", .array([.integer(0), .integer(1)])), ("Nums", .array([.integer(0), .null, .integer(1), .null]))]))
        table.objects[PDFReference(3)] = .dictionary(PDFDictionary([("Limits", .array([.integer(2), .integer(5)])), ("Nums", .array([.integer(2), .null, .integer(5), .null]))]))
        let changes = PDFChangeSet(base: table, size: 4)
        #expect(try PDFStamp.highestKey(.reference(PDFReference(1)), changes: changes, depth: 0) == 5)
        #expect(try PDFStamp.insertNumber(.reference(PDFReference(1)), key: 6, value: .integer(42), changes: changes, depth: 0) == nil)
        let leaf = try #require(try changes.object(PDFReference(3)).dictionaryValue)
        #expect(leaf["Limits"] == .array([.integer(2), .integer(6)]))
        #expect(leaf["Nums"]?.arrayValue?.suffix(2) == [.integer(6), .integer(42)])
        #expect(try PDFStamp.removeNumber(.reference(PDFReference(1)), key: 6, changes: changes, depth: 0) == nil)
        #expect(try changes.object(PDFReference(3)).dictionaryValue?["Nums"]?.arrayValue?.count == 4)
        // A direct tree comes back changed.
        let direct = PDFObject.dictionary(PDFDictionary([("Nums", .array([.integer(0), .null]))]))
        let added = try #require(try PDFStamp.insertNumber(direct, key: 1, value: .integer(7), changes: changes, depth: 0))
        #expect(added.dictionaryValue?["Nums"] == .array([.integer(0), .null, .integer(1), .integer(7)]))
    }

    @Test(.enabled(if: PDFWriterTests.fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the layout test is skipped"))
    func statementWrapsInsideTheMargins() throws {
        let font = try PDFEmbeddedFont()
        let layout = PDFStatementPage(width: 300, height: 400)
        let text = String(repeating: "Disclosure statement words ", count: 30) + "Averyveryveryveryveryveryveryveryveryverylongwordwithoutspaces"
        let lines = layout.wrap(text, font: font, size: 11, width: 300 - 2 * layout.margin)
        #expect(lines.count > 5)
        for line in lines { #expect(font.width(line, size: 11) <= 300 - 2 * layout.margin + 0.001, "'\(line)' is too wide") }
        #expect(lines.joined(separator: " ").replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        let content = String(decoding: layout.content(statement: text, font: font, tagged: true), as: UTF8.self)
        #expect(content.hasPrefix("/H1 <</MCID 0>> BDC\nBT\n0 g\n/DiscloseF1 18 Tf\n"))
        #expect(content.contains("EMC\n/P <</MCID 1>> BDC\n"))
        #expect(content.hasSuffix("ET\nEMC\n"))
    }

    @Test func incrementalXRefStreamHasIndexAndWidths() throws {
        let file = PDFWriterTestFiles.make(xrefStream: true)
        let tail = try PDFFileTail.read(file)
        let append = try PDFIncrementalWriter.update(tail: tail, objects: [PDFWrittenObject(PDFReference(4), .dictionary(PDFDictionary()))],
                                                     freed: [PDFReference(3)], compressXRefStream: false)
        let stamped = file + append
        let newTail = try PDFFileTail.read(stamped)
        #expect(newTail.kind == .stream(PDFReference(12)))
        #expect(newTail.trailer["Size"] == .integer(13))
        #expect(newTail.trailer["Index"] == .array([.integer(3), .integer(2), .integer(12), .integer(1)]))
        #expect(newTail.trailer["Prev"] == .integer(tail.startxref))
        let w = try #require(newTail.trailer["W"]?.arrayValue?.compactMap{ $0.integerValue })
        #expect(w.count == 3 && w[0] == 1)
        let scanned = try ScannedPDF(stamped)
        let rows = try scanned.streamData(PDFReference(12))
        let rowLength = w.reduce(0, +)
        #expect(rows.count == 3 * rowLength)
        #expect(rows[rows.startIndex] == 0, "object 3 is free")
        #expect(rows[rows.startIndex + rowLength] == 1, "object 4 is in use")
        var offset = 0
        for b in rows[(rows.startIndex + rowLength + 1)..<(rows.startIndex + rowLength + 1 + w[1])] { offset = offset << 8 | Int(b) }
        #expect(stamped[offset..<(offset + 8)] == Data("4 0 obj\n".utf8))
    }
}
