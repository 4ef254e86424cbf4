import Foundation

/// Decides a readable file's one ``AuditStatus`` from what verify and the evidence scanner found.
///
/// In order: a disclosure of ours → `disclosed-verified` when every check passes, else
/// `disclosed-with-problems`; otherwise declarations made another way → `declared-ai-use`,
/// `declared-no-ai` or `declared-unclear` (``declaredStatus(_:)``); otherwise a finding at or
/// above ``minStrength`` → `undisclosed-with-signals`; otherwise `undisclosed`.
public struct Classifier: Sendable {
    /// The weakest finding that counts on its own.
    public var minStrength: SignalStrength

    /// Creates a classifier.
    public init(minStrength: SignalStrength = .moderate) {
        self.minStrength = minStrength
    }

    /// The status of a file.
    /// - Parameters:
    ///   - stampFound: true when any part of a stamp of ours was found.
    ///   - checks: the verify checks (only consulted when a stamp was found).
    ///   - evidence: what the scanner found.
    public func status(stampFound: Bool, checks: [CheckResult], evidence: Evidence) -> AuditStatus {
        if stampFound {
            return checks.contains { $0.status == .fail } ? .disclosedWithProblems : .disclosedVerified
        }
        if let declared = Classifier.declaredStatus(evidence.declarations) { return declared }
        if evidence.findings.contains(where: { $0.strength >= minStrength }) { return .undisclosedWithSignals }
        return .undisclosed
    }

    /// The status that declarations made another way give a file, or nil when there are none.
    ///
    /// What the facts say, taken together (``DeclarationFacts/combined(_:)``): AI used →
    /// `declared-ai-use`; no AI used → `declared-no-ai`; unreadable either way → `declared-unclear`.
    /// A confirmation that says neither ("I confirm this is my own work") does not outweigh a
    /// statement that does; a declaration without facts counts as unclear.
    public static func declaredStatus(_ declarations: [Declaration]) -> AuditStatus? {
        guard !declarations.isEmpty else { return nil }
        switch DeclarationFacts.combinedUse(declarations.map { $0.facts?.aiUse ?? .unclear }) {
        case .used: return .declaredAIUse
        case .none: return .declaredNoAI
        case .unclear: return .declaredUnclear
        }
    }
}

extension AuditRecord {
    /// The ids of the checks that failed, for `disclosed-with-problems`.
    public var failedChecks: [String] {
        checks.filter { $0.status == .fail }.map(\.id.rawValue)
    }
}
