import Foundation

/// Welcome: the numbered service menu (from `screens.json`), Tab to switch language, and the court's
/// announcements in the current language.
enum WelcomeScreen {
    static func update(
        _ state: KioskState, selection: Int, _ event: KioskEvent, now: Date
    ) -> (KioskState, [KioskEffect]) {
        var s = state
        let menu = s.content.screens.menu
        switch event {
        case .tab:
            s.language = s.language.other
            s.input.chinese = s.language == .zhHans
            return (s, [.redraw])
        case .up:
            s.screen = .welcome(selection: max(0, selection - 1))
        case .down:
            s.screen = .welcome(selection: min(menu.count - 1, selection + 1))
        case .character("0"):
            // Unlisted on purpose: the administrator knows it, visitors meet a PIN they cannot pass.
            guard let admin = s.content.screens.adminForm else { return (s, []) }
            Kiosk.push(&s, .form(FormState(id: admin)))
            return (s, [])
        case .character(let c):
            guard let n = c.wholeNumberValue, c.isASCII, n >= 1, n <= menu.count else { return (s, []) }
            s.screen = .welcome(selection: n - 1)
            return open(s, menu[n - 1])
        case .enter:
            guard menu.indices.contains(selection) else { return (s, []) }
            return open(s, menu[selection])
        default: break
        }
        return (s, [])
    }

    /// Enters a menu entry's form; unavailable entries do nothing (they are shown as such).
    static func open(_ state: KioskState, _ item: MenuItem) -> (KioskState, [KioskEffect]) {
        var s = state
        guard item.isAvailable, let form = item.form else { return (s, []) }
        Kiosk.push(&s, .form(FormState(id: form)))
        return (s, [])
    }

    static func render(_ state: KioskState, selection: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("welcome.choose", lang), hint: c.string("hint.welcome", lang))
        var row = Chrome.bodyTop + 1
        for (n, item) in c.screens.menu.enumerated() {
            let marker = n == selection ? ">" : " "
            var text = "\(marker) \(n + 1). \(c.string(item.label, lang))"
            if !item.isAvailable { text += " " + c.string("menu.unavailable", lang) }
            frame.write(text, row: row, column: 4)
            if n == selection { frame.cursor = ScreenPosition(row: row, column: 4) }
            row += 1
        }
        let announcements = c.config.announcements ?? []
        guard !announcements.isEmpty else { return }
        row += 1
        frame.write(c.string("welcome.announcements", lang), row: row, column: 2)
        row += 1
        for note in announcements {
            guard let text = note[lang.rawValue] ?? note.values.first else { continue }
            row = Chrome.wrap(
                &frame, "* " + text, row: row, column: 4, width: frame.columns - 8, maxRow: Chrome.bodyBottom(frame))
        }
    }
}
