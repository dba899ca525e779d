import DocketStore
import Foundation
import GRDB

/// The answer of `GET /api/v1/sync/changes?since=N`: the cases the peer may see whose `main` moved after N, and
/// the checkpoint to ask from next time.
public struct ChangesFeed: Codable, Sendable, Equatable {
    public struct Change: Codable, Sendable, Equatable {
        public var uid: String
        public var tip: String
    }
    /// The next `since`.
    public var seq: Int64
    public var cases: [Change]
    /// True when there is more after `seq` (ask again at once).
    public var more: Bool
}

extension Node {
    /// The changes feed for a peer, from the index: it costs what changed since the checkpoint, not what exists.
    public func changes(for peer: Peer, since: Int64, limit: Int = 1_000) throws -> ChangesFeed {
        let (condition, arguments) = Visibility.condition(for: peer, ownCourt: config.courtCode)
        return try database.read { db in
            var all = StatementArguments([since])
            all += arguments
            all += [limit + 1]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.uid, c.tip, ch.seq FROM case_changes ch JOIN cases c ON c.uid = ch.case_uid
                    WHERE ch.seq > ? AND \(condition) ORDER BY ch.seq LIMIT ?
                    """, arguments: all)
            let more = rows.count > limit
            let page = rows.prefix(limit)
            // With nothing more to send, jump to the newest sequence: changes the peer may not see are skipped for good.
            let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM case_changes") ?? 0
            let seq = more ? (page.last!["seq"] as Int64) : max(since, newest)
            return ChangesFeed(
                seq: seq, cases: page.map { ChangesFeed.Change(uid: $0["uid"], tip: $0["tip"]) }, more: more)
        }
    }

    /// Our cases the peer may see that changed after `since`, with their sequence (what to push).
    func changedCases(for peer: Peer, since: Int64) throws -> [(uid: String, seq: Int64)] {
        let (condition, arguments) = Visibility.condition(for: peer, ownCourt: config.courtCode)
        return try database.read { db in
            var all = StatementArguments([since])
            all += arguments
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT c.uid, ch.seq FROM case_changes ch JOIN cases c ON c.uid = ch.case_uid
                    WHERE ch.seq > ? AND \(condition) ORDER BY ch.seq
                    """, arguments: all
            ).map { ($0["uid"], $0["seq"]) }
        }
    }

    /// The newest change sequence of this node.
    func newestSequence() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM case_changes") ?? 0 }
    }
}
