/// Why money goes back, as a clerk says it on the command line.
public enum RefundGround: String, CaseIterable, Sendable {
    case withdrawn, rejected, remand, overpaid, mediated, dismissed, amended

    /// The ground in words, for the timeline.
    public var chinese: String {
        switch self {
        case .withdrawn: "撤诉"
        case .rejected: "不予受理"
        case .remand: "发回重审"
        case .overpaid: "多缴"
        case .mediated: "调解结案"
        case .dismissed: "驳回起诉"
        case .amended: "减少诉讼请求"
        }
    }
}

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
    /// How the amount was arrived at, step by step in Chinese, each citing its article (it goes into the refund
    /// record, which people read).
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
    public static func refund(
        for reason: RefundReason, paid: Fen, alreadyHalved: Bool = false,
        secondInstancePaid: Fen = .zero, effectiveOn: LocalDate,
        periods: PeriodCalculator
    ) throws -> Refund {
        guard paid >= .zero, secondInstancePaid >= .zero else {
            throw DocketError(
                .invalidInput, key: "refund.paid-negative", zh: "已缴费用不能为负数。", en: "Fees paid cannot be "
                    + "negative.")
        }
        var basis: [String] = []
        let amount: Fen
        switch reason {
        case .withdrawn, .mediated:
            let ground = reason == .withdrawn ? "撤诉" : "调解结案"
            if alreadyHalved {
                amount = .zero
                basis.append("\(ground)减半交纳案件受理费（《诉讼费用交纳办法》第十五条），"
                    + "但已交纳的\(paid.yuanString)元已经减半，减半只适用一次，不再退还。")
            } else {
                let due = (FenRational(paid) * FenRational(1, 2)).roundedFen
                amount = paid - due
                basis.append(
                    "\(ground)减半交纳案件受理费（《诉讼费用交纳办法》第十五条）：已交纳\(paid.yuanString)元，应交纳\(due.yuanString)元，"
                        + "退还\(amount.yuanString)元。"
                )
            }
        case .notAccepted, .dismissed:
            amount = paid
            let what = reason == .notAccepted ? "裁定不予受理" : "裁定驳回起诉"
            basis.append("\(what)的，退还全部案件受理费（《诉讼费用交纳办法》第八条第二项、第二十七条）："
                + "退还\(paid.yuanString)元。")
        case .remanded:
            guard secondInstancePaid > .zero else {
                throw DocketError(
                    .invalidInput, key: "refund.remand-needs-second-instance-fee",
                    zh: "发回重审的，退还上诉人已交纳的第二审案件受理费（第二十七条）；请填写已交纳的第二审案件受理费。",
                    en:
                        "A remand returns the appellant's second-instance fee (art. 27); give the second-instance fee "
                        + "that was paid."
                )
            }
            amount = secondInstancePaid
            basis.append("发回重审的，退还上诉人已交纳的第二审案件受理费（《诉讼费用交纳办法》第二十七条）："
                + "退还\(secondInstancePaid.yuanString)元。")
        }
        let due = try periods.lastDay(from: effectiveOn, days: 15)
        basis.append("自法律文书于\(effectiveOn)生效之日起十五日内退还（《诉讼费用交纳办法》第五十三条），"
            + "即\(due.lastDay)前。")
        return Refund(amount: amount, dueBy: due.lastDay, basis: basis)
    }
}
