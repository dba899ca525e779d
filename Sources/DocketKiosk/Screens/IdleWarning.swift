/// The idle warning, drawn over whatever screen is showing: bilingual (the current language first) with the
/// seconds left, so a visitor who reads either language knows to press a key.
enum IdleWarning {
    static func render(_ state: KioskState, seconds: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        let lines = [
            c.string("idle.title", lang),
            "",
            c.string("idle.countdown", lang, ["seconds": String(seconds)]),
            c.string("idle.countdownOther", lang, ["seconds": String(seconds)]),
            "",
            c.string("idle.extend", lang),
        ]
        let top = frame.rows / 2 - 5, left = 8, width = frame.columns - 16
        // Blank the box first so the screen behind does not show through.
        for row in top...(top + lines.count + 2) {
            frame.write(String(repeating: " ", count: width), row: row, column: left)
        }
        frame.write("+" + String(repeating: "-", count: width - 2) + "+", row: top, column: left)
        for (n, line) in lines.enumerated() {
            frame.write("|", row: top + 1 + n, column: left)
            frame.write(line, row: top + 1 + n, column: left + 3, limit: width - 6)
            frame.write("|", row: top + 1 + n, column: left + width - 1)
        }
        frame.write("|", row: top + lines.count + 1, column: left)
        frame.write("|", row: top + lines.count + 1, column: left + width - 1)
        frame.write("+" + String(repeating: "-", count: width - 2) + "+", row: top + lines.count + 2, column: left)
        frame.cursor = nil
    }
}
