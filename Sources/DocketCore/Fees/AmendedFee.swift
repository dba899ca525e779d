/// The acceptance fee after the claim amount of an accepted case changed (Decree 481 art. 21: a raise is paid on
/// the raised amount, a reduction computed on the reduced amount and the difference returned).
///
/// A raise becomes a **supplementary assessment** of the acceptance fee (its own due date and notice); a
/// reduction lowers the fee's assessments, latest first, and — when more was paid than the new fee — returns the
/// difference as a refund due 15 days after the decision (art. 53). Pure: the court node computes it inside the
/// write, on the case as it stands.
public struct AmendedFee: Sendable, Equatable {
    /// The acceptance fee assessed before, all its assessments together.
    public var before: Fen
    /// The acceptance fee on the new amount, with the kind and procedure of the acceptance.
    public var after: Fen
    /// The quote of the new fee (its steps in Chinese go into the records and the notice).
    public var quote: FeeQuote
    /// A raise: the supplementary assessment to write.
    public var supplement: PaymentRecord?
    /// A reduction: the assessments lowered, as they are to be written.
    public var lowered: [PaymentRecord]
    /// A reduction below what was paid: the refund to request.
    public var refund: Refund?

    /// The difference, positive for a raise.
    public var difference: Fen { after - before }

    /// The fee of `file` when its claim amount becomes `newAmount`.
    ///
    /// - `supplementID`: the id a supplementary assessment gets.
    /// - `decidedOn`: the day of the court's decision; a supplement is due 7 days after its notice is served
    ///   (art. 22), a refund 15 days after the decision (art. 53).
    public static func compute(
        _ file: CaseFile, newAmount: Fen?, supplementID: String, decidedOn: LocalDate,
        periods: PeriodCalculator, at time: HybridTimestamp, by node: String
    ) throws -> AmendedFee {
        let fees = file.fees
        let acceptanceFee = fees.fees.first { FeeKind(rawValue: $0[0].feeKind ?? "")?.isAcceptanceFee == true } ?? []
        var record = file.record
        record.claimAmountFen = newAmount?.value
        let kind = acceptanceFee.first?.feeKind.flatMap(FeeKind.init(rawValue:)) ?? FilingReview.feeKind(record)
        let procedure = record.procedure.flatMap(Procedure.init(rawValue:)) ?? .ordinary
        let quote = try FilingReview.fee(record, kind: kind, procedure: procedure)
        let before = Fen(acceptanceFee.reduce(Int64(0)) { $0 + $1.amountFen })
        let after = Fen(quote.feeFen)
        var result = AmendedFee(before: before, after: after, quote: quote, supplement: nil, lowered: [], refund: nil)
        let amountText = newAmount.map { "\($0.yuanString)元" } ?? "无金额"
        if after > before {
            let due = try FeeNotice.dueDate(servedOn: decidedOn, periods: periods)
            let raise = after - before
            let basis =
                ["变更诉讼请求后，诉讼请求金额为\(amountText)，案件受理费按变更后的数额计算（《诉讼费用交纳办法》第二十一条）："]
                + quote.chineseBasis.map { "  " + $0 }
                + ["已核定\(before.yuanString)元，应补交\(raise.yuanString)元。"]
            result.supplement = PaymentRecord(
                id: supplementID, kind: .assessment, feeKind: kind.rawValue, amountFen: raise.value,
                assessmentId: acceptanceFee.first?.id, dueDate: due.lastDay.description, basis: basis,
                at: time, by: node)
        } else if after < before {
            var left = (before - after).value
            for var assessment in acceptanceFee.reversed() where left > 0 {
                let cut = min(left, assessment.amountFen)
                guard cut > 0 else { continue }
                assessment.amountFen -= cut
                left -= cut
                assessment.basis.append(
                    "变更诉讼请求后，诉讼请求金额为\(amountText)，案件受理费按变更后的数额计算为\(after.yuanString)元（《诉讼费用交纳办法》第二十一条），"
                        + "本项核减\(Fen(cut).yuanString)元。"
                )
                assessment.updatedAt = time
                assessment.updatedBy = node
                result.lowered.append(assessment)
            }
            var lowered = file
            lowered.payments = file.payments.map { payment in result.lowered.first { $0.id == payment.id } ?? payment }
            if lowered.fees.paid.value - lowered.fees.assessed.value - lowered.fees.refunding.value > 0 {
                result.refund = try CaseActions.plannedRefund(
                    lowered, ground: .amended, effectiveOn: decidedOn,
                    secondInstancePaid: .zero, periods: periods)
            }
        }
        return result
    }
}
