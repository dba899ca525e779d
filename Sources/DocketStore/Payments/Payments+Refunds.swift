import DocketCore
import Foundation

extension Payments {
    /// Requests the refund a case is owed on `ground` (Decree 481 arts. 15, 21, 27, 53): the amount from the rules,
    /// due 15 days after the triggering document took effect. Every rule is checked inside the write, on the case
    /// as it stands then (`CaseActions.requestRefund`), so two refunds at once cannot both pass.
    public func requestRefund(
        _ uid: String, ground: RefundGround, effectiveOn: LocalDate = Node.today(),
        secondInstancePaid: Fen = .zero
    ) throws -> PaymentRecord {
        try node.requireCourt("Refunding fees")
        let periods = try node.periods()
        var rng = SystemRandomNumberGenerator()
        let id = Identifier.short("r", using: &rng)
        return try node.updateCase(uid) { file, actor in
            try CaseActions.requestRefund(
                file, id: id, ground: ground, effectiveOn: effectiveOn, secondInstancePaid: secondInstancePaid,
                periods: periods, by: actor)
        }.file.payments.first { $0.id == id }!
    }

    /// Records that a requested refund was paid out (or failed).
    public func completeRefund(
        _ uid: String, refundID: String, reference: String?, failed: Bool = false
    ) throws -> PaymentRecord {
        try node.requireCourt("Refunding fees")
        return try node.updateCase(uid) { file, actor in
            guard var refund = file.payments.first(where: { $0.id == refundID && $0.kind == .refund }) else {
                throw DocketError(
                    .notFound, key: "refund.not-found", zh: "案件中没有该笔退费（\(refundID)）。",
                    en: "The case has no refund \(refundID).")
            }
            let existing = refund
            refund.state = failed ? .refundFailed : .refunded
            refund.reference = reference
            return try CaseActions.recordPayment(
                file, refund, existing: existing,
                summary: failed ? "退费失败" : "已退费\(Fen(refund.amountFen).yuanString)元", by: actor)
        }.file.payments.first { $0.id == refundID }!
    }
}
