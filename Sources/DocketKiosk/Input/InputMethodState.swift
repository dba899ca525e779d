/// The input method's part of a visit, as data: whether Chinese input is on (中) or letters go in as typed (英),
/// and the open composition's keys and what the engine made of them. Wiped with the rest of the visit.
public struct InputMethodState: Equatable, Sendable {
    /// The runtime's engine is ready (librime deployed). Kept across visits; without it letters go in as typed.
    public var available: Bool
    /// Why the engine could not start, when it could not: shown to the administrator. Kept across visits.
    public var failure: InputMethodFailure?
    /// 中 (true) or 英: what letters typed into a text field do.
    public var chinese: Bool
    /// The keys of the open composition, in order; empty when nothing is being composed.
    public var keys: [CompositionKey]
    /// What the engine shows for `keys`.
    public var composition: Composition?

    public init(available: Bool = false, chinese: Bool = true) {
        self.available = available; self.chinese = chinese; keys = []; composition = nil
    }

    /// A composition is open: keys go to the input method, not the field.
    public var isComposing: Bool { !keys.isEmpty }

    /// Chinese input would take a letter typed now.
    public var takesLetters: Bool { available && chinese }
}

/// Why Chinese input is not available at this kiosk, in both of the kiosk's languages (the administrator reads it
/// in the screen's language; visitors never see it).
public struct InputMethodFailure: Equatable, Sendable {
    public var chinese: String
    public var english: String

    public init(chinese: String, english: String) { self.chinese = chinese; self.english = english }
}

/// An error from preparing an input method that can say what went wrong in both languages.
public protocol InputMethodError: Error {
    /// What the administrator reads.
    var failure: InputMethodFailure { get }
}
