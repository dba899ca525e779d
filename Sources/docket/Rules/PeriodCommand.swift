import ArgumentParser
import DocketCore
import DocketSchemas
import DocketStore
import Foundation

/// `docket period`: the last day of a statutory period.
struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period",
        abstract: "The last day of a statutory period (Civil Procedure Law art. 85).",
        discussion: """
            Rules applied (CPL (2023) art. 85):
            - The day or hour of the event is not counted: a day period starts the next day, an hour period at the \
            next whole hour.
            - A month period ends on the corresponding day of the last month, or on that month's last day when it \
            has none (31 January + 1 month = 28/29 February). Year periods likewise.
            - Holidays inside the period are counted, not deducted.
            - When the last day is a rest day (Saturday, Sunday or public holiday) the period ends on the next \
            working day. Weekend days the State Council made working days (调休上班) are working days.
            - Hour periods run through nights, weekends and holidays.

            Holidays come from the State Council's annual notices in Schemas/calendar/holidays-cn.json; dates past \
            its last year are refused until the next notice is added.

            Named periods (--period): \(StatutoryPeriod.allCases.map(\.rawValue).joined(separator: ", ")). Use \
            --list to see their lengths and legal basis.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The day of the event (YYYY-MM-DD), or its time for hour periods (YYYY-MM-DDTHH:MM, Beijing time).",
            valueName: "date"))
    var from: String?

    @Option(help: "A period of N days.")
    var days: Int?

    @Option(help: "A period of N months.")
    var months: Int?

    @Option(help: "A period of N years.")
    var years: Int?

    @Option(help: "A period of N hours (needs a time in --from).")
    var hours: Int?

    @Option(help: "A named statutory period instead of a length (see --list).")
    var period: String?

    @Flag(help: "List the named statutory periods with their length and legal basis.")
    var list = false

    @Flag(help: "Print the result as JSON: from, lastDay, rule, provisional (and deadline for hour periods).")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Judge by this node's calendar (with the arrangements its court published); default: the shipped one.",
            valueName: "dir"))
    var data: String?

    private struct Output: Encodable {
        let from: String
        let lastDay: String
        let deadline: String?
        let rule: [String]
        /// Why the last day is provisional, or null.
        let provisional: String?
    }

    func run() throws {
        if list {
            for item in StatutoryPeriod.allCases {
                print("\(item.rawValue): \(item.summary)\(item.note.map { " \($0)" } ?? "")")
            }
            return
        }
        guard let from else {
            throw DocketError(
                .invalidInput, key: "period.from-required", zh: "请用 --from YYYY-MM-DD（或 YYYY-MM-DDTHH:MM）"
                    + "填写事件发生日。",
                en: "Give the day of the event with --from YYYY-MM-DD (or YYYY-MM-DDTHH:MM).")
        }
        let chosen = [days != nil, months != nil, years != nil, hours != nil, period != nil].filter { $0 }.count
        guard chosen == 1 else {
            throw DocketError(
                .invalidInput, key: "period.one-unit-required",
                zh: "请在 --days、--months、--years、--hours、--period 中恰好指定一项。",
                en: "Give exactly one of --days, --months, --years, --hours or --period.")
        }
        let calculator = PeriodCalculator(calendar: try loadCalendar())
        let hasTime = from.contains("T") || from.contains("t") || from.contains(" ")
        let result: PeriodResult
        let shownFrom: String
        if hasTime {
            let event = try LocalDateTime(parsing: from)
            shownFrom = event.description
            if let hours {
                result = try calculator.deadline(fromHour: event, hours: hours)
            } else if let name = period {
                result = try calculator.period(try statutory(name), fromHour: event)
            } else {
                result = try byLength(calculator, event.date)
            }
        } else {
            let day = try LocalDate(parsing: from)
            shownFrom = day.description
            if hours != nil {
                throw DocketError(
                    .invalidInput, key: "period.hour-needs-time", zh: "以小时计算的期间须填写事件发生的时间：--from "
                        + "YYYY-MM-DDTHH:MM。",
                    en: "An hour period needs the time of the event: --from YYYY-MM-DDTHH:MM.")
            } else if let name = period {
                result = try calculator.period(try statutory(name), from: day)
            } else {
                result = try byLength(calculator, day)
            }
        }
        if json {
            try printJSON(
                Output(
                    from: shownFrom, lastDay: result.lastDay.description,
                    deadline: result.deadline?.description, rule: result.rule, provisional: result.provisional))
            return
        }
        if let deadline = result.deadline {
            print("Deadline: \(deadline) (Beijing time)")
        } else {
            print(
                "Last day: \(result.lastDay) (\(result.lastDay.weekday.name))"
                    + "\(result.provisional != nil ? " — PROVISIONAL 暂定" : "")"
            )
        }
        if let reason = result.provisional { print("  \(reason)") }
        for line in result.rule { print("  \(line)") }
    }

    private func byLength(_ calculator: PeriodCalculator, _ day: LocalDate) throws -> PeriodResult {
        if let days { return try calculator.lastDay(from: day, days: days) }
        if let months { return try calculator.lastDay(from: day, months: months) }
        return try calculator.lastDay(from: day, years: years ?? 0)
    }

    private func statutory(_ name: String) throws -> StatutoryPeriod {
        guard let value = StatutoryPeriod(rawValue: name) else {
            throw DocketError(
                .invalidInput, key: "period.unknown",
                zh: "未知的期间“\(name)”；可用期间："
                    + "\(StatutoryPeriod.allCases.map(\.rawValue).joined(separator: ", "))。",
                en:
                    "Unknown period \"\(name)\"; periods are "
                    + "\(StatutoryPeriod.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        return value
    }

    private func loadCalendar() throws -> HolidayCalendar {
        if let data { return try Node.open(at: URL(fileURLWithPath: data)).holidayCalendar() }
        let data: Data
        do {
            data = try DocketSchemas.data("calendar/holidays-cn.json")
        } catch {
            throw DocketError(
                .internal, key: "calendar.unreadable",
                zh: "无法读取节假日日历（calendar/holidays-cn.json）：\(error.localizedDescription)",
                en: "The holiday calendar (calendar/holidays-cn.json) could not be read: \(error.localizedDescription)")
        }
        return try HolidayCalendar(json: data)
    }
}
