import DocketCore
import Foundation
import GRDB

extension Node {
    /// Open deadlines of every case (or of one), earliest first, from the index: filing review, fee payment and
    /// every service request and hearing (`CaseDeadlines`). `overdueAt` keeps those already missed at that time;
    /// `withinDays` those whose last day is at most that many days after `today` (overdue ones included).
    public func deadlines(
        case uid: String? = nil, overdueAt now: Date? = nil, withinDays: Int? = nil,
        today: LocalDate = Node.today()
    ) throws -> [ServiceDeadline] {
        let rows = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, c.case_number FROM deadlines d JOIN cases c ON c.uid = d.case_uid
                    \(uid == nil ? "" : "WHERE d.case_uid = ?") ORDER BY d.last_day, d.case_uid, d.record, d.name
                    """, arguments: StatementArguments(uid.map { [$0] } ?? []))
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
        let minute = now.map(LocalDateTime.init(shanghai:))
        return all.filter { deadline in
            if let minute, !deadline.isOverdue(at: minute) { return false }
            if let withinDays, !deadline.isDue(within: withinDays, today: today) { return false }
            return true
        }
    }
}
