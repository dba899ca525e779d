import Foundation
import Testing

@testable import DocketKiosk

@Suite struct PaymentFlowTests {
    static let fee = KioskUnpaidFee(reference: "（2026）鲁0102民初1号", title: "张三诉李四民间借贷纠纷", amountFen: 330_000)

    /// A 21×21 pattern standing in for what libqrencode returns (finder squares in three corners).
    static func modules() -> [[Bool]] {
        (0..<21).map { y in
            (0..<21).map { x in
                let finder = (x < 7 && y < 7) || (x > 13 && y < 7) || (x < 7 && y > 13)
                return finder
                    ? (x % 6 == 0 || y % 6 == 0 || (x % 7 >= 2 && x % 7 <= 4 && y % 7 >= 2 && y % 7 <= 4))
                    : (x * y + x) % 3 == 0
            }
        }
    }

    static func code(_ d: Driver) -> KioskQRCode {
        KioskQRCode(
            modules: modules(), reference: fee.reference, amountFen: fee.amountFen,
            expiresAt: d.now.addingTimeInterval(300))
    }

    /// Walks Welcome → find the fee → choose QR → the code on screen.
    static func toQR(_ d: inout Driver) {
        d.send(.character("2"))
        d.type(fee.reference); d.send(.enter)
        d.send(.effectResult(.unpaidFound(fee)))
        d.send(.character("1"))
        d.send(.effectResult(.qrReady(code(d))))
    }

    @Test func qrPaymentFromLookupToPaid() throws {
        var d = try Driver()
        d.send(.character("2"))
        d.caseNumber("1"); d.send(.enter)
        guard case .findUnpaid(let reference)? = d.effects.last else { Issue.record("no findUnpaid"); return }
        #expect(reference == Self.fee.reference)
        d.send(.effectResult(.unpaidFound(Self.fee)))
        #expect(d.screenText.contains("3300.00 元"))
        d.send(.character("1"))
        guard case .startQRPayment(let r)? = d.effects.last else { Issue.record("no startQRPayment"); return }
        #expect(r == Self.fee.reference)
        d.send(.effectResult(.qrReady(Self.code(d))))
        #expect(d.state.paymentPending)
        #expect(d.screenText.contains("剩余 300 秒"))
        #expect(d.screenText.contains("█"))
        d.advance(100)
        #expect(d.screenText.contains("剩余 200 秒"))
        d.send(.effectResult(.paid(reference: Self.fee.reference, amountFen: Self.fee.amountFen)))
        #expect(!d.state.paymentPending)
        #expect(d.screenText.contains("缴费成功"))
        d.send(.enter)
        #expect(d.state.isPristine)
    }

    @Test func idleWaitsWhileTheCodeIsShownThenTheOrderLapses() throws {
        var d = try Driver()
        Self.toQR(&d)
        d.advance(150); d.advance(140)
        #expect(d.state.idleSecondsLeft == nil)  // no idle warning over a pending payment
        d.advance(10)
        #expect(!d.state.paymentPending)
        #expect(d.screenText.contains("支付已超时"))
        #expect(d.effects.contains { if case .cancelPayment = $0 { true } else { false } })
    }

    static func cancels(_ d: Driver) -> Int {
        d.effects.filter { if case .cancelPayment = $0 { true } else { false } }.count
    }

    @Test func escOnTheCodeGoesBackToTheChoiceStillWatchingTheOrder() throws {
        var d = try Driver()
        Self.toQR(&d)
        d.send(.escape)
        #expect(!d.state.paymentPending, "the idle wipe may take a visitor who stepped back")
        #expect(d.state.screen == .paymentChoice(Self.fee))
        #expect(
            Self.cancels(d) == 0 && d.state.watchedPayment == Self.fee.reference,
            "a phone that scanned the code can still pay it")
        // Paid on the phone after stepping back: the choice becomes "paid", never an invitation to pay again.
        d.send(.effectResult(.paid(reference: Self.fee.reference, amountFen: Self.fee.amountFen)))
        #expect(d.state.screen == .paid(reference: Self.fee.reference, amountFen: Self.fee.amountFen))
        #expect(d.state.watchedPayment == nil)
    }

    @Test func choosingTheCodeAgainAfterItWasPaidShowsPaid() throws {
        var d = try Driver()
        Self.toQR(&d)
        d.send(.escape)
        d.send(.character("1"))  // the services find the order paid
        #expect(d.state.screen == .waiting(message: "searching"))
        d.send(.effectResult(.paid(reference: Self.fee.reference, amountFen: Self.fee.amountFen)))
        #expect(d.screenText.contains("缴费成功"), "the answer to the second 1 is shown, not dropped")
    }

    @Test func leavingThePaymentStopsTheWatchAndALateAnswerShowsNothing() throws {
        var d = try Driver()
        Self.toQR(&d)
        d.send(.escape, .escape)  // code → choice → the payment form
        #expect(Self.cancels(d) == 1 && d.state.watchedPayment == nil)
        d.send(.effectResult(.paid(reference: Self.fee.reference, amountFen: Self.fee.amountFen)))
        #expect(d.state.screen == .form(FormState(id: "payment", part: 2)))
        var w = try Driver()
        Self.toQR(&w)
        w.send(.escape)
        w.advance(90); w.advance(30)  // walked away at the choice: wiped, watch stopped
        #expect(w.state.isPristine && Self.cancels(w) == 1)
    }

    @Test func waitingScreensHaveAWayOutAndATimeout() throws {
        var d = try Driver()
        d.send(.character("2")); d.caseNumber("1"); d.send(.enter)
        #expect(d.screenText.contains("Esc 取消"))
        d.send(.escape)  // a lookup can be abandoned
        #expect(d.state.screen == .form(FormState(id: "payment", part: 2)))
        d.send(.enter)
        d.advance(10); d.advance(10); d.advance(10)
        #expect(d.screenText.contains("出错了") && d.screenText.contains("服务暂时没有应答"))
        d.send(.enter)
        #expect(d.state.screen == .form(FormState(id: "payment", part: 2)))
        // A submission waits for its receipt (Esc does nothing), and says it may have gone through if none comes.
        var f = try Driver()
        f.fillFiling(); f.send(.enter)
        f.send(.escape)
        #expect(f.state.screen == .waiting(message: "submitting"))
        f.advance(15); f.advance(15)
        #expect(f.screenText.contains("请勿重复提交"))
    }

    @Test func escWhileTheCodeIsRequestedStopsItsWatch() throws {
        var d = try Driver()
        d.send(.character("2")); d.caseNumber("1"); d.send(.enter)
        d.send(.effectResult(.unpaidFound(Self.fee)))
        d.send(.character("1"), .escape)
        #expect(d.state.screen == .paymentChoice(Self.fee) && Self.cancels(d) == 1)
        d.send(.effectResult(.qrReady(Self.code(d))))  // too late: not shown
        #expect(d.state.screen == .paymentChoice(Self.fee) && !d.state.paymentPending)
    }

    @Test func informationIsNotAnError() throws {
        var d = try Driver(language: .en)
        d.send(.character("2")); d.caseNumber("1"); d.send(.enter)
        d.send(.effectResult(.notice(message: "Nothing is owed on this case.")))
        #expect(d.screenText.contains("Please note") && !d.screenText.contains("Something went wrong"))
        d.send(.escape)
        #expect(d.state.screen == .form(FormState(id: "payment", part: 2)))
    }

    @Test func counterShowsTheReference() throws {
        var d = try Driver(language: .en)
        d.send(.character("2"))
        d.caseNumber("1"); d.send(.enter)
        d.send(.effectResult(.unpaidFound(Self.fee)))
        d.send(.character("2"))
        #expect(d.screenText.contains("cashier's counter"))
        d.send(.escape)
        #expect(d.state.screen == .paymentChoice(Self.fee))
    }

    @Test func halfRowsPackTwoModuleRowsPerLineWithAQuietZone() {
        let rows = PaymentScreens.halfRows([[true, false], [false, true]])
        #expect(rows.count == 3)  // 2 + 2×2 quiet module rows = 6, two a line
        #expect(rows[1].map(\.top) == [false, false, true, false, false, false])
        #expect(rows[1].map(\.bottom) == [false, false, false, true, false, false])
    }

    /// Every QR cell of the frame, row by row, as (top, bottom) dark modules.
    static func moduleCells(_ frame: Frame) -> [[(Bool, Bool)]] {
        frame.cells.map { $0.compactMap { if case .module(let t, let b) = $0 { (t, b) } else { nil } } }.filter {
            !$0.isEmpty
        }
    }

    @Test func theCodeIsBlackAndWhiteCellsAndOnlySpacesWhenThereIsRoom() throws {
        var d = try Driver()
        Self.toQR(&d)
        let compact = Self.moduleCells(d.frame)
        #expect(
            compact.count == 13 && compact.allSatisfy { $0.count == 25 }, "21 modules + quiet zone, two rows a line")
        #expect(compact.joined().contains { $0.0 != $0.1 }, "at 24 rows differing modules share a cell (▀)")
        // A taller console (kmscon on a monitor): one module per row, two columns each — no glyph at all.
        let tall = Kiosk.render(d.state, size: (rows: 40, cols: 100))
        let cells = Self.moduleCells(tall)
        #expect(cells.count == 25 && cells.allSatisfy { $0.count == 50 && $0.allSatisfy { $0.0 == $0.1 } })
        #expect(!tall.text.contains("▀") && !tall.text.contains("▄"))
    }

    @Test func aCJKConsoleNeverGetsAmbiguousGlyphs() throws {
        var d = try Driver()
        d.state.content.config.ambiguousWide = true
        Self.toQR(&d)
        #expect(Self.moduleCells(d.frame).isEmpty, "at 80×24 the code does not fit in spaces: not drawn")
        #expect(d.screenText.contains("二维码过大") && d.screenText.contains("3300.00 元"))
        #expect(
            !Self.moduleCells(Kiosk.render(d.state, size: (rows: 40, cols: 100))).isEmpty, "a taller console shows it")
    }
}
