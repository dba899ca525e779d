import DocketCore
import Foundation

extension Payments {
    /// QR payments another node started (a firm's desk): only the court records money, so when such a case
    /// reaches the court, the court asks the payment service itself about each of their orders still in flight
    /// and records what the service says for certain — paid (with its transaction reference), expired or failed.
    /// No answer, or "still waiting", changes nothing; the next arrival of the case asks again.
    ///
    /// `gateway` defaults to the node's configured QR service; without one, or on a node that does not confirm
    /// payments of this case, nothing is asked. `known`, when given, is the case at its `main` now, read already.
    /// Returns the payments it recorded.
    @discardableResult
    package func confirmForeignQR(
        _ uid: String, main known: CaseFile? = nil, gateway: (any PaymentGateway)? = nil
    ) throws -> [PaymentRecord] {
        // A firm never records money: it need not read the case at all (this runs for every case a sync takes).
        guard node.config.role != .firm, let file = known ?? (try? node.caseFile(uid)), mayConfirm(of: file) else {
            return []
        }
        var foreign: [PaymentRecord] = []
        for payment in file.fees.inFlight where payment.method == "qr" && payment.merchantOrderNo != nil {
            if try attemptKey(paymentID: payment.id) == nil { foreign.append(payment) }
        }
        guard !foreign.isEmpty, let gateway = gateway ?? (try? qrGateway()) else { return [] }
        var recorded: [PaymentRecord] = []
        for payment in foreign {
            let order = PaymentOrder(
                merchantOrderNo: payment.merchantOrderNo!, amountFen: payment.amountFen,
                description: "", idempotencyKey: "")
            let outcome = Self.ask { try gateway.poll(order) }
            switch outcome {
            case .paid, .expired, .failed:
                recorded.append(
                    try settle(uid, paymentID: payment.id, order: order, outcome: outcome, method: gateway.method))
            case .pending, .unknown:
                continue
            }
        }
        return recorded
    }
}
