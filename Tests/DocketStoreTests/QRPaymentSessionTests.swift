import DocketCore
import DocketStore
import Foundation
import Testing

/// A QR payment on show at a terminal: watching it adds no commits, a second visitor resumes the same order
/// instead of opening another, and the payment is seen once the simulator has taken it.
@Suite(.serialized) struct QRPaymentSessionTests {
    @Test func watchingResumingAndSettling() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        _ = try t.node.accept(uid)
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, timeout: 5)
        let session = try t.node.payments.startQR(uid, gateway: gateway)
        #expect(session.payment.state == .awaiting && session.payURL != nil)
        #expect(session.expiresAt.map { $0 > Date() } == true)

        let repo = try t.node.repository(uid)
        let tip = try repo.reference("refs/heads/main")
        for poll in [false, true, true] {
            let same = try t.node.payments.refreshQR(session, gateway: gateway, poll: poll)
            #expect(same.payment.state == .awaiting)
        }
        #expect(try repo.reference("refs/heads/main") == tip, "asking about a waiting order writes nothing")

        let resumed = try t.node.payments.startQR(uid, gateway: gateway)
        #expect(resumed.payment.id == session.payment.id && resumed.idempotencyKey == session.idempotencyKey)
        #expect(try t.node.caseFile(uid).payments.filter { $0.kind == .payment }.count == 1)

        #expect(try HTTP.send("POST", sim.url("simulate/pay/\(session.payment.merchantOrderNo!)")).status == 200)
        let settled = try t.node.payments.refreshQR(session, gateway: gateway, poll: true)
        #expect(settled.payment.state == .paid)
        #expect(try t.node.caseFile(uid).fees.outstanding == .zero)
        // Paid: starting again finds nothing owed.
        #expect(throws: DocketError.self) { _ = try t.node.payments.startQR(uid, gateway: gateway) }
    }
}
