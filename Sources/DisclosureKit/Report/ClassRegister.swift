import Foundation

/// The class register: one row per file, every file included, for a teacher reading a class's
/// submissions. Rendered as CSV (``RegisterCSVWriter``) or as an XLSX workbook (``XLSXWriter``).
/// See `docs/reports.md` for every column.
public struct ClassRegister: Sendable {
    /// The column names, in order.
    public static let columns = ["file", "person", "person_source", "status", "ai_use", "tools", "purposes",
                                 "pupil_words", "date", "where", "policy", "signals", "attention"]

    /// The rows, in the report's order (sorted by path).
    public var rows: [[String]]

    /// The register of `report`.
    public init(_ report: AuditReport) {
        rows = report.records.map { ClassRegister.row($0, roots: report.roots) }
            + report.rootFailures.map { ClassRegister.row(failure: $0) }
    }

    /// The row for a path given to the audit that could not be read at all.
    static func row(failure: AuditRootFailure) -> [String] {
        var cells = Array(repeating: "", count: columns.count)
        cells[0] = failure.path
        cells[2] = PersonSource.none.rawValue
        cells[3] = "not found"
        cells[10] = "not checked"
        cells[11] = "0"
        cells[12] = failure.reason
        return cells
    }

    /// The path below the audited root that holds it (the file name for a file given directly).
    static func relativePath(_ path: String, roots: [String]) -> String {
        for root in roots.map(FileWalker.normalise).sorted(by: { $0.count > $1.count }) where root != "." {
            if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
            if path == root { return (path as NSString).lastPathComponent }
        }
        return path
    }

    /// One record's cells, in ``columns`` order.
    static func row(_ record: AuditRecord, roots: [String]) -> [String] {
        let person = PersonName.person(relativePath: relativePath(record.path, roots: roots), author: record.author)
        let said = Said(record)
        return [record.path, person.name, person.source.rawValue, record.status.rawValue, said.aiUse,
                said.tools, said.purposes, said.words, said.date, said.place, policy(record), signals(record),
                record.attentionReasons.joined(separator: "; ")]
    }

    /// What the file declares: from our stamp, else from the first declaration read for facts,
    /// else from the first declaration.
    struct Said {
        var aiUse = "", tools = "", purposes = "", words = "", date = "", place = ""

        init(_ record: AuditRecord) {
            if let d = record.disclosure {
                aiUse = d.extent == .none && d.tools.isEmpty ? DeclarationFacts.AIUse.none.rawValue : DeclarationFacts.AIUse.used.rawValue
                tools = d.tools.map(\.name).joined(separator: "; ")
                purposes = d.purposes.map(\.rawValue).joined(separator: "; ")
                words = Said.cut(d.reportStatement)
                date = d.date
                place = "in the Disclose stamp"
                return
            }
            guard let declaration = record.declarations.first(where: { $0.facts != nil }) ?? record.declarations.first else { return }
            place = declaration.location.plainWords
            guard let facts = declaration.facts else {
                words = declaration.quote
                return
            }
            aiUse = facts.aiUse.rawValue
            tools = facts.tools.map(\.name).joined(separator: "; ")
            purposes = facts.purposes.map { p in
                guard let purpose = p.purpose else { return "“\(p.asWritten)”" }
                return p.asWritten.isEmpty ? purpose.rawValue : "\(purpose.rawValue) (“\(p.asWritten)”)"
            }.joined(separator: "; ")
            words = facts.words
            date = facts.date ?? ""
        }

        /// `text` folded and cut to ``DeclarationFacts/maxWords`` characters.
        static func cut(_ text: String) -> String {
            let folded = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
            return folded.count > DeclarationFacts.maxWords ? String(folded.prefix(DeclarationFacts.maxWords - 1)) + "…" : folded
        }
    }

    /// "meets", "does not meet: rule (message)", "meets, check by eye: rule" or "not checked".
    static func policy(_ record: AuditRecord) -> String {
        let checks = record.policyChecks.filter { $0.status != .notApplicable }
        guard !checks.isEmpty else { return "not checked" }
        if let failed = checks.first(where: { $0.status == .fail }) {
            let more = checks.filter { $0.status == .fail }.count - 1
            return "does not meet: \(failed.ruleName) (\(failed.message))" + (more > 0 ? " and \(more) more" : "")
        }
        let warned = checks.filter { $0.status == .warn }.map(\.ruleName)
        return warned.isEmpty ? "meets" : "meets, check by eye: " + warned.joined(separator: ", ")
    }

    /// "0", or the count and the strongest signal: "2, strongest moderate (Assistant opener)".
    static func signals(_ record: AuditRecord) -> String {
        guard let strongest = record.findings.max(by: { $0.strength < $1.strength }) else { return "0" }
        return "\(record.findings.count), strongest \(strongest.strength.rawValue) (\(strongest.signalTitle))"
    }
}

/// The class register as CSV: a UTF-8 byte order mark (so Excel reads accented names), the
/// header row, one row per file, formula injection neutralised as in ``CSVReportWriter``, then
/// the note row. The header row's first cell, `file`, together with the rest of
/// ``ClassRegister/columns``, is the marker that a later audit recognises.
public struct RegisterCSVWriter: AuditReportWriter {
    /// The UTF-8 byte order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Creates the writer.
    public init() {}

    /// The register as CSV bytes.
    public func render(_ report: AuditReport) throws -> Data {
        var out = CSVReportWriter.row(ClassRegister.columns)
        for row in ClassRegister(report).rows { out += CSVReportWriter.row(row) }
        var note = Array(repeating: "", count: ClassRegister.columns.count)
        note[0] = "# Note: " + AuditReport.standingNote
        out += CSVReportWriter.row(note)
        return Data(RegisterCSVWriter.byteOrderMark) + Data(out.utf8)
    }
}
