import Crypto
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Tells the merchant an order was paid: one signed POST, not retried. A lost callback is what a real provider
/// sometimes does, and the node must then find out by polling.
enum CallbackSender {
    /// The body a callback carries; encoded once, and those exact bytes are signed and sent.
    struct Body: Encodable {
        var merchantOrderNo: String
        var transactionId: String
        var amountFen: Int64
        var state = "paid"
        var paidAt: String
    }

    /// `sha256=<hex HMAC-SHA256(secret, body)>`, the value of `X-Paysim-Signature`.
    static func signature(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256="
            + mac.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }

    /// Sends the callback for a paid order and says what happened ("delivered" or why not); failures are logged.
    static func deliver(_ order: SimulatedOrder, fallback: URL?, secret: String) async -> String {
        guard let url = order.notifyURL ?? fallback else {
            log("order \(order.merchantOrderNo) paid; no notify URL, so no callback")
            return "not configured"
        }
        let body = Body(
            merchantOrderNo: order.merchantOrderNo, transactionId: order.transactionId ?? "",
            amountFen: order.amountFen, paidAt: order.paidAt.map(iso8601) ?? "")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(body) else { return "failed: could not encode the callback" }

        var request = URLRequest(url: url, timeoutInterval: 5)
        request.httpMethod = "POST"
        request.httpBody = data
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(signature(data, secret: secret), forHTTPHeaderField: "X-Paysim-Signature")

        let result: String = await withCheckedContinuation { continuation in
            let session = URLSession(configuration: .ephemeral)
            let task = session.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(returning: "failed: \(error.localizedDescription)")
                } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                    continuation.resume(returning: "failed: HTTP \(http.statusCode)")
                } else {
                    continuation.resume(returning: "delivered")
                }
            }
            task.resume()
            session.finishTasksAndInvalidate()
        }
        if result == "delivered" {
            log("callback for order \(order.merchantOrderNo) delivered to \(url.absoluteString)")
        } else {
            log("callback for order \(order.merchantOrderNo) to \(url.absoluteString) \(result); not retried")
        }
        return result
    }
}
