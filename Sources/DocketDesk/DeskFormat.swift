import DocketCore
import Foundation

/// How the desk writes values for people: times in Beijing time with the zone stated, money in yuan from fen,
/// statuses and roles in the page's language.
enum DeskFormat {
    /// `2026-11-29 16:21 +08:00` from a hybrid-clock text or an ISO 8601 UTC time; the text itself otherwise.
    static func time(_ text: String?) -> String {
        guard let text else { return "" }
        if let stamp = try? HybridTimestamp(parsing: text) { return UTCTime.displayWithZone(stamp.date) }
        if let ms = UTCTime.milliseconds(parsingISO: text) {
            return UTCTime.displayWithZone(Date(timeIntervalSince1970: Double(ms) / 1000))
        }
        return text
    }

    static func time(_ stamp: HybridTimestamp) -> String { UTCTime.displayWithZone(stamp.date) }

    /// `3300.00元` or `¥3300.00`.
    static func money(_ fen: Int64?, english: Bool) -> String {
        guard let fen else { return "" }
        return english ? "¥\(Fen(fen).yuanString)" : "\(Fen(fen).yuanString)元"
    }

    static func status(_ raw: String, english: Bool) -> String {
        switch CaseStatus(rawValue: raw) {
        case .submitted?: english ? "Under review" : "审查中"
        case .correctionRequested?: english ? "Correction requested" : "待补正"
        case .accepted?: english ? "Accepted" : "已立案"
        case .rejected?: english ? "Not accepted" : "不予受理"
        case .withdrawn?: english ? "Withdrawn" : "已撤回"
        case .closed?: english ? "Closed" : "已结案"
        case nil: raw
        }
    }

    static func caseType(_ raw: String, english: Bool) -> String {
        let names: [String: (String, String)] = [
            "civil": ("民事", "civil"), "administrative": ("行政", "administrative"),
            "enforcement": ("执行", "enforcement"), "preservation": ("诉前保全", "preservation"),
            "criminal-private": ("刑事自诉", "private prosecution"), "payment-order": ("督促程序", "payment order"),
            "bankruptcy": ("破产", "bankruptcy"), "special": ("特别程序", "special procedure"),
        ]
        return names[raw].map { english ? $0.1 : $0.0 } ?? raw
    }

    static func procedure(_ procedure: Procedure, english: Bool) -> String {
        english
            ? ["ordinary": "ordinary procedure", "simple": "simple procedure", "small-claims": "small claims"][
                procedure.rawValue] ?? procedure.rawValue
            : procedure.chinese
    }

    static func paymentState(_ state: PaymentState?, english: Bool) -> String {
        guard let state else { return "" }
        let names: [PaymentState: (String, String)] = [
            .awaiting: ("待支付", "awaiting"), .paid: ("已缴纳", "paid"), .expired: ("已过期", "expired"),
            .failed: ("失败", "failed"), .unknown: ("状态未明", "unknown"), .refundRequested: ("待退费", "refund requested"),
            .refunded: ("已退费", "refunded"), .refundFailed: ("退费失败", "refund failed"),
        ]
        return names[state].map { english ? $0.1 : $0.0 } ?? state.rawValue
    }

    static func paymentKind(_ kind: PaymentKind, english: Bool) -> String {
        switch kind {
        case .assessment: english ? "Assessed" : "应缴"
        case .payment: english ? "Payment" : "缴费"
        case .refund: english ? "Refund" : "退费"
        }
    }

    /// 电子邮件 / e-mail, 短信 / SMS.
    static func channel(_ channel: ServiceChannel, english: Bool) -> String {
        switch channel {
        case .email: english ? "e-mail" : "电子邮件"
        case .sms: english ? "SMS" : "短信"
        }
    }

    /// The filing number people quote before a case number exists (`54JJ2-EY15F`).
    static func filingNumber(_ uid: String) -> String { FilingNumber.of(uid: uid) }
}
