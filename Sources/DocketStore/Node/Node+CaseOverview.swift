import DocketCore
import Foundation
import GRDB

/// A case in a list people work from: its summary and its next open deadline.
public struct CaseOverview: Codable, Equatable, Sendable {
    public var summary: CaseSummary
    /// The earliest open deadline's title (Chinese) and English name, and its last day (YYYY-MM-DD).
    public var nextDeadline: String?
    public var nextDeadlineEnglish: String?
    public var nextDeadlineDay: String?

    public init(
        summary: CaseSummary, nextDeadline: String? = nil, nextDeadlineEnglish: String? = nil,
        nextDeadlineDay: String? = nil
    ) {
        self.summary = summary; self.nextDeadline = nextDeadline; self.nextDeadlineEnglish = nextDeadlineEnglish
        self.nextDeadlineDay = nextDeadlineDay
    }
}

extension Node {
    /// The newest cases (at most `limit`, optionally one status) with each one's next deadline, from the index in
    /// one query: what a firm's "my cases" page shows without opening any repository.
    public func caseOverview(status: String? = nil, limit: Int = 200) throws -> [CaseOverview] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.*, d.chinese AS next_title, d.title AS next_title_en, d.last_day AS next_day
                    FROM (
                        SELECT * FROM cases \(status == nil ? "" : "WHERE status = ?") ORDER BY filed_at DESC LIMIT ?) c
                    LEFT JOIN deadlines d ON d.rowid = (
                        SELECT rowid FROM deadlines WHERE case_uid = c.uid ORDER BY last_day LIMIT 1)
                    ORDER BY c.filed_at DESC
                    """, arguments: status.map { [$0, limit] as StatementArguments } ?? [limit]
            ).map { row in
                CaseOverview(
                    summary: Self.summary(row), nextDeadline: row["next_title"],
                    nextDeadlineEnglish: row["next_title_en"],
                    nextDeadlineDay: row["next_day"])
            }
        }
    }
}

extension Node {
    /// Cases with a party of this ID number (exact, upper case), newest first, from the index (`parties_id_number`).
    public func cases(withPartyID idNumber: String, limit: Int = 100) throws -> [CaseSummary] {
        let number = idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases WHERE uid IN (SELECT case_uid FROM parties WHERE id_number = ?)
                    ORDER BY filed_at DESC LIMIT ?
                    """, arguments: [number, limit]
            ).map(Self.summary)
        }
    }
}
