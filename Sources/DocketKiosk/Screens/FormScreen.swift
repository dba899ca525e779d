import DocketCore
import Foundation

/// Any form declared in `screens.json`: fields in order, the focused one editable, each checked by its
/// named validator as it is typed. Sensitive fields (ID numbers, phones) show in clear only while focused.
enum FormScreen {
    static func update(
        _ state: KioskState, form: FormState, _ event: KioskEvent, now: Date,
        engine: (any InputMethodEngine)? = nil
    ) -> (KioskState, [KioskEffect]) {
        var s = state
        guard let spec = s.content.screens.forms[form.id], !spec.fields.isEmpty else { return Kiosk.back(s) }
        var f = form
        let field = spec.fields[f.focus]
        let key = f.key(field.id)
        let today = Kiosk.today(now)
        if field.parts != nil, s.content.config.courtCode != nil {
            if CaseNumberEntry.handle(&s, &f, field: field, key: key, event, today: today) {
                s.screen = .form(f)
                return (s, [])
            }
        } else if field.picker != nil {
            if CausePicker.handle(&s, &f, field: field, key: key, event) {
                s.screen = .form(f)
                return (s, [])
            }
        } else if field.options == nil || field.parts != nil,
            FieldEditor.handle(&s, &f, field: field, key: key, event, engine: engine)
        {
            s.screen = .form(f)
            return (s, [])
        }
        f.notice = nil
        switch event {
        case .escape:
            return Kiosk.back(s)
        case .up:
            f.focus = max(0, f.focus - 1); f.showError = false; f.part = 0; f.pick = 0
        case .down:
            f.focus = min(spec.fields.count - 1, f.focus + 1); f.showError = false; f.part = 0; f.pick = 0
        case .tab:
            f.focus = (f.focus + 1) % spec.fields.count; f.showError = false; f.part = 0; f.pick = 0
        case .toggleInputMode:
            s.input.chinese.toggle()
        case .character(let c):
            // Choice fields take the option's number, never free text.
            guard let options = field.options, c.isASCII, let n = c.wholeNumberValue, n >= 1, n <= options.count else {
                f.notice = .refused
                break
            }
            s.values[key] = options[n - 1].value
            f.showError = false
        case .enter:
            guard check(s, f, field, today).acceptable else { f.showError = true; break }
            if f.focus < spec.fields.count - 1 { f.focus += 1; f.part = 0; f.pick = 0; break }
            if let bad = spec.fields.firstIndex(where: { !check(s, f, $0, today).acceptable }) {
                f.focus = bad; f.showError = true; break
            }
            s.screen = .form(f)
            return submit(s, spec, form: f, now: now)
        default: break
        }
        s.screen = .form(f)
        return (s, [])
    }

    /// The field's value in this form checked by its validator (an ID number as the kind chosen beside it).
    static func check(
        _ state: KioskState, _ form: FormState, _ field: FieldSpec, _ today: LocalDate
    ) -> FieldValidator.Outcome {
        let kind = field.kindField.flatMap { id in
            state.content.screens.forms[form.id]?.fields.first { $0.id == id }.map { state.current(form.key(id), $0) }
        }.flatMap(IdentityKind.init(rawValue:))
        return (FieldValidator(rawValue: field.validator) ?? .required).check(
            state.current(form.key(field.id), field), today: today, kind: kind)
    }

    static func submit(_ state: KioskState, _ spec: FormSpec, form: FormState, now: Date) -> (KioskState, [KioskEffect])
    {
        var s = state
        switch spec.submit.action {
        case "next":
            // Another one of the same (a second defendant), while the visitor asks for it and there may be more.
            if let again = spec.submit.repeat, form.instance < again.max,
                let field = spec.fields.first(where: { $0.id == again.field }),
                s.current(form.key(field.id), field) == "yes"
            {
                Kiosk.push(&s, .form(FormState(id: again.form, instance: form.instance + 1)))
                return (s, [])
            }
            guard let next = spec.submit.form else { return (s, []) }
            // A party's second form belongs to the same party: it keeps the instance.
            let continues = s.content.screens.forms[next]?.submit.repeat != nil
            Kiosk.push(&s, .form(FormState(id: next, instance: continues ? form.instance : 1)))
            return (s, [])
        case "query":
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [.query(credentials(s, form: form.id, now: now))])
        case "dossier":
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [.listDocuments(credentials(s, form: form.id, now: now))])
        case "adminPIN":
            let pin = s.value(form.id, "pin")
            // The PIN leaves the session's values at once: it is needed only for this check.
            s.values["\(form.id).pin"] = nil
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [.checkAdminPIN(pin)])
        case "findUnpaid":
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [.findUnpaid(reference: s.value(form.id, "reference").trimmingCharacters(in: .whitespaces))])
        case "apply":
            let kind = s.value(spec.submit.kindForm ?? form.id, "kind")
            let amount = s.value(form.id, "amount").trimmingCharacters(in: .whitespaces)
            let application = KioskApplication(
                kind: kind, credentials: credentials(s, form: form.id, now: now),
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
        return QueryCredentials(
            caseNumber: state.value(form, "caseNumber").trimmingCharacters(in: .whitespaces),
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
        if form.instance > 1 { title += c.string("form.instance", lang, ["n": String(form.instance)]) }
        if let step = spec.step, let steps = spec.steps {
            title += "  " + c.string("filing.step", lang, ["step": String(step), "steps": String(steps)])
        }
        Chrome.draw(&frame, state: state, title: title, hint: c.string("hint.form", lang))
        if spec.fields.indices.contains(form.focus), takesChinese(spec.fields[form.focus]), state.input.available {
            frame.writeRight(c.string(state.input.chinese ? "ime.chinese" : "ime.latin", lang) + " ", row: 2)
        }
        var row = Chrome.bodyTop + 1
        for (n, field) in spec.fields.enumerated() {
            let focused = n == form.focus
            let value = state.current(form.key(field.id), field)
            frame.write((focused ? "> " : "  ") + c.string(field.label, lang), row: row, column: 2)
            row += 1
            if field.parts != nil, c.config.courtCode != nil {
                let text = CaseNumberEntry.display(
                    state, form: form, field: field, key: form.key(field.id), focused: focused, today: today)
                let end = frame.write("[ " + text, row: row, column: 4, limit: frame.columns - 8)
                frame.write(" ]", row: row, column: end)
                if focused {
                    // The cursor after the part being entered.
                    let upTo = text.firstIndex(of: "]").map { String(text[..<$0]) } ?? text
                    frame.cursor = ScreenPosition(row: row, column: 6 + DisplayWidth.of(upTo))
                }
            } else if let options = field.options, field.parts == nil {
                row = renderChoice(
                    state, field: field, options: options, value: value, focused: focused, row: row, into: &frame)
            } else if field.picker != nil {
                let key = form.key(field.id)
                let end = frame.write(
                    "[ " + CausePicker.display(state, key: key, value: value), row: row, column: 4,
                    limit: frame.columns - 8)
                frame.write(" ]", row: row, column: max(end, 4 + 2 + (field.maxLength ?? 20)))
                if focused {
                    frame.cursor = ScreenPosition(row: row, column: end)
                    if CausePicker.isSearching(state, key: key) {
                        // The matches take the rows below; the fields after the picker come back once it is left.
                        CausePicker.renderMatches(state, form: form, key: key, row: row + 1, into: &frame)
                        return
                    }
                }
            } else {
                let composing = focused && state.input.isComposing ? (state.input.composition?.preedit ?? "") : ""
                let room = frame.columns - 8 - 2
                let end = frame.write(
                    "[ " + tail(display(state, field, value: value, focused: focused) + composing, fitting: room),
                    row: row, column: 4, limit: frame.columns - 8)
                frame.write(" ]", row: row, column: max(end, 4 + 2 + (field.maxLength ?? 20)))
                if focused { frame.cursor = ScreenPosition(row: row, column: end) }
            }
            row += 1
            if focused { message(state, form: form, field: field, value: value, today: today, row: row, into: &frame) }
            row += 1
        }
    }

    /// A text field Chinese input applies to (the 中/英 indicator is shown on it).
    static func takesChinese(_ field: FieldSpec) -> Bool {
        field.options == nil && field.picker == nil && field.parts == nil && field.secret != true
            && field.characters.takesChinese
    }

    /// The options inline when they fit one row, else one per row; returns the row of the last one.
    static func renderChoice(
        _ state: KioskState, field: FieldSpec, options: [ChoiceOption], value: String, focused: Bool,
        row start: Int, into frame: inout Frame
    ) -> Int {
        let c = state.content, lang = state.language
        let hint = "  (" + c.string("choice.hint", lang) + ")"
        let list = options.enumerated().map { i, o in
            let label = c.string(o.label, lang)
            return o.value == value ? "[\(i + 1) \(label)]" : " \(i + 1) \(label) "
        }.joined(separator: " ")
        // One row when it fits (the hint goes first when room is short), else one option per row.
        for line in [list + hint, list] where DisplayWidth.of(line) <= frame.columns - 6 {
            frame.write(line, row: start, column: 4)
            if focused { frame.cursor = ScreenPosition(row: start, column: 4) }
            return start
        }
        var row = start
        for (i, option) in options.enumerated() {
            let label = "\(i + 1) " + c.string(option.label, lang)
            frame.write(option.value == value ? "[" + label + "]" : " " + label, row: row, column: 4)
            if focused, option.value == value || (value.isEmpty && i == 0) {
                frame.cursor = ScreenPosition(row: row, column: 4)
            }
            row += 1
        }
        frame.write("(" + c.string("choice.hint", lang) + ")", row: row, column: 4)
        return row
    }

    /// The line under the focused field: the candidates while composing, else why a key did not go in (the counter
    /// at the length limit, or what the field takes), else the validator's word.
    static func message(
        _ state: KioskState, form: FormState, field: FieldSpec, value: String, today: LocalDate, row: Int,
        into frame: inout Frame
    ) {
        let c = state.content, lang = state.language
        if state.input.isComposing, let composition = state.input.composition {
            var line = CandidateBar.items(composition.candidates).joined(separator: " ")
            if composition.page > 0 || !composition.isLastPage { line += "  " + c.string("ime.pages", lang) }
            frame.write(line, row: row, column: 6)
            return
        }
        if field.parts != nil, state.content.config.courtCode != nil, !form.showError {
            if form.notice == .refused || form.notice == .limit {
                frame.write(
                    c.string(form.notice == .limit ? "caseNumber.full" : "caseNumber.refused", lang), row: row,
                    column: 6)
            } else {
                frame.write(
                    CaseNumberEntry.hint(state, form: form, field: field), row: row, column: 6, limit: frame.columns - 8
                )
            }
            return
        }
        if field.picker != nil, !form.showError, form.notice == nil {
            frame.write(c.string(value.isEmpty ? "cause.hint" : "cause.change", lang), row: row, column: 6)
            return
        }
        let limit = field.maxLength ?? 40
        // Free text says so at its limit; a code of fixed length (an ID number) says whether it checks out instead.
        if form.notice == .limit || (takesChinese(field) && value.count >= limit) {
            frame.write(
                c.string("field.limit", lang, ["count": String(value.count), "max": String(limit)]), row: row, column: 6
            )
            return
        }
        if form.notice == .refused {
            let key = field.options != nil ? "validation.choice" : "field.refused.\(field.characters.rawValue)"
            frame.write(c.string(key, lang), row: row, column: 6)
            return
        }
        let outcome = check(state, form, field, today)
        if let text = outcome.message, form.showError || !value.isEmpty {
            frame.write(c.string(text, lang, outcome.values), row: row, column: 6)
        }
    }
}
