/// The parts every screen shares: a title bar (court, kiosk name, on Welcome the other language), a rule, the body
/// area, and a key-hint line at the bottom. Rules are ASCII because box-drawing characters are
/// ambiguous-width and a CJK console draws them two columns wide.
enum Chrome {
    static let minimumRows = 24
    static let minimumColumns = 80
    /// First and last body rows.
    static let bodyTop = 3
    static func bodyBottom(_ frame: Frame) -> Int { frame.rows - 3 }

    static func draw(_ frame: inout Frame, state: KioskState, title: String, hint: String) {
        let c = state.content
        let court = state.language == .zhHans ? c.config.court : (c.config.courtEnglish ?? c.config.court)
        let head =
            court.isEmpty ? c.string("app.title", state.language) : "\(court)  \(c.string("app.title", state.language))"
        frame.write(head, row: 0, column: 1, limit: frame.columns - 16)
        // Tab switches language only on Welcome, so only Welcome offers it.
        if case .welcome = state.screen { frame.writeRight(c.string("lang.switch", state.language) + " ", row: 0) }
        frame.write(String(repeating: "=", count: frame.columns), row: 1, column: 0)
        frame.write(title, row: 2, column: 2)
        frame.write(String(repeating: "-", count: frame.columns), row: frame.rows - 2, column: 0)
        frame.write(hint, row: frame.rows - 1, column: 1)
    }

    /// Writes `text` wrapped to `width` columns from (`row`, `column`) — whole words, Chinese line-breaking rules
    /// (`LineBreaker`) — up to `maxRow`; returns the next free row.
    @discardableResult
    static func wrap(_ frame: inout Frame, _ text: String, row: Int, column: Int, width: Int, maxRow: Int) -> Int {
        var r = row
        for line in LineBreaker.lines(text, width: width) {
            if r > maxRow { return r }
            frame.write(line, row: r, column: column)
            r += 1
        }
        return r
    }
}
