import Foundation
import DocketCore

/// The filing summary before confirming: what will be filed (ID numbers and phones masked) and the fee.
enum ReviewScreen {
    static func update(_ state: KioskState, _ event: KioskEvent, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        switch event {
        case .escape:
            return Kiosk.back(s)
        case .enter:
            switch FilingBuilder.input(s, now: now) {
            case .success(let input):
                Kiosk.push(&s, .waiting(message: "submitting"))
                return (s, [.fileCase(input)])
            case .failure(let error):
                // DocketError names the field; it never echoes an ID number in full.
                Kiosk.push(&s, .failure(message: String(describing: error)))
                return (s, [])
            }
        default:
            return (s, [])
        }
    }

    static func render(_ state: KioskState, feeFen: Int64?, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("confirm.title", lang), hint: c.string("hint.confirm", lang))
        let none = c.string("confirm.none", lang)
        func party(_ role: String) -> String {
            let name = FilingBuilder.value(state, target: "\(role).name") ?? none
            guard let id = FilingBuilder.value(state, target: "\(role).idNumber") else { return name }
            return "\(name)  \(Masking.mask(id))"
        }
        let amount = FilingBuilder.value(state, target: "claimAmount")
            .flatMap { try? Fen(parsingYuan: $0) }.map { c.string("confirm.yuan", lang, ["amount": $0.yuanString]) } ?? none
        let rows: [(String, String)] = [
            ("confirm.caseType", FilingBuilder.caseType(state).map { c.string($0.label, lang) } ?? none),
            ("confirm.cause", FilingBuilder.value(state, target: "cause").map { name in
                state.content.causes.cause(named: name).map { CausePicker.label($0, lang) } ?? name } ?? none),
            ("confirm.plaintiff", party("plaintiff")),
            ("confirm.defendant", party("defendant")),
            ("confirm.claims", FilingBuilder.value(state, target: "claims") ?? none),
            ("confirm.amount", amount),
        ]
        var row = Chrome.bodyTop + 1
        for (label, value) in rows {
            frame.write(c.string(label, lang), row: row, column: 4)
            // The claims are shown whole (up to their 60 characters); the rest take at most two lines.
            row = Chrome.wrap(&frame, value, row: row, column: 24, width: frame.columns - 28, maxRow: row + (label == "confirm.claims" ? 2 : 1))
        }
        row += 1
        let fee = feeFen.map { c.string("confirm.yuan", lang, ["amount": Fen($0).yuanString]) } ?? c.string("confirm.feeError", lang)
        frame.write(c.string("confirm.fee", lang), row: row, column: 4)
        frame.write(fee, row: row, column: 24)
    }
}
