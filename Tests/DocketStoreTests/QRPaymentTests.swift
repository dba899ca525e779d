import DocketCore
import DocketStore
import Foundation
import GRDB
import Testing

/// A QR payment on a node, end to end against the real simulator: the order is stored before the call, the
/// signed callback settles it, a forged one changes nothing, and a lost callback is made up for by polling.
@Suite(.serialized) struct QRPaymentTests {
    func acceptedCase(_ t: TestNode) throws -> String {
        let uid = try t.fileCase().record.uid
        _ = try t.node.accept(uid)
        return uid
    }

    @Test func signedCallbackSettlesAndAForgedOneIsRefused() throws {
        let t = try TestNode()
        let uid = try acceptedCase(t)
        let listener = try CallbackListener()
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: listener.url, timeout: 5)
        let pending = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-qr-0001")
        #expect(pending.state == .awaiting && pending.details["payURL"] != nil && pending.amountFen == 330_000)
        let stored = try t.node.database.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT merchant_order_no, amount_fen FROM payment_attempts WHERE idempotency_key = 'kiosk-qr-0001'"
            )
        }
        #expect(stored?["merchant_order_no"] == pending.merchantOrderNo)

        #expect(try HTTP.send("POST", sim.url("simulate/pay/\(pending.merchantOrderNo!)")).status == 200)
        let callback = try #require(listener.waitForRequest(timeout: 5))
        let forged = Array(
            String(decoding: callback.body, as: UTF8.self).replacingOccurrences(of: "txn_", with: "txn_forged_").utf8)
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.acceptCallback(
                body: forged, signature: callback.headers["x-paysim-signature"], secret: QRGatewayTests.secret)
        }
        #expect(try t.node.caseFile(uid).payments.first { $0.id == pending.id }?.state == .awaiting)
        let paid = try t.node.payments.acceptCallback(
            body: callback.body, signature: callback.headers["x-paysim-signature"], secret: QRGatewayTests.secret)
        #expect(paid.state == .paid && paid.reference?.hasPrefix("txn_") == true)
        #expect(try t.node.caseFile(uid).fees.outstanding == .zero)
    }

    @Test func aLostCallbackIsMadeUpForByPollingWithTheSameKey() throws {
        let t = try TestNode()
        let uid = try acceptedCase(t)
        let sim = try PaySim()  // its default notify URL is nowhere: the callback is lost
        let gateway = QRGateway(baseURL: sim.baseURL, timeout: 5)
        let pending = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-qr-0002")
        _ = try HTTP.send("POST", sim.url("simulate/pay/\(pending.merchantOrderNo!)"))
        let polled = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-qr-0002")
        #expect(polled.id == pending.id && polled.state == .paid)
        #expect(try t.node.caseFile(uid).payments.filter { $0.kind == .payment }.count == 1)
        sim.stop()
        // With the service gone, a new attempt is unknown, never failed — and nothing is owed anyway.
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-qr-0003")
        }
    }

    @Test func anUnreachableServiceLeavesThePaymentUnknown() throws {
        let t = try TestNode()
        let uid = try acceptedCase(t)
        let gateway = QRGateway(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: 2)
        let attempt = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-qr-0004")
        #expect(attempt.state == .unknown)
        // A second payment must not start while the first one's fate is unknown.
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-qr-0005")
        }
    }
}

/// A gateway that says every order is paid at once.
private struct PaidAtOnce: PaymentGateway {
    var method: String { "qr" }
    func start(_ order: PaymentOrder) throws -> GatewayOutcome {
        .paid(reference: "txn_firm_1", details: ["paidAt": "2026-12-04T10:00:00Z"])
    }
    func poll(_ order: PaymentOrder) throws -> GatewayOutcome { try start(order) }
    func refund(_ order: PaymentOrder, amountFen: Int64, refundNo: String) throws -> GatewayOutcome {
        .failed(reason: "no")
    }
}

/// Only the court (or its lobby terminal) confirms money: on a firm's node the gateway's word is noted on the
/// payment, which stays awaiting until the court settles it from the service's signed notice.
@Suite struct FirmPaymentTests {
    @Test func aFirmNotesWhatTheGatewaySaysAndTheCourtConfirms() throws {
        let court = try TestNode()
        let uid = try court.fileCase().record.uid
        _ = try court.node.accept(uid)
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        try firm.node.ensureRepository(uid)
        try firm.node.repository(uid).fetch(
            from: court.node.paths.repository(ofCase: uid).path,
            refspecs: ["+refs/heads/main:refs/peers/court-lixia/main"], headers: [])
        _ = try firm.node.integrate(uid, peerRef: "refs/peers/court-lixia/main")
        let noted = try firm.node.payments.pay(uid, gateway: PaidAtOnce(), idempotencyKey: "firm-qr-0001")
        #expect(noted.state == .awaiting && noted.details["gatewayReference"] == "txn_firm_1")
        #expect(try firm.node.caseFile(uid).fees.outstanding.value == 330_000)
    }
}
