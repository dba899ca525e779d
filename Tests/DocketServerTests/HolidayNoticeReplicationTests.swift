import DocketCore
import DocketStore
import Foundation
import Testing

/// Issue 14 between real processes: the court publishes a year's holiday arrangement; a firm and a kiosk use it
/// after one sync, and the deadlines it moved are listed on every node.
@Suite struct HolidayNoticeReplicationTests {
    @Test func aPublishedNoticeReachesFirmAndKioskAndMovesDeadlines() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"], kiosks: ["kiosk-1"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        // The filing review's last day (7 days), as every node computes it now.
        let review = (try c.json("court", ["deadlines", "--json"]) as! [[String: Any]]).first {
            $0["caseUID"] as? String == uid
        }!
        let due = try LocalDate(parsing: review["lastDay"] as! String)
        #expect(due.weekday.isWeekend == false)

        // An arrangement for that year which also gives that day off (as the 2020 extension of the Spring Festival
        // did).
        let notice = c.root.appendingPathComponent("notice.json")
        try Self.notice(year: due.year, extraDayOff: due).write(to: notice, atomically: true, encoding: .utf8)
        let published = try c.json("court", ["calendar", "import", notice.path]) as! [[String: Any]]
        #expect(
            published.contains { $0["caseUID"] as? String == uid && $0["before"] as? String == due.description },
            "\(published)")

        for node in ["firm-a", "kiosk-1"] {
            let report = (try c.json(node, ["sync"]) as! [[String: Any]])[0]
            #expect((report["errors"] as? [String])?.isEmpty == true, "\(node): \(report)")
            let shown = try c.json(node, ["calendar", "show", String(due.year)]) as! [String: Any]
            #expect(
                shown["source"] as? String == "published by 鲁0102" && shown["provisional"] as? Bool == false,
                "\(node): \(shown)")
            let period =
                try c.json(node, ["period", "--from", due.adding(days: -1).description, "--days", "1"])
                as! [String: Any]
            #expect(period["lastDay"] as? String != due.description, "\(node) still ends a period on the new day off")
        }
        let report = try c.json("firm-a", ["deadlines", "--moved"]) as! [[String: Any]]
        #expect(
            report.contains { $0["caseUID"] as? String == uid && $0["before"] as? String == due.description },
            "\(report)")
        let now = (try c.json("firm-a", ["deadlines", "--json"]) as! [[String: Any]]).first {
            $0["caseUID"] as? String == uid
        }!
        #expect(now["lastDay"] as? String != due.description)
        try c.docket("firm-a", ["fsck"])
        try c.docket("kiosk-1", ["fsck"])
    }

    /// A notice for `year`: the law's holidays (with the shipped notice's days, when there is one), and one more day.
    static func notice(year: Int, extraDayOff: LocalDate) throws -> String {
        var days = StatutoryHolidays.days(year)
        let shipped = try HolidayCalendar(
            json: try Data(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                        "Schemas/calendar/holidays-cn.json")))
        var workdays: [String] = []
        if shipped.notices[year] != nil {
            var day = try LocalDate(year: year, month: 1, day: 1)
            while day.year == year {
                if let name = shipped.holidayName(day) { days[day] = name }
                if shipped.isMakeUpWorkday(day) { workdays.append("\"\(day)\"") }
                day = day.adding(days: 1)
            }
        }
        days[extraDayOff] = "测试假日"
        let byName = Dictionary(grouping: days.keys.sorted(), by: { days[$0]! })
        let holidays = byName.keys.sorted().map { name in
            "{\"name\": \"\(name)\", \"dates\": [\(byName[name]!.map { "\"\($0)\"" }.joined(separator: ", "))]}"
        }
        return
            "{\"year\": \(year), \"notice\": \"测试用\(year)年节假日安排\", \"published\": null, "
            + "\"holidays\": [\(holidays.joined(separator: ", "))], "
            + "\"workdays\": [\(workdays.joined(separator: ", "))]}"
    }
}
