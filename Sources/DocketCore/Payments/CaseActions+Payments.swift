/// Payments and refunds as changes to a case. Every rule about money is checked here, on the case the write path
/// hands over — so a step retried after losing a race sees the newest payments, and two refunds at once can never
/// both pass "no more than was paid".
extension CaseActions {
    /// What a payment pays: the amount and the assessment it counts towards.
    public struct PlannedPayment: Sendable, Equatable {
        public var amount: Fen
        public var assessment: PaymentRecord
    }

    /// Checks a payment of `amount` (default: all that is owed on the fee) towards `assessmentID` (default: the
    /// first assessment not yet covered) against the case as it stands.
    public static func planPayment(
        _ file: CaseFile, amount: Fen?, assessment assessmentID: String?
    ) throws -> PlannedPayment {
        let fees = file.fees
        let target: PaymentRecord
        if let assessmentID {
            guard let named = fees.assessments.first(where: { $0.id == assessmentID }) else {
                throw DocketError(
                    .notFound, key: "payment.assessment-not-found", zh: "案件中没有该笔费用（\(assessmentID)）。",
                    en: "The case has no fee assessment \(assessmentID).")
            }
            target = named
        } else {
            guard let first = fees.firstUnpaid else {
                throw DocketError(
                    .conflict, key: "payment.nothing-owed", zh: "本案没有待缴费用。", en: "Nothing is owed on this "
                        + "case.")
            }
            target = first
        }
        let kind = fees.root(of: target).feeKind.flatMap(FeeKind.init(rawValue:))
        guard file.record.status == .accepted || kind?.isPaidOnApplication == true else {
            throw DocketError(
                .conflict, key: "payment.case-not-accepted", zh: "案件受理后方可缴纳诉讼费，"
                    + "本案当前状态为\(file.record.status.rawValue)。",
                en: "Fees are paid on an accepted case; this one is \(file.record.status.rawValue).")
        }
        if let pending = fees.inFlight.first {
            throw DocketError(
                .conflict, key: "payment.in-flight",
                zh:
                    "上一笔缴费\(pending.id)（\(Fen(pending.amountFen).yuanString)元）仍为\(pending.state!.rawValue)状态，尚未有结果，"
                    + "请先确认（使用相同的 --idempotency-key 再次执行 docket pay …）。",
                en:
                    "Payment \(pending.id) of \(Fen(pending.amountFen).yuanString) yuan is still "
                    + "\(pending.state!.rawValue); settle it first (docket pay … with the same --idempotency-key)."
            )
        }
        let owed = fees.outstanding(ofFeeOf: target.id) ?? .zero
        guard owed > .zero else {
            throw DocketError(
                .conflict, key: "payment.fee-already-paid", zh: "\(kind?.chineseName ?? "the fee")（\(target.id)）"
                    + "已缴清。",
                en: "Nothing is owed on \(kind?.chineseName ?? "the fee") \(target.id): it is paid.")
        }
        let value = amount ?? owed
        guard value > .zero, value <= owed else {
            throw DocketError(
                .invalidInput, key: "payment.amount-exceeds-owed",
                zh: "缴费金额\(value.yuanString)元超过应缴金额\(owed.yuanString)元。",
                en: "The amount \(value.yuanString) is more than the \(owed.yuanString) yuan owed on this fee.")
        }
        return PlannedPayment(amount: value, assessment: target)
    }

    /// A new payment awaiting the gateway's word: `amount` towards `assessmentID` (as planned, checked again here).
    public static func startPayment(
        _ file: CaseFile, id: String, amount: Fen, assessment assessmentID: String?, method: String,
        merchantOrderNo: String, by actor: Actor
    ) throws -> CaseChange {
        let plan = try planPayment(file, amount: amount, assessment: assessmentID)
        let payment = PaymentRecord(
            id: id, kind: .payment, amountFen: plan.amount.value, state: .awaiting,
            assessmentId: plan.assessment.id, method: method, merchantOrderNo: merchantOrderNo,
            at: actor.time, by: actor.node)
        return try recordPayment(file, payment, existing: nil, summary: nil, by: actor)
    }

    /// Requests the refund a case is owed on `ground` (Decree 481 arts. 15, 21, 27, 53), due 15 days after the
    /// triggering document took effect. Refuses to return more than was paid and not yet returned, and a second
    /// refund on the same ground.
    public static func requestRefund(
        _ file: CaseFile, id: String, ground: RefundGround, effectiveOn: LocalDate,
        secondInstancePaid: Fen = .zero, periods: PeriodCalculator, by actor: Actor
    ) throws -> CaseChange {
        let refund = try plannedRefund(
            file, ground: ground, effectiveOn: effectiveOn, secondInstancePaid: secondInstancePaid, periods: periods)
        let record = PaymentRecord(
            id: id, kind: .refund, amountFen: refund.amount.value, state: .refundRequested,
            assessmentId: file.fees.assessments.first?.id, dueDate: refund.dueBy.description,
            basis: refund.basis, reason: ground.rawValue, at: actor.time, by: actor.node)
        return try recordPayment(
            file, record, existing: nil,
            summary: "申请退费\(refund.amount.yuanString)元（\(ground.chinese)），应于\(refund.dueBy)前退还", by: actor)
    }

    /// The refund `ground` gives on the case as it stands, or the reason there is none.
    public static func plannedRefund(
        _ file: CaseFile, ground: RefundGround, effectiveOn: LocalDate, secondInstancePaid: Fen,
        periods: PeriodCalculator
    ) throws -> Refund {
        let fees = file.fees
        if ground != .overpaid, ground != .amended,
            let earlier = fees.refunds.first(where: { $0.reason == ground.rawValue && $0.state != .refundFailed })
        {
            throw DocketError(
                .conflict, key: "refund.already-requested",
                zh: "已就该事由（\(ground.rawValue)）申请过退费（\(earlier.id)，"
                    + "\(Fen(earlier.amountFen).yuanString)元）。",
                en:
                    "A refund for \(ground.rawValue) was already requested (\(earlier.id), "
                    + "\(Fen(earlier.amountFen).yuanString) yuan)."
            )
        }
        let available = fees.refundable
        guard available > .zero else {
            throw DocketError(
                .conflict, key: "refund.nothing-left", zh: "本案已缴费用均已退还或正在退还。",
                en: "Nothing paid on this case is left to refund.")
        }
        let refund: Refund
        switch ground {
        case .overpaid, .amended:
            let amount = Fen(fees.paid.value - fees.assessed.value - fees.refunding.value)
            guard amount > .zero else {
                throw DocketError(
                    .conflict, key: "refund.nothing-overpaid",
                    zh: "没有多缴的费用：已缴\(fees.paid.yuanString)元，核定应缴\(fees.assessed.yuanString)元。",
                    en:
                        "Nothing was overpaid: \(fees.paid.yuanString) paid against \(fees.assessed.yuanString) "
                        + "assessed."
                )
            }
            let due = try periods.lastDay(from: effectiveOn, days: 15)
            let why = ground == .amended ? "减少诉讼请求数额后按减少后的数额计算（《诉讼费用交纳办法》第二十一条）：" : ""
            refund = Refund(
                amount: amount, dueBy: due.lastDay,
                basis: [
                    "\(why)已交纳\(fees.paid.yuanString)元，应交纳\(fees.assessed.yuanString)元，多交纳的\(amount.yuanString)元予以退还。",
                    "自\(effectiveOn)起十五日内退还（《诉讼费用交纳办法》第五十三条），即\(due.lastDay)前。",
                ])
        default:
            let reason: RefundReason = [
                .withdrawn: .withdrawn, .rejected: .notAccepted, .remand: .remanded,
                .mediated: .mediated, .dismissed: .dismissed,
            ][ground]!
            if ground == .withdrawn, file.record.status != .withdrawn {
                throw DocketError(
                    .conflict, key: "refund.not-withdrawn", zh: "案件尚未准许撤诉。",
                    en:
                        "The case has not been withdrawn (docket filing withdraw); nothing is refunded for "
                        + "withdrawal yet."
                )
            }
            if ground == .rejected, file.record.status != .rejected {
                throw DocketError(
                    .conflict, key: "refund.not-rejected", zh: "尚未裁定不予受理。",
                    en: "The filing was not refused; a refund for non-acceptance needs the ruling first.")
            }
            if ground == .mediated, !file.filings.contains(where: { $0.kind == .mediation && $0.state == .settled }) {
                throw DocketError(
                    .conflict, key: "refund.no-settled-mediation", zh: "本案没有已生效的调解协议。",
                    en: "No mediation of this case is settled; nothing is refunded for mediation.")
            }
            let halved = file.record.procedure.flatMap(Procedure.init(rawValue:))?.halvesFee ?? false
            refund = try RefundRule.refund(
                for: reason, paid: fees.paid, alreadyHalved: halved, secondInstancePaid: secondInstancePaid,
                effectiveOn: effectiveOn, periods: periods)
        }
        guard refund.amount > .zero else {
            throw DocketError(
                .conflict, key: "refund.none-under-rules", zh: "依规定本案不予退费："
                    + "\(refund.basis.joined(separator: " "))",
                en: "The rules give no refund here: \(refund.basis.joined(separator: " "))")
        }
        guard refund.amount <= available else {
            throw DocketError(
                .invalidInput, key: "refund.amount-exceeds-available",
                zh: "退费金额\(refund.amount.yuanString)元超过已缴未退金额\(available.yuanString)元。",
                en:
                    "A refund of \(refund.amount.yuanString) is more than the \(available.yuanString) yuan paid and "
                    + "not yet refunded."
            )
        }
        return refund
    }

    /// Writes a new payment or refund record, or moves an existing one to a new state (refusing moves the state
    /// machine forbids, e.g. `paid` back to `awaiting`).
    public static func recordPayment(
        _ file: CaseFile, _ payment: PaymentRecord, existing: PaymentRecord?,
        summary: String?, by actor: Actor
    ) throws -> CaseChange {
        var payment = payment
        if let existing, let from = existing.state, let to = payment.state, !from.canMove(to: to) {
            throw DocketError(
                .conflict, key: "payment.bad-transition",
                zh: "缴费\(payment.id)当前为\(from.rawValue)状态，不能变为\(to.rawValue)。",
                en: "Payment \(payment.id) is \(from.rawValue) and cannot become \(to.rawValue).")
        }
        if let existing { payment.createdAt = existing.createdAt }
        payment.updatedAt = actor.time
        payment.updatedBy = actor.node
        var change = CaseChange(
            message: "\(payment.kind.rawValue.capitalized) \(payment.id): \(payment.state?.rawValue ?? "assessed")")
        try change.write(payment, at: payment.path)
        if let summary {
            try change.append(
                DocketEntry(
                    at: actor.time, node: actor.node, actor: actor.name,
                    kind: "payment-\(payment.state?.rawValue ?? "assessed")",
                    summary: summary))
        }
        return change
    }
}
