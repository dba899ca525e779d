import Foundation
import Hummingbird
import Synchronization

/// Copies an HTTP request body into a CGI program's stdin on its own task, while the caller reads stdout.
///
/// Guarantees: one request chunk in flight at a time (the body's own back-pressure holds the rest on the
/// socket); a body larger than `limit` is cut off there (stdin closed, so git fails on its truncated input, then
/// the program is terminated) and ends as `.tooLarge`; a client that goes away is handled the same way; stdin is
/// closed when the body ends, so the program sees end of input. The request
/// body is iterated only by this task and only until `value`/`stop()` return, so the HTTP server can safely
/// drain the connection afterwards.
final class RequestBodyFeeder: Sendable {
    /// How feeding ended.
    enum Outcome: Sendable, Equatable {
        /// The whole body (this many bytes) went to stdin.
        case complete(Int64)
        /// The body passed the limit; the program is being terminated.
        case tooLarge
        /// The program stopped reading stdin (it exited or closed it) before the body ended.
        case programStoppedReading
        /// Reading the body failed (client disconnected, or this feeder was stopped); the program is being
        /// terminated.
        case clientFailed
    }

    private let task: Task<Outcome, Never>
    private let exceeded = LimitFlag()

    /// True as soon as the body has passed the limit — set before the program is terminated, so any output the
    /// program makes after that (an "early EOF" as it dies) is known to be the limit's doing, not an answer.
    var limitExceeded: Bool { exceeded.isSet }

    init(body: RequestBody, process: CGIProcess, limit: Int64) {
        let exceeded = self.exceeded
        task = Task {
            var total: Int64 = 0
            do {
                for try await chunk in body {
                    total += Int64(chunk.readableBytes)
                    if total > limit {
                        exceeded.set()
                        process.terminate(discardOutput: false)
                        return .tooLarge
                    }
                    GitHTTPBackendActivity.recorder.toGit(chunk.readableBytes)
                    do {
                        try await process.writeStdin(chunk)
                    } catch {
                        process.closeStdin()
                        return .programStoppedReading
                    }
                }
                process.closeStdin()
                return .complete(total)
            } catch {
                process.terminate(discardOutput: false)
                return .clientFailed
            }
        }
    }

    /// The task feeding stdin, for racing against stdout.
    var feeding: Task<Outcome, Never> { task }

    /// Waits for feeding to end on its own.
    var value: Outcome { get async { await task.value } }

    /// Ends feeding now (a body read in progress is cancelled) and returns how it ended. Only for when the
    /// exchange is over: cancelling a read ends the connection's inbound stream, so it will not be reused.
    func stop() async -> Outcome {
        task.cancel()
        return await task.value
    }

    /// Waits up to `grace` for feeding to end on its own (keeping the connection reusable), then stops it.
    func finish(grace: Duration) async -> Outcome {
        if await finishes(task, within: grace) { return await task.value }
        return await stop()
    }
}

/// A flag one task sets and others read.
private final class LimitFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
