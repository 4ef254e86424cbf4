import Foundation

/// The report formats `disclose audit` and `disclose report merge` write.
public enum AuditReportFormat: String, CaseIterable, Sendable {
    /// For people at a terminal: a summary table by status and findings grouped by file.
    case terminal
    /// One JSON document: the report's header, counts and every record.
    case json
    /// JSON Lines: one object per file.
    case jsonl
    /// CSV: one row per finding, plus one per file without findings.
    case csv
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif
    /// One self-contained HTML page, sortable and filterable.
    case html
}

/// Settings shared by the report writers.
public struct AuditReportOptions: Sendable {
    /// Use ANSI colour (terminal writer only; the CLI sets it only on a TTY).
    public var colour: Bool

    /// Creates options.
    public init(colour: Bool = false) {
        self.colour = colour
    }
}

extension AuditReportFormat {
    /// The writer for this format.
    public func writer(options: AuditReportOptions = AuditReportOptions()) -> any AuditReportWriter {
        switch self {
        case .jsonl: return JSONLinesReportWriter()
        default: return UnavailableReportWriter(format: self)
        }
    }
}

/// JSON Lines: one record per line, sorted by path.
public struct JSONLinesReportWriter: AuditReportWriter {
    /// Creates the writer.
    public init() {}

    public func render(_ report: AuditReport) throws -> Data {
        var out = Data()
        for record in report.records {
            out.append(try record.jsonLine())
            out.append(0x0A)
        }
        return out
    }
}

/// Placeholder until the writer for a format exists.
struct UnavailableReportWriter: AuditReportWriter {
    var format: AuditReportFormat

    func render(_ report: AuditReport) throws -> Data {
        throw DisclosureError.invalidInput("the \(format.rawValue) report format is not available in this build; use --format jsonl.")
    }
}
