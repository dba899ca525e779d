import Foundation

/// A thread of its own that runs blocking jobs (pipe reads and writes, waits) one after another, in order.
///
/// Why not a dispatch queue: a job may block for as long as a client is slow, and libdispatch caps its thread
/// pool, so a few dozen slow transfers could stall every other queue in the server. A worker's thread is only
/// its own, and it ends once `finish()` has been called and the jobs already submitted have run.
final class BlockingWorker: @unchecked Sendable {
    /// Small stacks: the jobs are shallow, and a busy server has a few of these per transfer.
    static let stackSize = 256 * 1024

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []  // guarded by `condition`
    private var finishing = false  // guarded by `condition`

    /// Starts the thread, named `name` (at most 15 bytes survive) for debuggers, `ps -L` and tests.
    init(name: String) {
        // The thread holds the worker until `finish()`; the worker does not hold the thread.
        let thread = Thread { [self] in
            Thread.current.name = Self.threadName(name)
            self.run()
        }
        thread.stackSize = Self.stackSize
        thread.start()
    }

    /// Runs `job` on the worker's thread after every job submitted before it. After `finish()` a job is refused
    /// (returns false) and never runs.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !finishing else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Submits `job` as the last one: later jobs are refused, and the thread ends after it. Returns false (and
    /// drops `job`) if the worker was already finished, which makes a closing job run at most once.
    @discardableResult
    func submitLast(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !finishing else { return false }
        jobs.append(job)
        finishing = true
        condition.signal()
        return true
    }

    /// Runs `body` once on a new thread of its own (with the same small stack), for a blocking loop that ends
    /// by itself.
    static func detach(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            Thread.current.name = threadName(name)
            body()
        }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Linux keeps 15 bytes of a thread name and refuses longer ones; and the name must be set from the thread
    /// itself, or it is never applied.
    private static func threadName(_ name: String) -> String { String(decoding: name.utf8.prefix(15), as: UTF8.self) }

    /// Lets the thread end once the jobs already submitted have run. Idempotent.
    func finish() {
        condition.lock()
        finishing = true
        condition.signal()
        condition.unlock()
    }

    /// Runs `job` on the worker's thread and waits for its result without blocking the caller's thread;
    /// nil if the worker had already been finished.
    func run<T: Sendable>(_ job: @escaping @Sendable () -> T) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let accepted = submit { continuation.resume(returning: job()) }
            if !accepted { continuation.resume(returning: nil) }
        }
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !finishing { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
