import ArgumentParser
import DisclosureKit
import Foundation

/// Parses, runs and maps every outcome to the documented exit codes.
enum CommandRunner {
    static func run() -> Never {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let message = unknownCommand(arguments) {
                Output.error(message)
                exit(2)
            }
            var command: any ParsableCommand
            do {
                command = try DiscloseCommand.parseAsRoot(arguments)
            } catch {
                // An unknown option is named before any message about missing facts: when the
                // full parse fails, a structural parse without the facts checks goes first.
                // (Only on failure: a parse is a few milliseconds of every run's start-up.)
                FactOptions.checkFacts = false
                _ = try DiscloseCommand.parseAsRoot(arguments)
                FactOptions.checkFacts = true
                throw error
            }
            try command.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as any ExitCodedError {
            Output.error(error.description)
            exit(error.exitCode)
        } catch {
            let code = DiscloseCommand.exitCode(for: error)
            if code == .success {
                DiscloseCommand.exit(withError: error)
            }
            let message = DiscloseCommand.fullMessage(for: error)
            Output.stderr(message.hasSuffix("\n") ? message : message + "\n")
            exit(2)
        }
    }
}

extension CommandRunner {
    /// "unknown command 'audt'; did you mean 'audit'?" when the first argument is not a
    /// subcommand but is close to one; nil otherwise (the parser reports everything else).
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = DiscloseCommand.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let closest = names.map { ($0, editDistance($0, first)) }.min { $0.1 < $1.1 }
        let hint = closest.flatMap { $0.1 <= 2 ? "; did you mean '\($0.0)'?" : nil } ?? "."
        return "unknown command '\(first)'\(hint) See 'disclose --help' for the commands."
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let old = row[j]
                row[j] = a[i - 1] == b[j - 1] ? previous : min(previous, row[j], row[j - 1]) + 1
                previous = old
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

/// Writing to the terminal.
enum Output {
    static func stdout(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func line(_ text: String) { stdout(text + "\n") }

    static func error(_ text: String) { stderr("disclose: error: \(text)\n") }

    static func note(_ text: String) { stderr("disclose: \(text)\n") }
}

/// Tracks the exit code across several files: the highest wins.
struct ExitTracker {
    private(set) var code: Int32 = 0

    mutating func record(_ value: Int32) { code = max(code, value) }

    mutating func record(_ error: Error, path: String) {
        if let error = error as? any ExitCodedError {
            Output.error(error.description)
            record(error.exitCode)
        } else {
            Output.error("\(path): \(error.localizedDescription)")
            record(3)
        }
    }

    func finish() throws {
        if code != 0 { throw ExitCode(code) }
    }
}

extension String {
    /// `padding(toLength: width, withPad: " ", startingAt: 0)`: cut to `width` or filled with
    /// spaces to it. ASCII text (every column label and status) is done here; Foundation's
    /// `NSString` padding, whose first use cost every `verify` about 0.3 ms, does the rest.
    func column(_ width: Int) -> String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return padding(toLength: width, withPad: " ", startingAt: 0) }
        let count = utf8.count
        if count >= width { return String(utf8.prefix(width))! }
        return self + String(repeating: " ", count: width - count)
    }
}
