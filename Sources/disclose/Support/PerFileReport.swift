import DisclosureKit
import Foundation

/// The per-file loop that `verify` and `policy check` share: check each file, print its text
/// or collect its JSON, and end with the highest exit code (1 when a check failed, the error's
/// code when a file could not be read).
enum PerFileReport {
    static func run<Report>(_ files: [String], format: ReportFormat, check: (String) throws -> Report,
                            passed: (Report) -> Bool, text: (Report) -> String,
                            json: (Report) -> VerificationJSON) throws {
        var tracker = ExitTracker()
        var collected: [VerificationJSON] = []
        for file in files {
            do {
                let report = try check(file)
                if !passed(report) { tracker.record(1) }
                switch format {
                case .text: Output.stdout(text(report))
                case .json: collected.append(json(report))
                }
            } catch let error as DisclosureError {
                tracker.record(error.exitCode)
                switch format {
                case .text: Output.error(error.description)
                case .json: collected.append(VerificationJSON(path: file, error: error))
                }
            }
        }
        if format == .json { Output.line(try VerificationJSON.encode(collected)) }
        try tracker.finish()
    }
}
