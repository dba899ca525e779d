import Foundation

/// Every order the simulator knows, in memory. An actor, so concurrent requests for the same merchant order
/// number see one order: the check "already exists?" and the insert happen together.
actor OrderBook {
    private var orders: [String: SimulatedOrder] = [:]
    /// Idempotency key → the merchant order number it was first used for.
    private var keys: [String: String] = [:]
    private let ttl: TimeInterval
    /// Set once the server knows its port; pay URLs are built from it.
    private var baseURL = "http://127.0.0.1"

    init(ttl: TimeInterval) { self.ttl = ttl }

    func setBaseURL(_ url: String) { baseURL = url }

    /// Creates an order, or returns the existing one for the same merchant order number and amount. A different
    /// amount, or an idempotency key already used for another order, is refused: never a second order.
    func create(
        merchantOrderNo: String, amountFen: Int64, description: String, notifyURL: URL?,
        idempotencyKey: String, now: Date = Date()
    ) throws -> SimulatedOrder {
        if let used = keys[idempotencyKey], used != merchantOrderNo {
            throw SimulatorError.conflict(
                "idempotency_key_reused",
                "The idempotency key was already used for order \(used).")
        }
        if var existing = orders[merchantOrderNo] {
            guard existing.amountFen == amountFen else {
                throw SimulatorError.conflict(
                    "amount_mismatch",
                    "Order \(merchantOrderNo) already exists for \(existing.amountFen) fen, not \(amountFen) fen.")
            }
            existing.expireIfDue(now: now)
            orders[merchantOrderNo] = existing
            keys[idempotencyKey] = merchantOrderNo
            return existing
        }
        let orderId = randomIdentifier("ord_")
        let order = SimulatedOrder(
            orderId: orderId, merchantOrderNo: merchantOrderNo, amountFen: amountFen,
            description: description, notifyURL: notifyURL,
            payURL: "\(baseURL)/pay/\(orderId)", expiresAt: now.addingTimeInterval(ttl))
        orders[merchantOrderNo] = order
        keys[idempotencyKey] = merchantOrderNo
        return order
    }

    /// The order as it is now (expired if its time ran out).
    func order(_ merchantOrderNo: String, now: Date = Date()) throws -> SimulatedOrder {
        guard var order = orders[merchantOrderNo] else {
            throw SimulatorError.notFound("There is no order \(merchantOrderNo).")
        }
        order.expireIfDue(now: now)
        orders[merchantOrderNo] = order
        return order
    }

    /// The order behind a pay URL.
    func order(orderId: String, now: Date = Date()) throws -> SimulatedOrder {
        guard let found = orders.values.first(where: { $0.orderId == orderId }) else {
            throw SimulatorError.notFound("There is no order \(orderId).")
        }
        return try order(found.merchantOrderNo, now: now)
    }

    /// Marks a pending order paid. `changed` is false when it was already paid, so the caller sends the callback
    /// once per payment, not once per request.
    func pay(_ merchantOrderNo: String, now: Date = Date()) throws -> (order: SimulatedOrder, changed: Bool) {
        var order = try order(merchantOrderNo, now: now)
        switch order.state {
        case .paid: return (order, false)
        case .expired: throw SimulatorError.conflict("expired", "Order \(merchantOrderNo) has expired.")
        case .failed: throw SimulatorError.conflict("failed", "Order \(merchantOrderNo) has already failed.")
        case .pending:
            order.state = .paid
            order.transactionId = randomIdentifier("txn_")
            order.paidAt = now
            orders[merchantOrderNo] = order
            return (order, true)
        }
    }

    /// Marks a pending order failed (the payer's bank declined, say).
    func fail(_ merchantOrderNo: String, now: Date = Date()) throws -> SimulatedOrder {
        var order = try order(merchantOrderNo, now: now)
        switch order.state {
        case .failed: return order
        case .paid: throw SimulatorError.conflict("paid", "Order \(merchantOrderNo) is already paid.")
        case .expired: throw SimulatorError.conflict("expired", "Order \(merchantOrderNo) has expired.")
        case .pending:
            order.state = .failed
            orders[merchantOrderNo] = order
            return order
        }
    }

    /// Refunds part of a paid order. The same refund number returns the same refund; a different amount under it,
    /// or more than is left of what was paid, is refused.
    func refund(
        _ merchantOrderNo: String, refundNo: String, amountFen: Int64, now: Date = Date()
    ) throws -> SimulatedRefund {
        var order = try order(merchantOrderNo, now: now)
        if let existing = order.refunds[refundNo] {
            guard existing.amountFen == amountFen else {
                throw SimulatorError.conflict(
                    "amount_mismatch",
                    "Refund \(refundNo) already exists for \(existing.amountFen) fen, not \(amountFen) fen.")
            }
            return existing
        }
        guard order.state == .paid else {
            throw SimulatorError.conflict("not_paid", "Order \(merchantOrderNo) is \(order.state.rawValue), not paid.")
        }
        let left = order.amountFen - order.refundedFen
        guard amountFen <= left else {
            throw SimulatorError.conflict(
                "exceeds_paid",
                "A refund of \(amountFen) fen is more than the \(left) fen left of order \(merchantOrderNo).")
        }
        let refund = SimulatedRefund(
            refundId: randomIdentifier("rfd_"), refundNo: refundNo,
            merchantOrderNo: merchantOrderNo, amountFen: amountFen,
            refundedAt: iso8601(now))
        order.refunds[refundNo] = refund
        orders[merchantOrderNo] = order
        return refund
    }
}
