/// The Chinese calendar (农历) as GB/T 33661-2017 reckons it, for the festivals the statutory holidays follow:
/// a month begins on the day (UTC+8) of a new moon; the month holding the winter solstice is the eleventh; in a
/// year of thirteen months between two winter-solstice months, the first month holding no principal term (中气)
/// is the leap month and repeats the number before it. Computed from `Astronomy`, so it answers for any year,
/// not only those a notice has covered.
public enum ChineseCalendar {
    /// One month of the calendar: the day it begins, its number (1–12) and whether it is a leap month.
    public struct Month: Equatable, Sendable {
        public var start: LocalDate
        public var number: Int
        public var isLeap: Bool
    }

    /// 正月初一 (the Spring Festival) of the lunar year that begins in Gregorian `year`.
    public static func springFestival(_ year: Int) -> LocalDate { day(1, of: 1, year) }

    /// 除夕: the last day of the lunar year that ends in Gregorian `year`'s Spring Festival.
    public static func newYearsEve(_ year: Int) -> LocalDate { springFestival(year).adding(days: -1) }

    /// 端午节: 五月初五 in Gregorian `year`.
    public static func dragonBoat(_ year: Int) -> LocalDate { day(5, of: 5, year) }

    /// 中秋节: 八月十五 in Gregorian `year`.
    public static func midAutumn(_ year: Int) -> LocalDate { day(15, of: 8, year) }

    /// 清明: the day (UTC+8) the sun's apparent longitude reaches 15°, early in April of `year`.
    public static func qingming(_ year: Int) -> LocalDate {
        Astronomy.beijingDay(
            Astronomy.solarTerm(15, near: Astronomy.julianDay(try! LocalDate(year: year, month: 4, day: 5))))
    }

    /// Day `day` of the (non-leap) month `number` that falls in Gregorian `year` (months 1–10 always do).
    static func day(_ day: Int, of number: Int, _ year: Int) -> LocalDate {
        let month = months(year).first { $0.number == number && !$0.isLeap }!
        return month.start.adding(days: day - 1)
    }

    /// The months from the winter solstice of `year − 1` to the one before `year`'s winter-solstice month:
    /// the eleventh month of `year − 1` through the tenth of `year` (with a leap month when there is one).
    public static func months(_ year: Int) -> [Month] {
        let first = winterSolstice(year - 1), last = winterSolstice(year)
        // The new moon that begins the month holding the first solstice.
        var k = ((Double(year - 1) + 11.0 / 12 - 2000) * 12.3685).rounded(.down) - 2
        while newMoonDay(k + 1) <= first { k += 1 }
        var starts: [LocalDate] = []
        var n = k
        while newMoonDay(n) <= last { starts.append(newMoonDay(n)); n += 1 }
        // starts[0] holds the first solstice, starts.last the second: 12 or 13 months lie between.
        let count = starts.count - 1
        var leap: Int?
        if count == 13 {
            let terms = (0..<13).map { principalTermDay(index: $0, after: first) }
            leap = (1..<13).first { i in !terms.contains { $0 >= starts[i] && $0 < starts[i + 1] } }
        }
        var months: [Month] = []
        var number = 11
        for i in 0..<count {
            if i > 0 && i != leap { number = number % 12 + 1 }
            months.append(Month(start: starts[i], number: number, isLeap: i == leap))
        }
        return months
    }

    private static func newMoonDay(_ k: Double) -> LocalDate { Astronomy.beijingDay(Astronomy.newMoon(k)) }

    private static func winterSolstice(_ year: Int) -> LocalDate {
        Astronomy.beijingDay(
            Astronomy.solarTerm(270, near: Astronomy.julianDay(try! LocalDate(year: year, month: 12, day: 21))))
    }

    /// The day of the `index`-th principal term (0: the winter solstice itself, then every 30° of longitude).
    private static func principalTermDay(index: Int, after solstice: LocalDate) -> LocalDate {
        let degrees = (270 + 30 * Double(index)).truncatingRemainder(dividingBy: 360)
        let guess = Astronomy.julianDay(solstice) + Double(index) * 30.44
        return Astronomy.beijingDay(Astronomy.solarTerm(degrees, near: guess))
    }
}
