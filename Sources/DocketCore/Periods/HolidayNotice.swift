/// One year's holiday arrangement as the State Council publishes it (国务院办公厅关于XXXX年部分节假日安排的通知):
/// the days off (every day of each range, weekend days folded in) and the make-up working days. The shipped
/// calendar holds the years known when Docket was built; a court publishes later ones (`HolidayNoticeRecord`).
public struct HolidayNotice: Equatable, Sendable {
    public var year: Int
    /// The notice's title and number.
    public var title: String
    /// The day it was published (YYYY-MM-DD), if known.
    public var published: String?
    public var holidays: [LocalDate: String]
    public var workdays: Set<LocalDate>

    public init(year: Int, title: String, published: String?, holidays: [LocalDate: String], workdays: Set<LocalDate>) {
        self.year = year; self.title = title; self.published = published; self.holidays = holidays;
        self.workdays = workdays
    }

    /// The seven festivals every notice arranges.
    public static let festivals = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]

    /// Refuses what would be a typing mistake: a day outside the year (but for a New Year holiday starting in the
    /// December before), a make-up working day that is not a Saturday or Sunday, a day both off and worked, a
    /// festival missing, or a law's holiday left out of the days off.
    public func check() throws {
        for day in holidays.keys.sorted() where !(day.year == year || (day.year == year - 1 && day.month == 12)) {
            throw DocketError(
                .invalidInput, key: "holiday.day-other-year", zh: "\(year)年通知中的日期\(day)不属于该年。",
                en: "The \(year) notice lists \(day), which belongs to another year.")
        }
        for day in workdays.sorted() {
            guard day.year == year || (day.year == year - 1 && day.month == 12) else {
                throw DocketError(
                    .invalidInput, key: "holiday.workday-other-year", zh: "\(year)年通知中的调休日期\(day)不属于该年。",
                    en: "The \(year) notice lists \(day) as a working day, which belongs to another year.")
            }
            guard day.weekday.isWeekend else {
                throw DocketError(
                    .invalidInput, key: "holiday.workday-not-weekend",
                    zh: "\(year)年通知将\(day)（\(day.weekday.name)）列为调休上班日；调休上班日应为周六或周日。",
                    en:
                        "The \(year) notice lists \(day) (a \(day.weekday.name)) as a make-up working day; make-up "
                        + "working days are Saturdays or Sundays."
                )
            }
            if holidays[day] != nil {
                throw DocketError(
                    .invalidInput, key: "holiday.day-off-and-workday", zh: "\(year)年通知中，\(day)同一天既放假又上班。",
                    en: "The \(year) notice lists \(day) both as a day off and as a working day.")
            }
        }
        let names = Set(holidays.values)
        if let missing = Self.festivals.first(where: { !names.contains($0) }) {
            throw DocketError(
                .invalidInput, key: "holiday.festival-missing", zh: "\(year)年通知缺少\(missing)的安排。",
                en: "The \(year) notice arranges no \(missing); every notice arranges the seven festivals.")
        }
        for (day, name) in StatutoryHolidays.days(year).sorted(by: { $0.key < $1.key }) where holidays[day] == nil {
            throw DocketError(
                .invalidInput, key: "holiday.statutory-day-missing", zh: "\(year)年通知中，法定节假日\(day)（\(name)）"
                    + "未列为放假日。",
                en: "The \(year) notice does not give \(day) (\(name)) off, though the law does; check the dates.")
        }
    }
}
