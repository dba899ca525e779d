import Foundation

/// A field whose value is picked from the civil causes (案由) instead of typed: digits find a cause by its number in
/// the official list, letters by its pinyin initials ("mjjd" → 民间借贷纠纷), Chinese by its name; Up/Down move through
/// what matches, Enter takes it, Esc clears the search before it would leave the field.
enum CausePicker {
    /// Rows of matches shown under the field.
    static let visibleRows = 9

    static func queryKey(_ key: String) -> String { key + "#query" }

    /// Something is typed into the search.
    static func isSearching(_ state: KioskState, key: String) -> Bool { !(state.values[queryKey(key)] ?? "").isEmpty }

    /// Handles `event` for the focused picker field; false when the event is the form's (moving with nothing being
    /// searched, Enter with nothing to take, leaving).
    static func handle(
        _ s: inout KioskState, _ form: inout FormState, field: FieldSpec, key: String, _ event: KioskEvent
    ) -> Bool {
        let query = s.values[queryKey(key)] ?? ""
        let found = s.content.causes.matches(query)
        switch event {
        case .character(let c):
            let typed = FieldCharacters.halfWidth(c)
            guard typed.isLetter || typed.isNumber else { form.notice = .refused; return true }
            guard query.count < 12 else { form.notice = .limit; return true }
            s.values[queryKey(key)] = query + typed.lowercased()
            form.pick = 0
            form.notice = nil
            form.showError = false
            return true
        case .backspace:
            if query.isEmpty {
                s.values[key] = ""
            } else {
                s.values[queryKey(key)] = String(query.dropLast())
                form.pick = 0
            }
            form.notice = nil
            return true
        case .up where !query.isEmpty:
            form.pick = max(0, form.pick - 1)
            return true
        case .down where !query.isEmpty:
            form.pick = min(max(0, found.count - 1), form.pick + 1)
            return true
        case .enter where !query.isEmpty:
            guard found.indices.contains(form.pick) else { form.notice = .refused; return true }
            s.values[key] = found[form.pick].name
            s.values[queryKey(key)] = nil
            form.pick = 0
            return false  // the form moves on as after any Enter on a filled field
        case .escape where !query.isEmpty:
            s.values[queryKey(key)] = nil
            form.pick = 0
            return true
        default:
            return false
        }
    }

    /// The cause as the visitor's language shows it: "103(3) 民间借贷纠纷", or "103(3) Private lending".
    static func label(_ cause: Cause, _ language: KioskLanguage) -> String {
        "\(cause.number) " + (language == .en ? cause.en : cause.name)
    }

    /// What the field shows: the search while one is typed, else the chosen cause.
    static func display(_ state: KioskState, key: String, value: String) -> String {
        if let query = state.values[queryKey(key)], !query.isEmpty { return query }
        guard let cause = state.content.causes.cause(named: value) else { return value }
        return label(cause, state.language)
    }

    /// The matches under the field from `row`, the highlighted one marked, or how to search when nothing is typed.
    static func renderMatches(_ state: KioskState, form: FormState, key: String, row: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        let query = state.values[queryKey(key)] ?? ""
        let found = c.causes.matches(query)
        guard !found.isEmpty else {
            frame.write(c.string("cause.none", lang), row: row, column: 6)
            return
        }
        let rows = min(visibleRows, Chrome.bodyBottom(frame) - row + 1)
        let first = max(0, min(form.pick - rows + 1, found.count - rows))
        for (n, cause) in found.enumerated().dropFirst(first).prefix(rows) {
            frame.write(
                (n == form.pick ? "> " : "  ") + label(cause, lang), row: row + n - first, column: 6,
                limit: frame.columns - 8)
        }
        if found.count > rows { frame.writeRight("\(form.pick + 1)/\(found.count) ", row: row) }
    }
}
