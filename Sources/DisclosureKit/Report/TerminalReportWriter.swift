import Foundation

/// For people at a terminal: a summary table by status, then the files that have something
/// to show (findings, declarations, failed checks, errors, or a reason a person should look,
/// ``AuditRecord/attentionReasons``), each with its details, then paths that could not be read,
/// how many files were excluded, how many were not listed and how to list them, and the
/// standing note. With ``verbose`` every file is listed.
///
/// Text from audited files is made printable first: control characters become `\u{..}`
/// escapes, so a file name or excerpt cannot move the cursor or change colours.
public struct TerminalReportWriter: AuditReportWriter {
    /// Use ANSI colour and bold.
    public var colour: Bool
    /// List every file, not only those with something to show.
    public var verbose: Bool

    /// Creates the writer.
    public init(colour: Bool = false, verbose: Bool = false) {
        self.colour = colour
        self.verbose = verbose
    }

    /// The report as UTF-8 text ending with a line feed.
    public func render(_ report: AuditReport) throws -> Data {
        Data(text(report).utf8)
    }

    /// True when the terminal report lists `record` without `--verbose`.
    public static func lists(_ record: AuditRecord) -> Bool {
        record.reportListsIndividually || !record.attentionReasons.isEmpty || !record.notes.isEmpty
    }

    /// The report as text.
    public func text(_ report: AuditReport) -> String {
        var out = summary(report)
        let listed = verbose ? report.records : report.records.filter(Self.lists)
        for record in listed {
            out += "\n" + details(record)
        }
        for failure in report.rootFailures {
            out += "\n" + style(ReportText.printable(failure.path), .bold) + "  " + style("not found", .red) + "\n"
                + "  error: \(ReportText.printable(failure.reason))\n"
        }
        if let excluded = report.excludedPhrase { out += "\n\(excluded).\n" }
        let unlisted = report.records.count - listed.count
        if unlisted > 0 {
            let need = unlisted == 1 ? "needs" : "need"
            out += "\n\(Plural.count(unlisted, "file")) \(need) no attention and \(unlisted == 1 ? "is" : "are") not listed; add --verbose to list \(unlisted == 1 ? "it" : "them").\n"
        }
        out += "\n" + style("Note:", .bold) + " " + AuditReport.standingNote + "\n"
        return out
    }

    func summary(_ report: AuditReport) -> String {
        let files = report.records.count
        let roots = report.roots.map(ReportText.printable).joined(separator: ", ")
        var out = style("Audit of \(files) file\(files == 1 ? "" : "s")", .bold)
        if !roots.isEmpty { out += " in \(roots)" }
        out += " (\(ReportText.printable(report.tool)), \(ReportText.printable(report.generatedAt)))\n\n"
        let width = AuditStatus.allCases.map(\.rawValue.count).max()! + 2
        let countWidth = max(5, String(files).count)
        out += "  " + style(pad("Status", width) + leftPad("Files", countWidth), .bold) + "\n"
        for (status, count) in report.counts {
            let name = pad(status.rawValue, width)
            out += "  " + (count > 0 ? style(name, TerminalReportWriter.colour(of: status)) : name)
                + leftPad(String(count), countWidth) + "\n"
        }
        out += "  " + pad("total", width) + leftPad(String(files), countWidth) + "\n"
        return out
    }

    func details(_ record: AuditRecord) -> String {
        var head = style(ReportText.printable(record.path), .bold) + "  "
            + style(record.status.rawValue, TerminalReportWriter.colour(of: record.status))
        if let format = record.format { head += " (\(format))" }
        var out = head + "\n"
        for reason in record.attentionReasons {
            out += "  " + style("to look at:", .yellow) + " \(ReportText.printable(reason))\n"
        }
        if let error = record.error {
            out += "  error: \(ReportText.printable(error))\n"
        }
        for note in record.notes {
            out += "  note: \(ReportText.printable(note))\n"
        }
        if let disclosure = record.disclosure {
            out += "  disclosure: \(ReportText.printable(disclosure.reportStatement))\n"
        }
        // A policy rule not met is already a "to look at" line, in the same words.
        for check in record.reportFailedChecks where !check.id.hasPrefix("policy.") {
            var line = "  failed check " + style(check.id.rawValue, .red) + ": " + ReportText.printable(check.message)
            if let loc = check.location { line += " (\(ReportText.printable(loc.plainWords)))" }
            out += line + "\n"
        }
        for d in record.declarations {
            out += "  declaration \(ReportText.printable(d.kind.rawValue)) \(ReportText.printable(d.location.terminalWords)): “\(ReportText.printable(d.quote))”\n"
            if !d.explanation.isEmpty { out += "      \(ReportText.printable(d.explanation))\n" }
        }
        for f in record.findings {
            let strength = pad(f.strength.rawValue, 9)
            out += "  " + (f.strength == .strong ? style(strength, .bold) : strength)
                + style(ReportText.printable(f.signal.rawValue), .cyan) + " " + ReportText.printable(f.location.terminalWords) + "\n"
            if !f.excerpt.isEmpty { out += "      “\(ReportText.printable(f.excerpt))”\n" }
            let explanation = f.reportExplanation
            if !explanation.isEmpty { out += "      \(ReportText.printable(explanation))\n" }
        }
        return out
    }

    enum Style: String {
        case bold = "1", red = "31", green = "32", yellow = "33", cyan = "36", dim = "2"
    }

    static func colour(of status: AuditStatus) -> Style {
        switch status {
        case .disclosedVerified: return .green
        case .disclosedWithProblems, .unreadable: return .red
        case .declaredNoAI, .declaredAIUse, .declaredUnclear: return .cyan
        case .undisclosedWithSignals: return .yellow
        case .undisclosed, .unsupported: return .dim
        }
    }

    func style(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m" + text + "\u{1B}[0m" : text
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
