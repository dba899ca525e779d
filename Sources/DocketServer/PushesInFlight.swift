import Foundation
import Synchronization

/// The receive-packs running per repository. git removes its quarantine (`objects/tmp_objdir-incoming-*`) when a
/// push is refused, but not when the push is cut off and git killed; once the last push into a repository has
/// finished, whatever quarantine is left there belongs to nobody and is removed.
final class PushesInFlight: Sendable {
    private let running = Mutex<[String: Int]>([:])

    /// Notes a push into `repository` starting; returns what to call when its git has gone.
    func begin(_ repository: URL) -> @Sendable () -> Void {
        let key = repository.path
        running.withLock { $0[key, default: 0] += 1 }
        return { [self] in
            // Under the lock, so that no push can start (and make its quarantine) while the leftovers go.
            running.withLock { running in
                running[key, default: 1] -= 1
                guard running[key] == 0 else { return }
                running[key] = nil
                Self.removeQuarantines(in: repository)
            }
        }
    }

    /// Removes what killed git pushes left in `repository` when no git push is running there now (a batched push,
    /// which runs no git, tidies the cases it touched this way).
    func clearLeftovers(in repository: URL) {
        running.withLock { running in
            if running[repository.path] == nil { Self.removeQuarantines(in: repository) }
        }
    }

    static func removeQuarantines(in repository: URL) {
        let objects = repository.appendingPathComponent("objects")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects.path)) ?? []
        where name.hasPrefix("tmp_objdir-incoming-") {
            try? FileManager.default.removeItem(at: objects.appendingPathComponent(name))
        }
    }
}
