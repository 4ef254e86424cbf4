import ArgumentParser
import DisclosureKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `disclose report`: work with audit reports.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with audit reports.",
        subcommands: [Merge.self])
}

extension Report {
    /// `disclose report merge`: JSON Lines shards in, one report in any format out.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Combine JSON Lines shards from 'disclose audit --shard K/N' into one report.",
            discussion: """
                Reads the shards written by disclose audit --shard K/N --format jsonl and writes \
                one report, sorted by path, in any format. Header lines are skipped. A path found in \
                two shards is an error naming both, and a line that is not an audit record is an \
                error naming its file and line; nothing is written then. See docs/reports.md.

                EXIT CODES
                  0  the report was written
                  2  usage error: no shard, a shard given twice, a wrong option
                  3  a shard could not be read, has a malformed line, or overlaps another
                  4  the output file could not be written
                """)

        @Argument(help: ArgumentHelp("The JSON Lines shards.", valueName: "shard.jsonl"))
        var shards: [String] = []

        @Option(help: ArgumentHelp("Report format: \(AuditReportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: terminal).", valueName: "format"),
                transform: { try Merge.parseFormat($0) })
        var format: AuditReportFormat = .terminal

        @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
        var output: String?

        static func parseFormat(_ text: String) throws -> AuditReportFormat {
            guard let format = AuditReportFormat(rawValue: text) else {
                throw ValidationError("unknown format \"\(text)\". Use one of \(AuditReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return format
        }

        func validate() throws {
            if shards.isEmpty {
                throw ValidationError("give at least one shard file (from disclose audit --shard K/N --format jsonl).")
            }
        }

        func run() throws {
            let report: AuditReport
            do {
                report = try ReportMerger().merge(files: shards, fallbackGeneratedAt: UTCTimestamp.string())
            } catch let error as ReportMergeError {
                Output.error(error.description)
                throw ExitCode(error.exitCode)
            }
            let colour = output == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let workbook = output.map { ($0 as NSString).pathExtension.lowercased() == "xlsx" } ?? false
            let data = try format.writer(options: AuditReportOptions(colour: colour, workbook: workbook && format == .register)).render(report)
            if let output {
                try AtomicWriter.write(data, to: output)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
