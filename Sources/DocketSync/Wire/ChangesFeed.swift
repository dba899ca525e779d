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
    /// The batched fetch version the server offers (`BatchStream.version`); nil: fetch case by case over git.
    public var batch: Int? = nil
    /// A court's announcements as it holds them: the tip of their `main`, or `none` when it has published nothing.
    /// A client holding that tip already skips fetching them, so a sync with nothing new is this one request.
    /// Nil: the server does not say (fetch them).
    public var announcements: String? = nil

    /// What `announcements` says when a court has no announcements repository.
    public static let noAnnouncements = "none"
}

extension Node {
    /// What this node's changes feed says of its announcements: a court's announcements tip, or `none`; nil for a
    /// node that publishes none (not a court).
    package func announcementsTipForFeed() -> String? {
        guard config.role == .court, let court = config.courtCode else { return nil }
        return announcementsTip(court: court)
    }

    /// The tip of `court`'s announcements as this node holds them, as the feed says it: hex, or `none`.
    func announcementsTip(court: String) -> String {
        guard let repo = try? announcementsRepository(court: court), let tip = try? repo.reference(PeerRef.main) else {
            return ChangesFeed.noAnnouncements
        }
        return tip.hex
    }
}

extension Node {
    /// The changes feed for a peer, numbered for that peer alone: positions move only when a case the peer may see
    /// changes, so the feed says nothing about the cases it may not see. It costs what changed since the last
    /// request (numbering the new changes), not what exists. A `since` beyond the peer's last position (this
    /// node's data restored from an older copy) starts the feed again from the beginning.
    public func changes(for peer: Peer, since: Int64, limit: Int = 1_000) throws -> ChangesFeed {
        let (condition, arguments) = Visibility.condition(for: peer, ownCourt: config.courtCode)
        return try database.write { db in
            let last = try numberChanges(db, peer: peer.nodeId, condition: condition, arguments: arguments)
            let from = since > last ? 0 : since
            var all: StatementArguments = [peer.nodeId, from]
            all += arguments
            all += [limit + 1]
            // Visibility is asked again: a case the peer may no longer see is not listed, whatever its position.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.uid, c.tip, f.position FROM peer_feed f JOIN cases c ON c.uid = f.case_uid
                    WHERE f.peer_id = ? AND f.position > ? AND \(condition) ORDER BY f.position LIMIT ?
                    """, arguments: all)
            let more = rows.count > limit
            let page = rows.prefix(limit)
            return ChangesFeed(
                seq: more ? (page.last!["position"] as Int64) : last,
                cases: page.map { ChangesFeed.Change(uid: $0["uid"], tip: $0["tip"]) }, more: more)
        }
    }

    /// Gives the peer's next positions to the changes it may see that were not numbered yet; returns its last
    /// position. Changes it may not see are passed over for good, as they always were.
    private func numberChanges(
        _ db: Database, peer: String, condition: String, arguments: StatementArguments
    ) throws -> Int64 {
        let scan = try Row.fetchOne(
            db, sql: "SELECT scanned_seq, last_position FROM peer_feed_scan WHERE peer_id = ?", arguments: [peer])
        let scanned: Int64 = scan?["scanned_seq"] ?? 0
        var position: Int64 = scan?["last_position"] ?? 0
        let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM case_changes") ?? 0
        guard newest > scanned else { return position }
        var all = StatementArguments([scanned])
        all += arguments
        let changed = try String.fetchAll(
            db,
            sql: """
                SELECT c.uid FROM case_changes ch JOIN cases c ON c.uid = ch.case_uid
                WHERE ch.seq > ? AND \(condition) ORDER BY ch.seq
                """, arguments: all)
        for uid in changed {
            position += 1
            try db.execute(sql: "DELETE FROM peer_feed WHERE peer_id = ? AND case_uid = ?", arguments: [peer, uid])
            try db.execute(
                sql: "INSERT INTO peer_feed (peer_id, position, case_uid) VALUES (?, ?, ?)",
                arguments: [peer, position, uid])
        }
        try db.execute(
            sql: """
                INSERT INTO peer_feed_scan (peer_id, scanned_seq, last_position) VALUES (?, ?, ?)
                ON CONFLICT (peer_id) DO UPDATE SET scanned_seq = excluded.scanned_seq,
                    last_position = excluded.last_position
                """, arguments: [peer, newest, position])
        return position
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
