import DocketCore
import Foundation

/// The named validators a field in `Kiosk/screens.json` may use; checked on every key press.
public enum FieldValidator: String, Sendable, CaseIterable {
    case required, optional, idNumber, optionalIdNumber, queryCode, mobile, optionalMobile, optionalAmount, choice, pin,
        caseNumber

    /// The outcome of a check: whether the value may be submitted, and a locale key (with values) to show.
    public struct Outcome: Equatable, Sendable {
        public var acceptable: Bool
        public var message: String?
        public var values: [String: String] = [:]
    }

    /// Checks `value` (as typed so far). ID numbers go through `IdentityNumber.check` once they are long
    /// enough, as `kind` when one is chosen; `today` bounds birth dates.
    public func check(_ value: String, today: LocalDate, kind: IdentityKind? = nil) -> Outcome {
        let text = value.trimmingCharacters(in: .whitespaces)
        switch self {
        case .optional:
            return Outcome(acceptable: true)
        case .required:
            return text.isEmpty ? Outcome(acceptable: false, message: "validation.required") : Outcome(acceptable: true)
        case .idNumber, .optionalIdNumber:
            if text.isEmpty {
                return self == .optionalIdNumber
                    ? Outcome(acceptable: true) : Outcome(acceptable: false, message: "validation.required")
            }
            let result =
                kind.map { IdentityNumber.check(text, kind: $0, today: today) }
                ?? IdentityNumber.check(text, today: today)
            if result.valid { return Outcome(acceptable: true, message: "validation.idNumber.ok") }
            if let kind, kind != .residentID, kind != .creditCode {
                return Outcome(acceptable: false, message: "validation.idNumber.\(kind.rawValue)")
            }
            if text.count < 18 && text.count != 15 {
                return Outcome(
                    acceptable: false, message: "validation.idNumber.typing", values: ["count": String(text.count)])
            }
            return Outcome(acceptable: false, message: "validation.idNumber.invalid")
        case .queryCode:
            let ok = text.count == 6 && text.allSatisfy { $0.isASCII && $0.isNumber }
            return ok ? Outcome(acceptable: true) : Outcome(acceptable: false, message: "validation.queryCode")
        case .optionalMobile where text.isEmpty:
            return Outcome(acceptable: true)
        case .mobile, .optionalMobile:
            return ContactCheck.mobile(text) != nil
                ? Outcome(acceptable: true) : Outcome(acceptable: false, message: "validation.mobile")
        case .optionalAmount:
            if text.isEmpty { return Outcome(acceptable: true) }
            guard let fen = try? Fen(parsingYuan: text), fen > .zero else {
                return Outcome(acceptable: false, message: "validation.amount")
            }
            return Outcome(acceptable: true)
        case .pin:
            let ok = (4...8).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
            return ok ? Outcome(acceptable: true) : Outcome(acceptable: false, message: "validation.pin")
        case .choice:
            return text.isEmpty ? Outcome(acceptable: false, message: "validation.choice") : Outcome(acceptable: true)
        case .caseNumber:
            if text.isEmpty { return Outcome(acceptable: false, message: "validation.caseNumber.serial") }
            if (try? CaseNumber(parsing: text, allowUnknownCourt: true)) != nil || FilingNumber.uidSuffix(text) != nil {
                return Outcome(acceptable: true)
            }
            return Outcome(acceptable: false, message: "validation.caseNumber")
        }
    }
}

extension FieldValidator.Outcome {
    init(acceptable: Bool) { self.acceptable = acceptable; self.message = nil }
}
