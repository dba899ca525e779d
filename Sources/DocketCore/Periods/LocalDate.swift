import Foundation

/// A calendar day with no time and no time zone ("2024-10-01").
///
/// Court periods are counted in whole days of the court's wall calendar, so dates are kept as plain
/// year/month/day and all arithmetic is done on day numbers: no time zone or daylight-saving rule can
/// shift a day.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The Gregorian year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// A date; throws when the day does not exist (e.g. 2023-02-29).
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year) else {
            throw DocketError(
                .invalidInput, key: "date.year-out-of-range", zh: "年份\(year)超出1至9999的范围。",
                en: "The year \(year) is outside 1 to 9999.")
        }
        guard (1...12).contains(month) else {
            throw DocketError(
                .invalidInput, key: "date.month-invalid", zh: "月份\(month)不存在，月份应为1至12。",
                en: "The month \(month) does not exist; months run from 1 to 12.")
        }
        let last = LocalDate.daysInMonth(year: year, month: month)
        guard (1...last).contains(day) else {
            throw DocketError(
                .invalidInput, key: "date.day-invalid", zh: "\(year)-\(LocalDate.pad(month, 2))没有\(day)日，"
                    + "该月共有\(last)天。",
                en: "The day \(day) does not exist in \(year)-\(LocalDate.pad(month, 2)); that month has \(last) days.")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Builds a date already known to be valid (internal arithmetic only).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly "YYYY-MM-DD" (ASCII digits, zero-padded); throws a message naming the problem.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else {
            throw DocketError(
                .invalidInput, key: "date.format", zh: "“\(text)”不是 YYYY-MM-DD 格式的日期（如 2024-10-01）。",
                en: "\"\(text)\" is not a date written as YYYY-MM-DD (e.g. 2024-10-01).")
        }
        try self.init(year: y, month: m, day: d)
    }

    /// The calendar day of `date` on the wall clock of `timeZone` (the CLI passes Asia/Shanghai).
    public init(date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// "YYYY-MM-DD".
    public var description: String { "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))" }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The date `months` months later; a day missing from the target month becomes that month's last day
    /// (2024-01-31 + 1 month = 2024-02-29).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        return LocalDate(unchecked: y, m, min(day, LocalDate.daysInMonth(year: y, month: m)))
    }

    /// The date `years` years later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> LocalDate { adding(months: years * 12) }

    /// Whole days from this date to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let iso = ((dayNumber % 7) + 7 + 3) % 7 + 1
        return Weekday(rawValue: iso)!
    }

    /// Whether this is the last day of its month.
    public var isLastDayOfMonth: Bool { day == LocalDate.daysInMonth(year: year, month: month) }

    /// The number of days in a month, leap years included.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap-year rule.
    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's civil-date algorithm.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date with the given day number (inverse of `dayNumber`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Earlier dates sort first.
    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    /// Decodes from "YYYY-MM-DD", validating the date.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    /// Encodes as "YYYY-MM-DD".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// ISO weekday numbers: Monday is 1, Sunday is 7.
public enum Weekday: Int, CaseIterable, Codable, Sendable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Saturday or Sunday: an ordinary rest day unless the State Council makes it a working day.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The English name ("Saturday"), used in period explanations.
    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }
}
