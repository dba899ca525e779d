import Foundation

/// Conversions between instants and the texts Docket stores (UTC) and shows (Asia/Shanghai).
public enum UTCTime {
    /// The time zone every display uses.
    public static let displayZone = TimeZone(identifier: "Asia/Shanghai")!

    /// `2026-11-29T08:21:24.123Z` for an instant in milliseconds since 1970.
    public static func isoString(milliseconds: Int64) -> String {
        let seconds = milliseconds.floorDiv(1000)
        let ms = Int(milliseconds - seconds * 1000)
        let (days, secondOfDay) = (seconds.floorDiv(86_400), Int(seconds - seconds.floorDiv(86_400) * 86_400))
        let (y, m, d) = civil(fromDays: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(ms, 3) + "Z"
    }

    /// The stored text (UTC, milliseconds) of `date`, by default now.
    public static func isoString(_ date: Date = Date()) -> String {
        isoString(milliseconds: Int64(date.timeIntervalSince1970 * 1000))
    }

    /// The instant of `2026-11-29T08:21:24.123Z` (milliseconds required), or nil.
    public static func milliseconds(parsingISO text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 46, b[23] == 90
        else { return nil }
        func n(_ r: Range<Int>) -> Int? { Int(String(decoding: b[r], as: UTF8.self)) }
        guard let y = n(0..<4), let mo = n(5..<7), let d = n(8..<10), let h = n(11..<13), let mi = n(14..<16),
            let s = n(17..<19), let ms = n(20..<23), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60,
            s < 60
        else { return nil }
        let days = daysFromCivil(y, mo, d)
        return (days * 86_400 + Int64(h * 3600 + mi * 60 + s)) * 1000 + Int64(ms)
    }

    /// `2026-11-29 16:21` in Asia/Shanghai, for people.
    public static func display(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = displayZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return pad(c.year!, 4) + "-" + pad(c.month!, 2) + "-" + pad(c.day!, 2) + " " + pad(c.hour!, 2) + ":"
            + pad(c.minute!, 2)
    }

    /// `2026-11-29 16:21 +08:00`: `display` with the zone stated, for operators' listings.
    public static func displayWithZone(_ date: Date) -> String { display(date) + " +08:00" }

    /// `2026-12-07 10:12:03 +08:00`: Beijing time with its offset stated, for operators (`seconds` since 1970).
    public static func beijingText(_ seconds: Double) -> String {
        let (date, clock) = beijingParts(milliseconds: Int64((seconds * 1000).rounded(.down)))
        return "\(date.description) \(pad(clock.h, 2)):\(pad(clock.m, 2)):\(pad(clock.s, 2)) +08:00"
    }

    /// `2026年12月7日10时12分03秒（北京时间，UTC+08:00）`: a UTC ISO 8601 time as an official document writes it; nil for text
    /// that is not such a time.
    public static func beijingChinese(iso text: String) -> String? {
        guard let ms = milliseconds(parsingISO: text) else { return nil }
        let (date, clock) = beijingParts(milliseconds: ms)
        return "\(date.chinese)\(clock.h)时\(pad(clock.m, 2))分\(pad(clock.s, 2))秒（北京时间，UTC+08:00）"
    }

    /// The day and wall clock in Beijing (UTC+8, no daylight saving since 1991) of a UTC instant.
    static func beijingParts(milliseconds ms: Int64) -> (LocalDate, (h: Int, m: Int, s: Int)) {
        let seconds = (ms.floorDiv(1000)) + 8 * 3600
        let days = seconds.floorDiv(86_400)
        let rest = Int(seconds - days * 86_400)
        let (y, mo, d) = civil(fromDays: days)
        return (try! LocalDate(year: y, month: mo, day: d), (rest / 3600, rest % 3600 / 60, rest % 60))
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar, no Foundation.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = y.floorDiv(400)
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
