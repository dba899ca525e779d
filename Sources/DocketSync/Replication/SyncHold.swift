import DocketCore
import DocketStore
import Foundation
import GRDB

/// A case a sync could not move, and why: refused by this node on pull (the peer's history breaks the policy) or
/// by the peer on push. Kept in `sync_held` and tried again at every sync until it goes through.
public struct SyncHold: Codable, Sendable, Equatable {
    public enum Direction: String, Codable, Sendable { case pull, push }

    public var peer: String
    public var uid: String
    public var direction: Direction
    public var reason: String
    /// UTC, ISO 8601.
    public var firstAt: String
    public var lastAt: String
    public var attempts: Int
}

extension Replication {
    /// Every held case, oldest first; only those of `peer` when given.
    public func holds(peer: String? = nil) throws -> [SyncHold] {
        try node.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sync_held WHERE ? IS NULL OR peer = ? ORDER BY first_at, case_uid",
                arguments: [peer, peer]
            ).map { row in
                SyncHold(
                    peer: row["peer"], uid: row["case_uid"],
                    direction: SyncHold.Direction(rawValue: row["direction"]) ?? .pull,
                    reason: row["reason"], firstAt: row["first_at"], lastAt: row["last_at"], attempts: row["attempts"])
            }
        }
    }

    /// Notes that a case is held back, or held back once more.
    func hold(_ uid: String, peer: String, _ direction: SyncHold.Direction, reason: String) throws {
        let now = UTCTime.isoString()
        try node.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_held (peer, case_uid, direction, reason, first_at, last_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (peer, case_uid, direction) DO UPDATE
                    SET reason = excluded.reason, last_at = excluded.last_at, attempts = attempts + 1
                    """, arguments: [peer, uid, direction.rawValue, String(reason.prefix(4000)), now, now])
        }
    }

    /// Notes that a case went through.
    func release(_ uid: String, peer: String, _ direction: SyncHold.Direction) throws {
        try node.database.write { db in
            try db.execute(
                sql: "DELETE FROM sync_held WHERE peer = ? AND case_uid = ? AND direction = ?",
                arguments: [peer, uid, direction.rawValue])
        }
    }
}
