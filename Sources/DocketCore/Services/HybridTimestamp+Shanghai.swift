extension HybridTimestamp {
    /// The Asia/Shanghai wall-clock minute of the reading (UTC+8; China has no daylight-saving time).
    public var shanghai: LocalDateTime {
        let minutes = (milliseconds + 8 * 3_600_000).floorDiv(60_000)
        let day = minutes.floorDiv(1440)
        let minuteOfDay = Int(minutes - day * 1440)
        return LocalDateTime(unchecked: LocalDate(dayNumber: Int(day)), minuteOfDay / 60, minuteOfDay % 60)
    }
}
