import Foundation

/// A batch stream's answer written to disk by a download on a thread of its own, and followed by its reader as it
/// arrives (`BatchReader(_:following:)`): the cases that came first are checked while the rest is on its way.
public final class BatchDownload: @unchecked Sendable {
    // Every stored variable is read and written under `condition` only.
    private let condition = NSCondition()
    private var status: Int?
    private var bytes: UInt64 = 0
    private var outcome: Result<Int, any Error>?

    /// Starts `post` on a thread of its own: it writes the answer to disk, says its status (`answered`) and how much
    /// of it is written (`wrote`), and returns the status.
    public init(_ post: @escaping @Sendable (BatchDownload) throws -> Int) {
        // A thread of its own: it waits for the answer, and Dispatch's pool would add threads only some time later.
        Thread { [self] in
            let outcome = Result { try post(self) }
            condition.withLock {
                self.outcome = outcome
                condition.broadcast()
            }
        }.start()
    }

    /// The answer's head arrived with `status`.
    public func answered(_ status: Int) {
        condition.withLock {
            self.status = status
            condition.broadcast()
        }
    }

    /// `total` bytes of the answer are on disk.
    public func wrote(_ total: Int) {
        condition.withLock {
            bytes = UInt64(total)
            condition.broadcast()
        }
    }

    /// The answer's status once its head arrived; the download's error when it ended without an answer.
    public func awaitStatus() throws -> Int {
        let known = condition.withLock { () -> Result<Int, any Error> in
            while status == nil && outcome == nil { condition.wait() }
            return status.map { .success($0) } ?? outcome!
        }
        return try known.get()
    }

    /// Waits until `count` bytes of the answer are on disk, or the download ended.
    public func awaitBytes(_ count: UInt64) {
        condition.withLock { while bytes < count && outcome == nil { condition.wait() } }
    }

    /// Waits for the download's end: its status, or its error.
    @discardableResult
    public func awaitEnd() throws -> Int {
        try condition.withLock { () -> Result<Int, any Error> in
            while outcome == nil { condition.wait() }
            return outcome!
        }.get()
    }
}
