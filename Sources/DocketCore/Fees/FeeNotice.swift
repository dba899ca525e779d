/// When an acceptance fee noticed to a plaintiff must be paid.
public enum FeeNotice {
    /// The last day to pay: 7 days counted from the day after the fee notice is served (Decree 481 art. 22),
    /// moved off a rest day like any statutory period (CPL art. 85). Throws past the calendar's last year.
    public static func dueDate(servedOn served: LocalDate, periods: PeriodCalculator) throws -> PeriodResult {
        try periods.period(.feePayment, from: served)
    }
}
