import DisclosureKit
import Foundation

/// The first write error seen by concurrent workers.
final class WriteFailure: Sendable {
    private let first = Locked<DisclosureError?>(nil)

    func record(_ error: Error) {
        first.withLock { first in
            if first == nil {
                first = (error as? DisclosureError) ?? .writeFailed(path: "standard output", reason: error.localizedDescription)
            }
        }
    }

    var error: DisclosureError? {
        first.current
    }
}

/// The fallback report: counts by status, then each file that is not plainly undisclosed or verified.
enum PlainSummary {
    static func render(_ report: AuditReport) -> String {
        var out = ""
        for record in report.records where record.status != .undisclosed && record.status != .disclosedVerified {
            var detail = record.error ?? ""
            if detail.hasPrefix(record.path + ": ") { detail.removeFirst(record.path.count + 2) }
            if record.status == .disclosedWithProblems { detail = "failed: " + record.failedChecks.joined(separator: ", ") }
            if record.status.isDeclaredAnotherWay { detail = record.declarations.map(\.kind.rawValue).joined(separator: ", ") }
            if record.status == .undisclosedWithSignals { detail = record.findings.map { "\($0.signal) (\($0.strength.rawValue))" }.joined(separator: ", ") }
            out += "\(record.path): \(record.status.rawValue)" + (detail.isEmpty ? "" : ": \(detail)") + "\n"
        }
        if !out.isEmpty { out += "\n" }
        for (status, count) in report.counts {
            out += status.rawValue.column(26) + "\(count)\n"
        }
        out += "total".column(26) + "\(report.records.count)\n\n"
        out += AuditReport.standingNote + "\n"
        return out
    }
}
