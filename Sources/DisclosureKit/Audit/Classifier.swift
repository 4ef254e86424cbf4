import Foundation

/// Decides a readable file's one ``AuditStatus`` from what verify and the evidence scanner found.
///
/// In order: a disclosure of ours → `disclosed-verified` when every check passes, else
/// `disclosed-with-problems`; otherwise a declaration made another way → `declared-other`;
/// otherwise a finding at or above ``minStrength`` → `undisclosed-with-signals`; otherwise `undisclosed`.
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
        if !evidence.declarations.isEmpty { return .declaredOther }
        if evidence.findings.contains(where: { $0.strength >= minStrength }) { return .undisclosedWithSignals }
        return .undisclosed
    }
}

extension AuditRecord {
    /// The ids of the checks that failed, for `disclosed-with-problems`.
    public var failedChecks: [String] {
        checks.filter { $0.status == .fail }.map(\.id)
    }
}
