import ArgumentParser
import DisclosureKit
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Work with an organisation's AI policy.",
        subcommands: [PolicyCheckCommand.self, PolicyShowCommand.self])
}

struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the policy in force, readably: tools, tasks, approvals and contact.",
        discussion: """
            Reads the policy named with --policy, else the one in .disclose.toml, checks it as \
            every command does, and prints its tools (with roles, purposes, data classes and DPIA \
            references), tasks, exceptions approved in advance, banned purposes and contact, each \
            with the line it is on. See docs/policy.md.
            """)

    @OptionGroup var source: PolicyOptions

    func run() throws {
        guard let policy = try source.load() else {
            throw ValidationError("no policy is in force here: give --policy (or set `policy` in .disclose.toml; `disclose init` writes one).")
        }
        Output.stdout(policy.summary)
    }
}

struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Hold documents' disclosures against an organisation's AI policy.",
        discussion: """
            Prints one line per policy rule and file: pass, fail, warn or not-applicable, with a \
            reason and the policy line it rests on. Rules: \(PolicyCheck.rules.map { $0.id }.joined(separator: ", ")). \
            A document without a declaration fails only when the policy requires one. \
            Exits 1 when any rule fails. See docs/policy.md.

            Example:
              disclose policy check submissions/*.docx --policy disclose-policy.toml --task y10-history-essay
            """)

    @Argument(help: ArgumentHelp("The documents to check (\(FormatRegistry.standard.extensionList) files)."))
    var files: [String]

    @OptionGroup var source: PolicyOptions

    @Option(help: ArgumentHelp("The task every document should be made for (a [[tasks]] id in the policy).", valueName: "id"))
    var task: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Flag(help: "Over several files, list every file, not only those that need attention.")
    var verbose = false

    @OptionGroup(title: "Signatures")
    var signatures: TrustOptions

    static let labels = PerFileReport.Labels(passed: "meet the policy", warned: "meet it with warnings", failed: "do not meet it",
                                             one: .init(passed: "meets the policy", warned: "meets it with warnings", failed: "does not meet it"))

    func run() throws {
        guard let policy = try source.load() else {
            throw ValidationError("name the policy with --policy (or set `policy` in .disclose.toml; `disclose init` writes one).")
        }
        try PolicyOptions.checkTask(task, in: policy)
        let signatureCheck = try signatures.makeCheck(config: try PolicyOptions.config(), policy: policy)
        let checker = PolicyChecker(policy: policy, expectedTask: task, earlierChecks: [signatureCheck])
        try PerFileReport.run(files, format: format, verbose: verbose, labels: PolicyCheckCommand.labels,
                              check: { try checker.check(path: $0) }, outcome: { PerFileReport.outcome(of: $0.results) },
                              text: { PolicyCheckCommand.text($0, policy: policy, everyRule: verbose || files.count == 1) },
                              json: { report in
                                  var verification = report.verification
                                  verification.checks = report.results
                                  return VerificationJSON(verification)
                              })
    }

    /// The file's lines: every rule when `everyRule`, else only the rules that failed or warned
    /// (over many files, the rest would bury them) and a count of the others.
    static func text(_ report: PolicyReport, policy: Policy, everyRule: Bool = true) -> String {
        let width = (report.results.map(\.id.rawValue.count).max() ?? 0) + 2
        var out = ""
        let shown = everyRule ? report.results : report.results.filter { $0.status == .fail || $0.status == .warn }
        for result in shown {
            let status = result.status.rawValue.column(15)
            out += "\(report.path): \(status)\(result.id.rawValue.column(width))\(result.message)\n"
        }
        let others = report.results.count - shown.count
        if others > 0 {
            out += "\(report.path): \(others) other rule\(others == 1 ? "" : "s") met or not applicable (--verbose lists them)\n"
        }
        let failed = report.results.filter { $0.status == .fail }.count
        let name = policy.id + (policy.version.map { " version \($0)" } ?? "")
        out += failed == 0
            ? "\(report.path): meets the policy \(name)\n"
            : "\(report.path): \(failed) policy rule\(failed == 1 ? "" : "s") of \(name) not met\n"
        return out
    }
}
