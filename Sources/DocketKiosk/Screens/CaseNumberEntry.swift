import DocketCore
import Foundation

/// A case number entered by its parts, so nobody has to type （）, the court code or 民初 on a keyboard without an
/// input method: the year (this year unless changed), the court fixed to the kiosk's, the type chosen by its number
/// from the field's options, then the serial digits — or, as the last option, a filing number (立案编号) for a case
/// the court has not numbered yet. Enter or Tab goes to the next part; the composed number is the field's value.
enum CaseNumberEntry {
    /// The option whose value means "a filing number, not a case number".
    static let filingOption = "filing"
    enum Part: Int { case year = 0, type, serial }

    static func yearKey(_ key: String) -> String { key + "#year" }
    static func typeKey(_ key: String) -> String { key + "#type" }
    static func serialKey(_ key: String) -> String { key + "#serial" }

    /// The year part: typed, or this year.
    static func year(_ s: KioskState, key: String, today: LocalDate) -> String {
        s.values[yearKey(key)] ?? String(today.year)
    }

    /// The chosen type option (the first until another is chosen).
    static func type(_ s: KioskState, key: String, field: FieldSpec) -> ChoiceOption? {
        let options = field.options ?? []
        return options.first { $0.value == s.values[typeKey(key)] } ?? options.first
    }

    /// Handles `event` for the focused field; false when it is the form's (moving between fields, leaving, Enter on
    /// the serial).
    static func handle(
        _ s: inout KioskState, _ form: inout FormState, field: FieldSpec, key: String, _ event: KioskEvent,
        today: LocalDate
    ) -> Bool {
        let part = Part(rawValue: form.part) ?? .year
        let isFiling = type(s, key: key, field: field)?.value == filingOption
        form.notice = nil
        switch (event, part) {
        case (.character(let c), .year):
            guard case .insert(let digit) = FieldCharacters.digits.filter(c, current: "") else {
                form.notice = .refused; return true
            }
            // The year shows this year: typing starts it afresh.
            var year = s.values[yearKey(key)] ?? ""
            guard year.count < 4 else { form.notice = .limit; return true }
            year.append(digit)
            s.values[yearKey(key)] = year
            if year.count == 4 { form.part = Part.type.rawValue }
        case (.character(let c), .type):
            guard let options = field.options, c.isASCII, let n = c.wholeNumberValue, (1...options.count).contains(n)
            else {
                form.notice = .refused; return true
            }
            if options[n - 1].value != s.values[typeKey(key)] { s.values[serialKey(key)] = "" }
            s.values[typeKey(key)] = options[n - 1].value
            form.part = Part.serial.rawValue
        case (.character(let c), .serial):
            var serial = s.values[serialKey(key)] ?? ""
            let kind: FieldCharacters = isFiling ? .code : .digits
            guard serial.count < (isFiling ? 11 : 8) else { form.notice = .limit; return true }
            guard case .insert(let typed) = kind.filter(c, current: serial) else { form.notice = .refused; return true }
            // serials have no leading zero
            if !isFiling, serial.isEmpty, typed == "0" { form.notice = .refused; return true }
            serial.append(typed)
            s.values[serialKey(key)] = serial
        case (.backspace, .year):
            var year = s.values[yearKey(key)] ?? String(today.year)
            if !year.isEmpty { year.removeLast() }
            s.values[yearKey(key)] = year
        case (.backspace, .type):
            form.part = Part.year.rawValue
        case (.backspace, .serial):
            var serial = s.values[serialKey(key)] ?? ""
            if serial.isEmpty {
                form.part = Part.type.rawValue
            } else {
                serial.removeLast(); s.values[serialKey(key)] = serial
            }
        case (.tab, .year), (.enter, .year):
            form.part = Part.type.rawValue
        case (.tab, .type), (.enter, .type):
            form.part = Part.serial.rawValue
        case (.tab, .serial):
            form.part = Part.year.rawValue
            compose(&s, field: field, key: key, today: today)
            return false
        case (.enter, .serial):
            compose(&s, field: field, key: key, today: today)
            return false
        case (.up, _), (.down, _), (.escape, _):
            compose(&s, field: field, key: key, today: today)
            return false
        default:
            return true
        }
        compose(&s, field: field, key: key, today: today)
        form.showError = false
        return true
    }

    /// The field's value from its parts: "（2026）鲁0102民初123号", the filing number, or "" while the serial is empty.
    static func compose(_ s: inout KioskState, field: FieldSpec, key: String, today: LocalDate) {
        let serial = s.values[serialKey(key)] ?? ""
        guard !serial.isEmpty, let option = type(s, key: key, field: field) else { s.values[key] = ""; return }
        if option.value == filingOption { s.values[key] = serial; return }
        s.values[key] =
            "（\(year(s, key: key, today: today))）\(s.content.config.courtCode ?? "")\(option.value)\(serial)号"
    }

    /// The number as it will be used, the focused part in brackets: "（2026）鲁0102民初[123]号".
    static func display(
        _ state: KioskState, form: FormState, field: FieldSpec, key: String, focused: Bool, today: LocalDate
    ) -> String {
        let part = focused ? Part(rawValue: form.part) : nil
        func mark(_ text: String, _ p: Part) -> String { part == p ? "[\(text)]" : text }
        let option = type(state, key: key, field: field)
        let serial = state.values[serialKey(key)] ?? ""
        let label = option.map { state.content.string($0.label, state.language) } ?? ""
        if option?.value == filingOption { return mark(label, .type) + " " + mark(serial, .serial) }
        return "（" + mark(year(state, key: key, today: today), .year) + "）" + (state.content.config.courtCode ?? "")
            + mark(option?.value ?? "", .type) + mark(serial, .serial) + "号"
    }

    /// The line under the field: the types to choose from, or what the focused part wants.
    static func hint(_ state: KioskState, form: FormState, field: FieldSpec) -> String {
        let c = state.content, lang = state.language
        switch Part(rawValue: form.part) ?? .year {
        case .type:
            return (field.options ?? []).enumerated().map { "\($0 + 1) \(c.string($1.label, lang))" }.joined(
                separator: "  ")
        case .year: return c.string("caseNumber.year", lang)
        case .serial: return c.string("caseNumber.serial", lang)
        }
    }
}
