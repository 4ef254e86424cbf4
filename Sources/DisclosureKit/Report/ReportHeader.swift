import Foundation

/// The first line of a JSON Lines report: who made it, when, over which roots, and the
/// standing note. It has no `path` key and carries `"type": "header"`, so a reader that
/// wants only records skips it (``ReportMerger`` does).
///
/// ```json
/// {"format":"disclose-audit-report","generatedAt":"2026-12-01T09:00:00Z","note":"Signals are evidence …","roots":["docs"],"tool":"disclose 0.1.0","type":"header"}
/// ```
public struct ReportHeader: Codable, Equatable, Sendable {
    /// The value of `type` that marks a header line.
    public static let typeValue = "header"

    /// Always ``typeValue``.
    public var type: String
    /// Always ``ReportMarker/token``: marks the file as a Disclose report, so a later audit
    /// lists it rather than scanning it.
    public var format: String
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
        self.format = ReportMarker.token
        self.tool = tool
        self.generatedAt = generatedAt
        self.roots = roots
        self.note = AuditReport.standingNote
    }

    enum CodingKeys: String, CodingKey { case type, format, tool, generatedAt, roots, note }

    /// Decodes a header; one written before the `format` marker existed reads as having it.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? ReportMarker.token
        tool = try c.decode(String.self, forKey: .tool)
        generatedAt = try c.decode(String.self, forKey: .generatedAt)
        roots = try c.decode([String].self, forKey: .roots)
        note = try c.decode(String.self, forKey: .note)
    }

    /// The header of `report`.
    public init(_ report: AuditReport) {
        self.init(tool: report.tool, generatedAt: report.generatedAt, roots: report.roots)
    }

    /// The header as one line of JSON (sorted keys, no trailing newline), for writers
    /// that stream records as they are found.
    /// - Throws: an encoding error (not expected for these types).
    ///
    /// Written by ``JSONLineWriter``, as records are: the same bytes as `JSONEncoder` with sorted
    /// keys and unescaped slashes (``jsonLineUsingFoundation()``), without setting up `JSONEncoder`
    /// in every audit that writes JSON Lines (about 1 M instructions of first-time look-ups).
    public func jsonLine() throws -> Data {
        var writer = JSONLineWriter()
        var first = true
        writer.raw("{")
        writer.key("format", first: &first); writer.string(format)
        writer.key("generatedAt", first: &first); writer.string(generatedAt)
        writer.key("note", first: &first); writer.string(note)
        writer.key("roots", first: &first); writer.array(roots) { $0.string($1) }
        writer.key("tool", first: &first); writer.string(tool)
        writer.key("type", first: &first); writer.string(type)
        writer.raw("}")
        return Data(writer.bytes)
    }

    /// The line as `JSONEncoder` writes it: what ``jsonLine()`` must equal byte for byte.
    func jsonLineUsingFoundation() throws -> Data {
        try AuditRecord.foundationEncoder().encode(self)
    }
}

/// The last line of a JSON Lines report: what the walk left out. It has no `path` key and
/// carries `"type": "summary"`.
///
/// ```json
/// {"excludedFiles":36,"excludedFolders":1,"notFound":[{"path":"missing","reason":"missing: No such file or directory. …"}],"type":"summary"}
/// ```
public struct ReportSummaryLine: Codable, Equatable, Sendable {
    /// The value of `type` that marks a summary line.
    public static let typeValue = "summary"

    /// Always ``typeValue``.
    public var type: String
    /// Files left out by `--exclude` or `.discloseignore`.
    public var excludedFiles: Int
    /// Folders left out by `--exclude` or `.discloseignore`.
    public var excludedFolders: Int
    /// Paths given that could not be read at all.
    public var notFound: [AuditRootFailure]

    /// Creates a summary line.
    public init(excludedFiles: Int, excludedFolders: Int, notFound: [AuditRootFailure]) {
        type = Self.typeValue
        self.excludedFiles = excludedFiles
        self.excludedFolders = excludedFolders
        self.notFound = notFound
    }

    /// The summary line of `report`.
    public init(_ report: AuditReport) {
        self.init(excludedFiles: report.excludedFiles, excludedFolders: report.excludedFolders, notFound: report.rootFailures)
    }

    /// The summary line of a run.
    public init(_ summary: AuditSummary) {
        self.init(excludedFiles: summary.statistics.excludedFiles, excludedFolders: summary.statistics.excludedFolders,
                  notFound: summary.rootFailures)
    }

    /// The line as JSON (sorted keys, no trailing newline), written by ``JSONLineWriter`` as
    /// ``ReportHeader/jsonLine()`` is.
    /// - Throws: an encoding error (not expected for these types).
    public func jsonLine() throws -> Data {
        var writer = JSONLineWriter()
        var first = true
        writer.raw("{")
        writer.key("excludedFiles", first: &first); writer.int(excludedFiles)
        writer.key("excludedFolders", first: &first); writer.int(excludedFolders)
        writer.key("notFound", first: &first)
        writer.array(notFound) { w, failure in
            var first = true
            w.raw("{")
            w.key("path", first: &first); w.string(failure.path)
            w.key("reason", first: &first); w.string(failure.reason)
            w.raw("}")
        }
        writer.key("type", first: &first); writer.string(type)
        writer.raw("}")
        return Data(writer.bytes)
    }

    /// The line as `JSONEncoder` writes it: what ``jsonLine()`` must equal byte for byte.
    func jsonLineUsingFoundation() throws -> Data {
        try AuditRecord.foundationEncoder().encode(self)
    }
}

/// JSON Lines: a ``ReportHeader`` line, then one ``AuditRecord`` per line, sorted by path, then
/// a ``ReportSummaryLine``. Every line ends with a line feed.
public struct JSONLinesReportWriter: AuditReportWriter {
    /// Creates the writer.
    public init() {}

    /// The header line, every record and the summary line.
    /// - Throws: an encoding error (not expected for these types).
    public func render(_ report: AuditReport) throws -> Data {
        var out = try ReportHeader(report).jsonLine()
        out.append(0x0A)
        for record in report.records {
            out.append(try record.jsonLine())
            out.append(0x0A)
        }
        out.append(try ReportSummaryLine(report).jsonLine())
        out.append(0x0A)
        return out
    }
}
