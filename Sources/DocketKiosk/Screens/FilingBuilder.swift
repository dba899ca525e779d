import DocketCore
import Foundation

/// Turns what was typed into the filing forms into a filing document, a `FilingInput` and a fee, guided only by each
/// field's `target` in `screens.json` ("cause", "claimAmount", "plaintiff.name", …), so new filing fields are data.
/// Repeated party forms (a second defendant) make further parties of the same role.
enum FilingBuilder {
    /// One field with a target, in one instance of its form.
    struct Entry { var form: FormState; var field: FieldSpec }

    /// Every field with a filing target, in every instance of its form the visitor asked for, in form order.
    static func entries(_ state: KioskState) -> [Entry] {
        let forms = state.content.screens.forms
        return forms.keys.sorted().flatMap { id -> [Entry] in
            (1...instances(state, form: id)).flatMap { n in
                forms[id]!.fields.filter { $0.target != nil }.map {
                    Entry(form: FormState(id: id, instance: n), field: $0)
                }
            }
        }
    }

    /// How many instances of `form` the visitor asked for: 1, and one more for each "yes" of the repeat that
    /// starts (or continues through) it.
    static func instances(_ state: KioskState, form: String) -> Int {
        let forms = state.content.screens.forms
        for (owner, spec) in forms {
            guard let again = spec.submit.repeat else { continue }
            // The forms of one party: from the repeat's first form along "next" up to the owner.
            var chain: [String] = [], next: String? = again.form
            while let id = next, !chain.contains(id) {
                chain.append(id); next = id == owner ? nil : forms[id]?.submit.form
            }
            guard chain.contains(form), let field = spec.fields.first(where: { $0.id == again.field }) else { continue }
            var n = 1
            while n < again.max, state.current(FormState.key(form: owner, instance: n, field: field.id), field) == "yes"
            { n += 1 }
            return n
        }
        return 1
    }

    /// The typed value for `target` (the first party's for a party target), trimmed; nil when empty.
    static func value(_ state: KioskState, target: String) -> String? {
        values(state, target: target).first
    }

    /// The values for `target` in every instance, trimmed, empty ones left out.
    static func values(_ state: KioskState, target: String) -> [String] {
        entries(state).filter { $0.field.target == target }.compactMap { entry in
            let text = state.current(entry.form.key(entry.field.id), entry.field).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
    }

    /// One party as typed: its role, which one of that role, and its fields ("name", "idNumber", "address", …).
    struct Party { var role: String; var instance: Int; var fields: [String: String] }

    /// The parties, plaintiffs first, each side in the order typed.
    static func parties(_ state: KioskState) -> [Party] {
        var byKey: [String: Party] = [:]
        for entry in entries(state) {
            guard let target = entry.field.target else { continue }
            let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let text = state.current(entry.form.key(entry.field.id), entry.field).trimmingCharacters(in: .whitespaces)
            let key = "\(parts[0])#\(entry.form.instance)"
            if byKey[key] == nil { byKey[key] = Party(role: parts[0], instance: entry.form.instance, fields: [:]) }
            if !text.isEmpty { byKey[key]!.fields[parts[1]] = text }
        }
        let rank = ["plaintiff": 0, "defendant": 1, "third-party": 2]
        return byKey.values.filter { $0.fields["name"] != nil }
            .sorted { (rank[$0.role] ?? 3, $0.instance) < (rank[$1.role] ?? 3, $1.instance) }
    }

    /// The filing document `FilingInput.parse` reads, with what it does not read (addresses, the facts) kept for the
    /// complaint. A party is an organisation when its document is a credit code (chosen, or a number that is one).
    static func document(_ state: KioskState, today: LocalDate = Kiosk.today(Date())) -> JSONValue {
        var root: [String: JSONValue] = ["court": .string(state.content.config.courtCode ?? state.content.config.court)]
        for entry in entries(state) where entry.form.instance == 1 {
            guard let target = entry.field.target, !target.contains(".") else { continue }
            let text = state.current(entry.form.key(entry.field.id), entry.field).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { root[target] = .string(text) }
        }
        root["parties"] = .array(
            parties(state).map { party in
                var object: [String: JSONValue] = ["role": .string(party.role)]
                for (name, text) in party.fields {
                    // Choices answered yes or no are booleans (electronicService).
                    object[name] = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
                }
                let creditCode =
                    party.fields["idKind"] == IdentityKind.creditCode.rawValue
                    || party.fields["idNumber"].map { IdentityNumber.check($0, today: today).kind == .creditCode }
                        == true
                if creditCode {
                    object["kind"] = .string(PartyKind.organisation.rawValue)
                    object["idKind"] = .string(IdentityKind.creditCode.rawValue)
                }
                return .object(object)
            })
        return .object(root)
    }

    /// The checked filing, or the reason it cannot be filed.
    static func input(_ state: KioskState, now: Date) -> Result<FilingInput, Error> {
        Result {
            try FilingInput.parse(
                CanonicalJSON.encode(document(state, today: Kiosk.today(now))), today: Kiosk.today(now))
        }
    }

    /// The chosen case-type option (the choice field targeting "caseType").
    static func caseType(_ state: KioskState) -> ChoiceOption? {
        guard let entry = entries(state).first(where: { $0.field.target == "caseType" }) else { return nil }
        let value = state.current(entry.form.key(entry.field.id), entry.field)
        return entry.field.options?.first { $0.value == value }
    }

    /// The fee in fen under `FeeSchedule.standard`, nil when it cannot be quoted (e.g. a property case
    /// without an amount).
    static func fee(_ state: KioskState) -> Int64? {
        guard let option = caseType(state) else { return nil }
        let amount = value(state, target: "claimAmount").flatMap { try? Fen(parsingYuan: $0) }
        let kindName = amount == nil ? (option.feeKindWithoutAmount ?? option.feeKind) : option.feeKind
        guard let kindName, let kind = FeeKind(rawValue: kindName) else { return nil }
        return try? FeeSchedule.standard.quote(FeeRequest(kind: kind, amount: amount)).feeFen
    }
}
