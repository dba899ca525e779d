/// The fee position of a case, derived from its payment records: what was assessed, paid, returned and is
/// still owed. Nothing here is stored; every node computes the same from the same records.
public struct FeeAccount: Sendable, Equatable {
    public let assessments: [PaymentRecord]
    public let payments: [PaymentRecord]
    public let refunds: [PaymentRecord]

    public init(_ records: [PaymentRecord]) {
        let sorted = records.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        assessments = sorted.filter { $0.kind == .assessment }
        payments = sorted.filter { $0.kind == .payment }
        refunds = sorted.filter { $0.kind == .refund }
    }

    /// Everything assessed.
    public var assessed: Fen { Fen(assessments.reduce(0) { $0 + $1.amountFen }) }
    /// Confirmed payments only.
    public var paid: Fen { Fen(payments.filter { $0.state == .paid }.reduce(0) { $0 + $1.amountFen }) }
    /// Refunds requested or done (money that is, or is being, returned).
    public var refunding: Fen {
        Fen(refunds.filter { $0.state != nil && $0.state != .refundFailed }.reduce(0) { $0 + $1.amountFen })
    }
    /// Still to pay (never negative).
    public var outstanding: Fen { Fen(max(0, assessed.value - paid.value)) }
    /// Payments whose outcome is not known yet (awaiting or unknown): do not take the money a second time.
    public var inFlight: [PaymentRecord] { payments.filter { $0.state == .awaiting || $0.state == .unknown } }

    /// The earliest due date of an assessment, while anything is outstanding.
    public var dueDate: LocalDate? {
        guard outstanding > .zero else { return nil }
        return assessments.compactMap { $0.dueDate.flatMap { try? LocalDate(parsing: $0) } }.min()
    }

    /// True when money is owed and its due date has passed.
    public func isOverdue(today: LocalDate) -> Bool {
        guard let due = dueDate else { return false }
        return today > due
    }

    /// The words a person reads: 未缴费 / 已缴费 / 逾期未缴 / 无需缴费.
    public func summary(today: LocalDate) -> String {
        if assessments.isEmpty { return "无需缴费" }
        if outstanding == .zero { return "已缴费" }
        return isOverdue(today: today) ? "逾期未缴" : "待缴费"
    }
}
