/// The end of a statutory period and the steps that led to it, written for the clerk who must rely on it.
public struct PeriodResult: Codable, Sendable, Equatable {
    /// The last day on which the act may be done (for an hour period, the day of `deadline`).
    public var lastDay: LocalDate
    /// For hour periods only: the exact wall-clock deadline in Asia/Shanghai.
    public var deadline: LocalDateTime?
    /// Human-readable steps, one per rule applied
    /// (e.g. "2024-10-01 is a public holiday (国庆节); moved to 2024-10-08, the next working day (CPL art. 85(3)).").
    public var rule: [String]
    /// Why the last day is provisional (Chinese, then English), or nil: it rests on a year the State Council has
    /// not yet published its holiday arrangement for, so it is computed from the law's holidays and weekends and
    /// may move when the notice arrives.
    public var provisional: String?

    /// A result; `deadline` only for hour periods.
    public init(lastDay: LocalDate, deadline: LocalDateTime? = nil, rule: [String], provisional: String? = nil) {
        self.lastDay = lastDay
        self.deadline = deadline
        self.rule = rule
        self.provisional = provisional
    }
}
