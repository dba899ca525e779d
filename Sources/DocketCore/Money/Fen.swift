/// An amount of money in fen (0.01 yuan), always an integer: money never passes through floating point.
public struct Fen: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The amount in fen; may be negative only where a caller allows it (refunds are positive amounts).
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    /// Whole yuan.
    public static func yuan(_ yuan: Int64) -> Fen { Fen(yuan * 100) }

    public static let zero = Fen(0)

    /// Parses a yuan amount written as digits with at most two decimals ("150000", "150000.5", "150000.00").
    ///
    /// Refuses signs, exponents, separators, more than two decimals and amounts above 10^15 fen, with a
    /// message that names the problem.
    public init(parsingYuan text: String) throws {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw DocketError(
                .invalidInput, key: "amount.required", zh: "请填写金额，以元为单位，最多两位小数（如 150000.00）。",
                en: "An amount is required, in yuan with at most two decimals (e.g. 150000.00).")
        }
        if trimmed.hasPrefix("-") {
            throw DocketError(
                .invalidInput, key: "amount.negative", zh: "金额\(text)为负数；金额应为正数，以元为单位，最多两位小数。",
                en: "The amount \(text) is negative; amounts are positive yuan with at most two decimals.")
        }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw DocketError(
                .invalidInput, key: "amount.not-a-number", zh: "金额“\(text)”不是以元为单位、最多两位小数的数字（如 "
                    + "150000.00）。",
                en: "The amount \"\(text)\" is not a number of yuan with at most two decimals (e.g. 150000.00).")
        }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard !decimals.isEmpty, decimals.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw DocketError(
                    .invalidInput, key: "amount.not-a-number", zh: "金额“\(text)”不是以元为单位、"
                        + "最多两位小数的数字（如 150000.00）。",
                    en: "The amount \"\(text)\" is not a number of yuan with at most two decimals (e.g. 150000.00).")
            }
            guard decimals.count <= 2 else {
                throw DocketError(
                    .invalidInput, key: "amount.too-many-decimals", zh: "金额“\(text)”超过两位小数；"
                        + "金额精确到分（0.01元）。",
                    en: "The amount \"\(text)\" has more than two decimals; money is kept to the fen (0.01 yuan).")
            }
            fraction = Int64(decimals)! * (decimals.count == 1 ? 10 : 1)
        }
        guard whole.count <= 13, let yuan = Int64(whole) else {
            throw DocketError(
                .invalidInput, key: "amount.too-large", zh: "金额“\(text)”过大。", en: "The amount \"\(text)\" is too "
                    + "large."
            )
        }
        self.value = yuan * 100 + fraction
    }

    /// "3300.00": yuan with exactly two decimals, no grouping; negative amounts get a leading "-".
    public var yuanString: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { yuanString }

    public static func < (a: Fen, b: Fen) -> Bool { a.value < b.value }
    public static func + (a: Fen, b: Fen) -> Fen { Fen(a.value + b.value) }
    public static func - (a: Fen, b: Fen) -> Fen { Fen(a.value - b.value) }

    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and newlines (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
