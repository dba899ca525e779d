import DocketCore
import Foundation
import GRDB

/// One service request as the clerk's queue lists it.
public struct QueuedRequest: Codable, Equatable, Sendable {
    public var caseUID: String
    public var caseNumber: String?
    public var id: String
    public var kind: String
    /// 变更诉讼请求申请, 财产保全申请, …
    public var kindChinese: String
    public var state: String
    /// Whose move is next: `court`, `party`, or nil when nothing more can happen.
    public var awaiting: String?
    /// Who asks for what, in Chinese.
    public var summary: String
    /// When it was made and last moved, UTC (hybrid clock text).
    public var createdAt: String
    public var updatedAt: String
}

extension CourtServices {
    /// Service requests across every case of this node (from the index): those whose next move is `awaiting`'s
    /// (`court`: the clerk's queue), or all when nil; oldest first.
    public func queuedRequests(awaiting: ActingSide? = .court, kind: FilingKind? = nil) throws -> [QueuedRequest] {
        try node.database.read { db in
            var sql = "SELECT r.*, c.case_number FROM requests r JOIN cases c ON c.uid = r.case_uid WHERE 1"
            var arguments: StatementArguments = []
            if let awaiting { sql += " AND r.awaiting = ?"; arguments += [awaiting.rawValue] }
            if let kind { sql += " AND r.kind = ?"; arguments += [kind.rawValue] }
            sql += " ORDER BY r.created_at, r.case_uid, r.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let kind: String = row["kind"]
                return QueuedRequest(
                    caseUID: row["case_uid"], caseNumber: row["case_number"], id: row["id"], kind: kind,
                    kindChinese: FilingKind(rawValue: kind)?.chinese ?? kind, state: row["state"],
                    awaiting: row["awaiting"], summary: row["summary"], createdAt: row["created_at"],
                    updatedAt: row["updated_at"])
            }
        }
    }
}
