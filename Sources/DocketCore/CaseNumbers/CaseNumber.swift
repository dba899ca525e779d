/// A case number (案号) under 最高人民法院关于人民法院案件案号的若干规定 (2016, amended 2018).
///
/// Art. 3 (as amended): "（" + year + "）" + court code + [specialised-trial code] + type code + serial + "号",
/// e.g. （2020）鲁0102民初1234号. Since 2016 there is no "字第" and serials are plain natural numbers
/// (no leading zeros); 刑核 cases use a random 8-digit serial (art. 10(2)).
public struct CaseNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The year the case was received (收案年度).
    public let year: Int
    /// The court code ("鲁0102", "最高法").
    public let court: String
    /// The specialised-trial code ("知"), if any.
    public let special: String?
    /// The case-type code ("民初").
    public let type: String
    /// The serial within (court, special, type, year), from 1.
    public let serial: Int

    /// The first year of the current format (the provisions took effect on 1 January 2016).
    public static let firstYear = 2016

    /// A case number from its parts; throws, naming the part, when one is not valid.
    ///
    /// `allowUnknownCourt` accepts a court code that is well-formed (`CourtCode.isPlausible`) but not in
    /// Docket's list.
    public init(
        year: Int, court: String, special: String? = nil, type: String, serial: Int,
        allowUnknownCourt: Bool = false
    ) throws {
        guard (CaseNumber.firstYear...9999).contains(year) else {
            throw DocketError(
                .invalidInput, key: "casenumber.year-invalid",
                zh: "年份\(year)不能用于案号；现行案号格式自\(CaseNumber.firstYear)年起施行。",
                en:
                    "The year \(year) is not valid for a case number; the current format began in "
                    + "\(CaseNumber.firstYear)."
            )
        }
        try CaseNumber.checkCourt(court, allowUnknown: allowUnknownCourt)
        if let special, !SpecialTrialCode.isKnown(special) {
            throw DocketError(
                .invalidInput, key: "casenumber.special-code-unknown",
                zh: "“\(special)”不是已知的专门审判代字；已知代字："
                    + "\(SpecialTrialCode.known.keys.sorted().joined(separator: ", "))。",
                en:
                    "\"\(special)\" is not a known specialised-trial code; known codes: "
                    + "\(SpecialTrialCode.known.keys.sorted().joined(separator: ", "))."
            )
        }
        guard CaseTypeCode.lookup(type) != nil else {
            throw DocketError(
                .invalidInput, key: "casenumber.type-code-unknown", zh: "“\(type)”不是最高人民法院标准中的案件类型代字（如民初、民终、刑初、执）。",
                en: "\"\(type)\" is not a case-type code of the SPC standard (e.g. 民初, 民终, 刑初, 执).")
        }
        if type == CaseTypeCode.criminalReview {
            guard (10_000_000...99_999_999).contains(serial) else {
                throw DocketError(
                    .invalidInput, key: "casenumber.review-serial-invalid", zh: "刑核案件的案号使用8位随机序号，"
                        + "\(serial)不是8位数字。",
                    en: "刑核 case numbers use a random 8-digit serial; \(serial) is not 8 digits.")
            }
        } else {
            guard (1...99_999_999).contains(serial) else {
                throw DocketError(
                    .invalidInput, key: "casenumber.serial-invalid", zh: "序号\(serial)无效，序号应为从1开始的自然数。",
                    en: "The serial \(serial) is not valid; serials are natural numbers from 1.")
            }
        }
        self.year = year
        self.court = court
        self.special = special
        self.type = type
        self.serial = serial
    }

    /// Parses a case number written with full-width （） or ASCII () brackets; spaces are ignored.
    ///
    /// Refuses, with a message naming the problem: other brackets, a missing or non-4-digit year, the
    /// pre-2016 "字第" style, a missing "号", "之一" document suffixes, leading zeros, unknown court,
    /// specialised-trial or type codes.
    public init(parsing text: String, allowUnknownCourt: Bool = false) throws {
        let compact = String(text.filter { !$0.isWhitespace }.map(CaseNumber.asciiDigit))
        let example = "（2020）鲁0102民初1234号"
        guard !compact.isEmpty else {
            throw DocketError(
                .invalidInput, key: "casenumber.required", zh: "请填写案号，如\(example)。",
                en: "A case number is required, e.g. \(example).")
        }
        guard let open = compact.first, open == "（" || open == "(" else {
            if let first = compact.first, "〔[【［".contains(first) {
                throw DocketError(
                    .invalidInput, key: "casenumber.wrong-brackets",
                    zh: "“\(text)”在年份两侧使用了\(first)；案号应使用圆括号，如\(example)。",
                    en: "\"\(text)\" uses \(first) around the year; case numbers use round brackets, e.g. \(example).")
            }
            throw DocketError(
                .invalidInput, key: "casenumber.no-year", zh: "“\(text)”未以括号中的年份开头，如\(example)。",
                en: "\"\(text)\" does not start with the year in brackets, e.g. \(example).")
        }
        if compact.contains("字第") || compact.contains("字") {
            throw DocketError(
                .invalidInput, key: "casenumber.old-style",
                zh: "“\(text)”为2016年以前含“字第”的旧式案号；自2016年起案号不再含“字第”（如\(example)）。",
                en:
                    "\"\(text)\" is in the pre-2016 style with \"字第\"; since 2016 case numbers have no \"字第\" (e.g. "
                    + "\(example))."
            )
        }
        var rest = compact.dropFirst()
        let yearText = rest.prefix(while: { $0.isASCII && $0.isNumber })
        rest = rest.dropFirst(yearText.count)
        guard let close = rest.first, close == "）" || close == ")" else {
            throw DocketError(
                .invalidInput, key: "casenumber.no-closing-bracket", zh: "“\(text)”的年份后缺少右括号。",
                en: "\"\(text)\" has no closing bracket after the year.")
        }
        guard yearText.count == 4, let year = Int(yearText) else {
            throw DocketError(
                .invalidInput, key: "casenumber.year-not-four-digits",
                zh: "“\(text)”的年份为“\(yearText)”；年份应为四位数字（如2020）。",
                en: "\"\(text)\" has \"\(yearText)\" as its year; the year is four digits (e.g. 2020).")
        }
        rest = rest.dropFirst()
        if let index = rest.firstIndex(of: "号"), rest[rest.index(after: index)...].hasPrefix("之") {
            throw DocketError(
                .invalidInput, key: "casenumber.sub-number-suffix",
                zh: "“\(text)”带有“之…”后缀，这是案件中后续文书的编号；请填写案号本身（以“号”结尾）。",
                en:
                    "\"\(text)\" has a \"之…\" suffix, which numbers a later document in a case; give the case number "
                    + "itself (ending in 号)."
            )
        }
        guard rest.last == "号" else {
            throw DocketError(
                .invalidInput, key: "casenumber.no-hao", zh: "“\(text)”的序号后没有“号”字（如\(example)）。",
                en: "\"\(text)\" does not end with \"号\" after the serial (e.g. \(example)).")
        }
        rest = rest.dropLast()
        let serialText = String(rest.reversed().prefix(while: { $0.isASCII && $0.isNumber }).reversed())
        guard !serialText.isEmpty else {
            throw DocketError(
                .invalidInput, key: "casenumber.no-serial", zh: "“\(text)”在“号”字前没有序号。",
                en: "\"\(text)\" has no serial number before \"号\".")
        }
        rest = rest.dropLast(serialText.count)
        if rest.last == "-" || rest.last == "、" {
            throw DocketError(
                .invalidInput, key: "casenumber.several-serials", zh: "“\(text)”列有多个序号，请一次填写一个案号。",
                en: "\"\(text)\" lists several serials; give one case number at a time.")
        }
        guard !serialText.hasPrefix("0") else {
            throw DocketError(
                .invalidInput, key: "casenumber.leading-zero",
                zh: "“\(text)”的序号“\(serialText)”有前导零；序号不写前导零（如1234，而非01234）。",
                en:
                    "\"\(text)\" has the serial \"\(serialText)\" with a leading zero; serials are written without "
                    + "leading zeros (e.g. 1234, not 01234)."
            )
        }
        guard serialText.count <= 8, let serial = Int(serialText) else {
            throw DocketError(
                .invalidInput, key: "casenumber.serial-too-long", zh: "“\(text)”的序号超过8位。",
                en: "\"\(text)\" has a serial longer than 8 digits.")
        }
        let (court, block) = try CaseNumber.splitCourt(String(rest), text: text)
        let (special, type) = try CaseNumber.splitType(block, text: text)
        try self.init(
            year: year, court: court, special: special, type: type, serial: serial,
            allowUnknownCourt: allowUnknownCourt)
    }

    /// The number with full-width brackets: （2020）鲁0102民初1234号.
    public var canonical: String { "（\(year)）\(court)\(special ?? "")\(type)\(serial)号" }

    /// The canonical form.
    public var description: String { canonical }

    // MARK: - Parsing helpers

    private static func asciiDigit(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
            (0xFF10...0xFF19).contains(scalar.value)
        else { return character }
        return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
    }

    /// Splits "鲁0102民初" into ("鲁0102", "民初").
    private static func splitCourt(_ middle: String, text: String) throws -> (String, String) {
        if middle.hasPrefix(CourtCode.supremeCode) {
            return (CourtCode.supremeCode, String(middle.dropFirst(CourtCode.supremeCode.count)))
        }
        guard let prefix = middle.first else {
            throw DocketError(
                .invalidInput, key: "casenumber.no-court-or-type", zh: "“\(text)”的年份与序号之间没有法院代字或案件类型代字。",
                en: "\"\(text)\" has no court or case-type code between the year and the serial.")
        }
        guard CourtCode.provincePrefixes[prefix] != nil else {
            throw DocketError(
                .invalidInput, key: "casenumber.court-prefix-unknown",
                zh: "“\(text)”的法院代字以“\(prefix)”开头，无法识别；法院代字以省级简称开头（如鲁、京），或为最高法。",
                en:
                    "\"\(text)\" has an unknown court code starting with \"\(prefix)\"; court codes start with a "
                    + "province abbreviation (e.g. 鲁, 京) or are 最高法."
            )
        }
        let digits = middle.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
        guard [0, 2, 4].contains(digits.count) else {
            throw DocketError(
                .invalidInput, key: "casenumber.court-digits",
                zh: "“\(text)”的法院代字为“\(prefix)\(digits)”；省级简称后应为2位数字（中级法院）或4位数字（基层法院）"
                    + "。",
                en:
                    "\"\(text)\" has the court code \"\(prefix)\(digits)\"; after the province abbreviation come 2 "
                    + "digits (intermediate court) or 4 digits (basic court)."
            )
        }
        let block = String(middle.dropFirst(1 + digits.count))
        return (String(prefix) + digits, block)
    }

    /// Splits "知民终" into ("知", "民终") and "民初" into (nil, "民初").
    private static func splitType(_ block: String, text: String) throws -> (String?, String) {
        guard !block.isEmpty else {
            throw DocketError(
                .invalidInput, key: "casenumber.no-type-code", zh: "“\(text)”的法院代字与序号之间没有案件类型代字（如民初）。",
                en: "\"\(text)\" has no case-type code (e.g. 民初) between the court code and the serial.")
        }
        if CaseTypeCode.lookup(block) != nil { return (nil, block) }
        let first = String(block.prefix(1))
        let remainder = String(block.dropFirst())
        if CaseTypeCode.lookup(remainder) != nil {
            guard SpecialTrialCode.isKnown(first) else {
                throw DocketError(
                    .invalidInput, key: "casenumber.special-code-unknown-in-number",
                    zh:
                        "“\(text)”在案件类型代字\(remainder)前有“\(first)”，它不是已知的专门审判代字（已知："
                        + "\(SpecialTrialCode.known.keys.sorted().joined(separator: ", "))）。",
                    en:
                        "\"\(text)\" has \"\(first)\" before the case-type code \(remainder); it is not a known "
                        + "specialised-trial code (known: "
                        + "\(SpecialTrialCode.known.keys.sorted().joined(separator: ", ")))."
                )
            }
            return (first, remainder)
        }
        if block.contains(where: { $0.isASCII }) {
            throw DocketError(
                .invalidInput, key: "casenumber.type-code-not-chinese",
                zh: "“\(text)”中案件类型代字的位置为“\(block)”；类型代字应为汉字（如民初）。",
                en:
                    "\"\(text)\" has \"\(block)\" where the case-type code should be; type codes are Chinese "
                    + "characters (e.g. 民初)."
            )
        }
        throw DocketError(
            .invalidInput, key: "casenumber.type-code-unknown-in-number",
            zh: "“\(text)”的案件类型代字“\(block)”无法识别；请参见最高人民法院标准（如民初、民终、民申、刑初、行初、"
                + "执、破申）。",
            en:
                "\"\(text)\" has the unknown case-type code \"\(block)\"; see the SPC standard (e.g. 民初, 民终, 民申, 刑初, "
                + "行初, 执, 破申)."
        )
    }

    private static func checkCourt(_ court: String, allowUnknown: Bool) throws {
        if CourtCode.lookup(court) != nil { return }
        guard CourtCode.isPlausible(court) else {
            throw DocketError(
                .invalidInput, key: "casenumber.court-code-invalid",
                zh: "“\(court)”不是法院代字；法院代字为最高法、省级简称（鲁），或省级简称后加2位或4位数字（鲁01、"
                    + "鲁0102）。",
                en:
                    "\"\(court)\" is not a court code; codes are 最高法, a province abbreviation (鲁), or one followed by "
                    + "2 or 4 digits (鲁01, 鲁0102)."
            )
        }
        guard allowUnknown else {
            throw DocketError(
                .notFound, key: "casenumber.court-not-listed",
                zh: "法院代字“\(court)”格式正确，但不在 Docket 的法院名录中；请将该法院加入名录，或允许未知法院。",
                en:
                    "The court code \"\(court)\" is well-formed but not in Docket's court list; add the court to the "
                    + "list or allow unknown courts."
            )
        }
    }

    /// A random serial for a 刑核 case: 8 digits, 10000000...99999999 (若干规定 art. 10(2)).
    ///
    /// The caller still checks uniqueness within (court, year) when storing it.
    public static func randomReviewSerial(using generator: inout some RandomNumberGenerator) -> Int {
        Int.random(in: 10_000_000...99_999_999, using: &generator)
    }

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey { case year, court, special, type, serial, canonical }

    /// Decodes the parts (canonical is ignored) and validates them; unknown but well-formed courts pass,
    /// since stored numbers may come from courts outside Docket's list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            year: try container.decode(Int.self, forKey: .year),
            court: try container.decode(String.self, forKey: .court),
            special: try container.decodeIfPresent(String.self, forKey: .special),
            type: try container.decode(String.self, forKey: .type),
            serial: try container.decode(Int.self, forKey: .serial),
            allowUnknownCourt: true)
    }

    /// Encodes every part, `special` as null when absent, plus `canonical`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(court, forKey: .court)
        try container.encode(special, forKey: .special)
        try container.encode(type, forKey: .type)
        try container.encode(serial, forKey: .serial)
        try container.encode(canonical, forKey: .canonical)
    }
}
