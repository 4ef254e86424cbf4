@testable import DisclosureKit
import Foundation
import Testing

/// Our statement is found by more than one anchor (issue 14 §2c): the tagged content control,
/// else a paragraph with our style or our control's alias whose text is the statement recorded in
/// the metadata — what is left after LibreOffice saves a stamped document. These tests write
/// LibreOffice's form by hand, so they run without LibreOffice; `EditorSurvivalDOCXTests` runs
/// the real program.
@Suite struct DOCXStatementAnchorTests {
    let stamper = Stamper()

    /// Rewrites our block control as LibreOffice saves it: the paragraph carries our style, an
    /// inline control inside it keeps only the alias.
    static func asLibreOfficeSavesIt(_ xml: String, text change: ((String) -> String)? = nil, keepStyle: Bool = true, keepAlias: Bool = true) -> String {
        guard let start = xml.range(of: "<w:sdt><w:sdtPr><w:alias w:val=\"AI use disclosure\"/>"),
              let end = xml.range(of: "</w:sdtContent></w:sdt>", range: start.upperBound..<xml.endIndex),
              let textStart = xml.range(of: "<w:t xml:space=\"preserve\">", range: start.upperBound..<end.lowerBound),
              let textEnd = xml.range(of: "</w:t>", range: textStart.upperBound..<end.lowerBound) else { return xml }
        var statement = String(xml[textStart.upperBound..<textEnd.lowerBound])
        if let change { statement = change(statement) }
        let style = keepStyle ? "<w:pPr><w:pStyle w:val=\"AIDisclosure\"/></w:pPr>" : "<w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>"
        let run = "<w:r><w:t>\(statement)</w:t></w:r>"
        let inner = keepAlias ? "<w:sdt><w:sdtPr><w:alias w:val=\"AI use disclosure\"/></w:sdtPr><w:sdtContent>\(run)</w:sdtContent></w:sdt>" : run
        return xml.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "<w:p>\(style)\(inner)</w:p>")
    }

    func stampedCopy() throws -> (folder: String, path: String) {
        let copy = try DOCXFixtures.copy("plain.docx")
        _ = try stamper.stamp(path: copy.path, disclosure: Samples.disclosure)
        return copy
    }

    @Test func aStatementWhoseTagWasDroppedIsFoundByStyleAliasAndText() throws {
        let (folder, path) = try stampedCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try DocumentLoader().open(path)
        let textBefore = try before.text().body.map(\.text)
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { Self.asLibreOfficeSavesIt($0) }

        let document = try DocumentLoader().open(path)
        let found = try document.findStamp()
        let statement = try #require(found.statement)
        #expect(statement.markersLost)
        #expect(statement.text.hasPrefix("AI use disclosure: This document was made with help from Microsoft 365 Copilot"))
        #expect(try document.text().body.map(\.text) == textBefore, "the statement is left out of the text, as before")

        let report = try Verifier().verify(path: path)
        #expect(report.checks.first { $0.id == CheckID.statementPresent }?.status == .warn)
        // Only our statement's markup changed here, and the binding leaves the statement out.
        #expect(report.checks.first { $0.id == CheckID.contentBinding }?.status == .pass)
        #expect(report.checks.first { $0.id == CheckID.agreement }?.status == .pass)
        #expect(!report.checks.contains { $0.status == .fail })
    }

    @Test func eitherMarkWithTheRecordedTextIsEnough() throws {
        for (style, alias) in [(true, false), (false, true)] {
            let (folder, path) = try stampedCopy()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try DOCXFixtures.rewrite(path, part: "word/document.xml") { Self.asLibreOfficeSavesIt($0, keepStyle: style, keepAlias: alias) }
            #expect(try DocumentLoader().open(path).findStamp().statement?.markersLost == true, "style \(style), alias \(alias)")
        }
    }

    @Test func aMarkedParagraphWithOtherTextIsNotTakenForTheStatement() throws {
        let (folder, path) = try stampedCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { Self.asLibreOfficeSavesIt($0, text: { $0.replacingOccurrences(of: "drafting", with: "writing") }) }
        let document = try DocumentLoader().open(path)
        #expect(try document.findStamp().statement == nil)
        // The edited paragraph is ordinary text now, so the binding sees the change.
        #expect(try document.text().body.contains { $0.text.contains("for writing") })
        let report = try Verifier().verify(path: path)
        #expect(report.checks.first { $0.id == CheckID.statementPresent }?.status == .fail)
        #expect(report.checks.first { $0.id == CheckID.contentBinding }?.status == .fail)
    }

    @Test func neitherMarkMeansNoStatementEvenWithTheSameText() throws {
        let (folder, path) = try stampedCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { Self.asLibreOfficeSavesIt($0, keepStyle: false, keepAlias: false) }
        #expect(try DocumentLoader().open(path).findStamp().statement == nil)
    }

    @Test func stampingAgainReplacesTheRecognisedParagraphAndRestoresTheMarkers() throws {
        let (folder, path) = try stampedCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try DOCXFixtures.parts(path)["word/document.xml"]!
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { Self.asLibreOfficeSavesIt($0) }
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let xml = String(decoding: try DOCXFixtures.parts(path)["word/document.xml"]!, as: UTF8.self)
        #expect(xml.components(separatedBy: "AI use disclosure: This document").count == 2, "one statement")
        #expect(xml.contains("<w:tag w:val=\"disclose:statement\"/>"))
        #expect(try DOCXFixtures.parts(path)["word/document.xml"]! == original, "the same bytes as the first stamp")
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.markersLost == false)
    }
}

/// A Word paragraph in a quotation or code style is set apart by the document itself: a quoted
/// "As an AI language model…" is not residue of the author's own text, but a declaration the
/// author styled as a quote for emphasis is still read.
@Suite struct DOCXQuotationStyleTests {
    static func document(_ paragraphs: [(style: String?, text: String)]) throws -> Data {
        let body = paragraphs.map { p in
            "<w:p>" + (p.style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? "") + "<w:r><w:t xml:space=\"preserve\">\(TestDOCX.escape(p.text))</w:t></w:r></w:p>"
        }.joined()
        let plain = try TestDOCX.make(body: ["PLACEHOLDER"])
        let zip = try ZipReader(data: plain)
        let items: [ZipRebuilder.Item] = try zip.entries.map { e in
            guard e.name == "word/document.xml" else { return .copy(e) }
            let xml = String(decoding: try zip.read(e, limit: 1 << 20), as: UTF8.self)
            let replaced = xml.replacingOccurrences(of: "<w:p><w:r><w:t xml:space=\"preserve\">PLACEHOLDER</w:t></w:r></w:p>", with: body)
            return .data(name: e.name, bytes: Data(replaced.utf8), like: e)
        }
        return try ZipRebuilder.build(from: zip, items: items)
    }

    static func scan(_ data: Data) throws -> Evidence {
        let document = try DOCXHandler().open(DocumentInput(data: data, path: "essay.docx"))
        return EvidenceScanner().scan(EvidenceInput(path: "essay.docx", format: "docx", text: try document.text(), metadata: [], raw: data))
    }

    @Test func theQuoteStyleSetsAParagraphApart() throws {
        let data = try Self.document([(nil, "My essay on sources."), ("Quote", "As an AI language model, I cannot browse the internet."), ("HTMLPreformatted", "print('As an AI language model')")])
        let text = try DOCXHandler().open(DocumentInput(data: data, path: "essay.docx")).text().body
        #expect(text.map(\.setting) == [nil, .quoted, .code])
        #expect(try Self.scan(data).findings.filter { $0.signal.rawValue.hasPrefix("residue.") }.isEmpty)
    }

    @Test func theSameWordsUnstyledAreResidue() throws {
        let data = try Self.document([(nil, "As an AI language model, I cannot browse the internet.")])
        #expect(try Self.scan(data).findings.contains { $0.signal.rawValue.hasPrefix("residue.") })
    }

    @Test func aDeclarationStyledAsAQuoteIsStillRead() throws {
        let data = try Self.document([("Quote", "I used ChatGPT to help me plan this essay and checked every fact myself.")])
        let evidence = try Self.scan(data)
        #expect(evidence.declarations.contains { $0.kind == .writtenStatement }, "\(evidence.declarations)")
    }
}
