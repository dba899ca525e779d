/// Payments and refunds as changes to a case.
extension CaseActions {
    /// Writes a new payment or refund record, or moves an existing one to a new state (refusing moves the state
    /// machine forbids, e.g. `paid` back to `awaiting`).
    public static func recordPayment(_ file: CaseFile, _ payment: PaymentRecord, existing: PaymentRecord?,
                                     summary: String?, by actor: Actor) throws -> CaseChange {
        var payment = payment
        if let existing, let from = existing.state, let to = payment.state, !from.canMove(to: to) {
            throw DocketError("Payment \(payment.id) is \(from.rawValue) and cannot become \(to.rawValue).")
        }
        if let existing { payment.createdAt = existing.createdAt }
        payment.updatedAt = actor.time
        payment.updatedBy = actor.node
        var change = CaseChange(message: "\(payment.kind.rawValue.capitalized) \(payment.id): \(payment.state?.rawValue ?? "assessed")")
        try change.write(payment, at: payment.path)
        if let summary {
            try change.append(DocketEntry(at: actor.time, node: actor.node, actor: actor.name, kind: "payment-\(payment.state?.rawValue ?? "assessed")",
                                          summary: summary))
        }
        return change
    }
}
