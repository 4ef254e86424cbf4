import Foundation

/// The report formats `disclose audit` and `disclose report merge` write.
public enum AuditReportFormat: String, CaseIterable, Sendable {
    /// For people at a terminal: a summary table by status and findings grouped by file.
    case terminal
    /// One JSON document: the report's header, counts and every record.
    case json
    /// JSON Lines: a header line (``ReportHeader``), then one object per file.
    case jsonl
    /// CSV: one row per finding, plus one per file without findings.
    case csv
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif
    /// One self-contained HTML page, sortable and filterable.
    case html
    /// The class register: one row per file (person, declaration facts, policy, attention), as
    /// CSV with a byte order mark, or as an XLSX workbook when ``AuditReportOptions/workbook``.
    case register
}

/// Settings shared by the report writers.
public struct AuditReportOptions: Sendable {
    /// Use ANSI colour (terminal writer only; the CLI sets it only on a TTY).
    public var colour: Bool
    /// List every file, not only those with something to show (terminal writer only).
    public var verbose: Bool
    /// Write the register as an XLSX workbook rather than CSV (register only; the CLI sets it
    /// when `--output` ends in `.xlsx`).
    public var workbook: Bool

    /// Creates options.
    public init(colour: Bool = false, verbose: Bool = false, workbook: Bool = false) {
        self.colour = colour
        self.verbose = verbose
        self.workbook = workbook
    }
}

extension AuditReportFormat {
    /// The writer for this format.
    /// - Parameter options: settings; `colour` matters to the terminal writer only.
    /// - Returns: a writer whose output carries ``AuditReport/standingNote``.
    public func writer(options: AuditReportOptions = AuditReportOptions()) -> any AuditReportWriter {
        switch self {
        case .terminal: return TerminalReportWriter(colour: options.colour, verbose: options.verbose)
        case .json: return JSONReportWriter()
        case .jsonl: return JSONLinesReportWriter()
        case .csv: return CSVReportWriter()
        case .sarif: return SARIFReportWriter()
        case .html: return HTMLReportWriter()
        case .register: return options.workbook ? RegisterXLSXWriter() as any AuditReportWriter : RegisterCSVWriter()
        }
    }

    /// The usual file extension of this format, without the dot (`txt` for terminal).
    public var fileExtension: String {
        switch self {
        case .terminal: return "txt"
        case .json: return "json"
        case .jsonl: return "jsonl"
        case .csv: return "csv"
        case .sarif: return "sarif"
        case .html: return "html"
        case .register: return "csv"
        }
    }
}
