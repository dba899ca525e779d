import DocketCore
import DocketStore
import Foundation
import Testing

@Suite struct FilingReviewTests {
    let year = Node.today().year

    @Test func acceptAssignsNumberFeeQueryCodesAndNotices() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let result = try t.node.accept(uid, judge: "王法官", clerk: "李书记员", clerkPhone: "0531-12345678")
        #expect(result.caseNumber == "（\(year)）鲁0102民初1号")
        #expect(result.feeFen == 330_000 && result.fee == "3300.00")
        #expect(result.parties.count == 2)
        let file = try t.node.caseFile(uid)
        #expect(file.record.status == .accepted && file.record.caseNumber == result.caseNumber)
        for code in result.parties {
            #expect(code.queryCode.count == 6 && code.queryCode.allSatisfy(\.isNumber))
            #expect(
                file.party(code.partyId)?.queryCodeHash
                    == Node.queryCodeHash(uid: uid, party: code.partyId, code: code.queryCode))
        }
        #expect(Set(file.documents.map(\.title)) == ["受理案件通知书", "交纳诉讼费用通知书"])
        let notice = try t.node.document(uid, id: file.documents.first { $0.title == "受理案件通知书" }!.id).1
        let text = String(decoding: notice, as: UTF8.self)
        #expect(text.contains(result.caseNumber) && text.contains("3300.00") && text.contains("王法官"))
        #expect(!text.contains(result.parties[0].queryCode))  // the code never enters the replicated dossier
        #expect(file.fees.assessed == Fen(330_000) && file.fees.outstanding == Fen(330_000))
        #expect(file.fees.dueDate?.description == result.feeDue)
        #expect(file.timeline.last?.kind == "accepted")
        let second = try t.fileCase().record.uid
        #expect(try t.node.accept(second, procedure: .simple).caseNumber == "（\(year)）鲁0102民初2号")
        #expect(try t.node.caseFile(second).fees.assessed == Fen(165_000))
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func illegalTransitionsAreRefused() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        _ = try t.node.accept(uid)
        #expect(throws: DocketError.self) { _ = try t.node.accept(uid) }  // accept twice
        #expect(throws: DocketError.self) { _ = try t.node.reject(uid, reason: "不符合起诉条件") }  // refuse an accepted case
        let other = try t.fileCase(TestNode.filing.replacingOccurrences(of: "鲁0102", with: "鲁0103")).record.uid
        #expect(throws: DocketError.self) { _ = try t.node.accept(other) }  // another court's case
        let rejected = try t.fileCase().record.uid
        _ = try t.node.reject(rejected, reason: "不属于本院管辖")
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.pay(
                rejected, gateway: CounterGateway(reference: "R1"), idempotencyKey: "key-rejected")
        }
        #expect(try t.node.caseFile(rejected).documents.contains { $0.title.contains("不予受理") })
    }

    @Test func correctionRestartsTheReviewClock() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let file = try t.node.requestCorrection(uid, items: ["补充被告身份证明", "提交证据目录"])
        #expect(file.record.status == .correctionRequested)
        #expect(file.documents.contains { $0.title == "补正材料通知书" })
        #expect(throws: DocketError.self) { _ = try t.node.accept(uid) }
        #expect(throws: DocketError.self) { _ = try t.node.requestCorrection(uid, items: []) }
        let later = try LocalDate(parsing: "\(year)-12-01")
        let resubmitted = try t.node.resubmit(uid, today: later)
        #expect(resubmitted.record.status == .submitted && resubmitted.record.receivedOn == later.description)
        let due = try FilingReview.reviewDue(resubmitted.record, periods: try t.node.periods())
        #expect(due.lastDay >= later.adding(days: 7))
        #expect(try t.node.accept(uid).caseNumber.hasSuffix("民初1号"))
    }

    @Test func courtStepsAreRefusedOnAFirmNode() throws {
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        let uid = try firm.fileCase().record.uid
        for step in [
            { _ = try firm.node.accept(uid) }, { _ = try firm.node.reject(uid, reason: "x") },
            { _ = try firm.node.requestCorrection(uid, items: ["x"]) },
        ] {
            #expect { try step() } throws: { ($0 as? DocketError)?.message.contains("court step") == true }
        }
        #expect(try firm.node.caseFile(uid).record.status == .submitted)
    }
}

@Suite struct CounterPaymentTests {
    @Test func aRetryWithTheSameKeyNeverPaysTwice() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        _ = try t.node.accept(uid, procedure: .simple)
        let gateway = CounterGateway(reference: "POS-0001", rrn: "123456789012", authCode: "A1B2C3", terminalId: "T-01")
        let first = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-attempt-1")
        #expect(first.state == .paid && first.amountFen == 165_000 && first.details["rrn"] == "123456789012")
        let again = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-attempt-1")
        #expect(again == first)
        let file = try t.node.caseFile(uid)
        #expect(file.fees.paid == Fen(165_000) && file.fees.outstanding == .zero)
        #expect(file.payments.filter { $0.kind == .payment }.count == 1)
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.pay(uid, gateway: gateway, amount: Fen(100), idempotencyKey: "kiosk-attempt-1")
        }
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.pay(uid, gateway: gateway, idempotencyKey: "kiosk-attempt-2")
        }  // nothing owed
    }

    @Test func refundsFollowTheRulesAndNeverExceedWhatWasPaid() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        _ = try t.node.accept(uid)
        // nothing paid yet
        #expect(throws: DocketError.self) { _ = try t.node.payments.requestRefund(uid, ground: .withdrawn) }
        _ = try t.node.payments.pay(uid, gateway: CounterGateway(reference: "R-9"), idempotencyKey: "pay-once-1")
        // not withdrawn
        #expect(throws: DocketError.self) { _ = try t.node.payments.requestRefund(uid, ground: .withdrawn) }
        // nothing overpaid
        #expect(throws: DocketError.self) { _ = try t.node.payments.requestRefund(uid, ground: .overpaid) }
        _ = try t.node.withdraw(uid)
        let refund = try t.node.payments.requestRefund(uid, ground: .withdrawn)
        #expect(refund.amountFen == 165_000 && refund.state == .refundRequested && refund.dueDate != nil)
        // would exceed what was paid
        #expect(throws: DocketError.self) { _ = try t.node.payments.requestRefund(uid, ground: .withdrawn) }
        let done = try t.node.payments.completeRefund(uid, refundID: refund.id, reference: "BANK-77")
        #expect(done.state == .refunded)
        #expect(throws: DocketError.self) {
            _ = try t.node.payments.completeRefund(uid, refundID: "r-none", reference: nil)
        }
    }

    @Test func paymentStatesOnlyMoveForward() {
        #expect(PaymentState.awaiting.canMove(to: .paid))
        #expect(PaymentState.unknown.canMove(to: .paid))
        #expect(!PaymentState.paid.canMove(to: .awaiting))
        #expect(!PaymentState.failed.canMove(to: .paid))
        #expect(PaymentState.refundRequested.canMove(to: .refunded))
        #expect(!PaymentState.refunded.canMove(to: .refundRequested))
    }
}
