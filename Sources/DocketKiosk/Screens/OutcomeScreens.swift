import DocketCore
import Foundation

/// The screens at the end of a flow or while waiting: the filing receipt, the query result, a wait
/// message and a failure message.
enum OutcomeScreens {
    static func receipt(_ state: KioskState, number: String, code: String, printed: Bool?, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("receipt.title", lang), hint: c.string("hint.done", lang))
        frame.write(c.string("receipt.filingNumber", lang), row: 5, column: 4)
        frame.write(number, row: 5, column: 24)
        frame.write(c.string("receipt.queryCode", lang), row: 7, column: 4)
        frame.write(code, row: 7, column: 24)
        let next = Chrome.wrap(
            &frame, c.string("receipt.note", lang), row: 10, column: 4, width: frame.columns - 8, maxRow: 12)
        let material = Chrome.wrap(
            &frame, c.string("confirm.material", lang), row: next, column: 4, width: frame.columns - 8, maxRow: 14)
        if let printed {
            Chrome.wrap(
                &frame, c.string(printed ? "receipt.printed" : "receipt.notPrinted", lang), row: material + 1,
                column: 4,
                width: frame.columns - 8, maxRow: Chrome.bodyBottom(frame))
        }
    }

    /// The receipt the printer prints, in Chinese (a court document): court, title, numbers, when, what next.
    static func printedReceipt(_ state: KioskState, number: String, code: String, now: Date) -> KioskReceipt {
        let config = state.content.config
        let c = state.content
        let title = (try? FilingBuilder.input(state, now: now).get())?.title
        var lines: [(label: String, value: String)] = [
            (c.string("receipt.filingNumber", .zhHans), number),
            (c.string("receipt.queryCode", .zhHans), code),
        ]
        if let title { lines.append(("案件", title)) }
        lines.append(("提交时间", UTCTime.display(now) + "（北京时间）"))
        return KioskReceipt(
            court: config.court.isEmpty ? (config.courtCode ?? "") : config.court,
            title: c.string("receipt.title", .zhHans), lines: lines, qr: number,
            note: c.string("receipt.note", .zhHans) + c.string("confirm.material", .zhHans))
    }

    static func applicationReceipt(_ state: KioskState, reference: String, summary: String, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("applied.title", lang), hint: c.string("hint.done", lang))
        frame.write(c.string("applied.reference", lang), row: 5, column: 4)
        frame.write(reference, row: 5, column: 24)
        Chrome.wrap(&frame, summary, row: 7, column: 4, width: frame.columns - 8, maxRow: 9)
        Chrome.wrap(&frame, c.string("applied.note", lang), row: 11, column: 4, width: frame.columns - 8, maxRow: 13)
    }

    static func queryResult(_ state: KioskState, _ result: KioskQueryResult, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("result.title", lang), hint: c.string("hint.done", lang))
        let bottom = Chrome.bodyBottom(frame)
        var row = Chrome.bodyTop + 1
        frame.write(result.caseNumber, row: row, column: 4); row += 1
        row = Chrome.wrap(&frame, result.title, row: row, column: 4, width: frame.columns - 8, maxRow: row + 1)
        row += 1
        let none = c.string("result.none", lang)
        // The node answers with the status as stored; a known one is shown in the visitor's language.
        let status = c.strings[lang]?["status.\(result.status)"] ?? result.status
        let contact = result.contact.map { who in
            [
                who.judge.map { c.string("result.judge", lang, ["name": $0]) },
                who.clerk.map { c.string("result.clerk", lang, ["name": $0]) },
                who.phone,
            ].compactMap { $0 }.joined(separator: "  ")
        }
        for (label, value) in [
            ("result.status", status), ("result.nextHearing", result.nextHearing ?? none),
            ("result.contact", contact.flatMap { $0.isEmpty ? nil : $0 } ?? none),
        ] {
            frame.write(c.string(label, lang), row: row, column: 4)
            frame.write(value, row: row, column: 20)
            row += 1
        }
        let deadlines = result.deadlines.map { d in
            "\(d.lastDay) " + (lang == .en ? (d.english ?? d.chinese) : d.chinese)
                + (d.overdue ? c.string("result.overdue", lang) : "")
                + (d.provisional ? c.string("result.provisional", lang) : "")
        }
        var timeline = result.timeline
        // The history is the court's own words, in Chinese: an English screen says so rather than pass it off.
        if lang == .en, !timeline.isEmpty { timeline.insert(c.string("result.timelineChinese", lang), at: 0) }
        for (label, items) in [("result.deadlines", deadlines), ("result.timeline", timeline)] where row <= bottom {
            frame.write(c.string(label, lang), row: row, column: 4)
            if items.isEmpty { frame.write(none, row: row, column: 20); row += 1 }
            for item in items where row <= bottom {
                frame.write(item, row: row, column: 20)
                row += 1
            }
        }
    }

    static func waiting(_ state: KioskState, message: String, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(
            &frame, state: state, title: "",
            hint: c.string(message == "submitting" ? "hint.wait" : "hint.waitEsc", lang))
        frame.writeCentered(c.string(message, lang), row: frame.rows / 2)
    }

    static func information(_ state: KioskState, message: String, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("info.title", lang), hint: c.string("hint.back", lang))
        Chrome.wrap(&frame, message, row: 5, column: 4, width: frame.columns - 8, maxRow: Chrome.bodyBottom(frame))
    }

    static func failure(_ state: KioskState, message: String, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("error.title", lang), hint: c.string("hint.back", lang))
        Chrome.wrap(&frame, message, row: 5, column: 4, width: frame.columns - 8, maxRow: Chrome.bodyBottom(frame))
    }
}
