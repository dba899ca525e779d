import CNCurses
import DocketKiosk

#if canImport(Glibc)
import Glibc
#endif

/// The terminal through ncursesw: the only Swift that touches curses. It reads keys and copies `Frame`s to the
/// screen, nothing else — what a key means and what a screen shows are the kiosk's business.
///
/// Guarantees: raw mode (Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S and Ctrl-Q arrive as keys, never as signals or flow
/// control); no echo; Esc reported after 50 ms; the alternate screen, so nothing drawn reaches the normal scroll
/// history; `end()` restores the terminal and may be called more than once.
public final class Terminal {
    private var previous: Frame?
    private var ended = false
    /// The terminal has colours: QR cells are drawn in explicit black and white.
    private var colours = false
    private var failedReads = 0

    /// Takes over the terminal on standard input and output. Throws when they are not a terminal or the locale is
    /// not UTF-8 (Chinese would not render).
    public init() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("The kiosk needs a terminal on standard input and output.")
        }
        guard docket_setlocale_all() != 0, let codeset = nl_langinfo(nl_item(CODESET)),
            String(cString: codeset) == "UTF-8"
        else {
            throw TerminalError(
                "The kiosk needs a UTF-8 locale, e.g. LANG=C.UTF-8 (Chinese cannot be drawn otherwise).")
        }
        docket_set_escdelay(50)
        guard initscr() != nil else { throw TerminalError("ncurses could not start on this terminal (check TERM).") }
        raw()
        noecho()
        nonl()
        keypad(docket_stdscr(), true)
        intrflush(docket_stdscr(), false)
        nodelay(docket_stdscr(), true)
        leaveok(docket_stdscr(), false)
        colours = docket_init_colors() != 0
    }

    deinit { end() }

    /// Gives the terminal back as it was (normal screen, cooked mode).
    public func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        endwin()
    }

    /// The terminal's size now.
    public var size: (rows: Int, cols: Int) {
        (Int(getmaxy(docket_stdscr())), Int(getmaxx(docket_stdscr())))
    }

    /// Waits up to `milliseconds` for a key. Reports `.hangup` when the terminal has gone away (poll says so, or
    /// reads keep failing), so a kiosk whose terminal closed does not spin.
    public func read(timeout milliseconds: Int32) -> TerminalInput {
        if let key = nextKey() { return .key(key) }
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 { return errno == EINTR ? (nextKey().map { .key($0) } ?? .timeout) : .hangup }
        if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangup }
        if ready == 0 { return .timeout }
        if let key = nextKey() { failedReads = 0; return .key(key) }
        // Readable but nothing decoded: a partial sequence, or a dead line that reads as empty forever.
        failedReads += 1
        return failedReads > 50 ? .hangup : .timeout
    }

    private func nextKey() -> TerminalKey? {
        var value: wint_t = 0
        let result = wget_wch(docket_stdscr(), &value)
        if result == ERR { return nil }
        if result == docket_key_code_yes() { return Self.functionKey(Int32(value)) }
        return Self.characterKey(UInt32(value))
    }

    static func functionKey(_ code: Int32) -> TerminalKey {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .f(Int(code - KEY_F0))
        default: return .function(code)
        }
    }

    static func characterKey(_ value: UInt32) -> TerminalKey? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x1B: return .escape
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        case 0x1C: return .control("\\")
        case 0x00: return .control(" ")
        case 0x1D...0x1F: return nil
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    /// Copies `frame` to the screen: only the rows that changed, or everything when `full` (after a resize,
    /// Ctrl-L, or a wipe). Puts the real cursor where the frame says, or hides it.
    public func draw(_ frame: Frame, full: Bool = false) {
        let window = docket_stdscr()
        let repaintAll = full || previous == nil || previous!.rows != frame.rows || previous!.columns != frame.columns
        if repaintAll {
            werase(window)
            clearok(window, true)
        }
        for row in 0..<frame.rows where repaintAll || previous!.cells[row] != frame.cells[row] {
            wmove(window, Int32(row), 0)
            wclrtoeol(window)
            // Runs of cells with the same colours are written together: plain text in the terminal's own colours,
            // QR cells in pair 1 (black on white) or 2 (white on black).
            var text: [wchar_t] = [], pair: Int16 = 0, start = 0, column = 0
            func flush() {
                guard !text.isEmpty else { return }
                docket_set_pair(window, pair)
                // The bottom-right cell makes the write report ERR (the cursor cannot advance past it); it is drawn.
                _ = text.withUnsafeBufferPointer {
                    mvwaddnwstr(window, Int32(row), Int32(start), $0.baseAddress, Int32($0.count))
                }
                text = []
            }
            for cell in frame.cells[row] {
                var cellPair: Int16 = 0, characters: [wchar_t] = [], width = 1
                switch cell {
                case .blank: characters = [0x20]
                case .glyph(let character, let w):
                    characters = character.unicodeScalars.map { wchar_t(bitPattern: $0.value) }; width = w
                case .continuation: continue
                case .module(let top, let bottom):
                    if colours {
                        // Alike: a space in the right background. Differing: ▀ with the top as foreground.
                        cellPair = top == bottom ? (top ? 2 : 1) : (top ? 1 : 2)
                        characters = [top == bottom ? 0x20 : 0x2580]
                    } else {
                        // No colours: light modules drawn as blocks, for the usual light-on-dark terminal.
                        characters = [
                            wchar_t(
                                bitPattern: Frame.moduleText(top: !top, bottom: !bottom).unicodeScalars.first!.value)
                        ]
                    }
                }
                if cellPair != pair { flush(); pair = cellPair; start = column }
                if text.isEmpty { start = column }
                text += characters
                column += width
            }
            flush()
            docket_set_pair(window, 0)
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wrefresh(window)
        previous = frame
    }

    /// Blanks the screen and asks the terminal to drop its scroll history (CSI 3 J), so nothing a visitor typed
    /// or saw survives the session.
    public func wipe() {
        let window = docket_stdscr()
        werase(window)
        clearok(window, true)
        wrefresh(window)
        previous = nil
        // Straight to the terminal's file descriptor (curses has flushed its own output above).
        let erase = Array("\u{1b}[3J".utf8)
        _ = erase.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}

/// The terminal cannot be used, as a sentence.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
