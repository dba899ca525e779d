import Foundation
import Synchronization

/// Which of two raced tasks finished first.
enum RaceWinner: Sendable, Equatable { case first, second }

/// Waits until the first of two tasks finishes and says which one; the loser keeps running and its result stays
/// available through its own `value` (nothing is lost, unlike racing child tasks in a group that cancels them).
func firstFinished<A, B, EA: Error, EB: Error>(_ first: Task<A, EA>, _ second: Task<B, EB>) async -> RaceWinner {
    await withCheckedContinuation { (continuation: CheckedContinuation<RaceWinner, Never>) in
        let once = ResumeOnce(continuation)
        Task {
            _ = await first.result; once.resume(.first)
        }
        Task {
            _ = await second.result; once.resume(.second)
        }
    }
}

/// Waits for `task` at most `timeout`; true if it finished in time.
func finishes<T, E: Error>(_ task: Task<T, E>, within timeout: Duration) async -> Bool {
    let timer = Task { try? await Task.sleep(for: timeout) }
    defer { timer.cancel() }
    return await firstFinished(task, timer) == .first
}

/// Resumes a continuation exactly once, whichever caller comes first.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<RaceWinner, Never>?>

    init(_ continuation: CheckedContinuation<RaceWinner, Never>) { self.continuation = Mutex(continuation) }

    func resume(_ winner: RaceWinner) {
        let continuation = self.continuation.withLock { current in
            defer { current = nil }
            return current
        }
        continuation?.resume(returning: winner)
    }
}
