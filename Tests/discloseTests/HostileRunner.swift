import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built binary on hostile input with a time limit, and measures its peak memory
/// with `/usr/bin/time` when that is installed.
struct BoundedRun {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    /// Peak resident memory in KiB, when measured.
    var peakKiB: Int?
    var timedOut: Bool

    static let timeTool = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    /// Runs `disclose arguments`, killing it after `limit` seconds.
    static func run(_ arguments: [String], limit: Double = 30, prefix: [String] = []) throws -> BoundedRun {
        let process = Process()
        var args = prefix
        let marker = "disclose-peak-kib="
        if let timeTool = timeTool {
            args = [timeTool, "-f", marker + "%M"] + args
        }
        args += [CLI.binary.path] + arguments
        process.executableURL = URL(fileURLWithPath: args[0])
        process.arguments = Array(args.dropFirst())
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let started = Date()
        try process.run()
        final class Captured: @unchecked Sendable { var data = Data() }
        let outBox = Captured(), errBox = Captured()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        var timedOut = false
        if group.wait(timeout: .now() + limit) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            // /usr/bin/time's child: kill the whole group of our direct child's children too.
            kill(-process.processIdentifier, SIGKILL)
            group.wait()
        }
        process.waitUntilExit()
        let outData = outBox.data, errData = errBox.data
        var stderr = String(decoding: errData, as: UTF8.self)
        var peak: Int?
        if let range = stderr.range(of: marker, options: .backwards) {
            peak = Int(stderr[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))
            stderr = String(stderr[..<range.lowerBound])
        }
        // /usr/bin/time prints "Command exited with non-zero status N" before its line.
        stderr = stderr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("Command exited with non-zero status") && !$0.hasPrefix("Command terminated by signal") }
            .joined(separator: "\n")
        return BoundedRun(exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: stderr, seconds: Date().timeIntervalSince(started), peakKiB: peak, timedOut: timedOut)
    }
}
