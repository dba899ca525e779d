import DocketCore
import Foundation
import GRDB

/// A QR payment on show at a terminal: the record as it stands and the key that asks about it again.
public struct QRPaymentSession: Sendable {
    public var uid: String
    public var idempotencyKey: String
    public var payment: PaymentRecord
    /// The page the payer's phone opens (from the gateway), while the payment is awaited.
    public var payURL: String? { payment.details["payURL"] }
    /// When the payment service lets the order lapse.
    public var expiresAt: Date? {
        payment.details["expiresAt"].flatMap(UTCTime.milliseconds(parsingISO:)).map {
            Date(timeIntervalSince1970: Double($0) / 1000)
        }
    }
}

extension Payments {
    /// Starts a QR payment of everything a case owes, or resumes the one a previous visitor left unfinished on this
    /// node (asking the gateway about it first, so an order already paid is never paid twice).
    public func startQR(_ uid: String, gateway: any PaymentGateway) throws -> QRPaymentSession {
        let file = try node.caseFile(uid)
        if let pending = file.fees.inFlight.first(where: { $0.method == gateway.method }),
            let key = try attemptKey(paymentID: pending.id)
        {
            let payment = try pay(uid, gateway: gateway, idempotencyKey: key)
            if payment.state == .awaiting || payment.state == .paid || payment.state == .unknown {
                return QRPaymentSession(uid: uid, idempotencyKey: key, payment: payment)
            }
        }
        var rng = SystemRandomNumberGenerator()
        let key = Identifier.short("k", using: &rng)
        return QRPaymentSession(
            uid: uid, idempotencyKey: key, payment: try pay(uid, gateway: gateway, idempotencyKey: key))
    }

    /// The session again, as it stands now: settled by the gateway's callback (another process may have taken
    /// it), or else asked about through the gateway when `poll` is true. Only a change is written: asking every few
    /// seconds about an order still waiting adds no commits.
    public func refreshQR(
        _ session: QRPaymentSession, gateway: any PaymentGateway, poll: Bool
    ) throws -> QRPaymentSession {
        var next = session
        if let stored = try node.caseFile(session.uid).payments.first(where: { $0.id == session.payment.id }) {
            next.payment = stored
        }
        guard poll, next.payment.state == .awaiting || next.payment.state == .unknown,
            let attempt = try attempt(session.idempotencyKey)
        else { return next }
        switch Self.ask({ try gateway.poll(attempt.order) }) {
        case .pending, .unknown:
            return next
        case let outcome:
            next.payment = try settle(
                session.uid, paymentID: attempt.paymentID, order: attempt.order, outcome: outcome,
                method: gateway.method)
            return next
        }
    }

    /// The QR payment of the case this node started and that is still in flight (awaiting or unknown), as a session
    /// to watch with `refreshQRPayment`; nil when there is none. Reading it asks nothing of the payment service.
    public func qrInFlight(_ uid: String) throws -> QRPaymentSession? {
        for payment in try node.caseFile(uid).fees.inFlight where payment.method == "qr" {
            if let key = try attemptKey(paymentID: payment.id) {
                return QRPaymentSession(uid: uid, idempotencyKey: key, payment: payment)
            }
        }
        return nil
    }

    func attemptKey(paymentID: String) throws -> String? {
        try node.database.read { db in
            try String.fetchOne(
                db, sql: "SELECT idempotency_key FROM payment_attempts WHERE payment_id = ?", arguments: [paymentID])
        }
    }
}
