import Synchronization

/// The public holidays every citizen has by law, 全国年节及纪念日放假办法 (as amended by State Council Decree
/// No. 795, in force 1 January 2025): 元旦 1 day; 春节 4 days, from 除夕 to 正月初三; 清明节 1 day, on the solar
/// term; 劳动节 2 days, 1–2 May; 端午节 1 day; 中秋节 1 day; 国庆节 3 days, 1–3 October.
///
/// This is what a year is judged by before the State Council's notice for it is published: the notice only adds
/// to it (weekend days folded into the holidays, make-up working days), so a period computed from it is marked
/// provisional until the notice arrives.
public enum StatutoryHolidays {
    /// The law's holidays of Gregorian `year`, by day, with their names. Computed once per year and kept: the
    /// lunar dates take thousands of trigonometric steps, and a period is judged day by day (`holidayName` asks
    /// for every day a period spans in a year without a notice — reindexing 100,000 cases asked millions of times).
    public static func days(_ year: Int) -> [LocalDate: String] {
        if let known = computed.withLock({ $0[year] }) { return known }
        let days = compute(year)
        computed.withLock { $0[year] = days }
        return days
    }

    /// The years computed so far in this process (a few; each is about ten entries).
    private static let computed = Mutex<[Int: [LocalDate: String]]>([:])

    private static func compute(_ year: Int) -> [LocalDate: String] {
        var days: [LocalDate: String] = [:]
        func add(_ day: LocalDate, _ name: String) { days[day] = name }
        func date(_ month: Int, _ day: Int) -> LocalDate { try! LocalDate(year: year, month: month, day: day) }
        add(date(1, 1), "元旦")
        let spring = ChineseCalendar.springFestival(year)
        for offset in -1...2 { add(spring.adding(days: offset), "春节") }
        add(ChineseCalendar.qingming(year), "清明节")
        add(date(5, 1), "劳动节"); add(date(5, 2), "劳动节")
        add(ChineseCalendar.dragonBoat(year), "端午节")
        add(ChineseCalendar.midAutumn(year), "中秋节")
        for day in 1...3 { add(date(10, day), "国庆节") }
        return days
    }
}
