import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay",
        abstract: "Pay what a case owes, at the counter or by QR code.",
        discussion: """
            Pass --idempotency-key when a payment may be retried (a kiosk, a flaky network): the same key never \
            charges twice, and the same key with another amount is refused. Only a confirmed success counts as paid; \
            if the gateway cannot be reached the payment is `unknown` — run the same command again to ask.
            """
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "The case uid or number.") var reference: String
    @Option(help: "counter (cashier or POS terminal) or qr (the payment service).") var method: String
    @Option(help: "Yuan to pay (default: all that is owed).") var amount: String?
    @Option(name: .customLong("reference"), help: "Counter: the receipt's reference number.") var receipt: String?
    @Option(help: "Counter: the POS retrieval reference number.") var rrn: String?
    @Option(name: .customLong("auth-code"), help: "Counter: the POS authorisation code.") var authCode: String?
    @Option(help: "Counter: the POS terminal id.") var terminal: String?
    @Option(name: .customLong("idempotency-key"), help: "Key that makes retries safe (6–64 characters).")
    var idempotencyKey: String?
    @Option(help: "The fee assessment paid (e.g. a preservation fee's; default: the acceptance fee).") var assessment:
        String?

    func run() throws {
        let opened = try node.open()
        let gateway: any PaymentGateway
        switch method {
        case "counter":
            guard let receipt else {
                throw DocketError(
                    .invalidInput, key: "payment.reference-required", zh: "柜台缴费须填写收据编号（--reference）。",
                    en: "A counter payment needs the receipt's reference number (--reference).")
            }
            gateway = CounterGateway(reference: receipt, rrn: rrn, authCode: authCode, terminalId: terminal)
        case "qr":
            gateway = try opened.payments.qrGateway()
        default:
            throw DocketError(
                .invalidInput, key: "payment.method-invalid", zh: "--method 应为 counter 或 qr。",
                en: "--method must be counter or qr.")
        }
        var rng = SystemRandomNumberGenerator()
        let key = idempotencyKey ?? Identifier.short("k", using: &rng)
        let payment = try opened.payments.pay(
            try opened.resolveCase(reference), gateway: gateway, amount: try amount.map(Fen.init(parsingYuan:)),
            idempotencyKey: key, assessment: assessment)
        if output.json { try printJSON(PaymentView(payment)); return }
        print(Self.outcome(payment, key: key))
    }

    /// One line saying what happened, and what to do next when it is not settled.
    static func outcome(_ payment: PaymentRecord, key: String) -> String {
        let amount = Fen(payment.amountFen).yuanString
        switch payment.state {
        case .paid?:
            return "已缴费 Paid: \(amount) yuan (payment \(payment.id), reference \(payment.reference ?? "—"))."
        case .awaiting? where payment.details["gatewayReference"] != nil:
            return
                "支付平台已确认，待法院入账 The payment service reports \(amount) yuan paid "
                + "(\(payment.details["gatewayReference"]!)); the court records it when its notice arrives."
        case .awaiting?:
            let url = payment.details["payURL"].map { " at \($0)" } ?? ""
            return "待支付 Awaiting payment of \(amount) yuan\(url); ask again with: docket pay … --idempotency-key "
                + "\(key)"
        case .unknown?:
            return
                "结果不明 The outcome of \(amount) yuan is unknown (\(payment.details["lastError"] ?? "no answer")); "
                + "ask again with: docket pay … --idempotency-key \(key)"
        case .failed?:
            return "缴费未成功 Payment failed: \(payment.details["failure"] ?? "no reason given")."
        case .expired?:
            return "订单已过期 The order expired; start a new payment."
        default:
            return "Payment \(payment.id): \(amount) yuan, \(payment.state?.rawValue ?? "-")"
        }
    }
}

struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "Show a case's fee assessments, payments and refunds, and what is still owed."
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "The case uid or number.") var reference: String

    struct Report: Encodable {
        var assessedFen: Int64, paidFen: Int64, refundingFen: Int64, outstandingFen: Int64, dueDate: String?,
            overdue: Bool, status: String
        var records: [PaymentView]
    }

    func run() throws {
        let opened = try node.open()
        let file = try opened.caseFile(try opened.resolveCase(reference))
        let fees = file.fees, today = Node.today()
        let report = Report(
            assessedFen: fees.assessed.value, paidFen: fees.paid.value, refundingFen: fees.refunding.value,
            outstandingFen: fees.outstanding.value, dueDate: fees.dueDate?.description,
            overdue: fees.isOverdue(today: today), status: fees.summary(today: today),
            records: file.payments.map(PaymentView.init))
        if output.json { try printJSON(report); return }
        print(
            "\(report.status): assessed \(fees.assessed.yuanString), paid \(fees.paid.yuanString), "
                + "owed \(fees.outstanding.yuanString)\(report.dueDate.map { " (due \($0))" } ?? "")"
        )
        for r in file.payments {
            print(
                "  \(r.id)  \(r.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                    + "\(Fen(r.amountFen).yuanString.padding(toLength: 12, withPad: " ", startingAt: 0)) "
                    + "\(r.state?.rawValue ?? "") \(r.reference ?? "")\(r.merchantOrderNo.map { " order " + $0 } ?? "")"
            )
        }
    }
}

struct RefundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refund",
        abstract: "Refund fees: the amount follows the rules, due 15 days after the document takes effect.",
        discussion: """
            withdrawn: half of the fee (art. 15; nothing more if already halved); rejected: all of it (art. 27); \
            remand: the second-instance fee (art. 27); overpaid: what was paid beyond the assessment. \
            Record the payout with --complete <refund-id> --reference R.
            """
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "The case uid or number.") var reference: String
    @Option(help: "withdrawn, rejected, remand, overpaid, mediated or dismissed.") var reason: String?
    @Option(help: "The day the triggering document took effect (YYYY-MM-DD; default today).") var effective: String?
    @Option(name: .customLong("second-instance-paid"), help: "For a remand: the second-instance fee paid, in yuan.")
    var secondInstance: String?
    @Option(help: "Record that this requested refund was paid out.") var complete: String?
    @Option(name: .customLong("reference"), help: "With --complete: the payout's reference.") var payout: String?

    func run() throws {
        let opened = try node.open()
        let uid = try opened.resolveCase(reference)
        let record: PaymentRecord
        if let complete {
            record = try opened.payments.completeRefund(uid, refundID: complete, reference: payout)
        } else {
            guard let reason, let ground = RefundGround(rawValue: reason) else {
                throw DocketError(
                    .invalidInput, key: "refund.reason-invalid",
                    zh: "--reason 应为以下之一：\(RefundGround.allCases.map(\.rawValue).joined(separator: ", "))。",
                    en: "--reason must be one of: \(RefundGround.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            record = try opened.payments.requestRefund(
                uid, ground: ground, effectiveOn: try effective.map(LocalDate.init(parsing:)) ?? Node.today(),
                secondInstancePaid: try secondInstance.map(Fen.init(parsingYuan:)) ?? .zero)
        }
        if output.json { try printJSON(PaymentView(record)); return }
        print(
            "Refund \(record.id): \(Fen(record.amountFen).yuanString) yuan, "
                + "\(record.state?.rawValue ?? "")\(record.dueDate.map { ", due \($0)" } ?? "")"
        )
    }
}

/// A payment record as the CLI prints it (amounts in fen and as yuan text).
struct PaymentView: Encodable {
    var id: String, kind: String, amountFen: Int64, amount: String, state: String?, method: String?,
        merchantOrderNo: String?
    var reference: String?, dueDate: String?, reason: String?, details: [String: String], basis: [String]

    init(_ r: PaymentRecord) {
        id = r.id; kind = r.kind.rawValue; amountFen = r.amountFen; amount = Fen(r.amountFen).yuanString;
        state = r.state?.rawValue
        method = r.method; merchantOrderNo = r.merchantOrderNo; reference = r.reference; dueDate = r.dueDate;
        reason = r.reason
        details = r.details; basis = r.basis
    }
}
