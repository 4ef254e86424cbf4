import Foundation

/// One JSON document: `format` (``ReportMarker/token``), `tool`, `generatedAt`, `roots`, `note`, `counts` (every status,
/// zero where none, plus `total`), `records` (as in JSON Lines), `notFound` (paths given that
/// could not be read at all, each with `path` and `reason`), `excludedFiles` and
/// `excludedFolders`, pretty-printed with sorted keys.
public struct JSONReportWriter: AuditReportWriter {
    /// Creates the writer.
    public init() {}

    struct Document: Encodable {
        var format = ReportMarker.token
        var tool: String
        var generatedAt: String
        var roots: [String]
        var note: String
        var counts: [String: Int]
        var records: [AuditRecord]
        var notFound: [AuditRootFailure]
        var excludedFiles: Int
        var excludedFolders: Int
    }

    /// The whole report as one JSON document, ending with a line feed.
    /// - Throws: an encoding error (not expected for these types).
    public func render(_ report: AuditReport) throws -> Data {
        var counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.status.rawValue, $0.count) })
        counts["total"] = report.records.count
        let document = Document(tool: report.tool, generatedAt: report.generatedAt, roots: report.roots,
                                note: AuditReport.standingNote, counts: counts, records: report.records,
                                notFound: report.rootFailures, excludedFiles: report.excludedFiles,
                                excludedFolders: report.excludedFolders)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(0x0A)
        return data
    }
}
