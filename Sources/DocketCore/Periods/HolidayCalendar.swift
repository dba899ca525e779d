import Foundation

/// The national rest days and make-up working days, as published each year by the State Council
/// General Office (国务院办公厅关于XXXX年部分节假日安排的通知).
///
/// Built from `Schemas/calendar/holidays-cn.json` and the notices a court has published since. A year after the
/// last notice is judged by the law itself (`StatutoryHolidays`: the holidays 全国年节及纪念日放假办法 gives,
/// lunar dates computed, and weekends) and every answer about it is *provisional*: `provisionalReason` says so
/// and why, and the period results built on it carry the reason, until the year's notice arrives. A year before
/// the first notice is not judged at all (no live period reaches back there).
public struct HolidayCalendar: Sendable {
    /// The first year whose notice is loaded.
    public let firstYear: Int
    /// The last year whose notice is loaded; later years are judged by the law alone (provisionally).
    public private(set) var lastYear: Int
    /// Where the data came from (the file's "source" text).
    public let source: String

    private var holidays: [LocalDate: String]
    private var workdays: Set<LocalDate>
    /// The years a notice covers (shipped or published), each with where it came from.
    public private(set) var notices: [Int: String]

    /// Decodes and checks the calendar file.
    ///
    /// Refuses a file with no years, a gap between years, malformed dates, a make-up working day that is
    /// not a Saturday or Sunday, or a day listed both as holiday and as working day: each of those is a
    /// typing mistake that would silently move a deadline.
    public init(json: Data) throws {
        let file: CalendarFile
        do {
            file = try JSONDecoder().decode(CalendarFile.self, from: json)
        } catch {
            throw DocketError(
                .invalidInput, key: "calendar.invalid-json", zh: "节假日日历不是符合预期结构的有效 "
                    + "JSON（\(error.chineseMessage)）。",
                en: "The holiday calendar is not valid JSON in the expected shape (\(error.englishMessage)).")
        }
        var years: [Int] = []
        var holidays: [LocalDate: String] = [:]
        var workdays: Set<LocalDate> = []
        for (key, year) in file.years {
            guard key.count == 4, let number = Int(key) else {
                throw DocketError(
                    .invalidInput, key: "calendar.bad-year-key", zh: "节假日日历中有年份键“\(key)”；"
                        + "年份键应为四位数字的年份。",
                    en: "The holiday calendar has a year key \"\(key)\"; keys are four-digit years.")
            }
            years.append(number)
            for holiday in year.holidays {
                for text in holiday.dates {
                    let day = try HolidayCalendar.date(text, notice: number)
                    holidays[day] = holiday.name
                }
            }
            for text in year.workdays {
                let day = try HolidayCalendar.date(text, notice: number)
                guard day.weekday.isWeekend else {
                    throw DocketError(
                        .invalidInput, key: "calendar.workday-not-weekend",
                        zh: "节假日日历将\(day)（\(day.weekday.name)）列为调休上班日；调休上班日应为周六或周日。",
                        en:
                            "The holiday calendar lists \(day) (a \(day.weekday.name)) as a make-up working day; "
                            + "make-up working days are Saturdays or Sundays."
                    )
                }
                workdays.insert(day)
            }
        }
        years.sort()
        guard let first = years.first, let last = years.last else {
            throw DocketError(
                .invalidInput, key: "calendar.no-years", zh: "节假日日历未列出任何年份。", en: "The holiday calendar "
                    + "lists no years."
            )
        }
        guard last - first + 1 == years.count else {
            throw DocketError(
                .invalidInput, key: "calendar.year-missing", zh: "节假日日历在\(first)年至\(last)年之间缺少某一年；"
                    + "每一年的放假安排通知都必须列入。",
                en:
                    "The holiday calendar skips a year between \(first) and \(last); every year's notice must be "
                    + "present."
            )
        }
        if let clash = workdays.first(where: { holidays[$0] != nil }) {
            throw DocketError(
                .invalidInput, key: "calendar.holiday-and-workday", zh: "节假日日历将\(clash)同时列为节假日和调休上班日。",
                en: "The holiday calendar lists \(clash) both as a holiday and as a make-up working day.")
        }
        self.firstYear = first
        self.lastYear = last
        self.source = file.source ?? "unspecified"
        self.holidays = holidays
        self.workdays = workdays
        self.notices = Dictionary(uniqueKeysWithValues: years.map { ($0, "shipped") })
    }

    /// The calendar with one more year's notice (published by a court after this build): its holidays and
    /// make-up working days replace what the law alone would say for that year. `source` says where it came from.
    public func adding(_ notice: HolidayNotice, source: String) throws -> HolidayCalendar {
        try notice.check()
        var copy = self
        copy.holidays = copy.holidays.filter { $0.key.year != notice.year }
        copy.workdays = copy.workdays.filter { $0.year != notice.year }
        for (day, name) in notice.holidays { copy.holidays[day] = name }
        copy.workdays.formUnion(notice.workdays)
        copy.notices[notice.year] = source
        copy.lastYear = max(copy.lastYear, notice.year)
        return copy
    }

    /// Why answers about `day` are provisional, in Chinese and English, or nil when a notice covers it: no notice
    /// yet for its year, or the last days of a year whose next notice may still start its New Year holiday early.
    public func provisionalReason(_ day: LocalDate) -> String? {
        guard day.year >= firstYear else { return nil }
        if notices[day.year] == nil {
            return
                "国务院\(day.year)年节假日安排尚未公布，按《全国年节及纪念日放假办法》规定的法定节假日和周末推算，调休以正式公布为准。 No State Council notice for "
                + "\(day.year) yet: computed from the statutory holidays and weekends; make-up working days are "
                + "not known until it is published."
        }
        if notices[day.year + 1] == nil, day.month == 12, day.day >= 29 {
            return
                "\(day.year + 1)年节假日安排尚未公布，元旦假期可能提前至\(day.year)年底。 The notice for \(day.year + 1) is not published "
                + "yet; its New Year holiday may begin in the last days of \(day.year)."
        }
        return nil
    }

    /// Whether courts and parties work on `day`: a weekday that is not a holiday, or a make-up working day. A year
    /// without a notice is judged by the statutory holidays (see `provisionalReason`).
    ///
    /// Throws when `day` lies before `firstYear`.
    public func isWorkingDay(_ day: LocalDate) throws -> Bool {
        try checkCovered(day)
        if workdays.contains(day) { return true }
        if holidayName(day) != nil { return false }
        return !day.weekday.isWeekend
    }

    /// The holiday's name ("国庆节") when `day` is an official holiday — by the year's notice, or by the law for a
    /// year without one — otherwise nil.
    public func holidayName(_ day: LocalDate) -> String? {
        if let name = holidays[day] { return name }
        guard notices[day.year] == nil, day.year >= firstYear else { return nil }
        return StatutoryHolidays.days(day.year)[day]
    }

    /// Whether `day` is a Saturday or Sunday made a working day by the State Council (调休上班).
    public func isMakeUpWorkday(_ day: LocalDate) -> Bool { workdays.contains(day) }

    /// `day` itself when it is a working day, otherwise the first working day after it.
    public func firstWorkingDay(onOrAfter day: LocalDate) throws -> LocalDate {
        var candidate = day
        while try !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// Why `day` is a rest day, in words ("a public holiday (国庆节)", "a Sunday"), or nil on a working day.
    public func restReason(_ day: LocalDate) throws -> String? {
        guard try !isWorkingDay(day) else { return nil }
        if let name = holidayName(day) { return "a public holiday (\(name))" }
        return "a \(day.weekday.name)"
    }

    private func checkCovered(_ day: LocalDate) throws {
        guard day.year >= firstYear else {
            throw DocketError(
                .invalidInput, key: "calendar.before-first-year", zh: "节假日日历自\(firstYear)年起；\(day)早于该年，"
                    + "无法确定其是否为工作日。",
                en: "The holiday calendar starts in \(firstYear); \(day) is earlier, so its working days are unknown.")
        }
    }

    /// A notice may reach into the December before its year (the 2023 New Year holiday began on 2022-12-31).
    private static func date(_ text: String, notice: Int) throws -> LocalDate {
        let day: LocalDate
        do { day = try LocalDate(parsing: text) } catch let error as DocketError {
            throw DocketError(
                .invalidInput, key: "calendar.bad-date", zh: "节假日日历中\(notice)年的条目日期有误："
                    + "\(error.chineseMessage)",
                en: "The holiday calendar's \(notice) entry has a bad date: \(error.englishMessage)")
        }
        guard day.year == notice || (day.year == notice - 1 && day.month == 12) else {
            throw DocketError(
                .invalidInput, key: "calendar.date-other-year", zh: "节假日日历中\(notice)年的条目列有\(day)，"
                    + "该日期不属于该年。",
                en: "The holiday calendar's \(notice) entry lists \(day), which belongs to another year.")
        }
        return day
    }
}

private struct CalendarFile: Decodable {
    struct Holiday: Decodable {
        let name: String
        let dates: [String]
    }
    struct Year: Decodable {
        let holidays: [Holiday]
        let workdays: [String]
    }
    let source: String?
    let years: [String: Year]
}
