import Dispatch
import Foundation

/// Runs swift-certificates' asynchronous chain validation from synchronous verification code.
///
/// The work runs on a private serial queue (a task executor preference), never on the
/// cooperative thread pool, so blocking the caller cannot starve the pool even when many
/// verifications run in parallel.
enum BlockingAsync {
    private final class QueueExecutor: TaskExecutor {
        let queue = DispatchQueue(label: "disclose.provenance.chain-validation")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    private static let executor = QueueExecutor()

    /// Runs `body` and waits for its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        if #available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *) {
            Task(executorPreference: executor) {
                let value = await body()
                box.withLock { $0 = value }
                done.signal()
            }
        } else {
            // Before task executors (macOS 15): the global pool. Calling this from every
            // cooperative thread at once could then starve it; the CLI calls it from the main thread.
            Task.detached {
                let value = await body()
                box.withLock { $0 = value }
                done.signal()
            }
        }
        done.wait()
        return box.current!
    }
}
