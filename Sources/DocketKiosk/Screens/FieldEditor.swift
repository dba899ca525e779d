import Foundation

/// Typing into a free-entry field: characters filtered by what the field takes, the length limit, and pinyin
/// composed through the input method (Chinese mode, text fields) — letters open a composition, digits or Space
/// choose, Backspace edits it, Enter takes the letters as typed, Esc drops it before it would leave the field.
enum FieldEditor {
    /// Handles `event` for the focused free-entry `field` (values under `key`); false when the event is the form's
    /// to handle (moving, submitting, leaving).
    static func handle(
        _ s: inout KioskState, _ form: inout FormState, field: FieldSpec, key: String, _ event: KioskEvent,
        engine: (any InputMethodEngine)?
    ) -> Bool {
        if s.input.isComposing {
            guard let engine else { s.input.keys = []; s.input.composition = nil; return false }
            return compose(&s, &form, field: field, key: key, event, engine: engine)
        }
        switch event {
        case .character(let c):
            form.showError = false
            if let engine, opensComposition(c, field: field, input: s.input) {
                s.input.keys = [.letter(c)]
                apply(engine.compose(s.input.keys), &s, &form, field: field, key: key)
            } else {
                insert(String(c), &s, &form, field: field, key: key)
            }
            return true
        case .backspace:
            var value = s.values[key] ?? ""
            if !value.isEmpty { value.removeLast() }
            s.values[key] = value
            form.showError = false
            form.notice = nil
            return true
        case .toggleInputMode:
            s.input.chinese.toggle()
            return true
        default:
            return false
        }
    }

    /// A lower-case letter typed into a text field in Chinese mode starts a composition.
    static func opensComposition(_ c: Character, field: FieldSpec, input: InputMethodState) -> Bool {
        input.takesLetters && field.characters.takesChinese && field.secret != true && c.isASCII && c.isLetter
            && c.isLowercase
    }

    private static func compose(
        _ s: inout KioskState, _ form: inout FormState, field: FieldSpec, key: String, _ event: KioskEvent,
        engine: any InputMethodEngine
    ) -> Bool {
        let shown = s.input.composition ?? Composition()
        var after: String?
        switch event {
        case .character(let c) where c.isASCII && ((c.isLetter && c.isLowercase) || c == "'"):
            s.input.keys.append(.letter(c))
        case .character(let c) where c.isASCII && c.isNumber:
            // Only a number on show chooses; the others mean nothing while composing.
            guard let n = c.wholeNumberValue, n >= 1, n <= CandidateBar.visibleCount(shown.candidates) else {
                return true
            }
            s.input.keys.append(.choose(n))
        case .character(" "):
            s.input.keys.append(.space)
        case .character("-"), .up:
            guard shown.page > 0 else { return true }
            s.input.keys.append(.previousPage)
        case .character("="), .down:
            guard !shown.isLastPage else { return true }
            s.input.keys.append(.nextPage)
        case .character(let c):
            // Punctuation ends the composition with its first candidate, then goes in itself.
            s.input.keys.append(.space)
            after = String(c)
        case .backspace:
            s.input.keys.append(.backspace)
        case .enter:
            s.input.keys.append(.enter)
        case .toggleInputMode:
            // Switching to letters keeps what was typed, as letters.
            s.input.keys.append(.enter)
            s.input.chinese.toggle()
        case .escape:
            // Esc drops the composition; the next Esc leaves the field.
            s.input.keys = []
            s.input.composition = nil
            return true
        default:
            return true
        }
        apply(engine.compose(s.input.keys), &s, &form, field: field, key: key)
        if let after, !s.input.isComposing { insert(after, &s, &form, field: field, key: key) }
        return true
    }

    /// Takes the engine's answer: committed text goes into the field and closes the composition; an emptied one
    /// closes too.
    private static func apply(
        _ composition: Composition, _ s: inout KioskState, _ form: inout FormState, field: FieldSpec, key: String
    ) {
        if let text = composition.committed {
            s.input.keys = []
            s.input.composition = nil
            insert(text, &s, &form, field: field, key: key)
        } else if composition.isEmpty {
            s.input.keys = []
            s.input.composition = nil
        } else {
            s.input.composition = composition
        }
    }

    /// Inserts `text` character by character as the field allows, up to its length limit; a refused character or
    /// the limit leaves a notice on screen instead of being lost silently.
    static func insert(_ text: String, _ s: inout KioskState, _ form: inout FormState, field: FieldSpec, key: String) {
        var value = s.values[key] ?? ""
        let limit = field.maxLength ?? 40
        form.notice = nil
        for c in text {
            guard value.count < limit else { form.notice = .limit; break }
            switch field.characters.filter(c, current: value) {
            case .insert(let normalised): value.append(normalised)
            case .skip: continue
            case .refuse: form.notice = .refused
            }
        }
        s.values[key] = value
    }
}

/// The numbered candidates under a field, laid out in the 76 columns every screen has: as many as fit.
enum CandidateBar {
    static let width = 60

    /// "1.张三 2.张 …" for the candidates that fit, each with its number.
    static func items(_ candidates: [String]) -> [String] {
        var out: [String] = [], used = 0
        for (n, candidate) in candidates.prefix(9).enumerated() {
            let item = "\(n + 1).\(candidate)"
            let w = DisplayWidth.of(item) + 1
            if used + w > width { break }
            out.append(item); used += w
        }
        return out
    }

    /// How many candidates are on show (the others cannot be chosen by number).
    static func visibleCount(_ candidates: [String]) -> Int { items(candidates).count }
}
