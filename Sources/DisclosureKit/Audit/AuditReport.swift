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
    /// Paths given to the audit that could not be read at all (a path that does not exist):
    /// every format shows them, not only standard error.
    public var rootFailures: [AuditRootFailure]
    /// Files left out by `--exclude` or `.discloseignore`.
    public var excludedFiles: Int
    /// Folders left out by `--exclude` or `.discloseignore` (their files are not counted).
    public var excludedFolders: Int

    /// Creates a report; `records` are sorted by path.
    /// - Parameters:
    ///   - summary: the run's summary, for the paths that could not be read and the counts of
    ///     files and folders excluded; nil for none.
    public init(tool: String = "disclose", generatedAt: String, roots: [String], records: [AuditRecord],
                summary: AuditSummary? = nil) {
        self.tool = tool
        self.generatedAt = generatedAt
        self.roots = roots
        self.records = records.sorted { UTF8Order.precedes($0.path, $1.path) }
        self.rootFailures = summary?.rootFailures ?? []
        self.excludedFiles = summary?.statistics.excludedFiles ?? 0
        self.excludedFolders = summary?.statistics.excludedFolders ?? 0
    }

    /// "36 files excluded", "1 file and 2 folders excluded", or nil when nothing was excluded.
    public var excludedPhrase: String? {
        Self.excludedPhrase(files: excludedFiles, folders: excludedFolders)
    }

    /// "36 files excluded", "1 file and 2 folders excluded", or nil when both are zero.
    public static func excludedPhrase(files: Int, folders: Int) -> String? {
        var pieces: [String] = []
        if files > 0 { pieces.append(Plural.count(files, "file")) }
        if folders > 0 { pieces.append(Plural.count(folders, "folder")) }
        return pieces.isEmpty ? nil : pieces.joined(separator: " and ") + " excluded (--exclude or .discloseignore)"
    }

    /// How many files have each status (every status present, zero where none).
    public var counts: [(status: AuditStatus, count: Int)] {
        var tally: [AuditStatus: Int] = [:]
        for record in records { tally[record.status, default: 0] += 1 }
        return AuditStatus.allCases.map { ($0, tally[$0] ?? 0) }
    }
}

/// Counts in words with the right plural: "1 file", "2 files".
public enum Plural {
    /// `n` and `noun`, with an `s` unless `n` is 1 (or `plural` when given).
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }
}
