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

    /// The acceptance fee of a case under a procedure (nil for a case tried under none: enforcement, preservation,
    /// payment orders, bankruptcy). Cases the decree exempts pay nothing: special procedures (art. 8(1)) and private
    /// prosecutions (criminal cases pay no acceptance fee).
    public static func fee(
        _ record: CaseRecord, kind: FeeKind? = nil, procedure: Procedure?,
        schedule: FeeSchedule = .standard
    ) throws -> FeeQuote {
        let kind = kind ?? feeKind(record)
        let exemption: FeeExemption? = record.caseType == "special" ? .specialProcedure : nil
        if record.caseType == "criminal-private" {
            return FeeQuote(
                kind: kind.rawValue, feeFen: 0, minFen: nil, maxFen: nil,
                steps: [
                    FeeStep(
                        en: "A private prosecution pays no acceptance fee (criminal cases are not charged).",
                        zh: "刑事自诉案件不交纳案件受理费。")
                ])
        }
        return try schedule.quote(
            FeeRequest(
                kind: kind, amount: record.claimAmountFen.map(Fen.init),
                simple: (procedure?.halvesFee ?? false) && kind.isAcceptanceFee,
                exemption: kind.isAcceptanceFee ? exemption : nil))
    }

    /// The case-type code a case's number gets at acceptance (最高人民法院关于人民法院案件案号的若干规定): 民初 for a civil
    /// suit, 行初 administrative, 刑初 a private prosecution, 民特 a special procedure, 民督 a payment order, 破申 a
    /// bankruptcy application, 执 enforcement, 财保 a pre-suit preservation.
    public static func numberType(_ record: CaseRecord) -> String {
        switch record.caseType {
        case "administrative": "行初"
        case "criminal-private": "刑初"
        case "special": "民特"
        case "payment-order": "民督"
        case "bankruptcy": "破申"
        case "enforcement": "执"
        case "preservation": "财保"
        default: "民初"
        }
    }

    /// True for a suit tried under a procedure (ordinary, simple, small claims) with a trial time limit: civil,
    /// administrative and private criminal cases. Enforcement, preservation, payment orders, bankruptcy
    /// applications and special procedures are not.
    public static func isSuit(_ record: CaseRecord) -> Bool {
        ["civil", "administrative", "criminal-private"].contains(record.caseType)
    }
}
