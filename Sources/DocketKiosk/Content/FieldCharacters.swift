/// Which characters a field takes (`"accepts"` in screens.json), so a field refuses what it can never hold and
/// normalises what people type on Chinese keyboards: full-width digits and letters become ASCII, an amount drops
/// its thousands separators and takes 。 or ． as the decimal point, ID numbers are upper-case.
public enum FieldCharacters: String, Codable, Sendable, CaseIterable {
    /// Anything printable; Chinese input (pinyin) applies. The default.
    case text
    /// ASCII digits only (phones, query codes, PINs, serials).
    case digits
    /// Digits and upper-case Latin letters (resident IDs with X, credit codes, passports, permits, filing numbers).
    case code
    /// Yuan: digits and one decimal point; thousands separators are dropped.
    case amount

    /// What typing `character` does.
    public enum Outcome: Equatable, Sendable {
        /// Goes into the field as this character (perhaps normalised).
        case insert(Character)
        /// Means nothing here and is dropped without complaint (a thousands separator).
        case skip
        /// Can never be part of this field: refused, and the visitor is told what the field takes.
        case refuse
    }

    /// Chinese input applies to this kind of field.
    public var takesChinese: Bool { self == .text }

    /// The outcome of typing `character` into a field holding `current`.
    public func filter(_ character: Character, current: String) -> Outcome {
        let c = Self.halfWidth(character)
        guard DisplayWidth.of(c) > 0,
            !(c.unicodeScalars.first.map { $0.properties.generalCategory == .control } ?? true)
        else {
            return .refuse
        }
        switch self {
        case .text:
            return .insert(c)
        case .digits:
            return c.isASCII && c.isNumber ? .insert(c) : .refuse
        case .code:
            if c.isASCII && c.isNumber { return .insert(c) }
            if c.isASCII && c.isLetter { return .insert(Character(c.uppercased())) }
            if c == "-" { return .insert(c) }
            return .refuse
        case .amount:
            if c.isASCII && c.isNumber { return .insert(c) }
            if c == "," || c == "，" || c == "、" || c == " " || c == "'" { return .skip }
            if c == "." || c == "。" { return current.contains(".") ? .refuse : .insert(".") }
            return .refuse
        }
    }

    /// Full-width ASCII forms (U+FF01–FF5E) as their ASCII characters; the ideographic space as a space.
    static func halfWidth(_ character: Character) -> Character {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return character }
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFF01 + 0x21) {
            // Full-width punctuation that Chinese text uses as such stays as typed.
            if "，。（）：；！？".unicodeScalars.contains(scalar) { return character }
            return Character(ascii)
        }
        if scalar.value == 0x3000 { return " " }
        return character
    }
}
