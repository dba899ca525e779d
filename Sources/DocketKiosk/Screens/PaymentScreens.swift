import DocketCore
import Foundation

/// 缴费: after `findUnpaid` answers, choose QR (1) or the counter (2); the QR screen draws the code in black and
/// white cells with the amount, reference and countdown beside it; then the paid screen.
enum PaymentScreens {
    static func update(_ state: KioskState, _ event: KioskEvent, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        switch (s.screen, event) {
        case (.paymentChoice(let fee), .character("1")):
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [.startQRPayment(reference: fee.reference)])
        case (.paymentChoice(let fee), .character("2")):
            Kiosk.push(&s, .paymentCounter(fee))
            return (s, [])
        case (.paymentQR, .escape):
            // Back to the choice. The order stays payable on a phone that scanned it, so it stays watched: paid
            // elsewhere, the choice turns into "paid" rather than inviting a second payment.
            s.paymentPending = false
            return Kiosk.back(s)
        case (.paymentChoice, .escape):
            // Leaving the payment stops the watch.
            let stop = Kiosk.stopWatching(s)
            s.watchedPayment = nil
            let (back, more) = Kiosk.back(s)
            return (back, stop + more)
        case (.paymentQR, _):
            return (s, [])
        case (_, .escape):
            return Kiosk.back(s)
        default:
            return (s, [])
        }
    }

    static func yuan(_ state: KioskState, _ fen: Int64) -> String {
        state.content.string("confirm.yuan", state.language, ["amount": Fen(fen).yuanString])
    }

    static func renderChoice(_ state: KioskState, _ fee: KioskUnpaidFee, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("payment.title", lang), hint: c.string("hint.payment", lang))
        frame.write(c.string("payment.reference", lang), row: 5, column: 4)
        frame.write(fee.reference, row: 5, column: 24)
        Chrome.wrap(&frame, fee.title, row: 6, column: 24, width: frame.columns - 28, maxRow: 7)
        frame.write(c.string("payment.amount", lang), row: 8, column: 4)
        frame.write(yuan(state, fee.amountFen), row: 8, column: 24)
        frame.write("1. " + c.string("payment.qr", lang), row: 11, column: 6)
        frame.write("2. " + c.string("payment.counter", lang), row: 12, column: 6)
    }

    /// The quiet zone drawn round the code, in modules.
    static let quiet = 2

    /// Whether module (`y`, `x`) of the code with its quiet zone is dark.
    static func dark(_ modules: [[Bool]], _ y: Int, _ x: Int) -> Bool {
        let my = y - quiet, mx = x - quiet
        guard modules.indices.contains(my), modules[my].indices.contains(mx) else { return false }
        return modules[my][mx]
    }

    /// Two module rows per text row (top, bottom), the quiet zone included: the compact form.
    static func halfRows(_ modules: [[Bool]]) -> [[(top: Bool, bottom: Bool)]] {
        let size = modules.count + 2 * quiet
        return stride(from: 0, to: size, by: 2).map { y in
            (0..<size).map { x in (dark(modules, y, x), y + 1 < size && dark(modules, y + 1, x)) }
        }
    }

    /// The code in explicit black and white (`Frame.Cell.module`), so it scans in a light and a dark colour scheme
    /// alike. With room enough, one module per row and two columns per module: only spaces, which every console
    /// draws one column wide. Otherwise two modules per row (`▀` where they differ) — unless the console draws
    /// ambiguous-width characters wide (`ambiguousWide` in the kiosk configuration, a CJK console), where a code
    /// that does not fit in spaces is not drawn at all (the counter is offered instead). Returns the columns used.
    static func drawCode(_ state: KioskState, _ modules: [[Bool]], into frame: inout Frame) -> Int? {
        let size = modules.count + 2 * quiet
        let rows = Chrome.bodyBottom(frame) - Chrome.bodyTop + 1
        let besideText = 26
        if size <= rows, 2 * size + 2 + besideText <= frame.columns {
            for y in 0..<size {
                for x in 0..<size {
                    let d = dark(modules, y, x)
                    frame.putModule(top: d, bottom: d, row: Chrome.bodyTop + y, column: 2 + 2 * x)
                    frame.putModule(top: d, bottom: d, row: Chrome.bodyTop + y, column: 3 + 2 * x)
                }
            }
            return 2 * size
        }
        guard state.content.config.ambiguousWide != true else { return nil }
        let half = halfRows(modules)
        guard half.count <= rows else { return nil }
        for (r, cells) in half.enumerated() {
            for (x, cell) in cells.enumerated() {
                frame.putModule(top: cell.top, bottom: cell.bottom, row: Chrome.bodyTop + r, column: 2 + x)
            }
        }
        return size
    }

    static func renderQR(_ state: KioskState, _ code: KioskQRCode, secondsLeft: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("payment.scan", lang), hint: c.string("hint.qr", lang))
        guard let width = drawCode(state, code.modules, into: &frame) else {
            // Never a clipped or distorted code: the counter instead.
            Chrome.wrap(
                &frame, c.string("payment.qrTooLarge", lang), row: 5, column: 4, width: frame.columns - 8, maxRow: 8)
            frame.write(c.string("payment.amount", lang), row: 10, column: 4)
            frame.write(yuan(state, code.amountFen), row: 10, column: 24)
            frame.write(c.string("payment.reference", lang), row: 11, column: 4)
            frame.write(code.reference, row: 11, column: 24)
            return
        }
        let x = 2 + width + 3
        frame.write(c.string("payment.amount", lang), row: 5, column: x)
        frame.write(yuan(state, code.amountFen), row: 6, column: x + 2)
        frame.write(c.string("payment.reference", lang), row: 8, column: x)
        frame.write(code.reference, row: 9, column: x + 2)
        frame.write(c.string("payment.countdown", lang, ["seconds": String(secondsLeft)]), row: 11, column: x)
    }

    static func renderCounter(_ state: KioskState, _ fee: KioskUnpaidFee, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("payment.counter", lang), hint: c.string("hint.back", lang))
        frame.write(c.string("payment.reference", lang), row: 5, column: 4)
        frame.write(fee.reference, row: 5, column: 24)
        frame.write(c.string("payment.amount", lang), row: 6, column: 4)
        frame.write(yuan(state, fee.amountFen), row: 6, column: 24)
        Chrome.wrap(
            &frame, c.string("payment.counterNote", lang), row: 8, column: 4, width: frame.columns - 8, maxRow: 11)
    }

    static func renderPaid(_ state: KioskState, reference: String, amountFen: Int64, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("payment.paid", lang), hint: c.string("hint.done", lang))
        frame.write(c.string("payment.reference", lang), row: 5, column: 4)
        frame.write(reference, row: 5, column: 24)
        frame.write(c.string("payment.amount", lang), row: 6, column: 4)
        frame.write(yuan(state, amountFen), row: 6, column: 24)
    }
}
