/// Dates as Chinese court documents write them.
extension LocalDate {
    /// 2026年12月7日: dates inside the text of a notice or ruling.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// 二〇二六年十二月七日: the date under a court document's signature.
    public var chineseFormal: String {
        let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        let yearText = String(year).map { digits[Int(String($0))!] }.joined()
        return "\(yearText)年\(Self.chineseNumber(month))月\(Self.chineseNumber(day))日"
    }

    /// 1–31 in Chinese numerals: 七, 十, 十二, 二十, 三十一.
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 1...9: return digits[n]
        case 10: return "十"
        case 11...19: return "十" + digits[n - 10]
        default: return digits[n / 10] + "十" + digits[n % 10]
        }
    }
}

/// Wall times as Chinese court documents write them.
extension LocalDateTime {
    /// 2026年12月8日9时30分: the hour and minute without padding, as notices write them.
    public var chinese: String { "\(date.chinese)\(hour)时\(LocalDate.pad(minute, 2))分" }

    /// 09:30.
    public var clock: String { "\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))" }
}
