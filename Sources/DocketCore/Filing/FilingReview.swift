/// The clock of a filing's review and the fee it will carry: pure rules over a case.
public enum FilingReview {
    /// The day the complete filing reached the court: `receivedOn`, or the day of `filedAt` in Asia/Shanghai.
    public static func receivedOn(_ record: CaseRecord) -> LocalDate {
        if let text = record.receivedOn, let day = try? LocalDate(parsing: text) { return day }
        return LocalDate(date: record.filedAt.date, timeZone: UTCTime.displayZone)
    }

    /// The last day of the 7-day review (立案审查, CPL art. 126; 在线诉讼规则 art. 9 restarts it after a correction).
    /// The target is the same day; this is the limit.
    public static func reviewDue(_ record: CaseRecord, periods: PeriodCalculator) throws -> PeriodResult {
        try periods.period(.filingReview, from: receivedOn(record))
    }

    /// The fee kind of a case's acceptance fee: civil cases with a claimed amount are property cases
    /// (Decree 481 art. 13(1)), without one other non-property cases; administrative cases the administrative
    /// rate. A clerk may choose another kind (divorce, labour, …).
    public static func feeKind(_ record: CaseRecord) -> FeeKind {
        switch record.caseType {
        case "administrative": return .admin
        case "payment-order": return .paymentOrder
        case "bankruptcy": return .bankruptcy
        case "enforcement": return .enforcement
        case "preservation": return .preservation
        default: return record.claimAmountFen == nil ? .nonProperty : .property
        }
    }

    /// The acceptance fee of a case under a procedure.
    public static func fee(_ record: CaseRecord, kind: FeeKind? = nil, procedure: Procedure,
                           schedule: FeeSchedule = .standard) throws -> FeeQuote {
        let kind = kind ?? feeKind(record)
        return try schedule.quote(FeeRequest(kind: kind, amount: record.claimAmountFen.map(Fen.init),
                                             simple: procedure.halvesFee && kind.isAcceptanceFee))
    }
}
