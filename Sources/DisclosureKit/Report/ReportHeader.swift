import Foundation

/// The first line of a JSON Lines report: who made it, when, over which roots, and the
/// standing note. It has no `path` key and carries `"type": "header"`, so a reader that
/// wants only records skips it (``ReportMerger`` does).
///
/// ```json
/// {"generatedAt":"2026-12-01T09:00:00Z","note":"Signals are evidence …","roots":["docs"],"tool":"disclose 0.1.0","type":"header"}
/// ```
public struct ReportHeader: Codable, Equatable, Sendable {
    /// The value of `type` that marks a header line.
    public static let typeValue = "header"

    /// Always ``typeValue``.
    public var type: String
    /// The tool that made the report and its version.
    public var tool: String
    /// When the audit finished, ISO 8601.
    public var generatedAt: String
    /// The paths the audit was asked to look at.
    public var roots: [String]
    /// ``AuditReport/standingNote``.
    public var note: String

    /// Creates a header; `note` is always ``AuditReport/standingNote``.
    public init(tool: String, generatedAt: String, roots: [String]) {
        self.type = ReportHeader.typeValue
        self.tool = tool
        self.generatedAt = generatedAt
        self.roots = roots
        self.note = AuditReport.standingNote
    }

    /// The header of `report`.
    public init(_ report: AuditReport) {
        self.init(tool: report.tool, generatedAt: report.generatedAt, roots: report.roots)
    }

    /// The header as one line of JSON (sorted keys, no trailing newline), for writers
    /// that stream records as they are found.
    /// - Throws: an encoding error (not expected for these types).
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// JSON Lines: a ``ReportHeader`` line, then one ``AuditRecord`` per line, sorted by path.
/// Every line ends with a line feed.
public struct JSONLinesReportWriter: AuditReportWriter {
    /// Creates the writer.
    public init() {}

    /// The header line and every record.
    /// - Throws: an encoding error (not expected for these types).
    public func render(_ report: AuditReport) throws -> Data {
        var out = try ReportHeader(report).jsonLine()
        out.append(0x0A)
        for record in report.records {
            out.append(try record.jsonLine())
            out.append(0x0A)
        }
        return out
    }
}
