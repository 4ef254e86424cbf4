import DisclosureKit
import Foundation

/// The per-file loop that `verify` and `policy check` share: check each file, print its text
/// or collect its JSON, and end with the highest exit code (1 when a check failed, the error's
/// code when a file could not be read). Over several files, the text lists only the files that
/// need attention (a failure, a warning, or a file that could not be read) unless `verbose`,
/// and ends with a summary counting files by outcome.
enum PerFileReport {
    /// What one file came to.
    enum Outcome: CaseIterable {
        case passed, warned, failed, unreadable
    }

    /// How a command names each outcome in its summary ("verified", "meet the policy", ...).
    struct Labels {
        /// The words after a count of one, where they differ ("1 meets the policy").
        struct Singular {
            var passed: String
            var warned: String
            var failed: String
        }

        var passed: String
        var warned: String
        var failed: String
        var unreadable = "could not be read"
        var one: Singular? = nil

        init(passed: String, warned: String, failed: String, one: Singular? = nil) {
            self.passed = passed
            self.warned = warned
            self.failed = failed
            self.one = one
        }

        func label(_ outcome: Outcome, count: Int = 2) -> String {
            if count == 1, let one {
                switch outcome {
                case .passed: return one.passed
                case .warned: return one.warned
                case .failed: return one.failed
                case .unreadable: return unreadable
                }
            }
            switch outcome {
            case .passed: return passed
            case .warned: return warned
            case .failed: return failed
            case .unreadable: return unreadable
            }
        }
    }

    static func run<Report>(_ files: [String], format: ReportFormat, verbose: Bool = false, labels: Labels,
                            check: (String) throws -> Report, outcome: (Report) -> Outcome, text: (Report) -> String,
                            json: (Report) -> VerificationJSON) throws {
        var tracker = ExitTracker()
        var collected: [VerificationJSON] = []
        var counts: [Outcome: Int] = [:]
        var hidden = 0
        let listAll = verbose || files.count == 1
        for file in files {
            do {
                let report = try check(file)
                let result = outcome(report)
                counts[result, default: 0] += 1
                if result == .failed { tracker.record(1) }
                switch format {
                case .text:
                    if listAll || result != .passed { Output.stdout(text(report)) } else { hidden += 1 }
                case .json: collected.append(json(report))
                }
            } catch let error as DisclosureError {
                counts[.unreadable, default: 0] += 1
                tracker.record(error.exitCode)
                switch format {
                case .text: Output.error(error.description)
                case .json: collected.append(VerificationJSON(path: file, error: error))
                }
            }
        }
        if format == .json { Output.line(try VerificationJSON.encode(collected)) }
        if format == .text && files.count > 1 {
            Output.stdout(summary(total: files.count, counts: counts, hidden: hidden, labels: labels))
        }
        try tracker.finish()
    }

    /// "30 files: 27 verified, 1 verified with warnings, 2 failed. 27 files that need no attention were not listed; give --verbose to list every file."
    static func summary(total: Int, counts: [Outcome: Int], hidden: Int, labels: Labels) -> String {
        let parts = Outcome.allCases.compactMap { outcome in counts[outcome].map { "\($0) \(labels.label(outcome, count: $0))" } }
        var out = "\(total) files: \(parts.joined(separator: ", ")).\n"
        if hidden > 0 {
            out += "\(hidden) \(hidden == 1 ? "file that needs" : "files that need") no attention \(hidden == 1 ? "was" : "were") not listed; give --verbose to list every file.\n"
        }
        return out
    }

    /// The outcome of a list of check results: failed, warned or passed.
    static func outcome(of checks: [CheckResult]) -> Outcome {
        if checks.contains(where: { $0.status == .fail }) { return .failed }
        return checks.contains { $0.status == .warn } ? .warned : .passed
    }
}
