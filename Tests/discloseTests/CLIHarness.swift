import DiscloseTestSupport
import Foundation
import Testing

/// Runs the built `disclose` binary and captures what it prints.
struct CLIResult {
    var stdout: String
    var stderr: String
    var exitCode: Int32
}

enum CLI {
    /// The package root.
    static let packageRoot: URL = TestRepository.root

    /// The built binary: next to the test bundle.
    static let binary: URL = {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("disclose"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("disclose"))
        for arg in CommandLine.arguments.prefix(1) {
            candidates.append(URL(fileURLWithPath: arg).deletingLastPathComponent().appendingPathComponent("disclose"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/disclose"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Runs `disclose` with `arguments` in `directory`.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        try run(executable: binary, arguments, in: directory, environment: environment)
    }

    /// Runs `executable` (through ``ProcessRunner``, which reads standard output and standard
    /// error at the same time, so a child that fills one pipe cannot block).
    static func run(executable: URL, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let output = try ProcessRunner.run(executable, arguments, in: directory, environment: environment)
        return CLIResult(stdout: output.stdout, stderr: output.stderr, exitCode: output.exitCode)
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String { try TestRepository.temporaryFolder(prefix: "disclose-e2e-") }

    /// Copies Fixtures/<relative> into `folder` and returns the copy's path.
    static func copyFixture(_ relative: String, to folder: String) throws -> String {
        try TestRepository.copyFixture(relative, to: folder)
    }

    static let sampleFacts = [
        "--tool", "Microsoft 365 Copilot", "--purpose", "drafting,summarising", "--extent", "partial",
        "--review", "edited", "--reviewer", "Head of Communications", "--declarant", "Jane Smith",
        "--organisation", "Example University", "--date", "2026-11-25",
    ]
}
