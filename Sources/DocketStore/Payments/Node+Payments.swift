import DocketCore
import Foundation
import GRDB

extension Node {
    /// Pays what a case owes (or `amount` of it) through a gateway.
    ///
    /// The attempt — idempotency key, merchant order number, amount — is stored and the payment recorded as
    /// `awaiting` before the gateway is called. The same key again never charges twice: a paid attempt is returned
    /// as it is, an unfinished one is asked about (polled), and the same key with another amount is refused.
    ///
    /// `assessment` names the fee paid (e.g. a preservation fee); by default the payment goes to the first assessment.
    public func pay(_ uid: String, gateway: any PaymentGateway, amount: Fen? = nil, idempotencyKey: String? = nil,
                    assessment assessmentID: String? = nil) throws -> PaymentRecord {
        if gateway.method == "counter" { try requireCourt("Taking a payment at the counter") }
        var rng = SystemRandomNumberGenerator()
        let key = idempotencyKey ?? Identifier.short("k", using: &rng)
        guard (6...64).contains(key.utf8.count) else { throw DocketError("An idempotency key has 6–64 characters.") }

        if let attempt = try paymentAttempt(key) {
            guard attempt.uid == uid else { throw DocketError("The idempotency key \(key) belongs to another case.") }
            if let amount, amount.value != attempt.amountFen {
                throw DocketError("The idempotency key \(key) was used for \(Fen(attempt.amountFen).yuanString) yuan, not \(amount.yuanString); use a new key for a new payment.")
            }
            let existing = try caseFile(uid).payments.first { $0.id == attempt.paymentID }
            if let existing, existing.state == .paid || existing.state == .failed || existing.state == .expired { return existing }
            return try settle(uid, paymentID: attempt.paymentID, order: attempt.order, outcome: try Self.ask { try gateway.poll(attempt.order) },
                              method: gateway.method)
        }

        let file = try caseFile(uid)
        let named = assessmentID.flatMap { id in file.payments.first { $0.id == id } }
        let paidOnApplication = named?.feeKind.flatMap(FeeKind.init(rawValue:))?.isPaidOnApplication ?? false
        guard file.record.status == .accepted || paidOnApplication else {
            throw DocketError("Fees are paid on an accepted case; this one is \(file.record.status.rawValue).")
        }
        let fees = file.fees
        guard fees.outstanding > .zero else { throw DocketError("Nothing is owed on this case.") }
        if let pending = fees.inFlight.first {
            throw DocketError("Payment \(pending.id) of \(Fen(pending.amountFen).yuanString) yuan is still \(pending.state!.rawValue); settle it first (docket pay \(uid) --idempotency-key … with the same key).")
        }
        let value = amount ?? fees.outstanding
        guard value > .zero, value <= fees.outstanding else {
            throw DocketError("The amount \(value.yuanString) is more than the \(fees.outstanding.yuanString) yuan owed.")
        }
        let paymentID = Identifier.short("y", using: &rng)
        let order = PaymentOrder(merchantOrderNo: "DK" + Identifier.short("o", using: &rng).uppercased(), amountFen: value.value,
                                 description: "\(file.record.caseNumber ?? uid) 诉讼费", idempotencyKey: key)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO payment_attempts (idempotency_key, case_uid, payment_id, merchant_order_no, amount_fen, method, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key, uid, paymentID, order.merchantOrderNo, value.value, gateway.method,
                                 UTCTime.isoString(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))])
        }
        if let assessmentID, !fees.assessments.contains(where: { $0.id == assessmentID }) {
            throw DocketError("The case has no fee assessment \(assessmentID).")
        }
        let assessment = fees.assessments.first { assessmentID == nil ? $0.amountFen > 0 : $0.id == assessmentID }
        try updateCase(uid) { file, actor in
            let payment = PaymentRecord(id: paymentID, kind: .payment, amountFen: value.value, state: .awaiting,
                                        assessmentId: assessment?.id, method: gateway.method,
                                        merchantOrderNo: order.merchantOrderNo, at: actor.time, by: actor.node)
            return try CaseActions.recordPayment(file, payment, existing: nil, summary: nil, by: actor)
        }
        return try settle(uid, paymentID: paymentID, order: order, outcome: try Self.ask { try gateway.start(order) }, method: gateway.method)
    }

    /// Asks a gateway; anything it throws means we do not know what happened.
    static func ask(_ call: () throws -> GatewayOutcome) -> GatewayOutcome {
        do { return try call() } catch { return .unknown(reason: "\(error)") }
    }

    /// True when this node confirms payments of the case: its court, or a lobby terminal of that court.
    func mayConfirmPayments(of file: CaseFile) -> Bool {
        let me = participant
        return me.isCourt(of: file.record.court) || me.isTerminal(of: file.record.court)
    }

    /// Nothing to record: the payment already says what the gateway says (a callback delivered again).
    private struct AlreadyRecorded: Error { let payment: PaymentRecord }

    /// Records what the gateway said about a payment. Saying again what the record already holds writes nothing
    /// (a payment service that repeats its signed callback, a poll that finds no news); a settled payment is
    /// never moved to another transaction's reference.
    func settle(_ uid: String, paymentID: String, order: PaymentOrder, outcome: GatewayOutcome, method: String) throws -> PaymentRecord {
        do {
            return try recordSettlement(uid, paymentID: paymentID, outcome: outcome, method: method)
        } catch let unchanged as AlreadyRecorded {
            return unchanged.payment
        }
    }

    private func recordSettlement(_ uid: String, paymentID: String, outcome: GatewayOutcome, method: String) throws -> PaymentRecord {
        return try updateCase(uid) { file, actor in
            guard var payment = file.payments.first(where: { $0.id == paymentID }) else {
                throw DocketError("The case has no payment \(paymentID).")
            }
            let existing = payment
            if existing.state == .paid, case .paid(let reference, _) = outcome, reference != existing.reference {
                throw DocketError("Payment \(paymentID) is already paid (reference \(existing.reference ?? "—")); a report of another transaction (\(reference)) is ignored. 该笔缴费已支付，另一笔交易的通知不予采纳。")
            }
            var summary: String?
            switch outcome {
            case .paid(let reference, let details) where !mayConfirmPayments(of: file):
                // Only the court (or its lobby terminal) confirms money: elsewhere the gateway's word is noted and
                // the court settles the payment from the service's signed notice.
                payment.details["gatewayReference"] = reference
                payment.details.merge(details) { $1 }
            case .paid(let reference, let details):
                payment.state = .paid
                payment.reference = reference
                payment.details.merge(details) { $1 }
                summary = "缴纳诉讼费\(Fen(payment.amountFen).yuanString)元（\(method == "counter" ? "窗口" : "扫码")，凭证\(reference)）"
            case .pending(let url, let expires):
                payment.state = .awaiting
                payment.details["payURL"] = url
                payment.details["expiresAt"] = expires.map { UTCTime.isoString(milliseconds: Int64($0.timeIntervalSince1970 * 1000)) }
            case .failed(let reason):
                payment.state = .failed
                payment.details["failure"] = reason
                summary = "缴费未成功：\(reason)"
            case .expired:
                payment.state = .expired
            case .unknown(let reason):
                payment.state = .unknown
                payment.details["lastError"] = reason
            }
            if payment == existing { throw AlreadyRecorded(payment: existing) }
            return try CaseActions.recordPayment(file, payment, existing: existing, summary: summary, by: actor)
        }.file.payments.first { $0.id == paymentID }!
    }

    struct PaymentAttempt {
        var uid: String, paymentID: String, amountFen: Int64, order: PaymentOrder
    }

    func paymentAttempt(_ key: String) throws -> PaymentAttempt? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM payment_attempts WHERE idempotency_key = ?", arguments: [key]).map { row in
                PaymentAttempt(uid: row["case_uid"], paymentID: row["payment_id"], amountFen: row["amount_fen"],
                               order: PaymentOrder(merchantOrderNo: row["merchant_order_no"], amountFen: row["amount_fen"],
                                                   description: "", idempotencyKey: key))
            }
        }
    }

    /// Settles a QR payment from a signed callback of the payment service. A bad signature changes nothing.
    public func acceptPaymentCallback(body: [UInt8], signature: String?, secret: String) throws -> PaymentRecord {
        guard PaymentCallback.verify(body: body, signatureHeader: signature, secret: secret) else {
            throw DocketError("The payment callback's signature is not valid; it was ignored.")
        }
        let callback = try PaymentCallback.parse(body: body)
        let row = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT case_uid, payment_id, amount_fen FROM payment_attempts WHERE merchant_order_no = ?",
                             arguments: [callback.merchantOrderNo])
        }
        guard let row else { throw DocketError("No payment has the order number \(callback.merchantOrderNo).") }
        guard (row["amount_fen"] as Int64) == callback.amountFen else {
            throw DocketError("The callback's amount does not match the order; it was ignored.")
        }
        let order = PaymentOrder(merchantOrderNo: callback.merchantOrderNo, amountFen: callback.amountFen, description: "", idempotencyKey: "")
        return try settle(row["case_uid"], paymentID: row["payment_id"], order: order,
                          outcome: .paid(reference: callback.transactionId, details: ["paidAt": callback.paidAt]), method: "qr")
    }
}

extension Node {
    /// The QR gateway configured in the node settings (payments.qr.url, payments.qr.notifyURL).
    public func qrGateway() throws -> QRGateway {
        guard let url = URL(string: config.setting(.qrURL)), !config.setting(.qrURL).isEmpty else {
            throw DocketError("No QR payment service is configured: docket config set payments.qr.url http://…")
        }
        let notify = config.setting(.qrNotifyURL)
        return QRGateway(baseURL: url, notifyURL: notify.isEmpty ? nil : URL(string: notify), timeout: 10)
    }
}
