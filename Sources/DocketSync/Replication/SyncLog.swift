import DocketCore
import DocketStore
import Foundation
import GRDB

/// One sync with one peer as the node recorded it (`sync_log`): when, and its report.
public struct SyncLogEntry: Codable, Sendable {
    public var peer: String
    /// UTC, ISO 8601.
    public var at: String
    public var report: SyncReport
}

extension Replication {
    /// Records a sync's report; a failure to record is the caller's to report (it is not swallowed here).
    func recordSync(_ report: SyncReport) throws {
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try node.database.write { db in
            try db.execute(
                sql: "INSERT INTO sync_log (peer, at, report) VALUES (?, ?, ?)",
                arguments: [report.peer, UTCTime.isoString(), json])
            // Keep the last 1,000 syncs of each peer: enough to see a pattern, never a growing table.
            try db.execute(
                sql: """
                    DELETE FROM sync_log
                    WHERE peer = ? AND id NOT IN (SELECT id FROM sync_log WHERE peer = ? ORDER BY id DESC LIMIT 1000)
                    """, arguments: [report.peer, report.peer])
        }
    }

    /// The latest sync with each peer (or the last `limit` with `peer`), newest first.
    public func log(peer: String? = nil, limit: Int = 1) throws -> [SyncLogEntry] {
        try node.database.read { db in
            let rows: [Row]
            if let peer {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM sync_log WHERE peer = ? ORDER BY id DESC LIMIT ?", arguments: [peer, limit])
            } else {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM sync_log WHERE id IN (SELECT max(id) FROM sync_log GROUP BY peer) ORDER BY id DESC
                        """)
            }
            return try rows.map { row in
                SyncLogEntry(
                    peer: row["peer"], at: row["at"],
                    report: try JSONDecoder().decode(SyncReport.self, from: Data((row["report"] as String).utf8)))
            }
        }
    }
}
