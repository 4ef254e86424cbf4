import ArgumentParser
import DisclosureKit
import Foundation

/// The register named in `.disclose.toml`, for `stamp` and `register`.
enum RegisterOptions {
    /// The register `stamp` appends to, or nil when the config names none or nothing is written.
    static func open(config: DiscloseConfig, dryRun: Bool) throws -> AIUseRegister? {
        guard let path = config.register, !dryRun else { return nil }
        return try open(path)
    }

    /// Opens the register at `path`, printing the error and exiting with its code when it cannot be used.
    static func open(_ path: String, create: Bool = true) throws -> AIUseRegister {
        do { return try AIUseRegister(path: path, create: create) } catch let error as RegisterError {
            Output.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }

    /// The register given with `--register`, else the config's.
    static func resolve(_ given: String?) throws -> AIUseRegister {
        if let given { return try open(given, create: false) }
        guard let path = try PolicyOptions.config().register else {
            throw ValidationError("no AI-use register is named: add [register] path = \"…\" to .disclose.toml, or give --register FILE.")
        }
        return try open(path, create: false)
    }

    /// Runs `body`, printing a register error and exiting with its code.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as RegisterError {
            Output.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The AI-use register: a central record of every stamp.",
        discussion: """
            When .disclose.toml names a register ([register] path = "…"), every stamp appends a \
            record to it: when, who, the file and the SHA-256 of its stamped bytes, the facts, the \
            policy and its outcome, and the signing key. See docs/policy.md, "AI-use register".
            Exit code 6: the register is damaged, not a register, locked too long, or newer than \
            this version of Disclose; it is never replaced.
            """,
        subcommands: [List.self, Export.self, Check.self])

    struct Source: ParsableArguments {
        @Option(help: ArgumentHelp("The register file. Default: [register] path in .disclose.toml.", valueName: "register.sqlite"))
        var register: String?
    }

    struct Filters: ParsableArguments {
        @Option(help: ArgumentHelp("Only records made on or after this date (YYYY-MM-DD) or time (ISO 8601).", valueName: "date"))
        var since: String?

        @Option(help: ArgumentHelp("Only records naming this tool.", valueName: "name"))
        var tool: String?

        @Option(help: ArgumentHelp("Only records by this declarant.", valueName: "name"))
        var declarant: String?

        func validate() throws {
            if let since, DeclarationDate.problem(since) != nil {
                throw ValidationError("--since: \(DeclarationDate.problem(since)!).")
            }
        }

        var query: RegisterQuery { RegisterQuery(since: since, tool: tool, declarant: declarant) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the register's records, oldest first.")

        @OptionGroup var source: Source
        @OptionGroup var filters: Filters

        func run() throws {
            let register = try RegisterOptions.resolve(source.register)
            let records = try RegisterOptions.run { try register.records(filters.query) }
            for r in records {
                let tools = r.tools.isEmpty ? "no AI" : r.tools.joined(separator: "; ")
                let policy = r.policyID.map { " · \($0)\(r.policyVersion.map { " v\($0)" } ?? ""): \(r.outcome)" + (r.rulesNotMet.isEmpty ? "" : " (\(r.rulesNotMet.joined(separator: ", ")))") } ?? ""
                Output.line("\(r.time)  \(r.declarant)  \(r.path)")
                Output.line("  \(tools) · \(r.purposes.joined(separator: ", ")) · extent \(r.extent) · review \(r.review)\(policy)\(r.keyID.map { " · signed \($0.prefix(12))…" } ?? "")")
            }
            Output.line("\(records.count) record\(records.count == 1 ? "" : "s")")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the register's records as CSV, JSON Lines or an XLSX workbook.",
            discussion: "xlsx writes binary data: give --output FILE.xlsx rather than standard output to a terminal.")

        @OptionGroup var source: Source
        @OptionGroup var filters: Filters

        @Option(help: "csv, jsonl or xlsx.")
        var format: String

        @Option(help: ArgumentHelp("Write here instead of standard output (replaced atomically).", valueName: "file"))
        var output: String?

        func validate() throws {
            guard RegisterExportFormat(rawValue: format) != nil else {
                let names = RegisterExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--format: unknown format \"\(format)\". Use one of \(names).")
            }
        }

        func run() throws {
            let register = try RegisterOptions.resolve(source.register)
            let records = try RegisterOptions.run { try register.records(filters.query) }
            let data = try AIUseRegister.export(records, format: RegisterExportFormat(rawValue: format)!)
            if let output {
                try AtomicWriter.write(data, to: output)
                Output.note("wrote \(records.count) record\(records.count == 1 ? "" : "s") to \(output)")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compare a folder with the register.",
            discussion: "Lists stamped files with no register entry, and entries whose file has changed or gone since it was stamped. Exits 1 when it lists any.")

        @OptionGroup var source: Source

        @Argument(help: "The folder (or file) to check.")
        var folder: String

        func run() throws {
            let register = try RegisterOptions.resolve(source.register)
            let report = try RegisterOptions.run { try register.check(folder: folder) }
            for file in report.unregistered {
                Output.line("\(file.path): stamped, but not in the register")
            }
            for entry in report.changed {
                let what = entry.currentSHA256 == nil ? "is gone" : "has changed since it was stamped"
                Output.line("\(entry.record.path): \(what) (register entry \(entry.record.id ?? 0) of \(entry.record.time), by \(entry.record.declarant))")
            }
            for (path, reason) in report.unreadable {
                Output.note("\(path): could not be read: \(reason)")
            }
            Output.line("\(report.filesChecked) file\(report.filesChecked == 1 ? "" : "s") checked: \(report.unregistered.count) not in the register, \(report.changed.count) changed or gone")
            if !report.isClean { throw ExitCode(1) }
        }
    }
}
