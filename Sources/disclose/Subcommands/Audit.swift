import ArgumentParser
import DisclosureKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit folders: give every file one status, with the evidence for it.",
        discussion: """
            Statuses: disclosed-verified, disclosed-with-problems, declared-no-ai, \
            declared-ai-use, declared-unclear, undisclosed-with-signals, undisclosed, unsupported, unreadable. Signals are evidence \
            for a person to review, not proof of misconduct, and files without signals may still \
            have been made with AI.

            Symbolic links inside folders are not followed unless --follow-symlinks. Paths \
            matching --exclude or a .discloseignore file (gitignore syntax) are skipped. Results \
            are cached (see --cache), so re-auditing a share where little changed is near-free.
            --shard K/N audits a stable 1/N of the files; see docs/scale.md.

            EXIT CODES
              0  no file has a --fail-on status
              1  some file has a --fail-on status (default: disclosed-with-problems)
              2  usage error: a wrong option or value
              3  a path given could not be read at all
              4  the report could not be written
            """)

    @Argument(help: "Folders and files to audit.")
    var paths: [String]

    @Option(help: ArgumentHelp("Report format: \(AuditReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"),
            transform: { try Audit.parseFormat($0) })
    var format: AuditReportFormat = .terminal

    @Option(help: ArgumentHelp("Write the report here instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("How many files to audit at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("The weakest signal that on its own makes a file undisclosed-with-signals: weak, moderate or strong.", valueName: "strength"),
            transform: { try Audit.parseStrength($0) })
    var minStrength: SignalStrength = .moderate

    @Option(help: ArgumentHelp("Statuses that make the audit exit 1, comma-separated, or none.", valueName: "statuses"),
            transform: { try FailOn(parsing: $0) })
    var failOn: FailOn = .default

    @Option(help: ArgumentHelp("Skip paths matching this pattern (gitignore syntax, relative to each folder given; repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "List every file in the terminal report, not only those that need attention or have something to show.")
    var verbose = false

    @Flag(help: "Follow symbolic links inside folders (loops are detected and reported).")
    var followSymlinks = false

    @Option(help: ArgumentHelp("Audit only shard K of N (1 <= K <= N), chosen by a stable hash of each path.", valueName: "K/N"),
            transform: { try Shard(parsing: $0) })
    var shard: Shard = .all

    @Option(help: ArgumentHelp("The cache file (default: $XDG_CACHE_HOME/disclose/audit.sqlite or ~/.cache/disclose/audit.sqlite).", valueName: "path"))
    var cache: String?

    @Flag(help: "Do not use or update the cache.")
    var noCache = false

    @OptionGroup(title: "Signatures")
    var signatures: TrustOptions

    @OptionGroup var policy: PolicyOptions

    @Option(help: ArgumentHelp("The task every file was made for (a [[tasks]] id in the policy), for a folder of one task's submissions.", valueName: "id"))
    var task: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1; you gave \(jobs).") }
        if noCache && cache != nil { throw ValidationError("--cache and --no-cache cannot be used together.") }
        if writesWorkbook && format != .register {
            throw ValidationError("--output \(output ?? "") is an XLSX workbook, which only the register is written as; add --format register, or give a file name for the \(format.rawValue) report.")
        }
    }

    /// True when `--output` names an XLSX workbook.
    var writesWorkbook: Bool { output.map { ($0 as NSString).pathExtension.lowercased() == "xlsx" } ?? false }

    /// The library settings. Policy and signature checks go in `additionalChecks`, with a
    /// fingerprint of their settings (policy file digest, trust store) in `settingsFingerprint`.
    func makeOptions() throws -> AuditOptions {
        var options = AuditOptions(walk: WalkOptions(followSymlinks: followSymlinks, exclude: exclude),
                                   minStrength: minStrength, shard: shard, toolVersion: DiscloseVersion.string)
        if let jobs { options.jobs = jobs }
        let loadedPolicy = try policy.load()
        let config = try PolicyOptions.config()
        let trust = signatures.settings.adding(config: config, policy: loadedPolicy)
        try PolicyOptions.checkTask(task, in: loadedPolicy)
        options.apply(policy: loadedPolicy, trust: trust, signatureCheck: try signatures.makeCheck(config: config, policy: loadedPolicy), task: task)
        return options
    }

    func run() throws {
        let auditCache = noCache ? nil : AuditCache(path: cache ?? AuditCache.defaultPath())
        let stream = format == .jsonl ? try output.map { try JSONLinesStream(path: $0) } ?? JSONLinesStream() : nil
        try stream?.writeHeader(ReportHeader(tool: "disclose \(DiscloseVersion.string)", generatedAt: UTCTimestamp.string(), roots: paths))
        var options = try makeOptions()
        // The audit's own files are never audited, wherever they are.
        let ownFiles = [output, auditCache?.path].compactMap { $0 }.flatMap { [$0, $0 + "-journal", $0 + "-wal"] }
        options.walk.skipFiles = Set(ownFiles.compactMap { FileWalker.identity(of: $0) })
        let auditor = Auditor(options: options, cache: auditCache)
        let progress = ProgressBar()
        let summary: AuditSummary
        var exitCode: Int32 = 0
        if let stream {
            let failure = WriteFailure()
            summary = auditor.stream(paths, onResult: { result in
                do { try stream.write(result) } catch { failure.record(error) }
                progress.tick(result.status.rawValue)
            })
            progress.finish()
            do { try stream.finish(summary: ReportSummaryLine(summary)) } catch { failure.record(error) }
            if let error = failure.error { Output.error(error.description); exitCode = 4 }
        } else {
            let collected = AuditRecordCollector()
            summary = auditor.run(paths) { record in
                collected.append(record)
                progress.tick(record.status.rawValue)
            }
            progress.finish()
            let report = AuditReport(tool: "disclose \(DiscloseVersion.string)", generatedAt: UTCTimestamp.string(),
                                     roots: paths, records: collected.records, summary: summary)
            exitCode = max(exitCode, render(report))
        }
        for note in summary.notes { Output.note("note: \(note)") }
        for failure in summary.rootFailures { Output.error(failure.reason) }
        if !summary.rootFailures.isEmpty { exitCode = max(exitCode, 3) }
        if summary.matches(failOn: failOn) { exitCode = max(exitCode, 1) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    /// Renders the finished report with the format's writer, or a plain summary when that
    /// writer is not available; returns 4 when writing fails.
    func render(_ report: AuditReport) -> Int32 {
        let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
        let colour = toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var data: Data
        do {
            data = try format.writer(options: AuditReportOptions(colour: colour, verbose: verbose, workbook: writesWorkbook)).render(report)
        } catch {
            if format != .terminal { Output.note("note: \(error.localizedDescription) Showing a plain summary instead.") }
            data = Data(PlainSummary.render(report).utf8)
        }
        guard let output else {
            Output.stdout(String(decoding: data, as: UTF8.self))
            return 0
        }
        do {
            try AtomicWriter.write(data, to: output)
            return 0
        } catch {
            Output.error((error as? DisclosureError)?.description ?? "\(output): \(error.localizedDescription)")
            return 4
        }
    }

    @Sendable static func parseFormat(_ text: String) throws -> AuditReportFormat {
        guard let format = AuditReportFormat(rawValue: text) else {
            throw ValidationError("unknown format \"\(text)\"; use one of \(AuditReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return format
    }

    @Sendable static func parseStrength(_ text: String) throws -> SignalStrength {
        guard let strength = SignalStrength(rawValue: text) else {
            throw ValidationError("unknown strength \"\(text)\"; use weak, moderate or strong.")
        }
        return strength
    }
}
