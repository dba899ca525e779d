import Foundation

/// Process-wide counters of what every `GitHTTPBackend` has done: live CGI processes and bytes moved.
///
/// A snapshot, for diagnostics (e.g. a health endpoint) and for tests that check the bridge streams instead of
/// buffering: `largestBuffer` is the biggest single buffer the bridge ever held, which bounds its memory per request.
public struct GitHTTPBackendActivity: Sendable, Equatable {
    /// Process ids of `git http-backend` processes started and not yet reaped.
    public var liveProcesses: Set<Int32> = []
    /// Request-body bytes written to git's stdin, over all requests.
    public var bytesToGit: Int64 = 0
    /// Response bytes read from git's stdout, over all requests.
    public var bytesFromGit: Int64 = 0
    /// The largest single buffer (a request chunk, a stdout chunk or the pending CGI head) the bridge held.
    public var largestBuffer: Int = 0
    /// Requests refused with 413 because their body was larger than the limit.
    public var refusedTooLarge: Int = 0

    /// The current counters.
    public static var current: GitHTTPBackendActivity { recorder.snapshot() }

    static let recorder = Recorder()

    /// The lock-protected counters behind `current`.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var activity = GitHTTPBackendActivity()

        func snapshot() -> GitHTTPBackendActivity { lock.withLock { activity } }
        func started(_ pid: Int32) { lock.withLock { _ = activity.liveProcesses.insert(pid) } }
        func exited(_ pid: Int32) { lock.withLock { _ = activity.liveProcesses.remove(pid) } }
        func refusedTooLarge() { lock.withLock { activity.refusedTooLarge += 1 } }
        func held(_ bytes: Int) { lock.withLock { activity.largestBuffer = max(activity.largestBuffer, bytes) } }
        func toGit(_ bytes: Int) {
            lock.withLock {
                activity.bytesToGit += Int64(bytes)
                activity.largestBuffer = max(activity.largestBuffer, bytes)
            }
        }
        func fromGit(_ bytes: Int) {
            lock.withLock {
                activity.bytesFromGit += Int64(bytes)
                activity.largestBuffer = max(activity.largestBuffer, bytes)
            }
        }
    }
}
