/// A key press as the terminal reports it, before any meaning is given to it.
public enum TerminalKey: Equatable, Sendable {
    /// A printable character (already decoded from UTF-8 by ncursesw).
    case character(Character)
    case enter
    case escape
    case backspace
    case tab
    case backTab
    case up, down, left, right
    /// Ctrl plus a letter, e.g. `.control("c")`; Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys in raw mode, not signals.
    /// Ctrl-Space (a NUL byte) is `.control(" ")`.
    case control(Character)
    /// The terminal changed size; `Terminal.size` has the new one.
    case resize
    /// Function key F`n` (1–12).
    case f(Int)
    /// Any other function key (Home, PgUp, …), by ncurses code.
    case function(Int32)
}

/// What waiting for input produced.
public enum TerminalInput: Equatable, Sendable {
    case key(TerminalKey)
    /// Nothing arrived in time.
    case timeout
    /// The terminal is gone (closed window, lost line): the caller should end.
    case hangup
}
