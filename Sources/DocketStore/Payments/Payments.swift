import DocketCore
import Foundation
import GRDB

/// The node's money: fees taken at the counter or by QR code, refunds, the payment service's callbacks, and QR
/// orders another node started. It owns the `payment_attempts` table (idempotency keys and merchant orders, so an
/// order is never paid twice); the payments themselves are records of the case (`payments/<id>.json`), written by
/// the node's signed commits, and only the court records money.
public struct Payments: Sendable {
    /// The node whose cases the payments are recorded in.
    let node: Node
}

extension Node {
    /// The payments taken and refunded at this node.
    public var payments: Payments { Payments(node: self) }
}

extension Payments {
    /// Pays what a case owes (or `amount` of it) through a gateway.
    ///
    /// The attempt — idempotency key, merchant order number, amount — is stored and the payment recorded as
    /// `awaiting` before the gateway is called. The same key again never charges twice: a paid attempt is returned
    /// as it is, an unfinished one is asked about (polled), and the same key with another amount is refused.
    ///
    /// `assessment` names the fee paid (e.g. a preservation fee): the payment is at most what is owed on it, and by
    /// default all of it. Without one, the payment goes to the first assessment not yet covered.
    public func pay(
        _ uid: String, gateway: any PaymentGateway, amount: Fen? = nil, idempotencyKey: String? = nil,
        assessment assessmentID: String? = nil
    ) throws -> PaymentRecord {
        if gateway.method == "counter" { try node.requireCourt("Taking a payment at the counter") }
        var rng = SystemRandomNumberGenerator()
        let key = idempotencyKey ?? Identifier.short("k", using: &rng)
        guard (6...64).contains(key.utf8.count) else {
            throw DocketError(
                .invalidInput, key: "payment.idempotency-key-length", zh: "幂等键应为6至64个字符。",
                en: "An idempotency key has 6–64 characters.")
        }

        if let attempt = try attempt(key) {
            guard attempt.uid == uid else {
                throw DocketError(
                    .conflict, key: "payment.idempotency-key-other-case", zh: "幂等键\(key)已用于另一案件。",
                    en: "The idempotency key \(key) belongs to another case.")
            }
            if let amount, amount.value != attempt.amountFen {
                throw DocketError(
                    .conflict, key: "payment.idempotency-key-amount-mismatch",
                    zh: "幂等键\(key)已用于\(Fen(attempt.amountFen).yuanString)元的缴费，而非\(amount.yuanString)元；"
                        + "新的缴费请使用新的幂等键。",
                    en:
                        "The idempotency key \(key) was used for \(Fen(attempt.amountFen).yuanString) yuan, "
                        + "not \(amount.yuanString); use a new key for a new payment."
                )
            }
            let existing = try node.caseFile(uid).payments.first { $0.id == attempt.paymentID }
            if let existing, existing.state == .paid || existing.state == .failed || existing.state == .expired {
                return existing
            }
            return try settle(
                uid, paymentID: attempt.paymentID, order: attempt.order,
                outcome: Self.ask { try gateway.poll(attempt.order) },
                method: gateway.method)
        }

        // Checked once before anything is stored (a refusal leaves no attempt behind), and again inside the write,
        // on the case as it stands then.
        let file = try node.caseFile(uid)
        let plan = try CaseActions.planPayment(file, amount: amount, assessment: assessmentID)
        let paymentID = Identifier.short("y", using: &rng)
        let order = PaymentOrder(
            merchantOrderNo: "DK" + Identifier.short("o", using: &rng).uppercased(), amountFen: plan.amount.value,
            description: "\(file.record.caseNumber ?? uid) 诉讼费", idempotencyKey: key)
        try node.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO payment_attempts
                        (idempotency_key, case_uid, payment_id, merchant_order_no, amount_fen, method, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key, uid, paymentID, order.merchantOrderNo, plan.amount.value, gateway.method,
                    UTCTime.isoString(),
                ])
        }
        do {
            try node.updateCase(uid) { file, actor in
                try CaseActions.startPayment(
                    file, id: paymentID, amount: plan.amount, assessment: plan.assessment.id, method: gateway.method,
                    merchantOrderNo: order.merchantOrderNo, by: actor)
            }
        } catch {
            // Nothing was asked of the gateway: the attempt goes, so the key can be used again.
            try? node.database.write { db in
                try db.execute(sql: "DELETE FROM payment_attempts WHERE idempotency_key = ?", arguments: [key])
            }
            throw error
        }
        return try settle(
            uid, paymentID: paymentID, order: order, outcome: Self.ask { try gateway.start(order) },
            method: gateway.method)
    }

    /// Asks a gateway; anything it throws means we do not know what happened.
    static func ask(_ call: () throws -> GatewayOutcome) -> GatewayOutcome {
        do { return try call() } catch { return .unknown(reason: "\(error)") }
    }

    /// True when this node confirms payments of the case: its court, or a lobby terminal of that court.
    func mayConfirm(of file: CaseFile) -> Bool {
        let me = node.participant
        return me.isCourt(of: file.record.court) || me.isTerminal(of: file.record.court)
    }

    /// Nothing to record: the payment already says what the gateway says (a callback delivered again).
    private struct AlreadyRecorded: Error { let payment: PaymentRecord }

    /// Records what the gateway said about a payment. Saying again what the record already holds writes nothing
    /// (a payment service that repeats its signed callback, a poll that finds no news); a settled payment is
    /// never moved to another transaction's reference.
    func settle(
        _ uid: String, paymentID: String, order: PaymentOrder, outcome: GatewayOutcome, method: String
    ) throws -> PaymentRecord {
        do {
            return try recordSettlement(uid, paymentID: paymentID, outcome: outcome, method: method)
        } catch let unchanged as AlreadyRecorded {
            return unchanged.payment
        }
    }

    private func recordSettlement(
        _ uid: String, paymentID: String, outcome: GatewayOutcome, method: String
    ) throws -> PaymentRecord {
        return try node.updateCase(uid) { file, actor in
            guard var payment = file.payments.first(where: { $0.id == paymentID }) else {
                throw DocketError(
                    .notFound, key: "payment.not-found", zh: "案件中没有缴费记录\(paymentID)。",
                    en: "The case has no payment \(paymentID).")
            }
            let existing = payment
            if existing.state == .paid, case .paid(let reference, _) = outcome, reference != existing.reference {
                throw DocketError(
                    .invalidInput, key: "payment.already-paid-other-transaction",
                    zh: "缴费\(paymentID)已支付（交易参考号\(existing.reference ?? "—")），另一笔交易（\(reference)）"
                        + "的通知不予采纳。",
                    en:
                        "Payment \(paymentID) is already paid (reference \(existing.reference ?? "—")); "
                        + "a report of another transaction (\(reference)) is ignored."
                )
            }
            var summary: String?
            switch outcome {
            case .paid(let reference, let details) where !mayConfirm(of: file):
                // Only the court (or its lobby terminal) confirms money: elsewhere the gateway's word is noted and
                // the court settles the payment from the service's signed notice.
                payment.details["gatewayReference"] = reference
                payment.details.merge(details) { $1 }
            case .paid(let reference, let details):
                payment.state = .paid
                payment.reference = reference
                payment.details.merge(details) { $1 }
                summary =
                    "缴纳诉讼费\(Fen(payment.amountFen).yuanString)元（\(method == "counter" ? "窗口" : "扫码")，凭证\(reference)）"
            case .pending(let url, let expires):
                payment.state = .awaiting
                payment.details["payURL"] = url
                payment.details["expiresAt"] = expires.map {
                    UTCTime.isoString(milliseconds: Int64($0.timeIntervalSince1970 * 1000))
                }
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

    func attempt(_ key: String) throws -> PaymentAttempt? {
        try node.database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM payment_attempts WHERE idempotency_key = ?", arguments: [key]).map
            { row in
                PaymentAttempt(
                    uid: row["case_uid"], paymentID: row["payment_id"], amountFen: row["amount_fen"],
                    order: PaymentOrder(
                        merchantOrderNo: row["merchant_order_no"], amountFen: row["amount_fen"],
                        description: "", idempotencyKey: key))
            }
        }
    }

    /// Settles a QR payment from a signed callback of the payment service. A bad signature changes nothing.
    package func acceptCallback(body: [UInt8], signature: String?, secret: String) throws -> PaymentRecord {
        guard PaymentCallback.verify(body: body, signatureHeader: signature, secret: secret) else {
            throw DocketError(
                .unauthorized, key: "payment.callback-signature-invalid", zh: "缴费回调的签名无效，已忽略。",
                en: "The payment callback's signature is not valid; it was ignored.")
        }
        let callback = try PaymentCallback.parse(body: body)
        let row = try node.database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT case_uid, payment_id, amount_fen FROM payment_attempts WHERE merchant_order_no = ?",
                arguments: [callback.merchantOrderNo])
        }
        guard let row else {
            throw DocketError(
                .notFound, key: "payment.order-not-found", zh: "没有订单号为\(callback.merchantOrderNo)的缴费。",
                en: "No payment has the order number \(callback.merchantOrderNo).")
        }
        guard (row["amount_fen"] as Int64) == callback.amountFen else {
            throw DocketError(
                .invalidInput, key: "payment.callback-amount-mismatch", zh: "回调金额与订单金额不符，已忽略。",
                en: "The callback's amount does not match the order; it was ignored.")
        }
        let order = PaymentOrder(
            merchantOrderNo: callback.merchantOrderNo, amountFen: callback.amountFen, description: "",
            idempotencyKey: "")
        return try settle(
            row["case_uid"], paymentID: row["payment_id"], order: order,
            outcome: .paid(reference: callback.transactionId, details: ["paidAt": callback.paidAt]), method: "qr")
    }
}

extension Payments {
    /// The QR gateway configured in the node settings (payments.qr.url, payments.qr.notifyURL).
    public func qrGateway() throws -> QRGateway {
        guard let url = URL(string: node.config.setting(.qrURL)), !node.config.setting(.qrURL).isEmpty else {
            throw DocketError(
                .unavailable, key: "payment.qr-not-configured",
                zh: "尚未配置扫码缴费服务，请执行 docket config set payments.qr.url http://… 进行配置。",
                en: "No QR payment service is configured: docket config set payments.qr.url http://…")
        }
        let notify = node.config.setting(.qrNotifyURL)
        return QRGateway(baseURL: url, notifyURL: notify.isEmpty ? nil : URL(string: notify), timeout: 10)
    }
}
