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

    @Test(arguments: [("2024-10-08", true), ("2024-10-13", false), ("2024-02-09", true), ("2025-06-03", true), ("2025-06-07", false)])
    func ordinaryDays(day: String, working: Bool) throws {
        #expect(try Self.shipped.isWorkingDay(try LocalDate(parsing: day)) == working)
    }

    @Test func twentyTwentyFebruaryFirstIsNoLongerAWorkday() throws {
        // The 2020 notice made Sat 1 Feb a working day; the extension to 2 Feb made it a holiday.
        #expect(try !Self.shipped.isWorkingDay(try LocalDate(parsing: "2020-02-01")))
        #expect(try Self.shipped.isWorkingDay(try LocalDate(parsing: "2020-02-03")))
    }

    @Test(arguments: ["2019-12-31", "2030-01-02"])
    func outsideTheCalendarThrows(day: String) throws {
        let date = try LocalDate(parsing: day)
        #expect(throws: DocketError.self) { try Self.shipped.isWorkingDay(date) }
    }

    @Test func errorPastTheLastYearTellsWhatToAdd() throws {
        do {
            _ = try Self.shipped.isWorkingDay(try LocalDate(year: Self.shipped.lastYear + 1, month: 3, day: 2))
            Issue.record("expected an error")
        } catch let error as DocketError {
            #expect(error.message.contains("README"))
        }
    }

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
