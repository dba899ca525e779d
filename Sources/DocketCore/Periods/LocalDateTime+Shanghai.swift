import Foundation

extension LocalDateTime {
    /// The Asia/Shanghai wall-clock minute of an instant given in milliseconds since 1970 (UTC+8; China has no
    /// daylight-saving time).
    public init(shanghaiMilliseconds milliseconds: Int64) {
        let minutes = (milliseconds + 8 * 3_600_000).floorDiv(60_000)
        let day = minutes.floorDiv(1440)
        let minuteOfDay = Int(minutes - day * 1440)
        self.init(unchecked: LocalDate(dayNumber: Int(day)), minuteOfDay / 60, minuteOfDay % 60)
    }

    /// The Asia/Shanghai wall-clock minute of `date`.
    public init(shanghai date: Date) {
        self.init(shanghaiMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

extension HybridTimestamp {
    /// The Asia/Shanghai wall-clock minute of the reading.
    public var shanghai: LocalDateTime { LocalDateTime(shanghaiMilliseconds: milliseconds) }
}
