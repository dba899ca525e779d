import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The holiday calendar periods are judged by (节假日安排): publish a year's notice, show a year.",
        discussion: """
            The shipped calendar holds the State Council's notices known when Docket was built. A court publishes \
            each later year's notice with `calendar import`; its peers take it at their next sync, every open deadline \
            is computed again, and those that moved are listed by `docket deadlines --moved`. A year without a notice \
            is judged by the statutory holidays (lunar dates computed) and weekends, and marked provisional.
            """,
        subcommands: [Import.self, Show.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Publish a year's holiday arrangement (court nodes): a JSON file of one year in the shipped shape.",
            discussion: """
                {"year": 2027, "notice": "国务院办公厅关于2027年部分节假日安排的通知", "published": "2026-11-10", \
                "holidays": [{"name": "春节", "dates": ["2027-02-05", …]}], "workdays": ["2027-02-14", …]} — see \
                Schemas/calendar/README.md. Refused when a festival is missing, a law's holiday is not a day off, or a \
                make-up working day is not a Saturday or Sunday.
                """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The notice as JSON.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DocketError(.notFound, key: "file.unreadable", zh: "无法读取\(file)。", en: "Cannot read \(file).")
            }
            let notice = try HolidayNotice(json: Array(data))
            let moves = try node.open().services.publishHolidayNotice(notice)
            if output.json { return try printJSON(moves) }
            print(
                "已发布\(notice.year)年节假日安排，\(moves.count)个期限随之变动（docket deadlines --moved）。"
                    + "Published the \(notice.year) arrangement; \(moves.count) deadline(s) moved."
            )
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a year's days off and make-up working days, and where they come from.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The year.") var year: Int

        struct Shown: Encodable {
            var year: Int
            /// shipped, published by <court>, or provisional (the law alone).
            var source: String
            var provisional: Bool
            var holidays: [String: [String]]
            var workdays: [String]
        }

        func run() throws {
            let calendar = try node.open().holidayCalendar()
            guard year >= calendar.firstYear else {
                throw DocketError(
                    .invalidInput, key: "calendar.year-before-start", zh: "节假日日历自\(calendar.firstYear)年起，"
                        + "没有更早年份的数据。",
                    en: "The calendar starts in \(calendar.firstYear).")
            }
            var holidays: [String: [String]] = [:], workdays: [String] = []
            var day = try LocalDate(year: year, month: 1, day: 1)
            while day.year == year {
                if let name = calendar.holidayName(day) { holidays[name, default: []].append(day.description) }
                if calendar.isMakeUpWorkday(day) { workdays.append(day.description) }
                day = day.adding(days: 1)
            }
            let source = calendar.notices[year] ?? "provisional"
            let shown = Shown(
                year: year, source: source, provisional: calendar.notices[year] == nil, holidays: holidays,
                workdays: workdays)
            if output.json { return try printJSON(shown) }
            print(
                "\(year)年节假日（"
                    + (shown.provisional
                        ? "暂定：按法定节假日推算，国务院安排尚未公布" : source == "shipped" ? "随软件发布的国务院通知" : "法院发布：\(source)")
                    + "）"
            )
            print(
                "\(year) holidays ("
                    + (shown.provisional
                        ? "provisional: the statutory holidays; the State Council's notice is not published yet"
                        : source)
                    + ")"
            )
            for name in HolidayNotice.festivals
                + holidays.keys.filter({ !HolidayNotice.festivals.contains($0) }).sorted()
            {
                guard let days = holidays[name] else { continue }
                print("  \(name)  \(days.joined(separator: " "))")
            }
            print("  调休上班 make-up working days: \(workdays.isEmpty ? "—" : workdays.joined(separator: " "))")
        }
    }
}
