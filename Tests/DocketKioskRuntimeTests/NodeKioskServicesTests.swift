import DocketCore
import DocketKiosk
import DocketKioskRuntime
import DocketStore
import Foundation
import Testing

/// The kiosk's effects against a real node (SQLite file, git repositories): what a visitor's flows reach.
struct NodeKioskServicesTests {
    @Test func filedCaseCanBeQueriedWithItsReceipt() throws {
        let s = try ScratchNode()
        let services = NodeKioskServices(node: s.node, terminalID: "test-kiosk")
        guard case .filed(let number, let code)? = services.ask(.fileCase(try KioskSamples.filing())) else {
            Issue.record("filing gave no receipt"); return
        }
        let credentials = DocketKiosk.QueryCredentials(
            caseNumber: number, idNumber: KioskSamples.idNumber, queryCode: code)
        guard case .queryAnswered(let result)? = services.ask(.query(credentials)) else {
            Issue.record("query failed"); return
        }
        #expect(result.caseNumber == number && result.status == "submitted")
        #expect(result.deadlines.contains { $0.chinese == "立案审查期限" && $0.english?.isEmpty == false })
        #expect(result.timeline.first?.contains("提交立案申请") == true)

        // A wrong code is refused with the same words as an unknown case, and no ID number leaks into it.
        let wrong = DocketKiosk.QueryCredentials(
            caseNumber: number, idNumber: KioskSamples.idNumber, queryCode: "000000")
        guard case .refused(chinese: let message, english: _)? = services.ask(.query(wrong)) else {
            Issue.record("a wrong code was accepted"); return
        }
        #expect(message.contains("未找到") && !message.contains(KioskSamples.idNumber))
    }

    @Test func feesAreFoundOnlyOnceTheCourtHasAcceptedTheCase() throws {
        let s = try ScratchNode()
        let services = NodeKioskServices(node: s.node, terminalID: "test-kiosk")
        guard case .filed(let number, let code)? = services.ask(.fileCase(try KioskSamples.filing())) else {
            Issue.record("no receipt"); return
        }
        guard case .notice(let early)? = services.ask(.findUnpaid(reference: number)) else {
            Issue.record("a fee before acceptance"); return
        }
        #expect(early.contains("尚未受理"))

        let uid = try s.node.resolveCase(number)
        let accepted = try s.node.accept(uid)
        guard case .unpaidFound(let fee)? = services.ask(.findUnpaid(reference: accepted.caseNumber)) else {
            Issue.record("no fee"); return
        }
        #expect(fee.reference == accepted.caseNumber && fee.amountFen == accepted.feeFen && fee.amountFen == 330_000)
        // No QR service configured on this node: the visitor is sent to the counter, nothing is written.
        guard case .notice(let noQR)? = services.ask(.startQRPayment(reference: accepted.caseNumber)) else {
            Issue.record("QR without a service"); return
        }
        #expect(noQR.contains("窗口"))
        #expect(try s.node.caseFile(uid).payments.allSatisfy { $0.kind == .assessment })

        // The acceptance notices are in the dossier and readable on screen.
        let credentials = DocketKiosk.QueryCredentials(
            caseNumber: accepted.caseNumber, idNumber: KioskSamples.idNumber, queryCode: code)
        guard case .documents(let documents)? = services.ask(.listDocuments(credentials)) else {
            Issue.record("no dossier"); return
        }
        let notice = try #require(documents.first { $0.title == "受理案件通知书" })
        #expect(notice.isText && notice.mediaType.hasPrefix("text/"))
        guard case .documentText(_, let text)? = services.ask(.readDocument(credentials, documentID: notice.id)) else {
            Issue.record("unreadable"); return
        }
        #expect(text.contains(accepted.caseNumber))
    }

    @Test func administratorPINIsCheckedAndLocksAfterFiveMistakes() throws {
        let s = try ScratchNode()
        let services = NodeKioskServices(node: s.node, terminalID: "test-kiosk")
        // No PIN set: nobody gets in.
        #expect(services.ask(.checkAdminPIN("2468")) == .adminUnlocked(false))
        try s.node.set(.kioskPINHash, to: try AdminPIN.hash("2468"))
        #expect(!s.node.config.setting(.kioskPINHash).contains("2468"))
        #expect(services.ask(.checkAdminPIN("2468")) == .adminUnlocked(true))
        for _ in 0..<5 { #expect(services.ask(.checkAdminPIN("1111")) == .adminUnlocked(false)) }
        #expect(services.ask(.checkAdminPIN("2468")) == .adminUnlocked(false), "locked after five wrong PINs")

        guard case .syncStatus(let lines)? = services.ask(.syncStatus) else { Issue.record("no sync status"); return }
        #expect(lines.contains { $0.contains("court-lixia") } && lines.contains { $0.contains("待处理冲突: 0") })
        #expect(services.ask(.listConflicts) == .conflicts([]))
    }

    @Test func pinsAreDigitsAndHashesAreSalted() throws {
        #expect(throws: AdminPINError.self) { _ = try AdminPIN.hash("12a4") }
        #expect(throws: AdminPINError.self) { _ = try AdminPIN.hash("123") }
        let a = try AdminPIN.hash("2468"), b = try AdminPIN.hash("2468")
        #expect(a != b)
        #expect(AdminPIN.verify("2468", against: a) && AdminPIN.verify("2468", against: b))
        #expect(
            !AdminPIN.verify("2469", against: a) && !AdminPIN.verify("2468", against: "")
                && !AdminPIN.verify("2468", against: "x$y$z"))
    }
}

/// Applications made at the kiosk reach the case as service requests, with the same credentials as a query.
struct KioskApplicationServicesTests {
    @Test func applicationsBecomeRequestsOnTheCase() throws {
        let s = try ScratchNode()
        let services = NodeKioskServices(node: s.node, terminalID: "test-kiosk")
        guard case .filed(let number, let code)? = services.ask(.fileCase(try KioskSamples.filing())) else {
            Issue.record("no receipt"); return
        }
        let credentials = DocketKiosk.QueryCredentials(
            caseNumber: number, idNumber: KioskSamples.idNumber, queryCode: code)

        let message = KioskApplication(kind: "message", credentials: credentials, text: "请问何时审查？", amount: nil)
        guard case .applied(let reference, let summary)? = services.ask(.submitApplication(message)) else {
            Issue.record("not filed"); return
        }
        let uid = try s.node.resolveCase(number)
        #expect(try s.node.caseFile(uid).filing(reference)?.kind == .judgeMessage)
        #expect(summary.contains("请问何时审查"))

        // No reception slot yet: a clear refusal, nothing written; with a slot, the booking takes it.
        let booking = KioskApplication(kind: "booking", credentials: credentials, text: "", amount: nil)
        guard case .refused(chinese: let none, english: _)? = services.ask(.submitApplication(booking)) else {
            Issue.record("booked without slots"); return
        }
        #expect(none.contains("接访时段"))
        let day = try s.node.holidayCalendar().firstWorkingDay(onOrAfter: Node.today().adding(days: 4))
        _ = try s.node.services.addBookingSlot(
            startsAt: try LocalDateTime(parsing: "\(day) 09:00"), minutes: 30, capacity: 1)
        guard case .applied(_, let booked)? = services.ask(.submitApplication(booking)) else {
            Issue.record("not booked"); return
        }
        #expect(booked.contains("09:00"))
        #expect(try s.node.services.bookings().count == 1)

        // Wrong credentials: the query's refusal, nothing filed.
        let stranger = KioskApplication(
            kind: "appraisal",
            credentials: DocketKiosk.QueryCredentials(
                caseNumber: number, idNumber: KioskSamples.idNumber,
                queryCode: "000000"), text: "笔迹", amount: nil)
        guard case .refused? = services.ask(.submitApplication(stranger)) else {
            Issue.record("a stranger applied"); return
        }
        #expect(try s.node.caseFile(uid).filings.count == 2)
    }

    /// Issue 15: the administrator screen's lockouts come from the node and are lifted there, one at a time.
    @Test func lockoutsAreListedAndLiftedOnTheNode() throws {
        let s = try ScratchNode()
        for _ in 0..<5 {
            _ = try? s.node.query(
                DocketStore.QueryCredentials(
                    caseNumber: "（2026）鲁0102民初9号", idNumber: "370102198503121233",
                    code: "000000", source: "lobby-1"))
        }
        let services = NodeKioskServices(node: s.node, terminalID: "lobby-1")
        guard case .lockouts(let list)? = services.ask(.listLockouts) else { Issue.record("no lockouts"); return }
        #expect(list.count == 1 && list[0].source == "lobby-1" && list[0].caseKey == "（2026）鲁0102民初9号")
        guard case .lockouts(let left)? = services.ask(.liftLockout(list[0])) else { Issue.record("no answer"); return }
        let remaining = try s.node.queryLockouts()
        #expect(left.isEmpty && remaining.isEmpty)
    }
}
