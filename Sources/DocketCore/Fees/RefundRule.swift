/// Why a paid acceptance fee is (partly) returned.
public enum RefundReason: String, CaseIterable, Codable, Sendable {
    /// The plaintiff withdrew: the fee is halved (art. 15), so half of what was paid comes back.
    case withdrawn
    /// The case ended in mediation: halved (art. 15), half comes back.
    case mediated
    /// The first-instance court ruled not to accept the case: all of it comes back (art. 27).
    case notAccepted = "not-accepted"
    /// The first-instance court dismissed the suit: all of it comes back (art. 27).
    case dismissed
    /// The second-instance court remanded the case: the appellant's second-instance fee comes back (art. 27).
    case remanded
}

/// A refund owed to a party, when it is due, and why.
public struct Refund: Codable, Sendable, Equatable {
    /// The amount to return.
    public var amount: Fen
    /// The last day to return it: 15 days after the document takes effect (art. 53, counted under CPL art. 85).
    public var dueBy: LocalDate
    /// Human-readable steps, each citing its article.
    public var basis: [String]

    /// A refund as computed by `RefundRule`.
    public init(amount: Fen, dueBy: LocalDate, basis: [String]) {
        self.amount = amount
        self.dueBy = dueBy
        self.basis = basis
    }
}

/// Refunds of acceptance fees under Decree 481 arts. 15, 27 and 53.
public enum RefundRule {
    /// The refund for `reason`.
    ///
    /// - `paid`: the first-instance acceptance fee the party paid.
    /// - `alreadyHalved`: the fee paid was already halved (simple procedure or counterclaim); halving
    ///   applies only once, so withdrawal or mediation then returns nothing more.
    /// - `secondInstancePaid`: the second-instance fee, required for `.remanded`.
    /// - `effectiveOn`: the day the ruling, judgment or mediation document took effect.
    ///
    /// Half of an odd number of fen leaves the court the half fen rounded up (the fee due is rounded
    /// half-up, the refund is the rest). Throws for a negative payment, a remand without a second-instance
    /// fee, or a due date past the holiday calendar.
    public static func refund(for reason: RefundReason, paid: Fen, alreadyHalved: Bool = false,
                              secondInstancePaid: Fen = .zero, effectiveOn: LocalDate,
                              periods: PeriodCalculator) throws -> Refund {
        guard paid >= .zero, secondInstancePaid >= .zero else {
            throw DocketError("Fees paid cannot be negative.")
        }
        var basis: [String] = []
        let amount: Fen
        switch reason {
        case .withdrawn, .mediated:
            let ground = reason == .withdrawn ? "Withdrawal" : "Mediation"
            if alreadyHalved {
                amount = .zero
                basis.append("\(ground) halves the fee (art. 15), but the \(paid.yuanString) paid was already halved; halving applies once, so nothing is returned.")
            } else {
                let due = (FenRational(paid) * FenRational(1, 2)).roundedFen
                amount = paid - due
                basis.append("\(ground) halves the fee (art. 15): \(paid.yuanString) paid, \(due.yuanString) due, \(amount.yuanString) returned.")
            }
        case .notAccepted, .dismissed:
            amount = paid
            let what = reason == .notAccepted ? "A ruling of non-acceptance" : "A ruling dismissing the suit"
            basis.append("\(what) returns the whole acceptance fee (arts. 8(2), 27): \(paid.yuanString) returned.")
        case .remanded:
            guard secondInstancePaid > .zero else {
                throw DocketError("A remand returns the appellant's second-instance fee (art. 27); give the second-instance fee that was paid.")
            }
            amount = secondInstancePaid
            basis.append("Remand for retrial returns the appellant's second-instance fee (art. 27): \(secondInstancePaid.yuanString) returned.")
        }
        let due = try periods.lastDay(from: effectiveOn, days: 15)
        basis.append("Due within 15 days of the document taking effect on \(effectiveOn) (art. 53): by \(due.lastDay).")
        basis += due.rule
        return Refund(amount: amount, dueBy: due.lastDay, basis: basis)
    }
}
