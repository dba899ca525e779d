/// Validation of resident ID numbers (GB 11643-1999), unified social credit codes (GB 32100-2015, with the
/// GB 11714 organisation code inside), passports and the mainland travel permits of Hong Kong, Macao and Taiwan
/// residents.
public enum IdentityNumber {
    /// Checks `text` as a number of the given kind only: a natural person's resident ID that fails its check is
    /// refused as such, never taken for a credit code whose check character happens to fit.
    public static func check(_ text: String, kind: IdentityKind, today: LocalDate) -> IdentityCheck {
        let input = normalize(text)
        let masked = Masking.mask(input)
        func invalid(_ reason: String) -> IdentityCheck {
            IdentityCheck(valid: false, kind: kind, normalized: nil, masked: masked, birthDate: nil, reason: reason)
        }
        func valid(_ number: String, birth: String? = nil) -> IdentityCheck {
            IdentityCheck(
                valid: true, kind: kind, normalized: number, masked: Masking.mask(number), birthDate: birth, reason: nil
            )
        }
        if input.isEmpty { return invalid("No number was given.") }
        switch kind {
        case .residentID:
            let result = check(text, today: today)
            if result.valid, result.kind == .residentID { return result }
            if input.count == 18 || input.count == 15, let reason = residentIDReason(input, today: today) {
                return invalid(reason)
            }
            return invalid(
                result.kind == .residentID
                    ? (result.reason ?? "Not a resident ID.")
                    : "A resident ID has 18 characters (17 digits and a digit or X); \(input.count) were given.")
        case .creditCode:
            guard input.count == 18 else {
                return invalid("A unified social credit code has 18 characters; \(input.count) were given.")
            }
            if let problem = creditCodeProblem(input) { return invalid(problem) }
            return valid(input)
        case .passport:
            guard (5...17).contains(input.count), input.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }),
                input.contains(where: \.isNumber)
            else {
                return invalid("A passport number has 5–17 letters and digits.")
            }
            return valid(input)
        case .hkMacaoPermit:
            guard let first = input.first, first == "H" || first == "M", [9, 11].contains(input.count),
                input.dropFirst().allSatisfy(isDigit)
            else {
                return invalid("A Hong Kong or Macao travel permit number is H or M followed by 8 (or 10) digits.")
            }
            return valid(input)
        case .taiwanPermit:
            guard [8, 10].contains(input.count), input.allSatisfy(isDigit) else {
                return invalid("A Taiwan travel permit number has 8 (or 10) digits.")
            }
            return valid(input)
        }
    }

    /// Why an 18- or 15-character number is not a resident ID, or nil when it is one.
    private static func residentIDReason(_ input: String, today: LocalDate) -> String? {
        let id = input.count == 15 ? (input.allSatisfy(isDigit) ? upgrade(input) : input) : input
        if let bad = id.prefix(17).first(where: { !isDigit($0) }) {
            return "The character \"\(bad)\" cannot appear here; a resident ID is 17 digits followed by a digit or X."
        }
        guard let last = id.last, isDigit(last) || last == "X" else {
            return "The last character of a resident ID is a digit or X."
        }
        switch residentID(id, today: today) {
        case .success: return nil
        case .failure(let error): return error.message
        }
    }

    /// Checks `text` as a resident ID or, failing that, as a credit code.
    ///
    /// Spaces are ignored, full-width digits and letters are read as ASCII, a lower-case "x" is accepted.
    /// Resident IDs: 18 characters with the ISO 7064 MOD 11-2 check character, a known province code, a
    /// real birth date from 1900 up to `today`; 15-digit legacy numbers (born 19xx) are recognised and
    /// upgraded to 18. Credit codes: 18 characters from the GB 32100 alphabet with its MOD 31 check
    /// character. `today` is injected so results never depend on the machine clock.
    public static func check(_ text: String, today: LocalDate) -> IdentityCheck {
        let input = normalize(text)
        let masked = Masking.mask(input)
        func invalid(_ kind: IdentityKind?, _ reason: String) -> IdentityCheck {
            IdentityCheck(valid: false, kind: kind, normalized: nil, masked: masked, birthDate: nil, reason: reason)
        }
        if input.isEmpty { return invalid(nil, "No number was given.") }

        if input.count == 15 {
            guard input.allSatisfy(isDigit) else {
                return invalid(.residentID, "A 15-digit legacy resident ID has digits only.")
            }
            let upgraded = upgrade(input)
            switch residentID(upgraded, today: today) {
            case .success(let birth):
                return IdentityCheck(
                    valid: true, kind: .residentID, normalized: upgraded, masked: Masking.mask(upgraded),
                    birthDate: birth.description, reason: nil)
            case .failure(let error):
                return invalid(.residentID, error.message)
            }
        }
        guard input.count == 18 else {
            return invalid(
                nil,
                "The number has \(input.count) characters; a resident ID or credit code has 18 (a legacy "
                    + "resident ID 15)."
            )
        }

        // Resident IDs use no letters but a final X; anything with a credit-code letter before the end is
        // read as a credit code, so the reason given fits what the user typed.
        let looksLikeID = !input.prefix(17).contains(where: { !isDigit($0) && creditAlphabet.contains($0) })
        if looksLikeID {
            let idResult: Result<LocalDate, DocketError>
            if let bad = input.prefix(17).first(where: { !isDigit($0) })
                ?? (isDigit(input.last!) || input.last == "X" ? nil : input.last)
            {
                idResult = .failure(
                    DocketError(
                        .invalidInput, key: "id.bad-character", zh: "此处不能出现字符“\(bad)”；"
                            + "居民身份证号码由17位数字加1位数字或X组成。",
                        en:
                            "The character \"\(bad)\" cannot appear here; a resident ID is 17 digits followed by a "
                            + "digit or X."
                    ))
            } else {
                idResult = residentID(input, today: today)
            }
            switch idResult {
            case .success(let birth):
                return IdentityCheck(
                    valid: true, kind: .residentID, normalized: input, masked: masked,
                    birthDate: birth.description, reason: nil)
            case .failure(let idError):
                // A mostly-digit string can also be a credit code; accept it only if its own check holds.
                if creditCodeProblem(input) == nil {
                    return IdentityCheck(
                        valid: true, kind: .creditCode, normalized: input, masked: masked, birthDate: nil, reason: nil)
                }
                return invalid(.residentID, idError.message)
            }
        }
        if let problem = creditCodeProblem(input) {
            return invalid(.creditCode, problem)
        }
        return IdentityCheck(
            valid: true, kind: .creditCode, normalized: input, masked: masked, birthDate: nil, reason: nil)
    }

    // MARK: - Resident ID (GB 11643-1999)

    /// Province-level codes (the first two digits): the 31 mainland provinces, 71 (Taiwan) and 81/82/83
    /// used by the residence permits of Hong Kong, Macao and Taiwan residents.
    static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ]

    private static let idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let idCheckCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID.
    public static func residentIDCheckCharacter(_ first17: String) -> Character {
        let digits = first17.compactMap(\.wholeNumberValue)
        let sum = zip(digits, idWeights).reduce(0) { $0 + $1.0 * $1.1 }
        return idCheckCharacters[sum % 11]
    }

    /// The 18-digit form of a 15-digit legacy ID: "19" inserted before the 2-digit birth year, check
    /// character appended (GB 11643-1999 replaced the 15-digit numbers of 1984, all born in the 1900s).
    public static func upgrade(_ legacy: String) -> String {
        let first17 = String(legacy.prefix(6)) + "19" + String(legacy.dropFirst(6))
        return first17 + String(residentIDCheckCharacter(first17))
    }

    private static func residentID(_ id: String, today: LocalDate) -> Result<LocalDate, DocketError> {
        let chars = Array(id)
        guard provinceCodes.contains(String(chars[0..<2])) else {
            return .failure(
                DocketError(
                    .invalidInput, key: "id.bad-province", zh: "地址码开头为\(String(chars[0..<2]))，"
                        + "不是有效的省级行政区划代码。",
                    en: "The region code starts with \(String(chars[0..<2])), which is not a province code."))
        }
        guard let y = Int(String(chars[6..<10])), let m = Int(String(chars[10..<12])),
            let d = Int(String(chars[12..<14])),
            let birth = try? LocalDate(year: y, month: m, day: d)
        else {
            return .failure(
                DocketError(
                    .invalidInput, key: "id.bad-birth-date", zh: "第7至14位不是真实的出生日期。",
                    en: "Characters 7–14 are not a real birth date."))
        }
        guard birth.year >= 1900 else {
            return .failure(
                DocketError(
                    .invalidInput, key: "id.birth-before-1900", zh: "出生日期早于1900年。", en: "The birth date is "
                        + "before 1900."
                ))
        }
        guard birth <= today else {
            return .failure(
                DocketError(
                    .invalidInput, key: "id.birth-in-future", zh: "出生日期晚于今日。", en: "The birth date is in the "
                        + "future."))
        }
        let expected = residentIDCheckCharacter(String(chars[0..<17]))
        guard chars[17] == expected else {
            return .failure(
                DocketError(
                    .invalidInput, key: "id.bad-check-character", zh: "校验码（最后一位）不正确。",
                    en: "The check character (last character) is wrong."))
        }
        return .success(birth)
    }

    // MARK: - Unified social credit code (GB 32100-2015)

    /// The 31 characters of the code, in value order (I, O, S, V and Z are not used).
    private static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The GB 32100-2015 check character for the first 17 characters, or nil if one is outside the alphabet.
    public static func creditCodeCheckCharacter(_ first17: String) -> Character? {
        var sum = 0
        for (character, weight) in zip(first17, creditWeights) {
            guard let value = creditAlphabet.firstIndex(of: character) else { return nil }
            sum += value * weight
        }
        return creditAlphabet[(31 - sum % 31) % 31]
    }

    /// Registration authority (character 1) → the organisation kinds (character 2) it registers (GB 32100-2015
    /// appendix A): 机构编制, 外交, 司法行政, 文化, 民政, 旅游, 宗教, 工会, 工商, 中央军委改革和编制办公室, 农业, 其他.
    static let creditKinds: [Character: Set<Character>] = [
        "1": ["1", "2", "3", "9"], "2": ["1", "9"], "3": ["1", "2", "3", "4", "5", "9"], "4": ["1", "9"],
        "5": ["1", "2", "3", "9"], "6": ["1", "2", "9"], "7": ["1", "2", "9"], "8": ["1", "9"], "9": ["1", "2", "3"],
        "A": ["1", "9"], "N": ["1", "2", "3", "9"], "Y": ["1"],
    ]

    private static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// The GB 11714-1997 check character of an 8-character organisation code body (digits and capital letters).
    public static func organisationCodeCheckCharacter(_ body: String) -> Character? {
        var sum = 0
        for (character, weight) in zip(body, organisationWeights) {
            let value: Int
            if let digit = character.wholeNumberValue, character.isASCII {
                value = digit
            } else if let ascii = character.asciiValue, (65...90).contains(ascii) {
                value = Int(ascii) - 55
            } else {
                return nil
            }
            sum += value * weight
        }
        let check = 11 - sum % 11
        return check == 10 ? "X" : check == 11 ? "0" : Character(String(check))
    }

    private static func creditCodeProblem(_ code: String) -> String? {
        if let bad = code.first(where: { !creditAlphabet.contains($0) }) {
            return
                "The character \"\(bad)\" is not used in credit codes (digits and capital letters except I, O, "
                + "S, V, Z)."
        }
        let chars = Array(code)
        guard let kinds = creditKinds[chars[0]] else {
            return "The first character (\(chars[0])) is not a registration authority's code (1–9, A, N or Y)."
        }
        guard kinds.contains(chars[1]) else {
            return
                "The second character (\(chars[1])) is not a kind of organisation registered under authority "
                + "\(chars[0])."
        }
        guard chars[2..<8].allSatisfy(isDigit),
            provinceCodes.contains(String(chars[2..<4])) || String(chars[2..<4]) == "10"
        else {
            return
                "Characters 3–8 must be the registering authority's region code (six digits starting with a "
                + "province code)."
        }
        guard organisationCodeCheckCharacter(String(chars[8..<16])) == chars[16] else {
            return "Characters 9–17 are not an organisation code: its check character (the 17th) is wrong."
        }
        guard creditCodeCheckCharacter(String(chars[0..<17])) == chars[17] else {
            return "The check character (last character) is wrong."
        }
        return nil
    }

    // MARK: - Input

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    /// Drops spaces and hyphens, folds full-width ASCII (０-９, Ａ-Ｚ) to ASCII, upper-cases letters.
    static func normalize(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            guard let folded = Unicode.Scalar(value) else { continue }
            let character = Character(folded)
            if character.isWhitespace || character == "-" { continue }
            result.append(contentsOf: String(character).uppercased())
        }
        return result
    }
}
