import Foundation
import DocketCore

/// 缴费: after `findUnpaid` answers, choose QR (1) or the counter (2); the QR screen draws the code in
/// half-block characters with the amount, reference and countdown beside it; then the paid screen.
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

    /// Light modules are drawn as blocks: on a dark terminal that gives the dark-on-light code scanners need.
    /// Each text row carries two module rows (▀ top, ▄ bottom, █ both), with a 2-module quiet zone.
    static func qrLines(_ modules: [[Bool]]) -> [String] {
        let quiet = 2
        let size = modules.count + 2 * quiet
        func light(_ y: Int, _ x: Int) -> Bool {
            let my = y - quiet, mx = x - quiet
            guard modules.indices.contains(my), modules[my].indices.contains(mx) else { return true }
            return !modules[my][mx]
        }
        return stride(from: 0, to: size, by: 2).map { y in
            String((0..<size).map { x -> Character in
                switch (light(y, x), y + 1 < size && light(y + 1, x)) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                case (false, false): return " "
                }
            })
        }
    }

    static func renderQR(_ state: KioskState, _ code: KioskQRCode, secondsLeft: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("payment.scan", lang), hint: c.string("hint.qr", lang))
        let lines = qrLines(code.modules)
        let room = Chrome.bodyBottom(frame) - Chrome.bodyTop + 1
        if lines.count > room {
            // Too big to scan reliably on 24 rows: never draw a clipped code.
            Chrome.wrap(&frame, c.string("payment.qrTooLarge", lang), row: 5, column: 4, width: frame.columns - 8, maxRow: 8)
        } else {
            for (n, line) in lines.enumerated() { frame.write(line, row: Chrome.bodyTop + n, column: 2) }
        }
        let x = 2 + (lines.first.map(DisplayWidth.of) ?? 0) + 3
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
        Chrome.wrap(&frame, c.string("payment.counterNote", lang), row: 8, column: 4, width: frame.columns - 8, maxRow: 11)
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
