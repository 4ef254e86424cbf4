import Foundation

/// The rules of a SARIF run: one per signal found (catalogue descriptor when there is one,
/// else the first finding's own explanation), then one per failed check, each sorted by id.
struct SARIFRules {
    var rules: [SARIF.Rule] = []
    var index: [String: Int] = [:]

    static func checkRuleID(_ checkID: CheckID) -> String { "check/" + checkID.rawValue }

    init(_ report: AuditReport) {
        var signals: [String: Finding] = [:]
        var checks: Set<CheckID> = []
        for record in report.records {
            for finding in record.findings where signals[finding.signal.rawValue] == nil { signals[finding.signal.rawValue] = finding }
            for check in record.reportFailedChecks { checks.insert(check.id) }
        }
        for id in signals.keys.sorted() {
            let first = signals[id]!
            let descriptor = SignalCatalogue.descriptor(id: id)
            let strength = descriptor?.strength ?? first.strength
            var help = AuditReport.standingNote
            if let fp = descriptor?.falsePositives, !fp.isEmpty {
                help = "Known situations where this appears without AI involvement: \(fp) " + help
            }
            var properties: [String: JSONValue] = ["strength": .string(strength.rawValue),
                                                   "tags": .array([.string("ai-disclosure"), .string("evidence")])]
            if let family = descriptor?.family { properties["family"] = .string(family) }
            add(SARIF.Rule(
                id: id, name: nil, shortDescription: .init(text: descriptor?.title ?? id),
                fullDescription: .init(text: descriptor?.rationale ?? first.reportExplanation),
                help: .init(text: help),
                defaultConfiguration: .init(level: strength == .strong ? "warning" : "note"),
                properties: properties))
        }
        for id in checks.sorted() {
            add(SARIF.Rule(
                id: SARIFRules.checkRuleID(id), name: nil,
                shortDescription: .init(text: "Disclosure check \(id) failed"),
                fullDescription: .init(text: "The file carries a Disclose disclosure and verify's \(id) check failed on it: the label no longer matches the document or is incomplete. Run disclose verify on the file for details."),
                help: .init(text: "Run disclose verify on the file; restamp it once the disclosure is correct."),
                defaultConfiguration: .init(level: "error"),
                properties: ["tags": .array([.string("ai-disclosure"), .string("verify")])]))
        }
    }

    private mutating func add(_ rule: SARIF.Rule) {
        index[rule.id] = rules.count
        rules.append(rule)
    }
}
