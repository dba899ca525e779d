import DocketCore
import Foundation
import GRDB

/// Supplementary material a party submitted that waits for the judge (`review = pending`), across cases.
public struct PendingMaterial: Codable, Equatable, Sendable {
    public var caseUID: String
    public var caseNumber: String?
    public var caseTitle: String
    public var documentId: String
    public var title: String
    public var size: Int64
    /// Hybrid clock text of when it was added.
    public var addedAt: String
}

extension Node {
    /// Every document waiting for review, oldest first, from the index alone (one indexed query; migration 0014).
    public func pendingMaterial(limit: Int = 500) throws -> [PendingMaterial] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.case_uid, d.doc_id, d.title, d.size, d.added_at, c.case_number, c.title AS case_title
                    FROM documents d JOIN cases c ON c.uid = d.case_uid
                    WHERE d.review = 'pending' ORDER BY d.added_at LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                PendingMaterial(
                    caseUID: row["case_uid"], caseNumber: row["case_number"], caseTitle: row["case_title"],
                    documentId: row["doc_id"], title: row["title"], size: row["size"], addedAt: row["added_at"])
            }
        }
    }
}
