import DocketCore
import Foundation

/// Why money goes back, as a clerk says it.
public enum RefundGround: String, CaseIterable, Sendable {
    case withdrawn, rejected, remand, overpaid, mediated, dismissed
}

extension Node {
    /// Requests the refund a case is owed on `ground` (Decree 481 arts. 15, 27, 53): the amount from the rules,
    /// due 15 days after the triggering document took effect. Refuses to return more than was paid.
    public func requestRefund(_ uid: String, ground: RefundGround, effectiveOn: LocalDate = Node.today(),
                              secondInstancePaid: Fen = .zero) throws -> PaymentRecord {
        try requireCourt("Refunding fees")
        let file = try caseFile(uid)
        let fees = file.fees
        let available = Fen(fees.paid.value - fees.refunding.value)
        if ground != .overpaid, let earlier = fees.refunds.first(where: { $0.reason == ground.rawValue && $0.state != .refundFailed }) {
            throw DocketError("A refund for \(ground.rawValue) was already requested (\(earlier.id), \(Fen(earlier.amountFen).yuanString) yuan).")
        }
        guard available > .zero else { throw DocketError("Nothing paid on this case is left to refund.") }
        let amount: Fen, dueBy: LocalDate, basis: [String]
        switch ground {
        case .overpaid:
            amount = Fen(fees.paid.value - fees.assessed.value - fees.refunding.value)
            guard amount > .zero else { throw DocketError("Nothing was overpaid: \(fees.paid.yuanString) paid against \(fees.assessed.yuanString) assessed.") }
            dueBy = try periods().lastDay(from: effectiveOn, days: 15).lastDay
            basis = ["Overpaid: \(fees.paid.yuanString) paid, \(fees.assessed.yuanString) assessed; the difference is returned."]
        default:
            let reason: RefundReason = [.withdrawn: .withdrawn, .rejected: .notAccepted, .remand: .remanded,
                                        .mediated: .mediated, .dismissed: .dismissed][ground]!
            if ground == .withdrawn, file.record.status != .withdrawn {
                throw DocketError("The case has not been withdrawn (docket filing withdraw); nothing is refunded for withdrawal yet.")
            }
            if ground == .rejected, file.record.status != .rejected {
                throw DocketError("The filing was not refused; a refund for non-acceptance needs the ruling first.")
            }
            let halved = file.record.procedure.flatMap(Procedure.init(rawValue:))?.halvesFee ?? false
            let refund = try RefundRule.refund(for: reason, paid: fees.paid, alreadyHalved: halved,
                                               secondInstancePaid: secondInstancePaid, effectiveOn: effectiveOn, periods: try periods())
            (amount, dueBy, basis) = (refund.amount, refund.dueBy, refund.basis)
        }
        guard amount > .zero else { throw DocketError("The rules give no refund here: \(basis.joined(separator: " "))") }
        guard amount <= available else {
            throw DocketError("A refund of \(amount.yuanString) is more than the \(available.yuanString) yuan paid and not yet refunded.")
        }
        var rng = SystemRandomNumberGenerator()
        let id = Identifier.short("r", using: &rng)
        return try updateCase(uid) { file, actor in
            let refund = PaymentRecord(id: id, kind: .refund, amountFen: amount.value, state: .refundRequested,
                                       assessmentId: file.fees.assessments.first?.id, dueDate: dueBy.description,
                                       basis: basis, reason: ground.rawValue, at: actor.time, by: actor.node)
            return try CaseActions.recordPayment(file, refund, existing: nil,
                                                 summary: "申请退费\(amount.yuanString)元（\(ground.rawValue)），应于\(dueBy)前退还", by: actor)
        }.file.payments.first { $0.id == id }!
    }

    /// Records that a requested refund was paid out (or failed).
    public func completeRefund(_ uid: String, refundID: String, reference: String?, failed: Bool = false) throws -> PaymentRecord {
        try requireCourt("Refunding fees")
        return try updateCase(uid) { file, actor in
            guard var refund = file.payments.first(where: { $0.id == refundID && $0.kind == .refund }) else {
                throw DocketError("The case has no refund \(refundID).")
            }
            let existing = refund
            refund.state = failed ? .refundFailed : .refunded
            refund.reference = reference
            return try CaseActions.recordPayment(file, refund, existing: existing,
                                                 summary: failed ? "退费失败" : "已退费\(Fen(refund.amountFen).yuanString)元", by: actor)
        }.file.payments.first { $0.id == refundID }!
    }
}
