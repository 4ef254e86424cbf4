import Foundation

/// A value that several threads share, behind a lock: the one place in the package that vouches
/// for thread safety by hand (`@unchecked Sendable`), so that the classes sharing state between
/// the audit's workers, the stamping loop and the command line need not each do so with an
/// `NSLock` of their own. (`Mutex` from the Synchronization module would do the same, but needs
/// macOS 15 and the package supports macOS 13.)
///
/// ```swift
/// let counter = Locked(0)
/// DispatchQueue.concurrentPerform(iterations: 100) { _ in counter.withLock { $0 += 1 } }
/// ```
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Shares `value`.
    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value, holding the lock: no other thread reads or changes it meanwhile.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the value as it is now.
    package var current: Value {
        withLock { $0 }
    }
}
