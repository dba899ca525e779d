import DocketCore
import DocketKiosk
import DocketStore
import DocketSync
import DocketTerminal
import Foundation

/// The kiosk's effects performed against a local node, one at a time on a queue of their own so the screen keeps
/// counting down while the node or the payment service works.
///
/// Guarantees: answers never carry a full ID number (messages are scrubbed); a wrong PIN five times locks the
/// administrator mode for five minutes; a QR payment on show is watched (callback or polling) until it is paid,
/// abandoned or cancelled, and a payment is never started twice for one visitor's order.
public final class NodeKioskServices: KioskServices, @unchecked Sendable {
    let node: Node
    /// Names this terminal in the query rate limit.
    let terminalID: String
    let queue = DispatchQueue(label: "docket.kiosk.services")
    /// How often a QR payment on show is checked.
    let pollInterval: TimeInterval
    private var watched: (session: QRPaymentSession, reference: String, token: Int)?
    private var watchToken = 0
    private var pinFailures: [Date] = []

    public init(node: Node, terminalID: String, pollInterval: TimeInterval = 2) {
        self.node = node; self.terminalID = terminalID; self.pollInterval = pollInterval
        // A visit cut short by a crash or a power cut leaves its scanned pages: they are nobody's now.
        MaterialIntake.discardScans(in: node.paths.kioskScans)
    }

    public func perform(_ effect: KioskEffect, reply: @escaping @Sendable (KioskEffectResult) -> Void) {
        queue.async {
            do {
                if let result = try self.handle(effect, reply: reply) { reply(result) }
            } catch {
                reply(.refused(chinese: Self.scrub(error.chineseMessage), english: Self.scrub(error.englishMessage)))
            }
        }
    }

    private func handle(
        _ effect: KioskEffect, reply: @escaping @Sendable (KioskEffectResult) -> Void
    ) throws -> KioskEffectResult? {
        switch effect {
        case .fileCase(let input, let complaint, let material):
            let attachments =
                (complaint.map { [(name: ComplaintFile.name(input.caseType), bytes: Array($0.utf8))] } ?? [])
                + (try MaterialIntake.read(material))
            let receipt = try node.fileSelfService(input, attachments: attachments)
            MaterialIntake.discardScans(in: node.paths.kioskScans)
            return .filed(filingNumber: receipt.filingNumber, queryCode: receipt.queryCode)
        case .findMaterial(let usbRoot, let scanCommand):
            return .materialFound(MaterialIntake.find(usbRoot: usbRoot, scanCommand: scanCommand))
        case .scanPage(let command):
            // On a thread of its own: a scanner can take a minute, and the queue serves the rest of the kiosk.
            let folder = node.paths.kioskScans
            Thread.detachNewThread {
                do { reply(.scanned(try MaterialIntake.scan(command: command, into: folder))) } catch {
                    reply(.refused(chinese: error.chineseMessage, english: error.englishMessage))
                }
            }
            return nil
        case .query(let credentials):
            return .queryAnswered(KioskViews.queryResult(try node.query(credentials.forNode(source: terminalID))))
        case .listDocuments(let credentials):
            return .documents(try node.dossier(credentials.forNode(source: terminalID)).map(KioskViews.document))
        case .readDocument(let credentials, let id):
            let (meta, bytes) = try node.dossierDocument(credentials.forNode(source: terminalID), id: id)
            return .documentText(title: meta.title, text: KioskViews.text(bytes))
        case .submitApplication(let application):
            guard let kind = SelfServiceApplication(rawValue: application.kind) else {
                return .refused(chinese: "未知的申请事项。", english: "Unknown application.")
            }
            let amount = try application.amount.map { try Fen(parsingYuan: $0) }
            let receipt = try node.submitApplication(
                application.credentials.forNode(source: terminalID), kind: kind,
                text: application.text, amount: amount)
            return .applied(reference: receipt.filing.id, summary: receipt.summary)
        case .findUnpaid(let reference):
            return try findUnpaid(reference)
        case .startQRPayment(let reference):
            return try startPayment(reference, reply: reply)
        case .cancelPayment(let reference):
            if watched?.reference == reference { watched = nil }
            return nil
        case .checkAdminPIN(let pin):
            return .adminUnlocked(checkPIN(pin))
        case .listConflicts:
            return .conflicts(try conflicts())
        case .resolveConflict(let id, let takeNode):
            _ = try node.resolveConflict(id, choose: takeNode, note: "resolved at kiosk \(terminalID)")
            return .conflicts(try conflicts())
        case .syncStatus:
            return .syncStatus(try syncStatus())
        case .listLockouts:
            return .lockouts(try lockouts())
        case .liftLockout(let lockout):
            guard let scope = QueryLockout.Scope(rawValue: lockout.scope) else { return .lockouts(try lockouts()) }
            try node.liftQueryLockout(
                QueryLockout(
                    scope: scope, caseKey: lockout.caseKey, source: lockout.source,
                    failures: lockout.failures, until: lockout.until))
            return .lockouts(try lockouts())
        case .printReceipt(let receipt, let device):
            do { try ReceiptPrinter.print(receipt, device: device); return .receiptPrinted(true) } catch {
                return .receiptPrinted(false)
            }
        case .wipeSession:
            MaterialIntake.discardScans(in: node.paths.kioskScans)
            return nil
        case .exitKiosk, .redraw:
            return nil
        }
    }

    private func caseUID(_ reference: String) throws -> String {
        do { return try node.resolveCase(reference) } catch {
            throw DocketError(
                .notFound, key: "kiosk.case-not-found", zh: "未找到该案件，请核对案号或立案编号。",
                en: "No case has this number; check the case or filing number.")
        }
    }

    private func findUnpaid(_ reference: String) throws -> KioskEffectResult {
        let file = try node.caseFile(try caseUID(reference))
        guard file.record.status == .accepted else {
            return .notice(message: "该案件尚未受理，暂无应缴费用。 The case has not been accepted yet; no fee is due.")
        }
        let outstanding = file.fees.outstanding
        guard outstanding > .zero else { return .notice(message: "该案件没有待缴费用。 Nothing is owed on this case.") }
        return .unpaidFound(
            KioskUnpaidFee(
                reference: KioskViews.number(file.record), title: file.record.title,
                amountFen: outstanding.value))
    }

    private func startPayment(
        _ reference: String, reply: @escaping @Sendable (KioskEffectResult) -> Void
    ) throws -> KioskEffectResult {
        let uid = try caseUID(reference)
        let file = try node.caseFile(uid)
        // Paid meanwhile (on the phone after the visitor stepped back, at the counter, by a callback): say so, never
        // show a code for a second payment.
        if file.fees.outstanding <= .zero,
            let paid = file.payments.last(where: { $0.kind == .payment && $0.state == .paid })
        {
            return .paid(reference: reference, amountFen: paid.amountFen)
        }
        guard let gateway = try? node.payments.qrGateway() else {
            return .notice(
                message: "本终端暂不支持扫码支付，请到缴费窗口缴纳。 QR payment is not available here; please pay at "
                    + "the counter.")
        }
        let session = try node.payments.startQR(uid, gateway: gateway)
        switch session.payment.state {
        case .paid?:
            return .paid(reference: reference, amountFen: session.payment.amountFen)
        case .awaiting? where session.payURL != nil:
            let code = KioskQRCode(
                modules: try QRCodeEncoder.modules(for: session.payURL!), reference: reference,
                amountFen: session.payment.amountFen,
                expiresAt: session.expiresAt ?? Date().addingTimeInterval(300))
            watchToken += 1
            watched = (session, reference, watchToken)
            schedule(token: watchToken, gateway: gateway, round: 0, reply: reply)
            return .qrReady(code)
        default:
            return .refused(
                chinese: "支付服务暂时没有应答，请稍后再试或到窗口缴费。",
                english: "The payment service did not answer; try again later or pay at the counter.")
        }
    }

    /// Checks the watched payment every `pollInterval`: the stored record each time (a callback may have settled
    /// it), the payment service itself every other time.
    private func schedule(
        token: Int, gateway: any PaymentGateway, round: Int, reply: @escaping @Sendable (KioskEffectResult) -> Void
    ) {
        queue.asyncAfter(deadline: .now() + pollInterval) { [self] in
            guard let current = watched, current.token == token else { return }
            guard let next = try? node.payments.refreshQR(current.session, gateway: gateway, poll: round % 2 == 1)
            else {
                return schedule(token: token, gateway: gateway, round: round + 1, reply: reply)
            }
            switch next.payment.state {
            case .paid?:
                watched = nil
                reply(.paid(reference: current.reference, amountFen: next.payment.amountFen))
            case .awaiting?, .unknown?:
                watched = (next, current.reference, token)
                schedule(token: token, gateway: gateway, round: round + 1, reply: reply)
            default:
                // Failed or lapsed: the screen's own countdown ends the visit; nothing more to watch.
                watched = nil
                reply(.paymentPending(false))
            }
        }
    }

    private func checkPIN(_ pin: String) -> Bool {
        let now = Date()
        pinFailures.removeAll { now.timeIntervalSince($0) > 300 }
        guard pinFailures.count < 5 else { return false }
        if AdminPIN.verify(pin, against: node.config.setting(.kioskPINHash)) { pinFailures = []; return true }
        pinFailures.append(now)
        return false
    }

    /// Open conflicts in people's words (`ConflictWording`, as the desk shows them): 原告张伟 · 手机号码, each side by
    /// its node's name, in both languages (the screen picks its own).
    private func conflicts() throws -> [KioskConflict] {
        let names = node.nodeNames(english: false), namesEnglish = node.nodeNames(english: true)
        return try node.conflicts().map { conflict in
            let file = try? node.caseFile(conflict.caseUID)
            let title = file?.record.title ?? conflict.caseUID
            let sensitive = conflict.field.hasSuffix("idNumber")
            func show(_ value: JSONValue) -> String { KioskViews.display(value, masked: sensitive) }
            let chinese = ConflictWording.describe(conflict, in: file, nodeNames: names, language: .chinese)
            let english = ConflictWording.describe(conflict, in: file, nodeNames: namesEnglish, language: .english)
            return KioskConflict(
                id: conflict.id, caseTitle: title, field: "\(conflict.path) \(conflict.field)",
                sides: conflict.values.enumerated().map { n, side in
                    .init(
                        node: side.node, value: show(side.value), name: chinese.sides[n].nodeName,
                        nameEnglish: english.sides[n].nodeName)
                },
                current: show((try? node.currentValue(of: conflict)) ?? .null), heading: chinese.heading,
                headingEnglish: english.heading)
        }
    }

    private func lockouts() throws -> [KioskLockout] {
        try node.queryLockouts().map {
            KioskLockout(
                scope: $0.scope.rawValue, caseKey: $0.caseKey, source: $0.source, failures: $0.failures, until: $0.until
            )
        }
    }

    private func syncStatus() throws -> [String] {
        var lines = ["node \(node.config.nodeId) (\(node.config.role.rawValue)) — \(node.config.name)"]
        let peers = try node.peers.all()
        if peers.isEmpty { lines.append("no peers configured / 未配置同步节点") }
        for peer in peers {
            lines.append(
                "\(peer.nodeId) (\(peer.role.rawValue)) \(peer.url ?? "-")  "
                    + "pulled #\(peer.pullSince) pushed #\(peer.pushSince)"
            )
        }
        lines.append("open conflicts / 待处理冲突: \(try node.conflicts().count)")
        lines.append("cases / 案件: \(try node.caseCount())")
        return lines
    }

    /// `text` with anything that looks like an ID number masked.
    static func scrub(_ text: String) -> String {
        var out = "", run = ""
        func flush() { out += run.count >= 15 ? Masking.mask(run) : run; run = "" }
        for character in text {
            if character.isASCII, character.isNumber || character == "X" || character == "x" {
                run.append(character)
            } else {
                flush(); out.append(character)
            }
        }
        flush()
        return out
    }
}

extension DocketKiosk.QueryCredentials {
    func forNode(source: String) -> DocketStore.QueryCredentials {
        DocketStore.QueryCredentials(caseNumber: caseNumber, idNumber: idNumber, code: queryCode, source: source)
    }
}

/// The file name the kiosk's complaint is filed under.
enum ComplaintFile {
    static func name(_ caseType: String) -> String {
        switch caseType {
        case "administrative": return "行政起诉状.txt"
        case "enforcement": return "强制执行申请书.txt"
        default: return "民事起诉状.txt"
        }
    }
}
