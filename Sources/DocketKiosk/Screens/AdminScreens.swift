import DocketCore
import Foundation

/// Administrator mode, reached with "0" on Welcome and the PIN: conflicts (list, then one side by side with
/// the value in force, a digit takes a side), sync status, query lockouts (Enter lifts one), and leaving kiosk mode.
/// The idle timeout wipes it like any session, which locks it again.
enum AdminScreens {
    static let menu = ["admin.conflicts", "admin.sync", "admin.lockouts", "admin.exit"]

    static func update(_ state: KioskState, _ event: KioskEvent, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        switch (s.screen, event) {
        case (.adminMenu(let selection), .up): s.screen = .adminMenu(selection: max(0, selection - 1))
        case (.adminMenu(let selection), .down): s.screen = .adminMenu(selection: min(menu.count - 1, selection + 1))
        case (.adminMenu(let selection), .enter): return choose(s, selection)
        case (.adminMenu, .character(let c)):
            guard c.isASCII, let n = c.wholeNumberValue, (1...menu.count).contains(n) else { break }
            s.screen = .adminMenu(selection: n - 1)
            return choose(s, n - 1)
        case (.adminConflicts(let list, let selection), .up):
            s.screen = .adminConflicts(list, selection: max(0, selection - 1))
        case (.adminConflicts(let list, let selection), .down):
            s.screen = .adminConflicts(list, selection: min(max(0, list.count - 1), selection + 1))
        case (.adminConflicts(let list, let selection), .enter):
            guard list.indices.contains(selection) else { break }
            Kiosk.push(&s, .adminConflict(list[selection]))
        case (.adminConflict(let conflict), .character(let c)):
            guard c.isASCII, let n = c.wholeNumberValue, conflict.sides.indices.contains(n - 1) else { break }
            // The refreshed list replaces both the old list and this conflict, so Esc leads to the menu.
            while let last = s.history.last, case .adminConflicts = last { s.history.removeLast() }
            s.screen = .waiting(message: "submitting")
            return (s, [.resolveConflict(id: conflict.id, takeNode: conflict.sides[n - 1].node)])
        case (.adminLockouts(let list, let selection), .up):
            s.screen = .adminLockouts(list, selection: max(0, selection - 1))
        case (.adminLockouts(let list, let selection), .down):
            s.screen = .adminLockouts(list, selection: min(max(0, list.count - 1), selection + 1))
        case (.adminLockouts(let list, let selection), .enter):
            guard list.indices.contains(selection) else { break }
            s.screen = .waiting(message: "submitting")
            return (s, [.liftLockout(list[selection])])
        case (_, .escape):
            return Kiosk.back(s)
        default: break
        }
        return (s, [])
    }

    static func choose(_ state: KioskState, _ index: Int) -> (KioskState, [KioskEffect]) {
        var s = state
        switch index {
        case 0: Kiosk.push(&s, .waiting(message: "searching")); return (s, [.listConflicts])
        case 1: Kiosk.push(&s, .waiting(message: "searching")); return (s, [.syncStatus])
        case 2: Kiosk.push(&s, .waiting(message: "searching")); return (s, [.listLockouts])
        default: return (s, [.exitKiosk])
        }
    }

    static func renderMenu(_ state: KioskState, selection: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("admin.title", lang), hint: c.string("hint.admin", lang))
        for (n, key) in menu.enumerated() {
            frame.write(
                "\(n == selection ? ">" : " ") \(n + 1). \(c.string(key, lang))", row: Chrome.bodyTop + 1 + n, column: 4
            )
        }
        var notes: [String] = []
        if let revision = c.causes.newerRevision(onOrBefore: Kiosk.today(state.lastActivity).description) {
            notes.append(
                c.string(
                    "admin.causesOutdated", lang,
                    [
                        "edition": c.causes.edition, "revision": revision.edition,
                        "notice": lang == .en ? revision.noticeEnglish : revision.notice,
                        "date": revision.inForceFrom,
                    ]))
        }
        if let failure = state.input.failure {
            notes.append(c.string("admin.inputMethodFailed", lang) + (lang == .en ? failure.english : failure.chinese))
        }
        var row = Chrome.bodyTop + 2 + menu.count
        for note in notes {
            row = Chrome.wrap(
                &frame, note, row: row, column: 4, width: frame.columns - 8, maxRow: Chrome.bodyBottom(frame))
        }
        frame.cursor = ScreenPosition(row: Chrome.bodyTop + 1 + selection, column: 4)
    }

    static func renderConflicts(_ state: KioskState, _ list: [KioskConflict], selection: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(
            &frame, state: state, title: c.string("admin.conflicts", lang), hint: c.string("hint.adminList", lang))
        guard !list.isEmpty else { frame.write(c.string("admin.noConflicts", lang), row: 5, column: 4); return }
        let visible = Chrome.bodyBottom(frame) - Chrome.bodyTop
        let first = max(0, min(selection - visible + 1, list.count - visible))
        // The headings (原告张三 · 手机号码 / Plaintiff 张三 · Mobile phone) get the room they need, in one column; the
        // case titles what is left.
        let widest = list.map { DisplayWidth.of($0.heading(in: lang)) }.max() ?? 0
        let headingColumn = max(24, frame.columns - 2 - min(widest, frame.columns / 2))
        for (n, conflict) in list.enumerated().dropFirst(first).prefix(visible) {
            let row = Chrome.bodyTop + 1 + n - first
            let heading = conflict.heading(in: lang)
            frame.write(
                "\(n == selection ? ">" : " ") \(conflict.caseTitle)", row: row, column: 2, limit: headingColumn - 4)
            frame.write(heading, row: row, column: headingColumn, limit: frame.columns - 2 - headingColumn)
        }
        frame.cursor = ScreenPosition(row: Chrome.bodyTop + 1 + selection - first, column: 2)
    }

    /// Two sides in two columns (a third or more listed below), then the value in force.
    static func renderConflict(_ state: KioskState, _ original: KioskConflict, into frame: inout Frame) {
        let c = state.content, lang = state.language
        // ID numbers stay masked even here; the last four characters still tell two values apart.
        var conflict = original
        if conflict.field.hasSuffix("idNumber") {
            conflict.sides = conflict.sides.map {
                .init(node: $0.node, value: Masking.mask($0.value), name: $0.name, nameEnglish: $0.nameEnglish)
            }
            conflict.current = Masking.mask(conflict.current)
        }
        Chrome.draw(
            &frame, state: state, title: "\(conflict.caseTitle)  \(conflict.heading(in: lang))",
            hint: c.string("hint.adminConflict", lang))
        let half = (frame.columns - 6) / 2
        var bottom = Chrome.bodyTop + 1
        for (n, side) in conflict.sides.prefix(2).enumerated() {
            let x = 2 + n * (half + 2)
            frame.write("\(n + 1). \(side.name(in: lang))", row: Chrome.bodyTop + 1, column: x, limit: half)
            let end = Chrome.wrap(
                &frame, side.value, row: Chrome.bodyTop + 3, column: x + 3, width: half - 3, maxRow: Chrome.bodyTop + 10
            )
            bottom = max(bottom, end)
        }
        var row = bottom + 1
        for (n, side) in conflict.sides.enumerated().dropFirst(2) where row < Chrome.bodyBottom(frame) - 2 {
            frame.write(
                "\(n + 1). \(side.name(in: lang)): \(side.value)", row: row, column: 2, limit: frame.columns - 4)
            row += 1
        }
        row += 1
        frame.write(c.string("admin.current", lang), row: row, column: 2)
        Chrome.wrap(
            &frame, conflict.current, row: row + 1, column: 5, width: frame.columns - 8,
            maxRow: Chrome.bodyBottom(frame))
    }

    /// Each lockout as a person says it: which case, at which terminal, how many wrong attempts, until when.
    static func renderLockouts(_ state: KioskState, _ list: [KioskLockout], selection: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(
            &frame, state: state, title: c.string("admin.lockouts", lang), hint: c.string("hint.adminLockouts", lang))
        guard !list.isEmpty else { frame.write(c.string("admin.noLockouts", lang), row: 5, column: 4); return }
        // Two rows each: what is locked, then how many wrong attempts and until when.
        let visible = max(1, (Chrome.bodyBottom(frame) - Chrome.bodyTop) / 2)
        let first = max(0, min(selection - visible + 1, list.count - visible))
        for (n, lockout) in list.enumerated().dropFirst(first).prefix(visible) {
            let row = Chrome.bodyTop + 1 + 2 * (n - first)
            let what = [
                lockout.caseKey.map { c.string("admin.lockout.case", lang) + $0 },
                lockout.source.map { c.string("admin.lockout.terminal", lang) + $0 },
            ].compactMap { $0 }.joined(separator: "  ")
            frame.write("\(n == selection ? ">" : " ") \(what)", row: row, column: 2, limit: frame.columns - 4)
            frame.write(
                "\(lockout.failures)\(c.string("admin.lockout.failures", lang)) \(lockout.until)", row: row + 1,
                column: 6,
                limit: frame.columns - 8)
        }
        frame.cursor = ScreenPosition(row: Chrome.bodyTop + 1 + 2 * (selection - first), column: 2)
    }

    static func renderSync(_ state: KioskState, _ lines: [String], into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("admin.sync", lang), hint: c.string("hint.back", lang))
        for (n, line) in lines.prefix(Chrome.bodyBottom(frame) - Chrome.bodyTop).enumerated() {
            frame.write(line, row: Chrome.bodyTop + 1 + n, column: 4)
        }
    }
}
