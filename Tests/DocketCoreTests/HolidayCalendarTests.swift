import Foundation
import Testing

@testable import DocketCore

/// The shipped State Council calendar (Schemas/calendar/holidays-cn.json) and the calendar's own checks.
struct HolidayCalendarTests {
    /// The calendar file in the repository, found from this source file's path.
    static func shippedCalendarData() throws -> Data {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // DocketCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("Schemas/calendar/holidays-cn.json")
        return try Data(contentsOf: url)
    }

    static let shipped: HolidayCalendar = try! HolidayCalendar(json: shippedCalendarData())

    @Test func coversTwentyTwentyThroughTwentySix() {
        #expect(Self.shipped.firstYear == 2020)
        #expect(Self.shipped.lastYear >= 2026)
    }

    // Rest days from each year's notice, including the 2020 Spring Festival extension.
    @Test(arguments: [
        "2020-01-01", "2020-01-24", "2020-01-31", "2020-02-01", "2020-02-02", "2020-10-08",
        "2021-02-11", "2021-09-21", "2022-01-31", "2022-04-04", "2022-12-31", "2023-01-02",
        "2023-04-05", "2023-09-29", "2023-10-06", "2024-02-10", "2024-02-17", "2024-06-10",
        "2024-10-01", "2024-10-07", "2025-01-28", "2025-02-04", "2025-05-05", "2025-10-08",
        "2026-01-02", "2026-02-23", "2026-10-07",
    ])
    func holidays(day: String) throws {
        let date = try LocalDate(parsing: day)
        #expect(try !Self.shipped.isWorkingDay(date))
        #expect(Self.shipped.holidayName(date) != nil)
    }

    // Make-up working days (调休上班) are working days although they fall on weekends.
    @Test(arguments: [
        "2020-01-19", "2020-09-27", "2021-02-07", "2021-09-18", "2022-01-29", "2022-10-09",
        "2023-01-28", "2023-10-08", "2024-02-04", "2024-02-18", "2024-10-12", "2025-01-26",
        "2025-04-27", "2025-10-11", "2026-01-04", "2026-02-28", "2026-09-20",
    ])
    func makeUpWorkdays(day: String) throws {
        let date = try LocalDate(parsing: day)
        #expect(date.weekday.isWeekend)
        #expect(try Self.shipped.isWorkingDay(date))
        #expect(Self.shipped.isMakeUpWorkday(date))
    }

    @Test(arguments: [
        ("2024-10-08", true), ("2024-10-13", false), ("2024-02-09", true), ("2025-06-03", true), ("2025-06-07", false),
    ])
    func ordinaryDays(day: String, working: Bool) throws {
        #expect(try Self.shipped.isWorkingDay(try LocalDate(parsing: day)) == working)
    }

    @Test func twentyTwentyFebruaryFirstIsNoLongerAWorkday() throws {
        // The 2020 notice made Sat 1 Feb a working day; the extension to 2 Feb made it a holiday.
        #expect(try !Self.shipped.isWorkingDay(try LocalDate(parsing: "2020-02-01")))
        #expect(try Self.shipped.isWorkingDay(try LocalDate(parsing: "2020-02-03")))
    }

    @Test func beforeTheFirstNoticeNothingIsJudged() throws {
        #expect(throws: DocketError.self) { try Self.shipped.isWorkingDay(try LocalDate(parsing: "2019-12-31")) }
    }

    /// Past the last notice a day is judged by the law's holidays and weekends, and said to be provisional.
    @Test func pastTheLastNoticeTheLawDecidesProvisionally() throws {
        let calendar = Self.shipped
        let year = calendar.lastYear + 1
        let springFestival = ChineseCalendar.springFestival(year)
        #expect(try !calendar.isWorkingDay(springFestival.adding(days: -1)), "除夕 is a holiday by law")
        #expect(calendar.holidayName(springFestival) == "春节")
        #expect(try !calendar.isWorkingDay(try LocalDate(year: year, month: 10, day: 3)))
        #expect(try !calendar.isWorkingDay(try LocalDate(year: year, month: 5, day: 2)))
        #expect(
            calendar.provisionalReason(try LocalDate(year: year, month: 3, day: 2))?.contains(
                "No State Council notice for \(year)") == true)
        #expect(calendar.provisionalReason(try LocalDate(year: year - 1, month: 6, day: 1)) == nil)
        #expect(
            calendar.provisionalReason(try LocalDate(year: year - 1, month: 12, day: 30)) != nil,
            "next New Year may start early")
    }

    /// The law's festival days, lunar dates computed, fall inside every shipped notice's days off. Before 2025 the
    /// law gave 春节 three days from 正月初一 and 劳动节 one; from 2025 (the 2024 amendment) 除夕 and 2 May too.
    @Test func theLawsDaysFallInsideEveryShippedNotice() throws {
        for year in Self.shipped.firstYear...Self.shipped.lastYear {
            for (day, name) in StatutoryHolidays.days(year) {
                if year < 2025, day == ChineseCalendar.newYearsEve(year) || (day.month == 5 && day.day == 2) {
                    continue
                }
                #expect(Self.shipped.holidayName(day) != nil, "\(day) (\(name)) is not a day off in the \(year) notice")
            }
        }
    }

    /// A year's notice, once added, replaces the law's guess: its make-up working days count, it is no longer
    /// provisional, and it records where it came from.
    @Test func aPublishedNoticeReplacesTheProvisionalYear() throws {
        let notice = try HolidayNotice(json: Array(Self.test2027.utf8))
        let calendar = try Self.shipped.adding(notice, source: "published by 鲁0102")
        let sunday = try LocalDate(parsing: "2027-02-14")
        #expect(try !Self.shipped.isWorkingDay(sunday) && calendar.isWorkingDay(sunday))
        #expect(try !calendar.isWorkingDay(try LocalDate(parsing: "2027-02-12")), "a bridged weekday of the notice")
        #expect(calendar.provisionalReason(try LocalDate(parsing: "2027-03-01")) == nil)
        #expect(calendar.notices[2027] == "published by 鲁0102" && calendar.lastYear == 2027)
    }

    @Test func aNoticeMissingALawsHolidayIsRefused() throws {
        let broken = Self.test2027.replacingOccurrences(of: #""2027-10-03", "#, with: "")
        #expect(throws: DocketError.self) { try HolidayNotice(json: Array(broken.utf8)) }
        let weekday = Self.test2027.replacingOccurrences(
            of: #""workdays": ["2027-02-14""#, with: #""workdays": ["2027-02-15""#)
        #expect(throws: DocketError.self) { try HolidayNotice(json: Array(weekday.utf8)) }
    }

    /// A test notice for 2027 (not the State Council's: made up for the tests, with the law's days and typical
    /// bridges and make-up days).
    static let test2027 = """
        {"year": 2027, "notice": "测试用2027年节假日安排", "published": "2026-11-10",
         "holidays": [
           {"name": "元旦", "dates": ["2027-01-01", "2027-01-02", "2027-01-03"]},
           {"name": "春节", "dates": ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", \
        "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"]},
           {"name": "清明节", "dates": ["2027-04-03", "2027-04-04", "2027-04-05"]},
           {"name": "劳动节", "dates": ["2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04", "2027-05-05"]},
           {"name": "端午节", "dates": ["2027-06-09"]},
           {"name": "中秋节", "dates": ["2027-09-15"]},
           {"name": "国庆节", "dates": ["2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", \
        "2027-10-05", "2027-10-06", "2027-10-07"]}],
         "workdays": ["2027-02-14", "2027-02-20", "2027-04-25", "2027-09-26", "2027-10-09"]}
        """

    @Test(arguments: [
        #"{"years": {}}"#,
        #"{"years": {"2020": {"holidays": [], "workdays": []}, "2022": {"holidays": [], "workdays": []}}}"#,
        #"{"years": {"2024": {"holidays": [], "workdays": ["2024-10-08"]}}}"#,
        #"{"years": {"2024": {"holidays": [{"name": "X", "dates": ["2024-10-12"]}], "workdays": ["2024-10-12"]}}}"#,
        #"{"years": {"2024": {"holidays": [{"name": "X", "dates": ["2024-13-01"]}], "workdays": []}}}"#,
        #"{"years": {"2024": {"holidays": [{"name": "X", "dates": ["2026-01-01"]}], "workdays": []}}}"#,
        #"{"years": {"24": {"holidays": [], "workdays": []}}}"#,
        #"not json"#,
    ])
    func malformedCalendarsAreRefused(json: String) {
        #expect(throws: DocketError.self) { try HolidayCalendar(json: Data(json.utf8)) }
    }

    @Test func everyYearHasTheSevenFestivals() throws {
        let object = try JSONSerialization.jsonObject(with: try Self.shippedCalendarData()) as! [String: Any]
        let years = object["years"] as! [String: [String: Any]]
        for (year, entry) in years {
            let names = (entry["holidays"] as! [[String: Any]]).map { $0["name"] as! String }.joined()
            for festival in ["元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆"] {
                #expect(names.contains(festival), "\(year) lacks \(festival)")
            }
        }
    }
}
