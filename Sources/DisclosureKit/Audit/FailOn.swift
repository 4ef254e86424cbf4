import Foundation

/// Which statuses make an audit "match" for a CI gate (`--fail-on`): the CLI exits 1 when
/// any file has one of them.
public struct FailOn: Equatable, Sendable, CustomStringConvertible {
    /// The statuses that match; empty means report only.
    public var statuses: Set<AuditStatus>

    /// Creates a gate.
    public init(_ statuses: Set<AuditStatus>) {
        self.statuses = statuses
    }

    /// The default: fail when a disclosure of ours has problems.
    public static let `default` = FailOn([.disclosedWithProblems])
    /// Report only; never match.
    public static let none = FailOn([])

    /// Parses `none` or a comma-separated list of statuses (`disclosed-with-problems,unreadable`).
    /// `declared-other`, the status before it was split, still means all three of
    /// `declared-no-ai`, `declared-ai-use` and `declared-unclear`.
    /// - Throws: ``DisclosureError/invalidInput(_:)`` naming an unknown status and listing the valid ones.
    public init(parsing text: String) throws {
        let names = text.split(separator: ",").map { QuickTrim.whitespaces($0) }.filter { !$0.isEmpty }
        if names == ["none"] { self = .none; return }
        var statuses: Set<AuditStatus> = []
        for name in names {
            if name == AuditStatus.legacyDeclaredOther {
                statuses.formUnion(AuditStatus.declaredAnotherWay)
                continue
            }
            guard let status = AuditStatus(rawValue: name) else {
                let valid = AuditStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw DisclosureError.invalidInput("--fail-on: unknown status \"\(name)\"; use none or a comma-separated list of: \(valid) (declared-other means all three declared-* statuses).")
            }
            statuses.insert(status)
        }
        guard !statuses.isEmpty else {
            throw DisclosureError.invalidInput("--fail-on: give none or at least one status, e.g. --fail-on disclosed-with-problems.")
        }
        self.statuses = statuses
    }

    /// `none`, or the statuses in report order.
    public var description: String {
        statuses.isEmpty ? "none" : statuses.sorted().map(\.rawValue).joined(separator: ",")
    }

    /// True when any count for a gated status is above zero.
    public func matches(_ counts: [AuditStatus: Int]) -> Bool {
        statuses.contains { (counts[$0] ?? 0) > 0 }
    }
}

extension AuditReport {
    /// True when some file has a status `failOn` gates on (the CLI then exits 1).
    public func matches(failOn: FailOn) -> Bool {
        records.contains { failOn.statuses.contains($0.status) }
    }
}
