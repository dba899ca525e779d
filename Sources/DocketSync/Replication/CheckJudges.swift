import DocketCore
import DocketStore
import Foundation
import Synchronization

/// The node directory and the authority judge the cases of one court are checked against, made once per court for
/// a whole batch rather than once per case: making them reads the court's published directory and the peer table,
/// which do not change within a batch. Shared by the threads that check one batch's cases.
package final class CheckJudges: Sendable {
    private let node: Node
    private let made = Mutex<[String: Judges]>([:])

    /// The directory of a court's participants and this node's peers, and the judge holding their keys.
    package struct Judges: Sendable {
        let directory: NodeDirectory
        let judge: AuthorityJudge
    }

    package init(node: Node) { self.node = node }

    /// The judges of `court`'s cases (nil: a case whose court could not be read, judged by the peers' keys alone).
    package func of(court: String?) throws -> Judges {
        let key = court ?? ""
        if let known = made.withLock({ $0[key] }) { return known }
        let directory = try node.nodeDirectory(court: court)
        let judges = Judges(directory: directory, judge: try node.authorityJudge(publicKeys: directory.publicKeys))
        made.withLock { $0[key] = judges }
        return judges
    }
}
