import Foundation
import Synchronization

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
    final class Recorder: Sendable {
        private let activity = Mutex(GitHTTPBackendActivity())

        func snapshot() -> GitHTTPBackendActivity { activity.withLock { $0 } }
        func started(_ pid: Int32) { activity.withLock { _ = $0.liveProcesses.insert(pid) } }
        func exited(_ pid: Int32) { activity.withLock { _ = $0.liveProcesses.remove(pid) } }
        func refusedTooLarge() { activity.withLock { $0.refusedTooLarge += 1 } }
        func held(_ bytes: Int) { activity.withLock { $0.largestBuffer = max($0.largestBuffer, bytes) } }
        func toGit(_ bytes: Int) {
            activity.withLock {
                $0.bytesToGit += Int64(bytes)
                $0.largestBuffer = max($0.largestBuffer, bytes)
            }
        }
        func fromGit(_ bytes: Int) {
            activity.withLock {
                $0.bytesFromGit += Int64(bytes)
                $0.largestBuffer = max($0.largestBuffer, bytes)
            }
        }
    }
}
