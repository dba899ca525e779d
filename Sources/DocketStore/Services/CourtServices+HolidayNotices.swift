import DocketCore
import DocketGit
import Foundation
import GRDB

/// A deadline whose last day moved when a year's holiday arrangement arrived.
public struct DeadlineMove: Codable, Sendable, Equatable {
    public var caseUID: String
    public var caseNumber: String?
    public var recordPath: String
    public var name: String
    public var chinese: String
    public var owner: String
    public var before: LocalDate
    public var after: LocalDate
    /// The year whose arrangement moved it.
    public var year: Int
    /// When it was noticed (UTC, ISO 8601).
    public var at: String
}

extension CourtServices {
    /// Publishes a year's holiday arrangement of the State Council (court nodes): one signed commit in this court's
    /// announcements repository (`calendar/holidays-<year>.json`), which every peer takes at its next sync. Every
    /// open deadline here is computed again at once; those that moved are returned (and kept for `--moved`).
    @discardableResult
    public func publishHolidayNotice(_ notice: HolidayNotice) throws -> [DeadlineMove] {
        try node.requireCourt("Publishing the holiday arrangement (发布节假日安排)")
        try notice.check()
        try node.writeCourtPublication { _, _, actor in
            try HolidayNoticeRecord(
                court: node.courtCodeForAnnouncements, notice: notice, at: actor.time, by: actor.node
            )
            .publication()
        }
        return try recomputeDeadlines(years: [notice.year])
    }

    /// Computes every open deadline again with the current calendar and records those whose last day moved, as
    /// moved by the arrangement of `years` (called after an arrangement is published here or received).
    @discardableResult
    package func recomputeDeadlines(years: Set<Int>) throws -> [DeadlineMove] {
        let periods = try node.periods()
        let uids = try node.database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT case_uid FROM deadlines ORDER BY case_uid")
        }
        let now = UTCTime.isoString()
        var moves: [DeadlineMove] = []
        for uid in uids {
            let before = try deadlines(case: uid)
            let file = try node.caseFile(uid)
            try node.database.write { db in
                try db.execute(sql: "DELETE FROM deadlines WHERE case_uid = ?", arguments: [uid])
                try CaseIndexer.indexDeadlines(file, in: db, periods: periods)
            }
            let after = try deadlines(case: uid)
            for old in before {
                guard
                    let new = after.first(where: {
                        $0.recordPath == old.recordPath && $0.name == old.name && $0.owner == old.owner
                    }),
                    new.lastDay != old.lastDay
                else { continue }
                let year = [old.lastDay.year, new.lastDay.year].first(where: years.contains) ?? new.lastDay.year
                moves.append(
                    DeadlineMove(
                        caseUID: uid, caseNumber: old.caseNumber, recordPath: old.recordPath, name: old.name,
                        chinese: old.chinese, owner: old.owner, before: old.lastDay, after: new.lastDay,
                        year: year, at: now))
            }
        }
        try node.database.write { db in
            for move in moves {
                try db.execute(
                    sql: """
                        INSERT INTO deadline_moves
                            (case_uid, record, name, chinese, owner, before_day, after_day, year, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        move.caseUID, move.recordPath, move.name, move.chinese, move.owner, move.before.description,
                        move.after.description, move.year, move.at,
                    ])
            }
        }
        return moves
    }

    /// The deadlines moved by holiday arrangements, newest first.
    public func deadlineMoves() throws -> [DeadlineMove] {
        try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.*, c.case_number FROM deadline_moves m LEFT JOIN cases c ON c.uid = m.case_uid
                    ORDER BY m.at DESC, m.id
                    """
            ).map { row in
                DeadlineMove(
                    caseUID: row["case_uid"], caseNumber: row["case_number"], recordPath: row["record"],
                    name: row["name"],
                    chinese: row["chinese"], owner: row["owner"], before: try LocalDate(parsing: row["before_day"]),
                    after: try LocalDate(parsing: row["after_day"]), year: row["year"], at: row["at"])
            }
        }
    }
}
