@testable import DisclosureKit
import Foundation
import Testing

@Suite struct ReportMarkerTests {
    @Test(arguments: [AuditReportFormat.json, .jsonl, .csv, .sarif, .html, .register])
    func everyReportWeWriteIsRecognised(_ format: AuditReportFormat) throws {
        let data = try format.writer().render(ReportSamples.report)
        #expect(ReportMarker.isReport(head: data.prefix(4096)), "\(format)")
    }

    @Test func theWorkbookIsRecognised() throws {
        let data = try RegisterXLSXWriter().render(ReportSamples.report)
        #expect(ReportMarker.isReport(head: data.prefix(4096)))
    }

    @Test func documentsThatMentionTheMarkerAreNot() {
        for text in ["# Reports\n\nThe HTML report carries \(ReportMarker.htmlMeta) in its head.\n",
                     "{\"name\": \"disclose-audit-report\"}",
                     "path,format,status\r\nx,y,z\r\n",
                     "<!DOCTYPE html><html><head><title>disclose-audit-report</title></head></html>"] {
            #expect(!ReportMarker.isReport(head: Data(text.utf8)), "\(text)")
        }
        // A real DOCX is a zip without the marker.
        #expect(!ReportMarker.isReport(head: (try? TestDOCX.make(body: ["Hello"])) ?? Data()))
    }

    @Test func anEarlierReportInTheFolderIsListedNotScanned() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        // The HTML report quotes residue, which would be flagged if the page were scanned.
        var record = AuditRecord(path: "essay.md", format: "markdown", status: .undisclosedWithSignals)
        record.findings = [Finding(signal: "residue.assistant-opener", strength: .moderate, location: Location(line: 3), excerpt: "Certainly! Here is your essay", explanation: "x")]
        let earlier = AuditReport(generatedAt: "t", roots: ["."], records: [record])
        for format in [AuditReportFormat.html, .jsonl, .sarif, .csv, .register, .json] {
            try folder.write("reports/earlier.\(format.rawValue).\(format.fileExtension)", try format.writer().render(earlier))
        }
        try folder.write("reports/earlier.xlsx", try RegisterXLSXWriter().render(earlier))
        try folder.write("essay.md", "# Essay\n\nMy own words.\n")
        let (report, _) = Auditor(options: AuditOptions(jobs: 2)).audit([folder.root])
        let reports = report.records.filter { $0.path.contains("/reports/") }
        #expect(reports.count == 7)
        for r in reports {
            #expect(r.format == Auditor.discloseReportFormat, "\(r.path)")
            #expect(r.status == .unsupported)
            #expect(r.findings.isEmpty)
            #expect(r.error == "\(r.path): a report made by Disclose (an earlier audit); listed, not scanned.")
        }
    }
}
