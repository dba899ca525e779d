import DocketCore
import Foundation
import GRDB

extension CourtServices {
    /// Open deadlines of every case (or of one), earliest first, from the index: filing review, fee payment and
    /// every service request and hearing (`CaseDeadlines`). `overdueAt` keeps those already missed at that time;
    /// `withinDays` those whose last day is at most that many days after `today` (overdue ones included); `limit`
    /// the first that many. Both are asked of the index (`deadlines_by_day`), so a node with a hundred thousand
    /// open deadlines reads only those it answers with.
    public func deadlines(
        case uid: String? = nil, overdueAt now: Date? = nil, withinDays: Int? = nil,
        today: LocalDate = Node.today(), limit: Int? = nil
    ) throws -> [ServiceDeadline] {
        let minute = now.map(LocalDateTime.init(shanghai:))
        var conditions: [String] = [], arguments: [any DatabaseValueConvertible] = []
        if let uid { conditions.append("d.case_uid = ?"); arguments.append(uid) }
        if let withinDays {
            conditions.append("d.last_day <= ?")
            arguments.append(today.adding(days: withinDays).description)
        }
        // Missed by `now` means a last day on or before now's day; the exact hour is checked below.
        if let minute { conditions.append("d.last_day <= ?"); arguments.append(minute.date.description) }
        // The hour check may drop rows, so a limit is applied in SQL only without it.
        if let limit, minute == nil { arguments.append(limit) }
        let rows = try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, c.case_number FROM deadlines d JOIN cases c ON c.uid = d.case_uid
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                    ORDER BY d.last_day, d.case_uid, d.record, d.name
                    \(limit != nil && minute == nil ? "LIMIT ?" : "")
                    """, arguments: StatementArguments(arguments))
        }
        let all = try rows.map { row -> ServiceDeadline in
            let result = PeriodResult(
                lastDay: try LocalDate(parsing: row["last_day"]),
                deadline: try (row["deadline"] as String?).map { try LocalDateTime(parsing: $0) },
                rule: (row["rule"] as String).split(separator: "\n").map(String.init),
                provisional: row["provisional"])
            return ServiceDeadline(
                caseUID: row["case_uid"], caseNumber: row["case_number"], recordPath: row["record"],
                name: row["name"], title: row["title"], chinese: row["chinese"], owner: row["owner"],
                result: result, basis: row["basis"], error: row["error"])
        }
        let kept = all.filter { deadline in
            if let minute, !deadline.isOverdue(at: minute) { return false }
            if let withinDays, !deadline.isDue(within: withinDays, today: today) { return false }
            return true
        }
        return limit.map { Array(kept.prefix($0)) } ?? kept
    }

    /// How many open deadlines of every case fall within `withinDays` days of `today` or are overdue (one count
    /// over the index).
    public func deadlineCount(withinDays: Int, today: LocalDate = Node.today()) throws -> Int {
        try node.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM deadlines WHERE last_day <= ?",
                arguments: [today.adding(days: withinDays).description]) ?? 0
        }
    }
}
