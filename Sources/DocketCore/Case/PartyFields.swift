/// The party fields a person may set, each with its check: the one place that decides what a valid ID number,
/// mobile number or e-mail address is for a party (used by filings, `case edit` and the kiosk).
public enum PartyFields {
    /// Field names accepted by `case edit --party`.
    public static let editable = ["name", "role", "idNumber", "phone", "email", "serviceConsent", "representative.name",
                                  "representative.firm", "representative.licenseNumber", "representative.phone",
                                  "representative.email"]

    static func set(_ field: String, to text: String?, on party: inout FilingInput.Party, today: LocalDate, path: String) throws {
        switch field {
        case "idNumber":
            let (number, kind) = try checkedID(text, today: today, path: path)
            party.idNumber = number; party.idKind = kind
        case "phone": party.phone = try checkedPhone(text, path: path)
        case "email": party.email = try checkedEmail(text, path: path)
        default: break
        }
    }

    /// Sets one field of a party record from a person's text; nil or "" clears an optional field.
    public static func apply(_ field: String, text: String, to party: inout PartyRecord, today: LocalDate) throws {
        let value: String? = text.trimmingSpaces.isEmpty ? nil : text.trimmingSpaces
        switch field {
        case "name":
            guard let value else { throw DocketError("A party's name cannot be empty.") }
            party.name = value
        case "role":
            guard let value, let role = PartyRole(rawValue: value) else {
                throw DocketError("role must be plaintiff, defendant or third-party.")
            }
            party.role = role
        case "idNumber":
            let (number, kind) = try checkedID(value, today: today, path: "")
            party.idNumber = number; party.idKind = kind
        case "phone": party.phone = try checkedPhone(value, path: "")
        case "email": party.email = try checkedEmail(value, path: "")
        case "serviceConsent":
            guard value == nil || ["filing", "written", "online", "recorded"].contains(value!) else {
                throw DocketError("serviceConsent must be filing, written, online or recorded (how the party agreed to electronic service).")
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
        DocketError("\"\(field)\" is not a party field you can set; use one of: \(editable.joined(separator: ", ")).")
    }

    static func checkedID(_ text: String?, today: LocalDate, path: String) throws -> (String?, String?) {
        guard let text else { return (nil, nil) }
        let check = IdentityNumber.check(text, today: today)
        guard check.valid, let normalized = check.normalized else {
            throw DocketError("\(path)idNumber \(Masking.mask(text)) is not valid: \(check.reason ?? "unknown reason").")
        }
        return (normalized, check.kind?.rawValue)
    }

    static func checkedPhone(_ text: String?, path: String) throws -> String? {
        guard let text else { return nil }
        guard let mobile = ContactCheck.mobile(text) else {
            throw DocketError("\(path)phone \"\(text)\" is not a mainland mobile number (11 digits starting with 1).")
        }
        return mobile
    }

    static func checkedEmail(_ text: String?, path: String) throws -> String? {
        guard let text else { return nil }
        guard ContactCheck.email(text) else { throw DocketError("\(path)email \"\(text)\" is not an e-mail address.") }
        return text
    }
}
