import Foundation
import Testing

/// Runs the built `disclose` binary and captures what it prints.
struct CLIResult {
    var stdout: String
    var stderr: String
    var exitCode: Int32
}

enum CLI {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), exitCode: process.terminationStatus)
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "disclose-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies Fixtures/<relative> into `folder` and returns the copy's path.
    static func copyFixture(_ relative: String, to folder: String) throws -> String {
        let source = packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative)
        let destination = folder + "/" + source.lastPathComponent
        try FileManager.default.copyItem(atPath: source.path, toPath: destination)
        return destination
    }

    static let sampleFacts = [
        "--tool", "Microsoft 365 Copilot", "--purpose", "drafting,summarising", "--extent", "partial",
        "--review", "edited", "--reviewer", "Head of Communications", "--declarant", "Jane Smith",
        "--organisation", "Example University", "--date", "2026-11-25",
    ]
}
