import DocketCore
import DocketStore
import Foundation
import Hummingbird

/// The firm's fee payment: what a case owes, the counter reference to quote at the court's cashier, and payment by
/// QR code through the node's payment service (`Node.startQRPayment`, as the kiosk pays). The court alone records
/// money: the page says when the payment service has confirmed and the court has yet to record it, and shows paid
/// once the court's record has reached this node.
extension DeskServer {
    func feePage(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let reference = context.parameters.get("uid") ?? ""
        let done = request.uri.queryParameters.get("done")
        return await page(request, .payFees) { visit, session in
            let gateway = self.qrGateway
            let (file, watched, canQR) = try await self.work(session) { node in
                let uid = try node.resolveCase(reference)
                let configured = try? gateway(node)
                var watched = try node.payments.qrInFlight(uid)
                // Asked about on every look (the page reloads itself while it waits); only news is written.
                if let current = watched, let configured {
                    watched = try node.payments.refreshQR(current, gateway: configured, poll: true)
                }
                return (try node.caseFile(uid), watched, configured != nil)
            }
            var values = try Self.feeValues(file, watched: watched, canQR: canQR, english: visit.english)
            values["done"] = done.map { DeskText.done($0, english: visit.english) } as Any
            let title = visit.say("缴纳诉讼费", "Pay the court fee")
            return self.html(self.pages.render("fee", values, visit: visit, title: title))
        }
    }

    /// Where the fee stands, as one of: paid, confirming (the payment service says paid, the court has not recorded
    /// it yet), awaiting (a QR code to scan), unknown, owed (nothing started), nothing (nothing is owed).
    static func feeValues(
        _ file: CaseFile, watched: QRPaymentSession?, canQR: Bool, english: Bool
    ) throws -> [String: Any] {
        let record = file.record, fees = file.fees
        let number = record.caseNumber ?? DeskFormat.filingNumber(record.uid)
        var values: [String: Any] = [
            "uid": record.uid, "caseNumber": number, "caseTitle": record.title,
            "counterReference": number, "canQR": canQR,
            "assessed": DeskFormat.money(fees.assessed.value, english: english),
            "paid": DeskFormat.money(fees.paid.value, english: english),
            "outstanding": DeskFormat.money(fees.outstanding.value, english: english),
            "due": fees.dueDate?.description ?? "",
            "payments": file.payments.filter { $0.kind == .payment }.map { p -> [String: String] in
                [
                    "amount": DeskFormat.money(p.amountFen, english: english),
                    "state": DeskFormat.paymentState(p.state, english: english),
                    "method": p.method == "qr" ? (english ? "QR code" : "扫码") : (english ? "counter" : "窗口"),
                    "reference": p.reference ?? "", "at": DeskFormat.time(p.updatedAt),
                ]
            },
        ]
        let state: String
        if let payment = watched?.payment, payment.state == .awaiting || payment.state == .unknown {
            values["amount"] = DeskFormat.money(payment.amountFen, english: english)
            values["order"] = payment.merchantOrderNo ?? ""
            if let confirmed = payment.details["gatewayReference"] {
                state = "confirming"
                values["gatewayReference"] = confirmed
            } else if payment.state == .awaiting, let url = watched?.payURL {
                state = "awaiting"
                values["payURL"] = url
                values["expires"] = DeskFormat.time(payment.details["expiresAt"])
                values["qrSVG"] = try DeskQRCode.svg(
                    url, label: english ? "QR code to pay \(number)" : "\(number)缴费二维码")
            } else {
                state = "unknown"
                values["lastError"] = payment.details["lastError"] ?? ""
            }
        } else if fees.outstanding.value > 0 {
            state = fees.inFlight.isEmpty ? "owed" : "elsewhere"
        } else {
            state = fees.paid.value > 0 ? "paid" : "nothing"
        }
        values["state"] = state
        values["hasPayments"] = !(values["payments"] as? [[String: String]] ?? []).isEmpty
        values["is"] = [state: true]
        values["refresh"] = ["awaiting", "confirming", "unknown", "elsewhere"].contains(state)
        return values
    }

    /// Starts a QR payment of what the case owes, or takes up the one already waiting (never a second order).
    func startQRPayment(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let reference = context.parameters.get("uid") ?? ""
        return await action(request, .payFees) { _, _, session in
            let gateway = self.qrGateway
            let uid = try await self.work(session) { node in
                let uid = try node.resolveCase(reference)
                _ = try node.payments.startQR(uid, gateway: try gateway(node))
                return uid
            }
            return self.redirect("/cases/\(uid)/fee?done=qr")
        }
    }
}
