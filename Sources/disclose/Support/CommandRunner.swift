import ArgumentParser
import DisclosureKit
import Foundation

/// Parses, runs and maps every outcome to the documented exit codes.
enum CommandRunner {
    static func run() -> Never {
        do {
            var command = try DiscloseCommand.parseAsRoot()
            try command.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as DisclosureError {
            Output.error(error.description)
            exit(error.exitCode)
        } catch let error as ProvenanceError {
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
        if let error = error as? DisclosureError {
            Output.error(error.description)
            record(error.exitCode)
        } else if let error = error as? ProvenanceError {
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
