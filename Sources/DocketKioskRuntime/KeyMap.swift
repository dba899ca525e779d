import DocketKiosk
import DocketTerminal

/// Names what a key asks for, in the tig manner: the state machine sees requests, not key codes.
///
/// Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S and Ctrl-Q mean nothing (they never stop, suspend or freeze the kiosk);
/// Ctrl-L redraws; Ctrl-Space and F2 switch Chinese input on and off (中/英); other function keys are ignored.
public enum KeyMap {
    /// The event for `key`, or nil when the key asks for nothing. `size` is the terminal's size after a resize.
    public static func event(for key: TerminalKey, size: (rows: Int, cols: Int)) -> KioskEvent? {
        switch key {
        case .character(let c): return .character(c)
        case .enter: return .enter
        case .escape: return .escape
        case .backspace: return .backspace
        case .tab, .backTab: return .tab
        case .up, .left: return .up
        case .down, .right: return .down
        case .control("l"): return .ctrlL
        case .control(" "), .f(2): return .toggleInputMode
        case .control("h"): return .backspace
        case .control: return nil
        case .resize: return .resize(rows: size.rows, cols: size.cols)
        case .function, .f: return nil
        }
    }
}
