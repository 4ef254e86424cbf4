import Foundation

/// A finished audit: every file's record, sorted by path, with counts by status.
public struct AuditReport: Codable, Equatable, Sendable {
    /// The note every report carries, in every format.
    public static let standingNote = "Signals are evidence for a person to review, not proof of misconduct, and files without signals may still have been made with AI."

    /// The tool that made the report and its version.
    public var tool: String
    /// When the audit finished, ISO 8601.
    public var generatedAt: String
    /// The paths the audit was asked to look at.
    public var roots: [String]
    /// Every file's record, sorted by path.
    public var records: [AuditRecord]

    /// Creates a report; `records` are sorted by path.
    public init(tool: String = "disclose", generatedAt: String, roots: [String], records: [AuditRecord]) {
        self.tool = tool
        self.generatedAt = generatedAt
        self.roots = roots
        self.records = records.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// How many files have each status (every status present, zero where none).
    public var counts: [(status: AuditStatus, count: Int)] {
        var tally: [AuditStatus: Int] = [:]
        for record in records { tally[record.status, default: 0] += 1 }
        return AuditStatus.allCases.map { ($0, tally[$0] ?? 0) }
    }
}
