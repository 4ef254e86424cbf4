import DisclosureKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error, shown only when standard error is a terminal.
/// The walk streams, so the total is not known in advance: it shows files done and the rate.
final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var lastDraw = Date.distantPast
    }
    private let state = Locked(State())
    private let start = Date()
    private let enabled: Bool

    /// A bar that draws only when standard error is a terminal.
    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Counts one finished file and redraws at most ten times a second.
    func tick(_ status: String) {
        guard enabled else { return }
        state.withLock { state in
            state.done += 1
            let now = Date()
            guard now.timeIntervalSince(state.lastDraw) >= 0.1 else { return }
            state.lastDraw = now
            let rate = Double(state.done) / max(now.timeIntervalSince(start), 0.001)
            let spinner = ["|", "/", "-", "\\"][state.done / 7 % 4]
            Output.stderr("\r\u{1B}[2K\(spinner) auditing: \(Plural.count(state.done, "file")) done, \(Int(rate)) per second (last: \(status))")
        }
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        state.withLock { _ in Output.stderr("\r\u{1B}[2K") }
    }
}
