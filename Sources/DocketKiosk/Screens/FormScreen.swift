import Foundation
import DocketCore

/// Any form declared in `screens.json`: fields in order, the focused one editable, each checked by its
/// named validator as it is typed. Sensitive fields (ID numbers, phones) show in clear only while focused.
enum FormScreen {
    static func update(_ state: KioskState, form: FormState, _ event: KioskEvent, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        guard let spec = s.content.screens.forms[form.id], !spec.fields.isEmpty else { return Kiosk.back(s) }
        var f = form
        let field = spec.fields[f.focus]
        let key = "\(f.id).\(field.id)"
        var value = s.values[key] ?? ""
        let today = Kiosk.today(now)
        switch event {
        case .escape:
            return Kiosk.back(s)
        case .up:
            f.focus = max(0, f.focus - 1); f.showError = false
        case .down:
            f.focus = min(spec.fields.count - 1, f.focus + 1); f.showError = false
        case .tab:
            f.focus = (f.focus + 1) % spec.fields.count; f.showError = false
        case .backspace:
            if !value.isEmpty { value.removeLast() }
            s.values[key] = value
            f.showError = false
        case .character(let c):
            if let options = field.options {
                // Choice fields take the option's number, never free text.
                guard c.isASCII, let n = c.wholeNumberValue, n >= 1, n <= options.count else { return (s, []) }
                value = options[n - 1].value
            } else if value.count < (field.maxLength ?? 40), DisplayWidth.of(c) > 0 {
                value.append(c)
            }
            s.values[key] = value
            f.showError = false
        case .enter:
            guard check(field, value, today).acceptable else { f.showError = true; break }
            if f.focus < spec.fields.count - 1 { f.focus += 1; break }
            if let bad = spec.fields.firstIndex(where: { !check($0, s.value(f.id, $0.id), today).acceptable }) {
                f.focus = bad; f.showError = true; break
            }
            s.screen = .form(f)
            return submit(s, spec, form: f, now: now)
        default: break
        }
        s.screen = .form(f)
        return (s, [])
    }

    static func check(_ field: FieldSpec, _ value: String, _ today: LocalDate) -> FieldValidator.Outcome {
        (FieldValidator(rawValue: field.validator) ?? .required).check(value, today: today)
    }

    static func submit(_ state: KioskState, _ spec: FormSpec, form: FormState, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        switch spec.submit.action {
        case "next":
            guard let next = spec.submit.form else { return (s, []) }
            Kiosk.push(&s, .form(FormState(id: next)))
            return (s, [])
        case "query":
            Kiosk.push(&s, .waiting(message: "submitting"))
            return (s, [.query(credentials(s, form: form.id, now: now))])
        case "dossier":
            Kiosk.push(&s, .waiting(message: "submitting"))
            return (s, [.listDocuments(credentials(s, form: form.id, now: now))])
        case "adminPIN":
            let pin = s.value(form.id, "pin")
            // The PIN leaves the session's values at once: it is needed only for this check.
            s.values["\(form.id).pin"] = nil
            Kiosk.push(&s, .waiting(message: "submitting"))
            return (s, [.checkAdminPIN(pin)])
        case "findUnpaid":
            Kiosk.push(&s, .waiting(message: "submitting"))
            return (s, [.findUnpaid(reference: s.value(form.id, "reference").trimmingCharacters(in: .whitespaces))])
        case "apply":
            let kind = s.value(spec.submit.kindForm ?? form.id, "kind")
            let amount = s.value(form.id, "amount").trimmingCharacters(in: .whitespaces)
            let application = KioskApplication(kind: kind, credentials: credentials(s, form: form.id, now: now),
                                               text: s.value(form.id, "text"), amount: amount.isEmpty ? nil : amount)
            Kiosk.push(&s, .waiting(message: "submitting"))
            return (s, [.submitApplication(application)])
        case "review":
            Kiosk.push(&s, .review(feeFen: FilingBuilder.fee(s)))
            return (s, [])
        default:
            return (s, [])
        }
    }

    /// The credentials typed into a query-style form (fields "caseNumber", "idNumber", "queryCode"), the ID
    /// number in canonical form.
    static func credentials(_ state: KioskState, form: String, now: Date) -> QueryCredentials {
        let id = IdentityNumber.check(state.value(form, "idNumber"), today: Kiosk.today(now)).normalized ?? ""
        return QueryCredentials(caseNumber: state.value(form, "caseNumber").trimmingCharacters(in: .whitespaces),
                                idNumber: id, queryCode: state.value(form, "queryCode"))
    }

    /// What a field shows: the value in clear while focused, masked otherwise when sensitive, the option's
    /// label for choices.
    static func display(_ state: KioskState, _ field: FieldSpec, value: String, focused: Bool) -> String {
        if let option = field.options?.first(where: { $0.value == value }) {
            return state.content.string(option.label, state.language)
        }
        if field.secret == true { return String(repeating: "*", count: value.count) }
        if field.sensitive == true && !focused { return Masking.mask(value) }
        return value
    }

    /// The end of `text` that fits `width` columns: a long entry scrolls left so the cursor stays visible.
    static func tail(_ text: String, fitting width: Int) -> String {
        var out = "", used = 0
        for c in text.reversed() {
            let w = DisplayWidth.of(c)
            if used + w > width { break }
            out.insert(c, at: out.startIndex); used += w
        }
        return out
    }

    static func render(_ state: KioskState, form: FormState, today: LocalDate, into frame: inout Frame) {
        let c = state.content, lang = state.language
        guard let spec = c.screens.forms[form.id] else { return }
        var title = c.string(spec.title, lang)
        if let step = spec.step, let steps = spec.steps {
            title += "  " + c.string("filing.step", lang, ["step": String(step), "steps": String(steps)])
        }
        Chrome.draw(&frame, state: state, title: title, hint: c.string("hint.form", lang))
        var row = Chrome.bodyTop + 1
        for (n, field) in spec.fields.enumerated() {
            let focused = n == form.focus
            let value = state.value(form.id, field.id)
            frame.write((focused ? "> " : "  ") + c.string(field.label, lang), row: row, column: 2)
            row += 1
            if let options = field.options, options.count > 4 {
                // A long list goes one option per row (a row of nine Chinese labels would not fit 80 columns).
                for (i, option) in options.enumerated() {
                    let label = "\(i + 1) " + c.string(option.label, lang)
                    frame.write(option.value == value ? "[" + label + "]" : " " + label, row: row, column: 4)
                    if focused, option.value == value || (value.isEmpty && i == 0) { frame.cursor = ScreenPosition(row: row, column: 4) }
                    row += 1
                }
                frame.write("(" + c.string("choice.hint", lang) + ")", row: row, column: 4)
            } else if let options = field.options {
                let list = options.enumerated().map { i, o in
                    let label = c.string(o.label, lang)
                    return o.value == value ? "[\(i + 1) \(label)]" : " \(i + 1) \(label) "
                }.joined(separator: " ")
                frame.write(list + "  (" + c.string("choice.hint", lang) + ")", row: row, column: 4)
                if focused { frame.cursor = ScreenPosition(row: row, column: 4) }
            } else {
                let room = frame.columns - 8 - 2
                let end = frame.write("[ " + tail(display(state, field, value: value, focused: focused), fitting: room),
                                      row: row, column: 4, limit: frame.columns - 8)
                frame.write(" ]", row: row, column: max(end, 4 + 2 + (field.maxLength ?? 20)))
                if focused { frame.cursor = ScreenPosition(row: row, column: end) }
            }
            row += 1
            let outcome = check(field, value, today)
            if focused, let message = outcome.message, form.showError || !value.isEmpty {
                frame.write(c.string(message, lang, outcome.values), row: row, column: 6)
            }
            row += 1
        }
    }
}
