import DisclosureKit
import Foundation
import Testing

@Suite struct NoteInEveryFormatTests {
    @Test(arguments: AuditReportFormat.allCases)
    func everyFormatCarriesTheStandingNote(_ format: AuditReportFormat) throws {
        let empty = AuditReport(generatedAt: ReportSamples.generatedAt, roots: [], records: [])
        #expect(try ReportSamples.render(format).contains(AuditReport.standingNote))
        #expect(try ReportSamples.render(format, empty).contains(AuditReport.standingNote))
    }

    @Test func everyFormatHasAWriter() throws {
        for format in AuditReportFormat.allCases {
            #expect(!(try format.writer().render(ReportSamples.report)).isEmpty)
        }
        #expect(AuditReportFormat.allCases.map(\.fileExtension) == ["txt", "json", "jsonl", "csv", "sarif", "html", "csv"])
    }
}
