import Foundation
import Testing

@testable import DocketCore

/// CPL art. 85 periods over the shipped holiday calendar.
struct PeriodCalculatorTests {
    let periods = PeriodCalculator(calendar: HolidayCalendarTests.shipped)

    func date(_ text: String) throws -> LocalDate { try LocalDate(parsing: text) }

    // Day periods: start the day after; rest-day last days move to the next working day.
    @Test(arguments: [
        ("2024-09-16", 15, "2024-10-08"),  // Golden Week: day 15 is 10-01
        ("2024-09-25", 15, "2024-10-10"),  // the holidays inside are not deducted
        ("2025-01-20", 10, "2025-02-05"),  // Spring Festival 2025: 01-30 → 02-05
        ("2020-01-20", 7, "2020-02-03"),  // 2020 Spring Festival extended to 02-02
        ("2024-10-05", 7, "2024-10-12"),  // ends on a make-up Saturday: stays
        ("2025-01-19", 7, "2025-01-26"),  // ends on a make-up Sunday: stays
        ("2024-02-10", 7, "2024-02-18"),  // moved off 02-17 onto make-up Sunday 02-18
        ("2024-03-01", 15, "2024-03-18"),  // ordinary Saturday → Monday
        ("2024-03-04", 7, "2024-03-11"),  // ordinary Monday
        ("2022-12-24", 7, "2023-01-03"),  // 2023 New Year holiday began 2022-12-31
        ("2024-12-31", 1, "2025-01-02"),  // one day, across the year end, New Year's Day
    ])
    func dayPeriods(from: String, days: Int, expected: String) throws {
        #expect(try periods.lastDay(from: date(from), days: days).lastDay.description == expected)
    }

    @Test func goldenWeekRuleText() throws {
        let result = try periods.lastDay(from: date("2024-09-16"), days: 15)
        #expect(
            result.rule.contains(
                "2024-10-01 is a public holiday (国庆节); moved to 2024-10-08, the next working day (CPL art. 85(3))."))
        #expect(result.rule.first?.contains("2024-09-17") == true)
    }

    @Test func holidaysInsideAreCountedText() throws {
        let result = try periods.lastDay(from: date("2024-09-25"), days: 15)
        #expect(result.rule.contains { $0.contains("not deducted") })
    }

    @Test func makeUpDayLandingIsExplained() throws {
        let result = try periods.lastDay(from: date("2024-02-10"), days: 7)
        #expect(result.rule.contains { $0.contains("make-up working day (调休上班)") })
    }

    // Month periods: corresponding day, or the month's last day.
    @Test(arguments: [
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-08-31", 1, "2024-09-30"),
        ("2024-03-15", 6, "2024-09-18"),  // 09-15 is 中秋节 (Sunday), 09-16/17 holidays
        ("2024-04-01", 6, "2024-10-08"),  // retrial: 10-01 → 10-08
        ("2024-05-31", 6, "2024-12-02"),  // clamped to 11-30, a Saturday → Monday 12-02
    ])
    func monthPeriods(from: String, months: Int, expected: String) throws {
        #expect(try periods.lastDay(from: date(from), months: months).lastDay.description == expected)
    }

    @Test func monthEndClampingIsExplained() throws {
        let result = try periods.lastDay(from: date("2024-01-31"), months: 1)
        #expect(result.rule.contains { $0.contains("has no day 31") && $0.contains("2024-02-29") })
    }

    @Test(arguments: [
        ("2024-02-29", 2, "2026-02-28"),  // 29 Feb → 28 Feb, a make-up Saturday in 2026
        ("2023-10-08", 2, "2025-10-09"),  // 2025-10-08 is a holiday
        ("2022-06-15", 2, "2024-06-17"),  // 2024-06-15 is a Saturday
    ])
    func yearPeriods(from: String, years: Int, expected: String) throws {
        #expect(try periods.lastDay(from: date(from), years: years).lastDay.description == expected)
    }

    // Hour periods: from the next whole hour, no rest-day extension.
    @Test(arguments: [
        ("2024-10-01T09:30", 48, "2024-10-03T10:00"),
        ("2024-10-01T09:00", 48, "2024-10-03T10:00"),
        ("2024-12-31T23:15", 1, "2025-01-01T01:00"),
        ("2024-02-28T22:59", 24, "2024-02-29T23:00"),
        ("2026-12-31T12:00", 48, "2027-01-02T13:00"),  // beyond the calendar: hours need no calendar
    ])
    func hourPeriods(from: String, hours: Int, expected: String) throws {
        let result = try periods.deadline(fromHour: try LocalDateTime(parsing: from), hours: hours)
        #expect(result.deadline?.description == expected)
        #expect(result.lastDay == result.deadline?.date)
    }

    @Test func pastTheCalendarIsComputedProvisionally() throws {
        let lateDecember = try LocalDate(year: periods.calendar.lastYear, month: 12, day: 20)
        let result = try periods.lastDay(from: lateDecember, days: 15)
        #expect(result.provisional != nil && result.lastDay.year == periods.calendar.lastYear + 1)
        #expect(try periods.lastDay(from: try LocalDate(parsing: "2026-06-01"), days: 15).provisional == nil)
    }

    @Test(arguments: [0, -1])
    func nonPositiveLengthsThrow(length: Int) throws {
        #expect(throws: DocketError.self) { try periods.lastDay(from: date("2024-03-01"), days: length) }
        #expect(throws: DocketError.self) { try periods.lastDay(from: date("2024-03-01"), months: length) }
        #expect(throws: DocketError.self) { try periods.lastDay(from: date("2024-03-01"), years: length) }
        #expect(throws: DocketError.self) {
            try periods.deadline(fromHour: LocalDateTime(parsing: "2024-03-01T10:00"), hours: length)
        }
    }

    // The product's statutory periods.
    @Test(arguments: [
        (StatutoryPeriod.filingReview, "2024-09-26", "2024-10-08"),
        (.feePayment, "2024-03-04", "2024-03-11"),
        (.answer, "2024-09-16", "2024-10-08"),
        (.preservationRuling, "2024-03-04", "2024-03-11"),  // 03-09 is a Saturday
        (.preSuitPreservationLapse, "2024-03-01", "2024-04-01"),  // 03-31 is a Sunday
        (.hearingNotice, "2024-10-10", "2024-10-07"),
        (.transcriptReview, "2024-03-04", "2024-03-11"),
        (.appealJudgment, "2024-09-16", "2024-10-08"),
        (.appealRuling, "2024-03-04", "2024-03-14"),
        (.mediationPreFiling, "2024-03-01", "2024-04-01"),
        (.mediationOrdinary, "2024-03-01", "2024-03-18"),
        (.mediationSimple, "2024-03-04", "2024-03-11"),
        (.enforcementApplication, "2023-10-08", "2025-10-09"),
        (.retrialApplication, "2024-04-01", "2024-10-08"),
    ])
    func statutoryPeriods(period: StatutoryPeriod, from: String, expected: String) throws {
        let result = try periods.period(period, from: date(from))
        #expect(result.lastDay.description == expected)
        #expect(result.rule.first == period.summary)
    }

    @Test func urgentPreservationIsCountedInHours() throws {
        #expect(throws: DocketError.self) { try periods.period(.preservationUrgent, from: date("2024-10-01")) }
        let result = try periods.period(.preservationUrgent, fromHour: try LocalDateTime(parsing: "2024-10-01T09:30"))
        #expect(result.deadline?.description == "2024-10-03T10:00")
    }

    @Test func hearingNoticeOnARestDayWarns() throws {
        let result = try periods.period(.hearingNotice, from: date("2024-10-10"))
        #expect(result.rule.contains { $0.contains("2024-10-07 is a public holiday") })
    }

    @Test(arguments: StatutoryPeriod.allCases)
    func everyPeriodCitesItsBasis(period: StatutoryPeriod) {
        #expect(period.length > 0)
        #expect(period.basis.contains("art"))
        #expect(!period.title.isEmpty)
    }

    @Test func periodTable() {
        let table = Dictionary(
            uniqueKeysWithValues: StatutoryPeriod.allCases.map { ($0, "\($0.length) \($0.unit.rawValue)") })
        #expect(table[.filingReview] == "7 days")
        #expect(table[.preservationUrgent] == "48 hours")
        #expect(table[.enforcementApplication] == "2 years")
        #expect(table[.retrialApplication] == "6 months")
        #expect(StatutoryPeriod.hearingNotice.direction == .before)
    }

    // MARK: - LocalDate / LocalDateTime

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday), ("2024-10-01", .tuesday), ("2000-02-29", .tuesday), ("2026-02-28", .saturday),
        ("1900-01-01", .monday),
    ])
    func weekdays(day: String, weekday: Weekday) throws {
        #expect(try date(day).weekday == weekday)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-1-01", "2024-01-1", "20240101", "2024/01/01", "", "abcd-ef-gh", "2024-04-31",
    ])
    func badDates(text: String) {
        #expect(throws: DocketError.self) { try LocalDate(parsing: text) }
    }

    @Test(arguments: ["2024-10-01", "1999-12-31", "2000-02-29", "2100-03-01"])
    func dateRoundTrips(text: String) throws {
        let day = try date(text)
        #expect(day.description == text)
        #expect(LocalDate(dayNumber: day.dayNumber) == day)
        #expect(day.adding(days: 400).adding(days: -400) == day)
        #expect(try JSONDecoder().decode(LocalDate.self, from: JSONEncoder().encode(day)) == day)
    }

    @Test(arguments: ["2024-10-01 09:30", "2024-10-01t09:30"])
    func dateTimeSeparators(text: String) throws {
        #expect(try LocalDateTime(parsing: text).description == "2024-10-01T09:30")
    }

    @Test(arguments: ["2024-10-01", "2024-10-01T24:00", "2024-10-01T09:60", "2024-10-01T9:30", "2024-10-01T09"])
    func badDateTimes(text: String) {
        #expect(throws: DocketError.self) { try LocalDateTime(parsing: text) }
    }

    /// Issue 14: past the last published notice a period is computed — never refused — and marked provisional.
    @Test(arguments: [
        ("2027-01-20", 16, "2027-02-09"),  // 2027-02-05 除夕 … 02-08 初三 are the law's days: next working day 02-09
        ("2027-09-16", 15, "2027-10-04"),  // 10-01 国庆 (Friday) with the weekend: Monday
        ("2026-12-04", 30, "2027-01-04"),  // 2027-01-03 is a Sunday
    ])
    func provisionalPeriods(from: String, days: Int, expected: String) throws {
        let result = try periods.lastDay(from: try date(from), days: days)
        #expect(result.lastDay.description == expected)
        #expect(result.provisional?.contains("2027") == true)
    }

    /// The same periods after a notice with bridged days and make-up working days is added: they move, and are
    /// no longer provisional.
    @Test(arguments: [
        ("2027-01-20", 16, "2027-02-14"),  // the notice bridges to 02-12; 02-13 is a Saturday; 02-14 is worked
        ("2027-09-16", 15, "2027-10-08"),  // the notice gives 10-01 … 10-07
        ("2027-02-01", 13, "2027-02-14"),  // lands on a make-up working Sunday: it ends there
    ])
    func periodsAfterTheNotice(from: String, days: Int, expected: String) throws {
        let noticed = PeriodCalculator(
            calendar: try periods.calendar.adding(
                try HolidayNotice(json: Array(HolidayCalendarTests.test2027.utf8)), source: "test"))
        let result = try noticed.lastDay(from: try date(from), days: days)
        #expect(result.lastDay.description == expected, "\(result.rule)")
        #expect(result.provisional == nil)
    }
}
