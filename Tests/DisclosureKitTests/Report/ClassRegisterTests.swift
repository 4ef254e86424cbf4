@testable import DisclosureKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The class register from records built by hand (facts included), as CSV and as XLSX.
@Suite struct ClassRegisterTests {
    static func declared(_ path: String, _ facts: DeclarationFacts, words: String = "in the page header") -> AuditRecord {
        AuditRecord(path: path, format: "docx", status: .declaredAIUse,
                    declarations: [Declaration(kind: "written-statement", location: Location(part: "word/header1.xml", paragraph: 1, words: words),
                                               quote: facts.words, explanation: "a written declaration", facts: facts)])
    }

    static let spelling = DeclarationFacts(
        aiUse: .used, tools: [.init(asWritten: "chat gpt", canonical: "ChatGPT")],
        purposes: [.init(asWritten: "check my spelling", purpose: .proofreading)], date: "25/01/2025",
        confidence: .clear, words: "AI declaration: I used chat gpt to check my spelling. 25/01/2025")

    static var report: AuditReport {
        var policyFail = AuditRecord(path: "class/Ben Ortiz - History essay.docx", format: "docx", status: .undisclosed, author: "Ben Ortiz")
        policyFail.checks = [CheckResult(id: "policy.declaration-required", status: .fail, message: "the task asks for a declaration and none was found")]
        let unclear = declared("class/Khan Amelia - History essay.docx",
                               DeclarationFacts(aiUse: .unclear, confidence: .partial, words: "=SUM(1) AI: maybe a bit"), words: "end of the document (paragraph 29 of 30)")
        let signals = AuditRecord(path: "class/essay.docx", format: "docx", status: .undisclosedWithSignals,
                                  findings: [Finding(signal: "residue.assistant-opener", strength: .moderate, location: Location(part: "word/document.xml", paragraph: 3, words: "paragraph 3 of 9"), excerpt: "Certainly!", explanation: "x"),
                                             Finding(signal: "typography.unusual", strength: .weak, location: Location(line: 1), excerpt: "—", explanation: "y")],
                                  author: "Zoë Smith")
        var stamped = AuditRecord(path: "class/Chloe Price_History_Essay.docx", format: "docx", status: .disclosedVerified, disclosure: Samples.disclosure)
        stamped.checks = [CheckResult(id: "policy.tool-authorised", status: .pass, message: "ok")]
        let other = AuditRecord(path: "class/=cmd.png", format: nil, status: .unsupported, error: "not a document Disclose reads (extension .png)")
        var report = AuditReport(generatedAt: "2026-12-01T09:00:00Z", roots: ["class", "gone"],
                                 records: [declared("class/Amelia_Khan_History_Essay.docx", spelling), policyFail, unclear, signals, stamped, other])
        report.rootFailures = [AuditRootFailure(path: "gone", reason: "gone: No such file or directory.")]
        return report
    }

    func row(_ path: String) throws -> [String: String] {
        let rows = ClassRegister(Self.report).rows
        let cells = try #require(rows.first { $0[0] == path })
        return Dictionary(uniqueKeysWithValues: zip(ClassRegister.columns, cells))
    }

    @Test func aWrittenDeclarationIsReadAsFacts() throws {
        let r = try row("class/Amelia_Khan_History_Essay.docx")
        #expect(r["person"] == "Amelia Khan")
        #expect(r["person_source"] == "file name")
        #expect(r["status"] == "declared-ai-use")
        #expect(r["ai_use"] == "used")
        #expect(r["tools"] == "ChatGPT")
        #expect(r["purposes"] == "proofreading (“check my spelling”)")
        #expect(r["pupil_words"] == "AI declaration: I used chat gpt to check my spelling. 25/01/2025")
        #expect(r["date"] == "25/01/2025")
        #expect(r["where"] == "in the page header")
        #expect(r["policy"] == "not checked")
        #expect(r["signals"] == "0")
        #expect(r["attention"] == "")
    }

    @Test func aFailingPolicyAndAnUnclearDeclarationNeedAttention() throws {
        let failing = try row("class/Ben Ortiz - History essay.docx")
        #expect(failing["person"] == "Ben Ortiz")
        #expect(failing["status"] == "undisclosed")
        #expect(failing["policy"] == "does not meet: declaration-required (the task asks for a declaration and none was found)")
        #expect(failing["attention"] == "does not meet the policy's declaration-required rule: the task asks for a declaration and none was found")
        let unclear = try row("class/Khan Amelia - History essay.docx")
        #expect(unclear["person"] == "Amelia Khan")
        #expect(unclear["ai_use"] == "unclear")
        #expect(unclear["where"] == "end of the document (paragraph 29 of 30)")
        #expect(unclear["attention"] == "a declaration could not be read either way; please read it")
    }

    @Test func aStampAndTheAuthorsOwnWordsThatDisagreeNeedALook() throws {
        let none = DeclarationFacts(aiUse: .none, confidence: .clear, words: "AI declaration — No AI tools were used in this work.")
        var stamped = Self.declared("class/essay.md", none, words: "under the heading “AI declaration”")
        stamped.status = .disclosedVerified
        stamped.disclosure = Samples.disclosure
        #expect(stamped.attentionReasons == ["the Disclose stamp says AI was used, but a declaration written in the file says no AI was used; please read both"])
        var agreeing = Self.declared("class/essay2.md", Self.spelling)
        agreeing.status = .disclosedVerified
        agreeing.disclosure = Samples.disclosure
        #expect(agreeing.attentionReasons.isEmpty, "a stamp and words that both say AI was used agree")
        var noAI = Self.declared("class/essay3.md", Self.spelling)
        noAI.disclosure = Samples.noAI
        #expect(noAI.attentionReasons == ["the Disclose stamp says no AI was used, but a declaration written in the file says AI was used; please read both"])
    }

    @Test func signalsStampsAndUnsupportedFiles() throws {
        let signals = try row("class/essay.docx")
        #expect(signals["person"] == "Zoë Smith")
        #expect(signals["person_source"] == "author property")
        let title = try #require(SignalCatalogue.descriptor(id: "residue.assistant-opener")).title
        #expect(signals["signals"] == "2, strongest moderate (\(title))")
        #expect(signals["attention"] == "some signals are worth a look (strongest: moderate, \(title))")
        let stamped = try row("class/Chloe Price_History_Essay.docx")
        #expect(stamped["ai_use"] == "used")
        #expect(stamped["tools"] == "Microsoft 365 Copilot")
        #expect(stamped["purposes"] == "drafting; summarising")
        #expect(stamped["where"] == "in the Disclose stamp")
        #expect(stamped["date"] == Samples.disclosure.date)
        #expect(stamped["policy"] == "meets")
        let other = try row("class/=cmd.png")
        #expect(other["status"] == "unsupported")
        #expect(other["person_source"] == "none")
        let gone = try row("gone")
        #expect(gone["status"] == "not found")
        #expect(gone["attention"] == "gone: No such file or directory.")
    }

    @Test func everyFileHasARowAndNoPartNameIsShown() {
        let register = ClassRegister(Self.report)
        #expect(register.rows.count == Self.report.records.count + 1)
        #expect(register.rows.allSatisfy { $0.count == ClassRegister.columns.count })
        #expect(!register.rows.flatMap { $0 }.contains { $0.contains("word/") })
    }

    @Test func csvStartsWithAByteOrderMarkAndNeutralisesFormulas() throws {
        let data = try RegisterCSVWriter().render(Self.report)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("file,person,person_source,status,ai_use,tools,purposes,pupil_words,date,where,policy,signals,attention\r\n"))
        #expect(text.contains("\r\nclass/=cmd.png,,none,unsupported,"))
        // A cell a spreadsheet would run as a formula gets a quote in front.
        #expect(text.contains(",unclear,,,'=SUM(1) AI: maybe a bit,,"))
        #expect(text.hasSuffix("\"# Note: \(AuditReport.standingNote)\",,,,,,,,,,,,\r\n"))
        #expect(ReportMarker.isReport(head: data.prefix(4096)))
    }

    @Test func xlsxHoldsTheSameRowsWithAFrozenFilteredHeader() throws {
        let data = try RegisterXLSXWriter().render(Self.report)
        let zip = try ZipReader(data: data)
        #expect(zip.entries.map(\.name) == ["docProps/app.xml", "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        #expect(zip.entries[0].isStored)
        let sheetEntry = try #require(zip.entries.first { $0.name == "xl/worksheets/sheet1.xml" })
        let sheet = String(decoding: try zip.read(sheetEntry, limit: 1 << 24), as: UTF8.self)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        let rows = ClassRegister(Self.report).rows.count + 2
        #expect(sheet.contains("<autoFilter ref=\"A1:M\(rows)\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\""))
        #expect(sheet.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t>file</t></is></c>"))
        // Every cell's text, read back from the XML, is the register's (unescaped) text.
        let values = try Self.cellValues(sheet)
        let expected = [ClassRegister.columns] + ClassRegister(Self.report).rows + [["# Note: " + AuditReport.standingNote]]
        for (r, cells) in expected.enumerated() {
            for (c, cell) in cells.enumerated() where !cell.isEmpty {
                #expect(values["\(XLSXWriter.columnName(c))\(r + 1)"] == cell)
            }
        }
        #expect(values["A2"] == "class/=cmd.png")
        // An XLSX cell is never a formula: the words are kept as written.
        #expect(values.values.contains("=SUM(1) AI: maybe a bit"))
        #expect(ReportMarker.isReport(head: data.prefix(4096)))
    }

    @Test func columnNamesCountLikeASpreadsheet() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(12) == "M")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
    }

    /// Cell reference → text, parsed with Foundation's XML parser (independent of the writer).
    static func cellValues(_ xml: String) throws -> [String: String] {
        final class Reader: NSObject, XMLParserDelegate {
            var values: [String: String] = [:]
            var ref: String?
            var text = ""
            var inText = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "c" { ref = attributes["r"]; text = "" }
                if name == "t" { inText = true }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "t" { inText = false }
                if name == "c", let ref { values[ref] = text }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse())
        return reader.values
    }
}
