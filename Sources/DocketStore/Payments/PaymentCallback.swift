import Crypto
import DocketCore
import Foundation

/// The "paid" callback a QR payment service POSTs to the node: JSON
/// `{"merchantOrderNo","transactionId","amountFen","state":"paid","paidAt"}`, signed in the header
/// `X-Paysim-Signature: sha256=<hex HMAC-SHA256(secret, body bytes)>`. Anyone can reach the callback URL, so only a
/// body whose signature checks out may settle a payment.
public enum PaymentCallback {
    /// The HTTP header that carries the signature.
    public static let signatureHeaderName = "X-Paysim-Signature"

    /// True only if `signatureHeader` is `sha256=` followed by the hex HMAC-SHA256 of exactly these body bytes
    /// under `secret`. The comparison takes the same time wherever the bytes differ, so timing does not reveal how
    /// much of a forged signature was right. A missing or malformed header, or an empty secret, is false.
    public static func verify(body: [UInt8], signatureHeader: String?, secret: String) -> Bool {
        guard !secret.isEmpty, let header = signatureHeader?.trimmingCharacters(in: .whitespaces) else { return false }
        let prefix = "sha256="
        guard header.count == prefix.count + 2 * SHA256.byteCount,
            header.lowercased().hasPrefix(prefix),
            let mac = bytes(hex: header.dropFirst(prefix.count))
        else { return false }
        // HMAC.isValidAuthenticationCode compares in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: body,
            using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// The facts of a verified callback. Throws a `DocketError` if the body is not a well-formed "paid" callback;
    /// call `verify` first, since parsing says nothing about who sent it.
    public static func parse(
        body: [UInt8]
    ) throws -> (merchantOrderNo: String, transactionId: String, amountFen: Int64, paidAt: String) {
        struct Body: Decodable {
            var merchantOrderNo: String
            var transactionId: String
            var amountFen: Int64
            var state: String
            var paidAt: String
        }
        guard let callback = try? JSONDecoder().decode(Body.self, from: Data(body)) else {
            throw DocketError(
                .invalidInput, key: "payment.callback-malformed",
                zh: "缴费回调不是预期格式的 JSON（merchantOrderNo、transactionId、amountFen、state、paidAt）。",
                en:
                    "The payment callback is not the expected JSON "
                    + "(merchantOrderNo, transactionId, amountFen, state, paidAt)."
            )
        }
        guard callback.state == "paid" else {
            throw DocketError(
                .invalidInput, key: "payment.callback-not-paid", zh: "缴费回调报告的状态为“\(callback.state)”；"
                    + "只接受状态为“paid”的回调。",
                en: "The payment callback reports state \"\(callback.state)\"; only \"paid\" callbacks are accepted.")
        }
        guard !callback.merchantOrderNo.isEmpty, !callback.transactionId.isEmpty, callback.amountFen > 0 else {
            throw DocketError(
                .invalidInput, key: "payment.callback-incomplete", zh: "缴费回调缺少订单号、交易号或大于零的金额。",
                en: "The payment callback lacks an order number, a transaction id or a positive amount.")
        }
        return (callback.merchantOrderNo, callback.transactionId, callback.amountFen, callback.paidAt)
    }

    /// Decodes hex digits (either case); nil if any character is not one, or the count is odd.
    private static func bytes(hex: Substring) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for char in hex.utf8 {
            let nibble: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = char - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high { result.append(h << 4 | nibble); high = nil } else { high = nibble }
        }
        return high == nil ? result : nil
    }
}
