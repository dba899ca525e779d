import Foundation

/// One payment order as the simulated provider keeps it.
struct SimulatedOrder: Sendable {
    enum State: String, Sendable, Encodable { case pending, paid, expired, failed }

    var orderId: String
    var merchantOrderNo: String
    var amountFen: Int64
    var description: String
    /// Where this order's callback goes; nil falls back to `--notify-url`.
    var notifyURL: URL?
    var payURL: String
    var expiresAt: Date
    var state: State = .pending
    var transactionId: String?
    var paidAt: Date?
    var refunds: [String: SimulatedRefund] = [:]

    var refundedFen: Int64 { refunds.values.reduce(0) { $0 + $1.amountFen } }

    /// Expiry is applied when the order is looked at, which is the only time anyone can notice it.
    mutating func expireIfDue(now: Date) {
        if state == .pending && now >= expiresAt { state = .expired }
    }

    /// What the HTTP API shows; `transactionId` and `paidAt` only once paid.
    var view: View {
        View(
            orderId: orderId, merchantOrderNo: merchantOrderNo, amountFen: amountFen, description: description,
            payUrl: payURL, expiresAt: iso8601(expiresAt), state: state, transactionId: transactionId,
            paidAt: paidAt.map(iso8601), refundedFen: refundedFen)
    }

    struct View: Encodable, Sendable {
        var orderId: String
        var merchantOrderNo: String
        var amountFen: Int64
        var description: String
        var payUrl: String
        var expiresAt: String
        var state: State
        var transactionId: String?
        var paidAt: String?
        var refundedFen: Int64
        /// Only on `/simulate/pay`: what became of the callback ("delivered", "not configured", or the failure).
        var callback: String?
    }
}

/// ISO 8601 in UTC with whole seconds ("2026-05-01T08:00:00Z").
func iso8601(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
}

/// A random identifier with a readable prefix ("ord_3f9a…"); unguessable enough for a simulator.
func randomIdentifier(_ prefix: String) -> String {
    let hex = (0..<12).map { _ in String(UInt8.random(in: 0...255), radix: 16) }
        .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    return prefix + hex
}
