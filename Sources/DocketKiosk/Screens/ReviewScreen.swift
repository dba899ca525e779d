import DocketCore
import Foundation

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
                return (
                    s,
                    [
                        .fileCase(
                            input, complaint: ComplaintText.render(s, today: Kiosk.today(now)), material: s.material)
                    ]
                )
            case .failure(let error):
                // DocketError names the field, in the visitor's language; it never echoes an ID number in full.
                Kiosk.push(&s, .failure(message: s.language == .en ? error.englishMessage : error.chineseMessage))
                return (s, [])
            }
        case .character("1") where MaterialScreen.offered(s):
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [MaterialScreen.find(s)])
        default:
            return (s, [])
        }
    }

    static func render(_ state: KioskState, feeFen: Int64?, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(
            &frame, state: state, title: c.string("confirm.title", lang),
            hint: c.string(MaterialScreen.offered(state) ? "hint.confirmMaterial" : "hint.confirm", lang))
        let none = c.string("confirm.none", lang)
        let parties = FilingBuilder.parties(state)
        /// Each party on a line of its own (ID numbers masked, whole: a line never splits one), at most three a side.
        func side(_ role: String) -> String {
            let list = parties.filter { $0.role == role }
            guard !list.isEmpty else { return none }
            var lines = list.prefix(3).map { party -> String in
                var line = party.fields["name"] ?? ""
                if let id = party.fields["idNumber"] { line += "  " + Masking.mask(id) }
                if party.fields["electronicService"] == "true" { line += "  " + c.string("confirm.service", lang) }
                return line
            }
            if list.count > 3 { lines[2] += " " + c.string("confirm.more", lang, ["count": String(list.count)]) }
            return lines.joined(separator: "\n")
        }
        let amount =
            FilingBuilder.value(state, target: "claimAmount")
            .flatMap { try? Fen(parsingYuan: $0) }.map { c.string("confirm.yuan", lang, ["amount": $0.yuanString]) }
            ?? none
        let rows: [(String, String, Int)] = [
            ("confirm.caseType", FilingBuilder.caseType(state).map { c.string($0.label, lang) } ?? none, 1),
            (
                "confirm.cause",
                FilingBuilder.value(state, target: "cause").map { name in
                    state.content.causes.cause(named: name).map { CausePicker.label($0, lang) } ?? name
                } ?? none, 1
            ),
            ("confirm.plaintiff", side("plaintiff"), 3),
            ("confirm.defendant", side("defendant"), 3),
            // The claims whole (up to their 60 characters), the facts' beginning.
            ("confirm.claims", FilingBuilder.value(state, target: "claims") ?? none, 3),
            ("confirm.facts", FilingBuilder.value(state, target: "facts") ?? none, 2),
            ("confirm.amount", amount, 1),
        ]
        var row = Chrome.bodyTop + 1
        for (label, value, lines) in rows {
            frame.write(c.string(label, lang), row: row, column: 4)
            row = Chrome.wrap(&frame, value, row: row, column: 24, width: frame.columns - 28, maxRow: row + lines - 1)
        }
        let fee =
            feeFen.map { c.string("confirm.yuan", lang, ["amount": Fen($0).yuanString]) }
            ?? c.string("confirm.feeError", lang)
        frame.write(c.string("confirm.fee", lang), row: row, column: 4)
        frame.write(fee, row: row, column: 24)
        let material =
            state.material.isEmpty
            ? c.string("confirm.material", lang)
            : c.string("confirm.materialAdded", lang, ["count": String(state.material.count)])
        let next = Chrome.wrap(
            &frame, material, row: row + 1, column: 4, width: frame.columns - 8, maxRow: Chrome.bodyBottom(frame))
        if MaterialScreen.offered(state) {
            Chrome.wrap(
                &frame, c.string("confirm.materialKey", lang), row: next, column: 4, width: frame.columns - 8,
                maxRow: Chrome.bodyBottom(frame))
        }
    }
}
