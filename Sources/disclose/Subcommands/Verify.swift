import ArgumentParser
import DisclosureKit
import Foundation

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    // Listed with a closure: ArgumentParser's default maps a key path over the cases, and making
    // that key path for each type cost every run about 0.3 ms of the runtime's look-ups.
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}

enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    case httpHeader = "http-header"

    // Listed with a closure, as ReportFormat's are.
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that documents carry a complete, unaltered disclosure.",
        discussion: """
            Prints one line per check and file. Each check is pass, fail, warn or not-applicable, \
            with a reason. Checks: statement-present, metadata-present, metadata-valid, \
            statement-matches-metadata, content-binding, statement-visible, single-stamp \
            (and signature and policy.* checks when asked for). Exits 1 when any check fails.
            """)

    @Argument(help: "The documents to verify.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup(title: "Signatures")
    var signatures: TrustOptions

    @OptionGroup var policy: PolicyOptions

    @Option(help: ArgumentHelp("With a policy: the task every document should be made for (a [[tasks]] id in the policy).", valueName: "id"))
    var task: String?

    @Flag(help: "Over several files, list every file, not only those that need attention.")
    var verbose = false

    static let labels = PerFileReport.Labels(passed: "verified", warned: "verified with warnings", failed: "failed")

    func run() throws {
        let loadedPolicy = try policy.load()
        try PolicyOptions.checkTask(task, in: loadedPolicy)
        // The signature check runs before the policy's rules, so they can read its state.
        var checks: [any VerificationCheck] = [try signatures.makeCheck(config: try PolicyOptions.config(), policy: loadedPolicy)]
        if let loadedPolicy { checks.append(PolicyCheck(policy: loadedPolicy, expectedTask: task)) }
        let verifier = Verifier(additionalChecks: checks)
        try PerFileReport.run(files, format: format, verbose: verbose, labels: Verify.labels, check: { try verifier.verify(path: $0) },
                              outcome: { PerFileReport.outcome(of: $0.checks) }, text: Verify.text, json: VerificationJSON.init)
    }

    static func text(_ report: VerificationReport) -> String {
        let width = max(26, (report.checks.map(\.id.rawValue.count).max() ?? 0) + 2)
        var out = ""
        for check in report.checks {
            let status = check.status.rawValue.column(15)
            let id = check.id.rawValue.column(width)
            out += "\(report.path): \(status)\(id)\(check.message)\n"
            if let next = check.nextStep { out += "\(report.path): " + String(repeating: " ", count: 15) + "next step: \(next)\n" }
        }
        for warning in report.warnings {
            out += "\(report.path): note: \(warning)\n"
        }
        let failed = report.checks.filter { $0.status == .fail }.count
        let warned = report.checks.filter { $0.status == .warn }.count
        if failed == 0 {
            out += "\(report.path): verified" + (warned > 0 ? " with \(warned) warning\(warned == 1 ? "" : "s")" : "") + "\n"
        } else {
            out += "\(report.path): \(failed) check\(failed == 1 ? "" : "s") failed\n"
        }
        return out
    }
}
