import DocketCore
import DocketStore
import Foundation
import Testing

/// Brings `uid` as it stands on `from` to `to` (fetched onto the peer's ref and taken as a first copy or a
/// fast-forward, as sync does when only one side moved).
private func carry(_ uid: String, from: Node, to: Node) throws {
    try to.ensureRepository(uid)
    let ref = "refs/peers/\(from.config.nodeId)/main"
    try to.repository(uid).fetch(
        from: from.paths.repository(ofCase: uid).path, refspecs: ["+refs/heads/main:\(ref)"], headers: [])
    let outcome = try to.integrate(uid, peerRef: ref)
    #expect(outcome != .diverged, "the test moves one side at a time")
}

/// A firm's inbox of electronic service: the documents served on its clients, not on other parties, and reading
/// one there is recorded once.
@Suite struct ServedDocumentInboxTests {
    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "150000.00", "claims": "还款",
         "parties": [
           {"role": "plaintiff", "name": "张三丰", "idNumber": "370102198503121233", "email": "zhang@example.cn",
            "electronicService": true, "representative": {"name": "王律师", "firm": "firm-a"}},
           {"role": "defendant", "name": "李四", "email": "li@example.cn", "electronicService": true}
         ]}
        """

    @Test func theFirmSeesWhatWasServedOnItsClientsAndReadingIsRecordedOnce() throws {
        let court = try TestNode()
        let file = try court.fileCase(Self.filing)
        let uid = file.record.uid
        _ = try court.node.accept(uid)
        let document = try court.node.caseFile(uid).documents[0]
        _ = try court.node.outbox.serve(uid, documentId: document.id, to: nil, channel: .email)
        let mailbox = court.root.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
        try court.node.set(.mailCommand, to: "cat > '\(mailbox.path)'/$$.eml")
        #expect(try court.node.outbox.deliver().delivered == 2)
        #expect(try court.node.inbox.documents().isEmpty, "the court represents nobody")

        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        try carry(uid, from: court.node, to: firm.node)
        let inbox = try firm.node.inbox.documents()
        #expect(inbox.count == 1)
        let item = try #require(inbox.first)
        #expect(item.partyName == "张三丰" && item.service.documentId == document.id)
        #expect(item.service.reachedAt != nil && item.service.readAt == nil)

        let opened = Date()
        let marked = try firm.node.inbox.open(uid, documentId: document.id, at: opened)
        #expect(marked.count == 1)
        let readAt = try #require(marked.first?.readAt)
        #expect(UTCTime.milliseconds(parsingISO: readAt) == Int64(opened.timeIntervalSince1970 * 1000))
        #expect(try firm.node.inbox.documents().first?.service.readAt == readAt)
        #expect(try firm.node.caseFile(uid).timeline.contains { $0.summary.contains("张三丰已阅读") })
        // Opening it again records nothing more; the defendant's service is not the firm's to read.
        #expect(try firm.node.inbox.open(uid, documentId: document.id).isEmpty)
        #expect(try firm.node.caseFile(uid).services.first { $0.partyId != item.service.partyId }?.readAt == nil)
    }
}

/// A payment service that answers what it is told to.
private final class ScriptedGateway: PaymentGateway, @unchecked Sendable {
    var method: String { "qr" }
    var answer: GatewayOutcome
    private(set) var polled: [String] = []
    init(_ answer: GatewayOutcome) { self.answer = answer }
    func start(_ order: PaymentOrder) throws -> GatewayOutcome { answer }
    func poll(_ order: PaymentOrder) throws -> GatewayOutcome {
        polled.append(order.merchantOrderNo)
        return answer
    }
    func refund(_ order: PaymentOrder, amountFen: Int64, refundNo: String) throws -> GatewayOutcome {
        .failed(reason: "not in this test")
    }
}

/// A QR payment a firm started is recorded by the court once the court's own question to the payment service
/// confirms it; "still waiting" changes nothing, and a firm never records money.
@Suite struct ForeignQRPaymentTests {
    @Test func theCourtRecordsAFirmsQRPaymentTheServiceConfirms() throws {
        let court = try TestNode()
        let uid = try court.fileCase().record.uid
        _ = try court.node.accept(uid)
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        try carry(uid, from: court.node, to: firm.node)
        let gateway = ScriptedGateway(.pending(payURL: "https://pay.example/o/1", expiresAt: nil))
        let started = try firm.node.payments.pay(uid, gateway: gateway, idempotencyKey: "firm-desk-0001")
        #expect(started.state == .awaiting)
        #expect(try firm.node.payments.confirmForeignQR(uid, gateway: gateway).isEmpty, "a firm records no money")

        try carry(uid, from: firm.node, to: court.node)
        let before = try court.node.repository(uid).reference("refs/heads/main")
        #expect(try court.node.payments.confirmForeignQR(uid, gateway: gateway).isEmpty)
        #expect(gateway.polled == [started.merchantOrderNo!], "the court asked the service about the firm's order")
        #expect(try court.node.repository(uid).reference("refs/heads/main") == before, "waiting writes nothing")

        gateway.answer = .paid(reference: "txn_desk_1", details: ["paidAt": "2026-12-04T10:00:00Z"])
        let recorded = try court.node.payments.confirmForeignQR(uid, gateway: gateway)
        #expect(recorded.map(\.state) == [.paid] && recorded.first?.reference == "txn_desk_1")
        #expect(try court.node.caseFile(uid).fees.outstanding == .zero)
        // Settled: nothing is in flight, so nothing is asked again.
        #expect(try court.node.payments.confirmForeignQR(uid, gateway: gateway).isEmpty)
        #expect(gateway.polled.count == 2)

        try carry(uid, from: court.node, to: firm.node)
        #expect(try firm.node.caseFile(uid).payments.first { $0.id == started.id }?.state == .paid)
        #expect(try firm.node.payments.qrInFlight(uid) == nil)
    }

    @Test func theCourtsOwnPaymentIsLeftToItsOwnSession() throws {
        let court = try TestNode()
        let uid = try court.fileCase().record.uid
        _ = try court.node.accept(uid)
        let gateway = ScriptedGateway(.pending(payURL: "https://pay.example/o/2", expiresAt: nil))
        let own = try court.node.payments.startQR(uid, gateway: gateway)
        #expect(try court.node.payments.qrInFlight(uid)?.payment.id == own.payment.id)
        gateway.answer = .paid(reference: "txn_own", details: [:])
        let polledBefore = gateway.polled.count
        #expect(try court.node.payments.confirmForeignQR(uid, gateway: gateway).isEmpty)
        #expect(gateway.polled.count == polledBefore)
    }
}
