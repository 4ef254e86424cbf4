internal import DisclosureKit
import Foundation

/// What every test target shares: where the repository and its fixtures are, fresh temporary
/// folders, fixture copies, and one way to run a program. End-to-end tests, the library's tests
/// and the web app's tests all use these, so a fix here (a deadlock, a leaked folder) is made once.
public enum TestRepository {
    /// The repository root, found from this file's path (`Tests/DiscloseTestSupport/…`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` in the repository.
    public static var fixtures: URL { root.appendingPathComponent("Fixtures") }

    /// `../shared/corpus` beside the repository: real-world documents that optional tests read
    /// when present (never copied into the project).
    public static var corpus: URL { root.deletingLastPathComponent().appendingPathComponent("shared/corpus") }

    /// True when the shared corpus folder is there.
    public static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// A fresh, empty temporary folder whose name starts with `prefix`; the caller removes it.
    public static func temporaryFolder(prefix: String = "disclose-tests-") throws -> String {
        let path = NSTemporaryDirectory() + prefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies `Fixtures/<relative>` into `folder`, keeping its name, and returns the copy's path.
    public static func copyFixture(_ relative: String, to folder: String) throws -> String {
        let source = fixtures.appendingPathComponent(relative)
        let destination = folder + "/" + source.lastPathComponent
        try FileManager.default.copyItem(atPath: source.path, toPath: destination)
        return destination
    }
}

/// What a finished program printed and how it ended.
public struct ProcessOutput: Sendable {
    public var stdout: String
    public var stderr: String
    /// The exit status; 128 + the signal's number when a signal ended it (137 after the time limit).
    public var exitCode: Int32
    /// True when the program was stopped because it ran past its time limit.
    public var timedOut: Bool
}

/// Runs programs for tests. Standard output and standard error are read at the same time, so a
/// program that fills one pipe while the test waits on the other cannot block; a program that
/// runs past `timeout` is terminated and reported, never left hanging.
public enum ProcessRunner {
    /// Finds `tool` on PATH.
    public static func path(of tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in paths {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, in `directory`, with `environment` added to this
    /// process's own, and `input` on its standard input (nothing when nil).
    public static func run(_ executable: URL, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String] = [:], input: Data? = nil, timeout: Double = 600) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        // Set from the watchdog and this thread, read from both.
        let stopped = Locked(false), finished = Locked(false)
        let pid = process.processIdentifier
        // A thread of its own, so a busy dispatch pool cannot delay the limit.
        let watchdog = Thread {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if finished.current { return }
                usleep(20_000)
            }
            if !finished.current { stopped.withLock { $0 = true }; kill(pid, SIGKILL) }
        }
        watchdog.start()
        defer { finished.withLock { $0 = true } }
        // Standard error is read on a thread of its own and handed over once it is complete.
        let errData = Locked(Data()), errRead = DispatchSemaphore(value: 0)
        let reading = Thread {
            let bytes = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = bytes }
            errRead.signal()
        }
        reading.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errRead.wait()
        let errBytes = errData.current
        process.waitUntilExit()
        // A program ended by a signal reports 128 + the signal, as a shell does.
        let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessOutput(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errBytes, as: UTF8.self),
                             exitCode: code, timedOut: stopped.current)
    }

    /// Runs the program named `tool` (found on PATH).
    public static func run(tool: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String] = [:], input: Data? = nil, timeout: Double = 600) throws -> ProcessOutput {
        try run(URL(fileURLWithPath: path(of: tool) ?? tool), arguments, in: directory, environment: environment, input: input, timeout: timeout)
    }
}
