import DocketCore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Payment by QR code through an HTTP payment service (in the demo and tests, `docket-paysim`). The service's order
/// is keyed by our merchant order number, so asking again after a crash or a time-out finds the same order and
/// never creates a second one. Anything we cannot be sure of — no answer, a time-out, a 5xx, an answer we cannot
/// read — is `.unknown`, never `.failed`: the payer may have paid, and polling later will tell.
public struct QRGateway: PaymentGateway {
    public let method = "qr"
    /// The service's root, e.g. `http://127.0.0.1:8421`.
    public let baseURL: URL
    /// Where the service should send its signed "paid" callback; nil leaves it to the service's default.
    public let notifyURL: URL?
    /// The longest any one call may take before its outcome is `.unknown`.
    public let timeout: TimeInterval

    /// A gateway for the service at `baseURL`; every call gives up after `timeout` seconds.
    public init(baseURL: URL, notifyURL: URL? = nil, timeout: TimeInterval = 10) {
        self.baseURL = baseURL; self.notifyURL = notifyURL; self.timeout = timeout
    }

    /// Creates the service's order (or finds the one already made for this merchant order number): `.pending` with
    /// the pay URL to show as a QR code, or what became of it if it is older. A different amount for the same
    /// order number is refused by the service (`.failed`).
    public func start(_ order: PaymentOrder) throws -> GatewayOutcome {
        guard order.amountFen > 0 else {
            throw DocketError(
                .invalidInput, key: "payment.qr-amount-not-positive", zh: "扫码缴费金额须大于零。",
                en: "A QR payment needs a positive amount.")
        }
        let body = CreateOrder(
            merchantOrderNo: order.merchantOrderNo, amountFen: order.amountFen,
            description: order.description, notifyUrl: notifyURL?.absoluteString)
        let exchange = send(
            "POST", ["v1", "orders"], body: try JSONEncoder().encode(body),
            headers: ["Idempotency-Key": order.idempotencyKey])
        return outcome(of: exchange, for: order)
    }

    /// Asks the service for the order's state. An order the service does not know is a refusal (`.failed`): it was
    /// never created there, so nothing can have been paid on it.
    public func poll(_ order: PaymentOrder) throws -> GatewayOutcome {
        outcome(of: send("GET", ["v1", "orders", order.merchantOrderNo]), for: order)
    }

    /// Refunds `amountFen` of a paid order. A confirmed refund is `.paid` (money moved, back to the payer) with the
    /// service's refund id as the reference; the same `refundNo` again returns the same refund, never a second one.
    /// More than is left of what was paid is refused (`.failed`).
    public func refund(_ order: PaymentOrder, amountFen: Int64, refundNo: String) throws -> GatewayOutcome {
        guard amountFen > 0 else {
            throw DocketError(
                .invalidInput, key: "refund.amount-not-positive", zh: "退费金额须大于零。",
                en: "A refund needs a positive amount.")
        }
        let body = try JSONEncoder().encode(CreateRefund(refundNo: refundNo, amountFen: amountFen))
        let exchange = send("POST", ["v1", "orders", order.merchantOrderNo, "refunds"], body: body)
        switch exchange {
        case .noAnswer(let reason):
            return .unknown(reason: reason)
        case .answer(let status, let data):
            guard (200..<300).contains(status) else { return refusalOrUnknown(status: status, body: data) }
            guard let refund = try? JSONDecoder().decode(RefundAnswer.self, from: data) else {
                return .unknown(reason: "The payment service's answer to the refund could not be read.")
            }
            guard refund.refundNo == refundNo, refund.amountFen == amountFen else {
                return .unknown(
                    reason:
                        "The payment service answered about a different refund "
                        + "(\(refund.refundNo), \(refund.amountFen) fen)."
                )
            }
            switch refund.state {
            case "refunded":
                var details = ["refundNo": refund.refundNo, "amountFen": String(refund.amountFen)]
                details["refundedAt"] = refund.refundedAt
                return .paid(reference: refund.refundId, details: details)
            case "pending", "processing":
                return .pending(payURL: nil, expiresAt: nil)
            case "failed":
                return .failed(reason: "The payment service reports that the refund failed.")
            default:
                return .unknown(
                    reason: "The payment service reported the refund as \"\(refund.state)\", which is not understood.")
            }
        }
    }

    // MARK: Reading answers

    private struct CreateOrder: Encodable {
        var merchantOrderNo: String
        var amountFen: Int64
        var description: String
        var notifyUrl: String?
    }

    private struct CreateRefund: Encodable {
        var refundNo: String
        var amountFen: Int64
    }

    private struct OrderAnswer: Decodable {
        var orderId: String
        var merchantOrderNo: String
        var amountFen: Int64
        var payUrl: String?
        var expiresAt: String?
        var state: String
        var transactionId: String?
        var paidAt: String?
    }

    private struct RefundAnswer: Decodable {
        var refundId: String
        var refundNo: String
        var amountFen: Int64
        var state: String
        var refundedAt: String?
    }

    private struct ErrorAnswer: Decodable {
        var error: String?
        var message: String?
    }

    /// The outcome of an order answer (from `start` or `poll`). An answer about another order or another amount
    /// is not trusted either way: `.unknown`, for a person to look at.
    private func outcome(of exchange: Exchange, for order: PaymentOrder) -> GatewayOutcome {
        switch exchange {
        case .noAnswer(let reason):
            return .unknown(reason: reason)
        case .answer(let status, let data):
            guard (200..<300).contains(status) else { return refusalOrUnknown(status: status, body: data) }
            guard let answer = try? JSONDecoder().decode(OrderAnswer.self, from: data) else {
                return .unknown(
                    reason: "The payment service's answer about order \(order.merchantOrderNo) could not be read.")
            }
            guard answer.merchantOrderNo == order.merchantOrderNo, answer.amountFen == order.amountFen else {
                return .unknown(
                    reason:
                        "The payment service answered about order \(answer.merchantOrderNo) "
                        + "for \(answer.amountFen) fen, not order \(order.merchantOrderNo) for \(order.amountFen) fen."
                )
            }
            switch answer.state {
            case "pending":
                return .pending(payURL: answer.payUrl, expiresAt: answer.expiresAt.flatMap(Self.date))
            case "paid":
                guard let transaction = answer.transactionId, !transaction.isEmpty else {
                    return .unknown(
                        reason:
                            "The payment service says order \(order.merchantOrderNo) is paid "
                            + "but gives no transaction id."
                    )
                }
                var details = ["orderId": answer.orderId]
                details["paidAt"] = answer.paidAt
                return .paid(reference: transaction, details: details)
            case "expired":
                return .expired
            case "failed":
                return .failed(
                    reason: "The payment service reports that the payment of order \(order.merchantOrderNo) failed.")
            default:
                return .unknown(
                    reason:
                        "The payment service reported order \(order.merchantOrderNo) as \"\(answer.state)\", "
                        + "which is not understood."
                )
            }
        }
    }

    /// A 4xx is the service refusing (`.failed`, with its own sentence when it gave one), except for the codes that
    /// mean "not now" (408, 425, 429), which like 5xx and anything else say nothing about the money: `.unknown`.
    private func refusalOrUnknown(status: Int, body: Data) -> GatewayOutcome {
        let said = (try? JSONDecoder().decode(ErrorAnswer.self, from: body))?.message
        if (400..<500).contains(status) && ![408, 425, 429].contains(status) {
            return .failed(reason: said ?? "The payment service refused the request (HTTP \(status)).")
        }
        let detail = said.map { ": \($0)" } ?? "."
        return .unknown(reason: "The payment service answered HTTP \(status)\(detail)")
    }

    private static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    // MARK: HTTP

    private enum Exchange {
        case answer(status: Int, body: Data)
        case noAnswer(reason: String)
    }

    /// One request to the payment service, answered (or not) within `timeout`.
    private func send(
        _ method: String, _ path: [String], body: Data? = nil, headers: [String: String] = [:]
    ) -> Exchange {
        var url = baseURL
        for component in path { url.appendPathComponent(component) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        switch BlockingHTTP.send(request, timeout: timeout) {
        case .answer(let status, let body):
            return .answer(status: status, body: body)
        case .noAnswer(.timedOut):
            return .noAnswer(
                reason:
                    "The payment service at \(baseURL.absoluteString) did not answer within "
                    + "\(Self.seconds(timeout)) seconds."
            )
        case .noAnswer(.failed(let reason)):
            return .noAnswer(reason: "The payment service at \(baseURL.absoluteString) did not answer: \(reason)")
        case .noAnswer(.notHTTP):
            return .noAnswer(
                reason: "The payment service at \(baseURL.absoluteString) gave an answer that is not HTTP.")
        }
    }

    private static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? String(Int(interval)) : String(format: "%.1f", interval)
    }
}
