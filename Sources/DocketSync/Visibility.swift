import DocketCore
import DocketStore
import Foundation
import GRDB

/// Which cases a peer may reach — the unit of access control is the case repository:
/// - a court peer: the cases of its court code;
/// - a firm: the cases it filed and those in which it represents a party;
/// - a kiosk: the cases of this node's own court (the court decides what its lobby terminals hold).
/// Everything else is answered exactly like a case that does not exist.
enum Visibility {
    /// An SQL condition over `c` (cases) for the peer, with its arguments.
    static func condition(for peer: Peer, ownCourt: String?) -> (String, StatementArguments) {
        switch peer.role {
        case .court:
            return ("c.court = ?", [peer.courtCode ?? "\u{0}"])
        case .firm:
            return (
                "(c.filed_by = ? OR EXISTS (SELECT 1 FROM parties p WHERE p.case_uid = c.uid AND p.firm = ?))",
                [peer.nodeId, peer.nodeId]
            )
        case .kiosk:
            return ("c.court = ?", [ownCourt ?? "\u{0}"])
        }
    }

    /// True when the peer may reach the case.
    static func canSee(_ peer: Peer, uid: String, in db: Database, ownCourt: String?) throws -> Bool {
        let (condition, arguments) = condition(for: peer, ownCourt: ownCourt)
        var all = StatementArguments([uid])
        all += arguments
        // Prepared once per connection and role: a batch asks this for every case it serves.
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM cases c WHERE c.uid = ? AND \(condition)")
        return try Bool.fetchOne(statement, arguments: all) ?? false
    }

    /// True when a peer may open a new case on this node by pushing it: a firm or kiosk filing with this court.
    static func mayFile(_ peer: Peer, on node: Node) -> Bool {
        node.config.role == .court && (peer.role == .firm || peer.role == .kiosk)
    }
}

extension Node {
    /// True when the peer may reach the case (see `Visibility`).
    public func peer(_ peer: Peer, canSee uid: String) throws -> Bool {
        try database.read { db in try Visibility.canSee(peer, uid: uid, in: db, ownCourt: config.courtCode) }
    }

    /// True when the peer may create this case here by a first push.
    package func peerMayFile(_ peer: Peer) -> Bool { Visibility.mayFile(peer, on: self) }
}
