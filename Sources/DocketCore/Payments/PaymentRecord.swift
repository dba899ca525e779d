/// What a payment record is: a fee the court assessed, money paid towards it, or money returned.
public enum PaymentKind: String, Codable, Sendable {
    case assessment, payment, refund
}

/// Where a payment or refund stands. Only a confirmed success is `paid`; a network error is `unknown`, never
/// `failed`, because the money may have moved.
public enum PaymentState: String, Codable, CaseIterable, Sendable {
    case awaiting, paid, expired, failed, unknown
    case refundRequested = "refund-requested"
    case refunded
    case refundFailed = "refund-failed"

    /// The moves the state machine allows; staying in the same state is always allowed.
    public func canMove(to next: PaymentState) -> Bool {
        if next == self { return true }
        switch self {
        case .awaiting, .unknown: return [.paid, .expired, .failed, .unknown].contains(next)
        case .refundRequested, .refundFailed: return [.refunded, .refundFailed].contains(next)
        case .paid, .expired, .failed, .refunded: return false
        }
    }
}

/// A fee assessment, a payment or a refund: `payments/<id>.json`. Amounts in fen.
public struct PaymentRecord: Record, Equatable {
    public static let schema = "docket.payment/1"
    public static let explicitNullFields = [
        "state", "assessmentId", "dueDate", "method", "merchantOrderNo", "reference",
        "reason", "feeKind",
    ]

    public var id: String
    public var kind: PaymentKind
    /// Assessments: the fee kind (`property`, …). Payments and refunds: nil.
    public var feeKind: String?
    public var amountFen: Int64
    /// Payments and refunds only.
    public var state: PaymentState?
    /// The assessment a payment or refund belongs to.
    public var assessmentId: String?
    /// Assessments: the last day to pay; refunds: the last day to return the money (YYYY-MM-DD).
    public var dueDate: String?
    /// How the amount was arrived at, step by step, citing the rules.
    public var basis: [String]
    /// Payments: "counter" or "qr".
    public var method: String?
    /// Payments: the order number given to the gateway (6–32 characters), stored before the first call.
    public var merchantOrderNo: String?
    /// The gateway's or counter's reference for a confirmed payment or refund.
    public var reference: String?
    /// Gateway details: RRN, authorisation code, terminal id, payment URL, expiry.
    public var details: [String: String]
    /// Refunds: withdrawn, not-accepted, remanded, overpaid, …
    public var reason: String?
    public var createdAt: HybridTimestamp
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(
        id: String, kind: PaymentKind, feeKind: String? = nil, amountFen: Int64, state: PaymentState? = nil,
        assessmentId: String? = nil, dueDate: String? = nil, basis: [String] = [], method: String? = nil,
        merchantOrderNo: String? = nil, reference: String? = nil, details: [String: String] = [:],
        reason: String? = nil, at time: HybridTimestamp, by node: String
    ) {
        self.id = id; self.kind = kind; self.feeKind = feeKind; self.amountFen = amountFen; self.state = state
        self.assessmentId = assessmentId; self.dueDate = dueDate; self.basis = basis; self.method = method
        self.merchantOrderNo = merchantOrderNo; self.reference = reference; self.details = details; self.reason = reason
        self.createdAt = time; self.updatedAt = time; self.updatedBy = node
    }

    /// Its file in the case tree.
    public var path: String { "payments/\(id).json" }
}
