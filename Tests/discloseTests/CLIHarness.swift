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
        try run(executable: binary, arguments, in: directory, environment: environment)
    }

    /// Runs `executable`, reading its standard output and standard error at the same time, so a
    /// child that fills one pipe while the other is being read cannot block.
    static func run(executable: URL, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = PipeReader()
        let reading = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reading.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrBytes = errData.wait()
        process.waitUntilExit()
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: stderrBytes, as: UTF8.self), exitCode: process.terminationStatus)
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

/// The bytes one thread read, handed to another.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func set(_ value: Data) {
        data = value
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
