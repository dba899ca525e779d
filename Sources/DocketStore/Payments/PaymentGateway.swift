import Foundation

/// One payment as a gateway sees it. The merchant order number and idempotency key are stored on the node
/// before the gateway is first called, so a retry after a crash or a time-out asks about the same order.
public struct PaymentOrder: Sendable, Equatable {
    /// 6–32 characters of `[A-Za-z0-9_-]`, unique on this node.
    public var merchantOrderNo: String
    public var amountFen: Int64
    /// What the payer sees ("（2026）鲁0102民初1号 案件受理费").
    public var description: String
    public var idempotencyKey: String

    public init(merchantOrderNo: String, amountFen: Int64, description: String, idempotencyKey: String) {
        self.merchantOrderNo = merchantOrderNo; self.amountFen = amountFen
        self.description = description; self.idempotencyKey = idempotencyKey
    }
}

/// What a gateway says about an order. Only `.paid` is a confirmed success; a network error or an answer that
/// cannot be read is `.unknown`, never `.failed`, because the money may have moved.
public enum GatewayOutcome: Sendable, Equatable {
    /// Confirmed paid: the gateway's reference (transaction id, or the counter's reference number) and details.
    case paid(reference: String, details: [String: String])
    /// Waiting for the payer: a QR payment URL and when the order expires.
    case pending(payURL: String?, expiresAt: Date?)
    /// The gateway refused or the payer cancelled.
    case failed(reason: String)
    /// The order expired unpaid.
    case expired
    /// We do not know (network error, time-out, unreadable answer): ask again later.
    case unknown(reason: String)
}

/// A way to take money: at the counter (cashier or POS terminal) or by QR code through a payment service.
public protocol PaymentGateway: Sendable {
    /// "counter" or "qr".
    var method: String { get }
    /// Starts the payment of an order (for `counter`, records what the cashier's terminal printed). Calling it again
    /// with the same order must not charge twice.
    func start(_ order: PaymentOrder) throws -> GatewayOutcome
    /// Asks what became of an order.
    func poll(_ order: PaymentOrder) throws -> GatewayOutcome
    /// Refunds part or all of a paid order.
    func refund(_ order: PaymentOrder, amountFen: Int64, refundNo: String) throws -> GatewayOutcome
}
