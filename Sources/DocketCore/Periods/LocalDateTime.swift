/// A wall-clock minute in Asia/Shanghai ("2024-10-01T09:30").
///
/// China has had no daylight-saving time since 1991, so hour arithmetic on the wall clock is exact and
/// needs no time-zone database.
public struct LocalDateTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The calendar day.
    public let date: LocalDate
    /// The hour, 0...23.
    public let hour: Int
    /// The minute, 0...59.
    public let minute: Int

    /// A date-time; throws when the hour or minute is out of range.
    public init(date: LocalDate, hour: Int, minute: Int = 0) throws {
        guard (0...23).contains(hour) else {
            throw DocketError(
                .invalidInput, key: "datetime.hour-out-of-range", zh: "小时数\(hour)超出0至23的范围。",
                en: "The hour \(hour) is outside 0 to 23.")
        }
        guard (0...59).contains(minute) else {
            throw DocketError(
                .invalidInput, key: "datetime.minute-out-of-range", zh: "分钟数\(minute)超出0至59的范围。",
                en: "The minute \(minute) is outside 0 to 59.")
        }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// Parses "YYYY-MM-DDTHH:MM" (a space instead of "T" is accepted); throws a message naming the problem.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces
        let separator = trimmed.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " })
        guard let separator else {
            throw DocketError(
                .invalidInput, key: "datetime.format", zh: "“\(text)”不是 YYYY-MM-DDTHH:MM 格式的日期时间（如 "
                    + "2024-10-01T09:30）。",
                en: "\"\(text)\" is not a date and time written as YYYY-MM-DDTHH:MM (e.g. 2024-10-01T09:30).")
        }
        let date = try LocalDate(parsing: String(trimmed[..<separator]))
        let clock = trimmed[trimmed.index(after: separator)...].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, clock[0].count == 2, clock[1].count == 2,
            clock.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let h = Int(clock[0]), let m = Int(clock[1])
        else {
            throw DocketError(
                .invalidInput, key: "datetime.format", zh: "“\(text)”不是 YYYY-MM-DDTHH:MM 格式的日期时间（如 "
                    + "2024-10-01T09:30）。",
                en: "\"\(text)\" is not a date and time written as YYYY-MM-DDTHH:MM (e.g. 2024-10-01T09:30).")
        }
        try self.init(date: date, hour: h, minute: m)
    }

    /// "YYYY-MM-DDTHH:MM".
    public var description: String { "\(date)T\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))" }

    /// The time `hours` hours later, rolling over days.
    public func adding(hours: Int) -> LocalDateTime {
        let total = hour + hours
        let dayShift = total >= 0 ? total / 24 : -((-total + 23) / 24)
        let newHour = total - dayShift * 24
        return LocalDateTime(unchecked: date.adding(days: dayShift), newHour, minute)
    }

    /// The time `minutes` minutes later, rolling over hours and days.
    public func adding(minutes: Int) -> LocalDateTime {
        let total = hour * 60 + minute + minutes
        let dayShift = total >= 0 ? total / 1440 : -((-total + 1439) / 1440)
        let rest = total - dayShift * 1440
        return LocalDateTime(unchecked: date.adding(days: dayShift), rest / 60, rest % 60)
    }

    /// The start of the next whole hour (09:00 → 10:00, 09:30 → 10:00).
    public var nextWholeHour: LocalDateTime { LocalDateTime(unchecked: date, hour, 0).adding(hours: 1) }

    init(unchecked date: LocalDate, _ hour: Int, _ minute: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// Earlier minutes sort first.
    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.hour, a.minute) < (b.date, b.hour, b.minute)
    }

    /// Decodes from "YYYY-MM-DDTHH:MM".
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as "YYYY-MM-DDTHH:MM".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
