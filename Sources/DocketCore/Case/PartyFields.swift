/// The party fields a person may set, each with its check: the one place that decides what a valid ID number,
/// mobile number or e-mail address is for a party (used by filings, `case edit` and the kiosk).
public enum PartyFields {
    /// Field names accepted by `case edit --party`.
    public static let editable = [
        "name", "role", "kind", "idKind", "idNumber", "phone", "email", "address", "serviceConsent",
        "representative.name",
        "representative.firm", "representative.licenseNumber", "representative.phone",
        "representative.email",
    ]

    static func set(
        _ field: String, to text: String?, on party: inout FilingInput.Party, today: LocalDate, path: String
    ) throws {
        switch field {
        case "idNumber":
            let (number, kind) = try checkedID(
                text, kind: document(party.idKind, for: party.kind), today: today, path: path)
            party.idNumber = number; party.idKind = kind ?? party.idKind
        case "phone": party.phone = try checkedPhone(text, path: path)
        case "email": party.email = try checkedEmail(text, path: path)
        case "address": party.address = try checkedAddress(text, path: path)
        default: break
        }
    }

    /// Sets one field of a party record from a person's text; nil or "" clears an optional field.
    public static func apply(_ field: String, text: String, to party: inout PartyRecord, today: LocalDate) throws {
        let value: String? = text.trimmingSpaces.isEmpty ? nil : text.trimmingSpaces
        switch field {
        case "name":
            guard let value else {
                throw DocketError(
                    .invalidInput, key: "party.name-empty", zh: "当事人姓名或名称不能为空。", en: "A party's name "
                        + "cannot be empty.")
            }
            party.name = value
        case "role":
            guard let value, let role = PartyRole(rawValue: value) else {
                throw DocketError(
                    .invalidInput, key: "party.role-invalid",
                    zh: "role 应为 plaintiff（原告）、defendant（被告）或 third-party（第三人）。",
                    en: "role must be plaintiff, defendant or third-party.")
            }
            party.role = role
        case "kind", "idKind":
            let kind: PartyKind
            if field == "kind" {
                guard let value, let chosen = PartyKind(rawValue: value) else {
                    throw DocketError(
                        .invalidInput, key: "party.kind-invalid", zh: "当事人类型应为 person 或 organisation。",
                        en: "kind must be person or organisation.")
                }
                kind = chosen
            } else {
                kind = PartyKind(rawValue: party.kind ?? "") ?? .person
            }
            let idKind = try checkedIDKind(field == "idKind" ? value : nil, for: kind, path: "")
            // The number on file must be one of the new document kind.
            if let number = party.idNumber {
                _ = try checkedID(number, kind: IdentityKind(rawValue: idKind!)!, today: today, path: "")
            }
            party.kind = kind.rawValue
            party.idKind = idKind
        case "idNumber":
            let kind = PartyKind(rawValue: party.kind ?? "") ?? .person
            let (number, idKind) = try checkedID(value, kind: document(party.idKind, for: kind), today: today, path: "")
            party.idNumber = number
            party.idKind = idKind ?? party.idKind
        case "phone": party.phone = try checkedPhone(value, path: "")
        case "email": party.email = try checkedEmail(value, path: "")
        case "address": party.address = try checkedAddress(value, path: "")
        case "serviceConsent":
            guard value == nil || ["filing", "written", "online", "recorded"].contains(value!) else {
                throw DocketError(
                    .invalidInput, key: "party.service-consent-invalid",
                    zh: "serviceConsent 应为 filing、written、online 或 recorded（当事人同意电子送达的方式）。",
                    en:
                        "serviceConsent must be filing, written, online or recorded (how the party agreed to "
                        + "electronic service)."
                )
            }
            party.serviceConsent = value
        case _ where field.hasPrefix("representative."):
            var rep = party.representative ?? Representative(name: "")
            switch field {
            case "representative.name": rep.name = value ?? ""
            case "representative.firm": rep.firm = value
            case "representative.licenseNumber": rep.licenseNumber = value
            case "representative.phone": rep.phone = try checkedPhone(value, path: "representative.")
            case "representative.email": rep.email = try checkedEmail(value, path: "representative.")
            default: throw unknown(field)
            }
            party.representative = rep.name.isEmpty && rep.firm == nil ? nil : rep
        default: throw unknown(field)
        }
    }

    static func unknown(_ field: String) -> DocketError {
        DocketError(
            .invalidInput, key: "party.field-unknown",
            zh: "“\(field)”不是可设置的当事人字段；可用字段：\(editable.joined(separator: ", "))。",
            en: "\"\(field)\" is not a party field you can set; use one of: \(editable.joined(separator: ", ")).")
    }

    /// The document kind a number is checked as: the party's chosen one when it fits its kind, else the kind's default.
    static func document(_ idKind: String?, for kind: PartyKind) -> IdentityKind {
        guard let chosen = idKind.flatMap(IdentityKind.init), kind.documents.contains(chosen) else {
            return kind.documents[0]
        }
        return chosen
    }

    /// The identity document a party of `kind` gives: `text` when it is one of its kind's, else the kind's default.
    static func checkedIDKind(_ text: String?, for kind: PartyKind, path: String) throws -> String? {
        guard let text else { return kind.documents[0].rawValue }
        guard let document = IdentityKind(rawValue: text), kind.documents.contains(document) else {
            throw DocketError(
                .invalidInput, key: "party.id-kind-mismatch",
                zh:
                    "\(path)idKind“\(text)”："
                    + "证件类型与当事人类型不符（\(kind == .organisation ? "an organisation" : "a natural person")），可用证件类型："
                    + "\(kind.documents.map(\.rawValue).joined(separator: ", "))。",
                en:
                    "\(path)idKind \"\(text)\" is not a document "
                    + "\(kind == .organisation ? "an organisation" : "a natural person") gives; use "
                    + "\(kind.documents.map(\.rawValue).joined(separator: ", "))."
            )
        }
        return document.rawValue
    }

    /// A number checked as `kind` only (a person's mistyped resident ID is never taken for a credit code).
    static func checkedID(
        _ text: String?, kind: IdentityKind, today: LocalDate, path: String
    ) throws -> (String?, String?) {
        guard let text else { return (nil, nil) }
        let check = IdentityNumber.check(text, kind: kind, today: today)
        guard check.valid, let normalized = check.normalized else {
            throw DocketError(
                .invalidInput, key: "party.id-number-invalid",
                zh: "\(path)idNumber \(Masking.mask(text))不是有效的\(kind.chinese)："
                    + "\(check.reason ?? "unknown reason")。",
                en:
                    "\(path)idNumber \(Masking.mask(text)) is not a valid \(kind.rawValue) (\(kind.chinese)): "
                    + "\(check.reason ?? "unknown reason")."
            )
        }
        return (normalized, kind.rawValue)
    }

    static func checkedPhone(_ text: String?, path: String) throws -> String? {
        guard let text else { return nil }
        guard let mobile = ContactCheck.mobile(text) else {
            throw DocketError(
                .invalidInput, key: "party.phone-invalid", zh: "\(path)phone“\(text)”不是大陆手机号码（以1开头的11位数字）。",
                en: "\(path)phone \"\(text)\" is not a mainland mobile number (11 digits starting with 1).")
        }
        return mobile
    }

    static func checkedEmail(_ text: String?, path: String) throws -> String? {
        guard let text else { return nil }
        guard ContactCheck.email(text) else {
            throw DocketError(
                .invalidInput, key: "party.email-invalid", zh: "\(path)email“\(text)”不是有效的电子邮箱地址。",
                en: "\(path)email \"\(text)\" is not an e-mail address.")
        }
        return text
    }

    /// The longest service address taken: a postal address with a building and room fits many times over.
    static let addressLimit = 200

    /// A service address on one line, of a length a letter's label holds.
    static func checkedAddress(_ text: String?, path: String) throws -> String? {
        guard let text else { return nil }
        guard text.count <= addressLimit, !text.contains(where: { $0.isNewline }) else {
            throw DocketError(
                .invalidInput, key: "party.address-invalid",
                zh: "\(path)address：送达地址应写在一行内，不超过\(addressLimit)个字。",
                en: "\(path)address: a service address is one line of at most \(addressLimit) characters.")
        }
        return text
    }
}
