/// Payment at the court's counter: the cashier takes the money (cash or POS card terminal) and types in what the
/// terminal printed. The payment is confirmed by the cashier, so `start` answers `.paid` at once.
public struct CounterGateway: PaymentGateway {
    public let method = "counter"
    /// The receipt's reference number (参考号); required.
    public var reference: String
    /// Retrieval reference number, authorisation code and terminal id printed by a POS terminal, when paid by card.
    public var rrn: String?
    public var authCode: String?
    public var terminalId: String?

    public init(reference: String, rrn: String? = nil, authCode: String? = nil, terminalId: String? = nil) {
        self.reference = reference; self.rrn = rrn; self.authCode = authCode; self.terminalId = terminalId
    }

    private var details: [String: String] {
        var details: [String: String] = [:]
        details["rrn"] = rrn
        details["authCode"] = authCode
        details["terminalId"] = terminalId
        return details
    }

    public func start(_ order: PaymentOrder) throws -> GatewayOutcome {
        guard !reference.isEmpty else { return .failed(reason: "the counter receipt's reference number is missing") }
        return .paid(reference: reference, details: details)
    }

    public func poll(_ order: PaymentOrder) throws -> GatewayOutcome { try start(order) }

    public func refund(_ order: PaymentOrder, amountFen: Int64, refundNo: String) throws -> GatewayOutcome {
        .paid(reference: reference, details: details)
    }
}
