import Foundation

/// One refund of a paid order; kept by refund number so asking again returns it rather than refunding twice.
struct SimulatedRefund: Sendable, Encodable {
    var refundId: String
    var refundNo: String
    var merchantOrderNo: String
    var amountFen: Int64
    var state = "refunded"
    var refundedAt: String
}
