import DisclosureKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error, shown only when standard error is a terminal.
/// The walk streams, so the total is not known in advance: it shows files done and the rate.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var done = 0
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    /// A bar that draws only when standard error is a terminal.
    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Counts one finished file and redraws at most ten times a second.
    func tick(_ status: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        let spinner = ["|", "/", "-", "\\"][done / 7 % 4]
        Output.stderr("\r\u{1B}[2K\(spinner) auditing: \(Plural.count(done, "file")) done, \(Int(rate)) per second (last: \(status))")
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        Output.stderr("\r\u{1B}[2K")
    }
}
