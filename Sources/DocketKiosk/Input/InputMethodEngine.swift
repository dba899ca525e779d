/// A key as an input method sees it while a composition is open: a pinyin letter, a candidate's number, or an
/// editing key. The kiosk keeps the keys of the open composition as data and hands them to the engine whole.
public enum CompositionKey: Hashable, Sendable {
    /// A pinyin letter a–z, or the syllable separator "'".
    case letter(Character)
    /// The candidate numbered `n` (1–9) on the page on show.
    case choose(Int)
    /// Takes the first (highlighted) candidate.
    case space
    /// Undoes the last choice, or removes the last letter.
    case backspace
    /// Ends the composition with the letters as typed (for names in Latin letters).
    case enter
    case nextPage
    case previousPage
}

/// What an open composition looks like: the text being composed and a page of numbered candidates, or the text the
/// keys finished with.
public struct Composition: Equatable, Sendable {
    /// The input being converted, as the engine shows it: "zhang san", or "张san" after a partial choice.
    public var preedit: String
    /// The candidates on this page, shown numbered from 1.
    public var candidates: [String]
    /// The page on show, from 0.
    public var page: Int
    public var isLastPage: Bool
    /// The text the keys finished with (every letter converted, or Enter); the composition is then over.
    public var committed: String?

    public init(
        preedit: String = "", candidates: [String] = [], page: Int = 0, isLastPage: Bool = true,
        committed: String? = nil
    ) {
        self.preedit = preedit; self.candidates = candidates; self.page = page; self.isLastPage = isLastPage
        self.committed = committed
    }

    /// Nothing left to compose and nothing committed (every letter was taken back).
    public var isEmpty: Bool { preedit.isEmpty && candidates.isEmpty && committed == nil }
}

/// A pinyin input method giving simplified characters. The runtime plugs in librime; tests use a small table.
///
/// Implementations guarantee: `compose` depends only on `keys` — the composition that typing `keys` into an empty
/// composition produces — so the kiosk may keep the keys as data and replay them; and nothing typed is learned (one
/// visitor's words never reorder the next visitor's candidates).
public protocol InputMethodEngine: AnyObject {
    /// The composition after typing `keys` into an empty one.
    func compose(_ keys: [CompositionKey]) -> Composition
    /// Drops whatever composition the engine still holds (called when a visit ends).
    func reset()
}
