import Foundation

/// The national rest days and make-up working days, as published each year by the State Council
/// General Office (国务院办公厅关于XXXX年部分节假日安排的通知).
///
/// Built from `Schemas/calendar/holidays-cn.json`. It answers only for the years it holds: a question
/// about any other year throws, because guessing a year's holidays would silently move deadlines.
public struct HolidayCalendar: Sendable {
    /// The first year whose notice is loaded.
    public let firstYear: Int
    /// The last year whose notice is loaded; dates after it cannot be judged.
    public let lastYear: Int
    /// Where the data came from (the file's "source" text).
    public let source: String

    private let holidays: [LocalDate: String]
    private let workdays: Set<LocalDate>

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
            throw DocketError("The holiday calendar is not valid JSON in the expected shape (\(error)).")
        }
        var years: [Int] = []
        var holidays: [LocalDate: String] = [:]
        var workdays: Set<LocalDate> = []
        for (key, year) in file.years {
            guard key.count == 4, let number = Int(key) else {
                throw DocketError("The holiday calendar has a year key \"\(key)\"; keys are four-digit years.")
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
                    throw DocketError("The holiday calendar lists \(day) (a \(day.weekday.name)) as a make-up working day; make-up working days are Saturdays or Sundays.")
                }
                workdays.insert(day)
            }
        }
        years.sort()
        guard let first = years.first, let last = years.last else {
            throw DocketError("The holiday calendar lists no years.")
        }
        guard last - first + 1 == years.count else {
            throw DocketError("The holiday calendar skips a year between \(first) and \(last); every year's notice must be present.")
        }
        if let clash = workdays.first(where: { holidays[$0] != nil }) {
            throw DocketError("The holiday calendar lists \(clash) both as a holiday and as a make-up working day.")
        }
        self.firstYear = first
        self.lastYear = last
        self.source = file.source ?? "unspecified"
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Whether courts and parties work on `day`: a weekday that is not a holiday, or a make-up working day.
    ///
    /// Throws when `day` lies outside `firstYear...lastYear`, telling the administrator which notice to add.
    public func isWorkingDay(_ day: LocalDate) throws -> Bool {
        try checkCovered(day)
        if workdays.contains(day) { return true }
        if holidays[day] != nil { return false }
        return !day.weekday.isWeekend
    }

    /// The holiday's name ("国庆节") when `day` is an official holiday, otherwise nil.
    public func holidayName(_ day: LocalDate) -> String? { holidays[day] }

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
        if let name = holidays[day] { return "a public holiday (\(name))" }
        return "a \(day.weekday.name)"
    }

    private func checkCovered(_ day: LocalDate) throws {
        guard day.year >= firstYear else {
            throw DocketError("The holiday calendar starts in \(firstYear); \(day) is earlier, so its working days are unknown.")
        }
        guard day.year <= lastYear else {
            throw DocketError("The holiday calendar ends in \(lastYear); \(day) is later, so its holidays are unknown. Add the State Council's notice for \(day.year) to Schemas/calendar/holidays-cn.json (see Schemas/calendar/README.md).")
        }
    }

    /// A notice may reach into the December before its year (the 2023 New Year holiday began on 2022-12-31).
    private static func date(_ text: String, notice: Int) throws -> LocalDate {
        let day: LocalDate
        do { day = try LocalDate(parsing: text) } catch let error as DocketError {
            throw DocketError("The holiday calendar's \(notice) entry has a bad date: \(error.message)")
        }
        guard day.year == notice || (day.year == notice - 1 && day.month == 12) else {
            throw DocketError("The holiday calendar's \(notice) entry lists \(day), which belongs to another year.")
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
