@testable import DisclosureKit
import Foundation
import Testing

@Suite struct CSVReportWriterTests {
    var lines: [String] {
        get throws {
            // Split on CRLF only: quoted cells may hold a bare LF.
            try ReportSamples.render(.csv).components(separatedBy: "\r\n")
        }
    }

    @Test func headerRowNamesEveryColumn() throws {
        #expect(try lines.first == "path,format,status,signal,strength,location,where,excerpt,explanation,checks failed,declaration,error")
    }

    @Test func oneRowPerFindingPlusOnePerFileWithout() throws {
        let all = try lines
        // header + 2 (signals) + 2 (hostile) + 7 files without findings + note row + empty after the last CRLF
        #expect(all.count == 1 + 2 + 2 + 7 + 1 + 1)
        #expect(all.last == "")
    }

    @Test func docxPartFindingRowIsExact() throws {
        #expect(try lines.contains(
            "d/signals.docx,docx,undisclosed-with-signals,residue.assistant-opener,moderate,\"word/document.xml, paragraph 3 (byte 4521)\",paragraph 3,\"Certainly! Here is, \"\"quoted\"\" text\",A paragraph opens the way chat assistants reply.,,,"))
        #expect(try lines.contains(
            "d/signals.docx,docx,undisclosed-with-signals,metadata.ai-generator,strong,docProps/app.xml (byte 210),in the file's metadata,Microsoft Copilot,The document properties name an AI tool as the application.,,,"))
    }

    @Test func hostileCellsAreQuotedAndFormulasNeutralised() throws {
        let text = try ReportSamples.render(.csv)
        let path = "\"e/hostile <script>alert(1)</script>, \"\"q\"\".md\""
        #expect(text.contains(path + ",markdown,undisclosed-with-signals,typography.unusual,weak,\"line 7, column 3 (byte 88)\",line 7,'=cmd|' /C calc'!A0,\"<script>alert(\"\"x\"\")</script>, with commas\nand lines\",,,\r\n"))
        // An empty own explanation falls back to the catalogue's rationale; a leading "-" is neutralised.
        let rationale = try #require(SignalCatalogue.descriptor(id: "residue.placeholder")).rationale
        let quoted = rationale.contains(",") || rationale.contains("\"") ? "\"" + rationale.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : rationale
        #expect(text.contains(path + ",markdown,undisclosed-with-signals,residue.placeholder,moderate,paragraph 2,paragraph 2,'-[Insert name] Ünïcödé ✓ 日本語," + quoted + ",,,\r\n"))
        #expect(text.contains("h/broken.docx,docx,unreadable,,,,,,,,,\"'@SUM(1): not a valid zip archive,\nso it cannot be read\"\r\n"))
    }

    @Test func fileLevelColumnsCarryChecksDeclarationsAndErrors() throws {
        let all = try lines
        #expect(all.contains("b/problems.md,markdown,disclosed-with-problems,,,,,,,content-binding,,"))
        #expect(all.contains("c/declared.html,html,declared-ai-use,,,,,,,,\"w3c-meta: “<meta name=\"\"ai-disclosure\"\" content=\"\"ai-assisted\"\">”\","))
        #expect(all.contains("g/picture.png,,unsupported,,,,,,,,,not a document Disclose reads (extension .png)"))
        #expect(all.contains("ü/日本語 notes.md,markdown,undisclosed,,,,,,,,,"))
    }

    @Test func noteIsTheTrailingRow() throws {
        let all = try lines
        #expect(all[all.count - 2] == "\"# Note: \(AuditReport.standingNote)\",,,,,,,,,,,")
    }

    @Test func neutralisingCoversEveryFormulaLead() {
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(CSVReportWriter.neutralised(lead + "x") == "'" + lead + "x")
        }
        #expect(CSVReportWriter.neutralised("x=1") == "x=1")
        #expect(CSVReportWriter.neutralised("") == "")
    }
}
