import DisclosureKit
import Foundation
import Testing

@Suite struct JSONReportWriterTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func documentHasTheHeaderCountsAndRecords() throws {
        let doc = try object(try ReportSamples.render(.json))
        #expect(Set(doc.keys) == ["format", "tool", "generatedAt", "roots", "note", "counts", "records", "notFound", "excludedFiles", "excludedFolders"])
        #expect(doc["format"] as? String == ReportMarker.token)
        #expect(doc["notFound"] as? [Any] != nil && (doc["notFound"] as? [Any])?.isEmpty == true)
        #expect(doc["excludedFiles"] as? Int == 0)
        #expect(doc["tool"] as? String == "disclose 0.1.0")
        #expect(doc["generatedAt"] as? String == ReportSamples.generatedAt)
        #expect(doc["roots"] as? [String] == ["docs"])
        #expect(doc["note"] as? String == AuditReport.standingNote)
        let counts = try #require(doc["counts"] as? [String: Int])
        #expect(counts == ["disclosed-verified": 1, "disclosed-with-problems": 1, "declared-no-ai": 0, "declared-ai-use": 1, "declared-unclear": 0,
                           "undisclosed-with-signals": 2, "undisclosed": 2, "unsupported": 1, "unreadable": 1, "total": 9])
        let records = try #require(doc["records"] as? [[String: Any]])
        #expect(records.map { $0["path"] as? String } == ReportSamples.report.records.map(\.path))
        #expect(Set(records[0].keys) == ["path", "format", "status", "size", "sha256", "disclosure", "checks", "declarations", "findings", "error", "author", "notes"])
        let broken = try #require(records.first { $0["path"] as? String == "h/broken.docx" })
        #expect(broken["disclosure"] is NSNull)
        #expect(records[0]["error"] is NSNull)
        #expect(broken["error"] as? String == "@SUM(1): not a valid zip archive,\nso it cannot be read")
    }

    @Test func findingsCarryEveryField() throws {
        let doc = try object(try ReportSamples.render(.json))
        let records = try #require(doc["records"] as? [[String: Any]])
        let signals = try #require(records.first { $0["path"] as? String == "d/signals.docx" })
        let findings = try #require(signals["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(Set(findings[1].keys) == ["signal", "strength", "location", "excerpt", "explanation"])
        #expect(findings[1]["signal"] as? String == "residue.assistant-opener")
        let location = try #require(findings[1]["location"] as? [String: Any])
        #expect(location["part"] as? String == "word/document.xml")
        #expect(location["paragraph"] as? Int == 3)
        #expect(location["byteOffset"] as? Int == 4521)
    }

    @Test func recordsDecodeBackUnchanged() throws {
        struct Doc: Decodable { var records: [AuditRecord] }
        let data = try AuditReportFormat.json.writer().render(ReportSamples.report)
        #expect(try JSONDecoder().decode(Doc.self, from: data).records == ReportSamples.report.records)
    }
}

@Suite struct JSONLinesReportWriterTests {
    @Test func firstLineIsAHeaderWithTheNoteAndNoPath() throws {
        let lines = try ReportSamples.render(.jsonl).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == ReportSamples.records.count + 3)
        #expect(lines.last == "")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(header.keys) == ["type", "format", "tool", "generatedAt", "roots", "note"])
        #expect(header["type"] as? String == "header")
        #expect(header["note"] as? String == AuditReport.standingNote)
        #expect(String(lines[0]) == #"{"format":"disclose-audit-report","generatedAt":"2026-12-01T09:00:00Z","note":"\#(AuditReport.standingNote)","roots":["docs"],"tool":"disclose 0.1.0","type":"header"}"#)
    }

    @Test func everyOtherLineIsOneRecordSortedByPath() throws {
        let all = try ReportSamples.render(.jsonl).split(separator: "\n")
        #expect(all.last == #"{"excludedFiles":0,"excludedFolders":0,"notFound":[],"type":"summary"}"#)
        let lines = all.dropFirst().dropLast()
        let records = try lines.map { try JSONDecoder().decode(AuditRecord.self, from: Data($0.utf8)) }
        #expect(records == ReportSamples.report.records)
        #expect(records.first?.path == "a/verified.docx")
        #expect(records.last?.path == ReportSamples.unicodePath)
    }
}
