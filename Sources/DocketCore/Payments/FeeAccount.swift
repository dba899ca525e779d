/// The fee position of a case, derived from its payment records: what was assessed, paid, returned and is
/// still owed. Nothing here is stored; every node computes the same from the same records.
///
/// Assessments come in **fees**: an assessment that names no other (the acceptance fee, a preservation fee) opens
/// a fee, and a supplementary assessment (after the claim was raised, Decree 481 art. 21) names the one it adds
/// to in `assessmentId`. A payment counts towards the fee of the assessment it names; a payment that names none
/// counts towards the first fee. Within a fee, payments cover its assessments in the order they were made.
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
    /// Paid and not returned nor being returned: what a refund may still give back.
    public var refundable: Fen { Fen(max(0, paid.value - refunding.value)) }
    /// Still to pay (never negative).
    public var outstanding: Fen { Fen(max(0, assessed.value - paid.value)) }
    /// Payments whose outcome is not known yet (awaiting or unknown): do not take the money a second time.
    public var inFlight: [PaymentRecord] { payments.filter { $0.state == .awaiting || $0.state == .unknown } }

    /// The assessment that opens the fee `assessment` belongs to (itself, or the one a supplement names).
    public func root(of assessment: PaymentRecord) -> PaymentRecord {
        guard let parent = assessment.assessmentId, let root = assessments.first(where: { $0.id == parent }) else {
            return assessment
        }
        return root
    }

    /// The fees of the case, each its opening assessment and supplements in order.
    public var fees: [[PaymentRecord]] {
        let roots = assessments.filter { root(of: $0).id == $0.id }
        return roots.map { root in assessments.filter { self.root(of: $0).id == root.id } }
    }

    /// The fee a payment counts towards: the one of the assessment it names, else the first.
    private func feeIndex(of payment: PaymentRecord, in fees: [[PaymentRecord]]) -> Int? {
        if let named = payment.assessmentId, let index = fees.firstIndex(where: { $0.contains { $0.id == named } }) {
            return index
        }
        return fees.isEmpty ? nil : 0
    }

    /// Paid towards each fee, in the order of `fees`.
    private var paidByFee: [Int64] {
        let fees = self.fees
        var paid = Array(repeating: Int64(0), count: fees.count)
        for payment in payments where payment.state == .paid {
            if let index = feeIndex(of: payment, in: fees) { paid[index] += payment.amountFen }
        }
        return paid
    }

    /// What is still owed on the fee `assessmentID` belongs to (nil: the case has no such assessment).
    public func outstanding(ofFeeOf assessmentID: String) -> Fen? {
        let fees = self.fees
        guard let index = fees.firstIndex(where: { $0.contains { $0.id == assessmentID } }) else { return nil }
        let total = fees[index].reduce(Int64(0)) { $0 + $1.amountFen }
        return Fen(max(0, total - paidByFee[index]))
    }

    /// The first assessment not yet covered by what was paid towards its fee, in order of fees: what a payment
    /// that names no assessment pays.
    public var firstUnpaid: PaymentRecord? {
        let fees = self.fees, paid = paidByFee
        for (index, fee) in fees.enumerated() {
            var left = paid[index]
            for assessment in fee {
                if left >= assessment.amountFen { left -= assessment.amountFen; continue }
                return assessment
            }
        }
        return nil
    }

    /// The earliest due date of an assessment that is not yet covered, while anything is outstanding.
    public var dueDate: LocalDate? {
        guard outstanding > .zero else { return nil }
        let fees = self.fees, paid = paidByFee
        var due: [LocalDate] = []
        for (index, fee) in fees.enumerated() {
            var left = paid[index]
            for assessment in fee {
                if left >= assessment.amountFen { left -= assessment.amountFen; continue }
                left = 0
                if let day = assessment.dueDate.flatMap({ try? LocalDate(parsing: $0) }) { due.append(day) }
            }
        }
        return due.min()
    }

    /// True when money is owed and its due date has passed.
    public func isOverdue(today: LocalDate) -> Bool {
        guard let due = dueDate else { return false }
        return today > due
    }

    /// The words a person reads: 未缴费 / 已缴费 / 逾期未缴 / 无需缴费.
    public func summary(today: LocalDate) -> String {
        if assessments.isEmpty || assessed == .zero { return "无需缴费" }
        if outstanding == .zero { return "已缴费" }
        return isOverdue(today: today) ? "逾期未缴" : "待缴费"
    }
}
