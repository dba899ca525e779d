import DocketCore
import DocketStore
import DocketTerminal
import Foundation
import Testing

/// The QR payment at the real kiosk against the payment simulator: a visitor steps back from the code, pays it on
/// the phone anyway — the kiosk says it is paid, and never offers to take the money again.
@Suite(.serialized) struct KioskPaymentTerminalTests {
    /// A court node with an accepted case owing its fee and the simulator as its QR service.
    static func court() throws -> (ScratchNode, PaymentSimulator, uid: String, number: CaseNumber) {
        let s = try ScratchNode()
        let simulator = try PaymentSimulator()
        try s.node.set(.qrURL, to: simulator.baseURL.absoluteString)
        let receipt = try s.node.fileSelfService(try KioskSamples.filing())
        let accepted = try s.node.accept(receipt.file.record.uid)
        return (s, simulator, receipt.file.record.uid, try CaseNumber(parsing: accepted.caseNumber))
    }

    /// Welcome → 缴费 → the case number by its parts → the choice.
    static func toChoice(_ tmux: TmuxSession, _ number: CaseNumber) throws {
        try tmux.waitFor("请选择服务")
        try tmux.keys("2"); try tmux.waitFor("案号或立案编号")
        try tmux.keys("Enter", "1"); try tmux.type(String(number.serial)); try tmux.keys("Enter")
        try tmux.waitFor("2. 到窗口缴费")
    }

    static func awaitingOrder(_ s: ScratchNode, _ uid: String) throws -> String {
        try #require(try s.node.caseFile(uid).payments.first { $0.state == .awaiting }?.merchantOrderNo)
    }

    @Test(.enabled(if: TmuxSession.available)) func paidOnThePhoneAfterSteppingBackIsShownAsPaid() throws {
        let (s, simulator, uid, number) = try Self.court()
        let tmux = try TmuxSession(command: [
            KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1",
        ])
        try Self.toChoice(tmux, number)
        try tmux.keys("1")
        try tmux.waitFor("请用手机扫码支付")
        try tmux.keys("Escape")
        try tmux.waitFor("2. 到窗口缴费")
        try simulator.pay(order: try Self.awaitingOrder(s, uid))
        // No key pressed: the order is still watched and the choice becomes "paid".
        let paid = try tmux.waitFor("缴费成功", timeout: 20)
        #expect(paid.contains("3300.00 元") && !paid.contains("扫码支付"))
        try tmux.keys("Enter")
        // The same fee again: nothing is owed, said as information, never a code for a second payment.
        try Self.toChoiceOrNotice(tmux, number)
        let notice = try tmux.waitFor("没有待缴费用")
        #expect(notice.contains("提示") && !notice.contains("出错了"))
        #expect(try s.node.caseFile(uid).payments.filter { $0.kind == .payment && $0.state == .paid }.count == 1)
    }

    @Test(.enabled(if: TmuxSession.available)) func choosingTheCodeAgainAfterPayingIsNeverStuck() throws {
        let (s, simulator, uid, number) = try Self.court()
        let tmux = try TmuxSession(command: [
            KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1",
        ])
        try Self.toChoice(tmux, number)
        try tmux.keys("1"); try tmux.waitFor("请用手机扫码支付")
        try tmux.keys("Escape"); try tmux.waitFor("2. 到窗口缴费")
        try simulator.pay(order: try Self.awaitingOrder(s, uid))
        try tmux.keys("1")  // the reported dead end: 1 again once paid
        #expect(try tmux.waitFor("缴费成功", timeout: 20).contains("3300.00 元"))
    }

    @Test(.enabled(if: TmuxSession.available && ScreenImage.zbarAvailable))
    func theCodeOnScreenScansInALightAndADarkColourScheme() throws {
        let (s, simulator, uid, number) = try Self.court()
        defer { withExtendedLifetime(simulator) {} }
        for (columns, rows) in [(80, 24), (110, 45)] {
            let tmux = try TmuxSession(
                command: [KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1"],
                columns: columns, rows: rows)
            try Self.toChoice(tmux, number)
            try tmux.keys("1")
            try tmux.waitFor("剩余")
            let payURL = try #require(
                try s.node.caseFile(uid).payments.first { $0.state == .awaiting }?.details["payURL"])
            // -N keeps trailing spaces: the white quiet zone at a row's end is spaces too.
            let capture = try tmux.run(["capture-pane", "-p", "-e", "-N"])
            let image = ScreenImage(capture: capture)
            #expect(try ScreenImage.decode(image.pgm(scheme: .dark)) == payURL, "dark scheme at \(columns)×\(rows)")
            #expect(try ScreenImage.decode(image.pgm(scheme: .light)) == payURL, "light scheme at \(columns)×\(rows)")
            if rows > 24 {
                #expect(!capture.contains("▀"), "with room the code is spaces only (safe on a CJK console)")
            }
            try tmux.keys("Escape", "Escape", "Escape")
        }
    }

    /// Welcome → 缴费 → the case number, stopping at whatever the kiosk answers.
    static func toChoiceOrNotice(_ tmux: TmuxSession, _ number: CaseNumber) throws {
        try tmux.waitFor("请选择服务")
        try tmux.keys("2"); try tmux.waitFor("案号或立案编号")
        try tmux.keys("Enter", "1"); try tmux.type(String(number.serial)); try tmux.keys("Enter")
    }
}
