import Foundation
import DocketCore

/// Turns what was typed into the filing forms into a `FilingInput` and a fee, guided only by each field's
/// `target` in `screens.json` ("cause", "claimAmount", "plaintiff.name", …), so new filing fields are data.
enum FilingBuilder {
    /// Every (form, field) with a filing target, in form order.
    static func targetedFields(_ state: KioskState) -> [(form: String, field: FieldSpec)] {
        state.content.screens.forms.keys.sorted().flatMap { id in
            state.content.screens.forms[id]!.fields.filter { $0.target != nil }.map { (id, $0) }
        }
    }

    /// The typed value for `target`, trimmed; nil when empty.
    static func value(_ state: KioskState, target: String) -> String? {
        guard let hit = targetedFields(state).first(where: { $0.field.target == target }) else { return nil }
        let text = state.value(hit.form, hit.field.id).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// The filing document `FilingInput.parse` reads. The kiosk's forms ask no kind of party: a number that is a
    /// unified social credit code makes its party an organisation, anything else is a natural person's ID.
    static func document(_ state: KioskState, today: LocalDate = Kiosk.today(Date())) -> JSONValue {
        var root: [String: JSONValue] = ["court": .string(state.content.config.courtCode ?? state.content.config.court)]
        var parties: [String: [String: JSONValue]] = [:]
        var order: [String] = []
        for (form, field) in targetedFields(state) {
            let text = state.value(form, field.id).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, let target = field.target else { continue }
            let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                if parties[parts[0]] == nil { parties[parts[0]] = ["role": .string(parts[0])]; order.append(parts[0]) }
                parties[parts[0]]![parts[1]] = .string(text)
            } else {
                root[target] = .string(text)
            }
        }
        for (role, party) in parties {
            if case .string(let number)? = party["idNumber"], IdentityNumber.check(number, today: today).kind == .creditCode {
                parties[role]!["kind"] = .string(PartyKind.organisation.rawValue)
            }
        }
        // Plaintiffs first, as the court names cases "原告诉被告".
        root["parties"] = .array(order.sorted { ($0 == "plaintiff" ? 0 : 1) < ($1 == "plaintiff" ? 0 : 1) }.map { .object(parties[$0]!) })
        return .object(root)
    }

    /// The checked filing, or the reason it cannot be filed.
    static func input(_ state: KioskState, now: Date) -> Result<FilingInput, Error> {
        Result { try FilingInput.parse(CanonicalJSON.encode(document(state, today: Kiosk.today(now))), today: Kiosk.today(now)) }
    }

    /// The chosen case-type option (the choice field targeting "caseType").
    static func caseType(_ state: KioskState) -> ChoiceOption? {
        guard let hit = targetedFields(state).first(where: { $0.field.target == "caseType" }) else { return nil }
        let value = state.value(hit.form, hit.field.id)
        return hit.field.options?.first { $0.value == value }
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
