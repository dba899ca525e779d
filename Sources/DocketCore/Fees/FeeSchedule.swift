/// A province's settings for the per-case fees that Decree 481 gives as a range.
///
/// Art. 13 (last paragraph) lets each province fix the amount within the ranges of art. 13(2), (3) and
/// (6); the enforcement fee without an amount (art. 14(1)1) is a range too. Everything else in the decree
/// is a fixed amount or a scale and is not configurable.
///
/// JSON shape (yuan, as a string or a whole number; missing keys keep the `standard` value):
/// `{"name": "山东省", "divorce": "200", "personality": 300, "non-property": "80", "ip": "800",
///   "jurisdiction-objection": "100", "enforcement": "300"}`
public struct FeeSchedule: Codable, Sendable, Equatable {
    /// Who set these amounts ("standard", or a province's name).
    public var name: String
    /// Divorce case, per case: 50–300 yuan (art. 13(2)1).
    public var divorce: Fen
    /// Personality-rights case, per case: 100–500 yuan (art. 13(2)2).
    public var personality: Fen
    /// Other non-property case, per case: 50–100 yuan (art. 13(2)3).
    public var nonProperty: Fen
    /// IP civil case with no amount in dispute: 500–1,000 yuan (art. 13(3)).
    public var ip: Fen
    /// Failed jurisdiction objection: 50–100 yuan (art. 13(6)).
    public var jurisdictionObjection: Fen
    /// Enforcement with no amount: 50–500 yuan (art. 14(1)1).
    public var enforcement: Fen

    /// A schedule with every ranged amount given; call `validate()` before relying on it.
    public init(
        name: String, divorce: Fen, personality: Fen, nonProperty: Fen, ip: Fen,
        jurisdictionObjection: Fen, enforcement: Fen
    ) {
        self.name = name
        self.divorce = divorce
        self.personality = personality
        self.nonProperty = nonProperty
        self.ip = ip
        self.jurisdictionObjection = jurisdictionObjection
        self.enforcement = enforcement
    }

    /// The decree's minimum for every ranged fee.
    ///
    /// Until an administrator loads the province's schedule, quoting the minimum can never charge a party
    /// more than the law allows; the quote's min/max show the range so the clerk sees what may change.
    public static let standard = FeeSchedule(
        name: "standard (statutory minimum)",
        divorce: .yuan(50), personality: .yuan(100), nonProperty: .yuan(50), ip: .yuan(500),
        jurisdictionObjection: .yuan(50), enforcement: .yuan(50)
    )

    /// The legal range for a ranged kind (art. 13(2), (3), (6); art. 14(1)1), nil for the others.
    public static func legalRange(for kind: FeeKind) -> ClosedRange<Fen>? {
        switch kind {
        case .divorce: Fen.yuan(50)...Fen.yuan(300)
        case .personality: Fen.yuan(100)...Fen.yuan(500)
        case .nonProperty: Fen.yuan(50)...Fen.yuan(100)
        case .ip: Fen.yuan(500)...Fen.yuan(1000)
        case .jurisdictionObjection: Fen.yuan(50)...Fen.yuan(100)
        case .enforcement: Fen.yuan(50)...Fen.yuan(500)
        default: nil
        }
    }

    /// The configured amount for a ranged kind, nil for the others.
    public func configuredAmount(for kind: FeeKind) -> Fen? {
        switch kind {
        case .divorce: divorce
        case .personality: personality
        case .nonProperty: nonProperty
        case .ip: ip
        case .jurisdictionObjection: jurisdictionObjection
        case .enforcement: enforcement
        default: nil
        }
    }

    /// Throws, naming every setting outside its legal range, when the province's amounts break the decree.
    public func validate() throws {
        var problems: [String] = []
        for kind in FeeSchedule.rangedKinds {
            guard let amount = configuredAmount(for: kind), let range = FeeSchedule.legalRange(for: kind) else {
                continue
            }
            if !range.contains(amount) {
                problems.append(
                    "\(kind.rawValue) is \(amount.yuanString) but must be between \(range.lowerBound.yuanString) and "
                        + "\(range.upperBound.yuanString)"
                )
            }
        }
        guard problems.isEmpty else {
            throw DocketError(
                .invalidInput, key: "fee.schedule-out-of-range",
                zh: "收费标准“\(name)”超出《诉讼费用交纳办法》（国务院令第481号）规定的幅度："
                    + "\(problems.joined(separator: "; "))。",
                en:
                    "The fee schedule \"\(name)\" is outside the ranges of Decree 481: "
                    + "\(problems.joined(separator: "; "))."
            )
        }
    }

    /// The kinds whose amount a province sets, in the order they are shown.
    public static let rangedKinds: [FeeKind] = [
        .divorce, .personality, .nonProperty, .ip, .jurisdictionObjection, .enforcement,
    ]

    // MARK: - Codable

    private struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// Decodes yuan amounts keyed by fee kind; missing keys fall back to `standard`, unknown keys are refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let known = Set(["name"] + FeeSchedule.rangedKinds.map(\.rawValue))
        if let unknown = container.allKeys.map(\.stringValue).first(where: { !known.contains($0) }) {
            throw DocketError(
                .invalidInput, key: "fee.schedule-unknown-setting",
                zh: "收费标准含有未知设置项“\(unknown)”；可用的设置项为：\(known.sorted().joined(separator: ", "))。",
                en:
                    "The fee schedule has an unknown setting \"\(unknown)\"; settings are "
                    + "\(known.sorted().joined(separator: ", "))."
            )
        }
        var schedule = FeeSchedule.standard
        schedule.name = try container.decodeIfPresent(String.self, forKey: Key("name")) ?? "custom"
        for kind in FeeSchedule.rangedKinds {
            guard let amount = try FeeSchedule.decodeYuan(container, kind.rawValue) else { continue }
            switch kind {
            case .divorce: schedule.divorce = amount
            case .personality: schedule.personality = amount
            case .nonProperty: schedule.nonProperty = amount
            case .ip: schedule.ip = amount
            case .jurisdictionObjection: schedule.jurisdictionObjection = amount
            case .enforcement: schedule.enforcement = amount
            default: break
            }
        }
        self = schedule
    }

    /// Encodes yuan strings ("300.00") keyed by fee kind, the same shape `init(from:)` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: Key("name"))
        for kind in FeeSchedule.rangedKinds {
            if let amount = configuredAmount(for: kind) {
                try container.encode(amount.yuanString, forKey: Key(kind.rawValue))
            }
        }
    }

    private static func decodeYuan(_ container: KeyedDecodingContainer<Key>, _ key: String) throws -> Fen? {
        let codingKey = Key(key)
        guard container.contains(codingKey) else { return nil }
        if let whole = try? container.decode(Int64.self, forKey: codingKey) {
            return try Fen(parsingYuan: String(whole))
        }
        guard let text = try? container.decode(String.self, forKey: codingKey) else {
            throw DocketError(
                .invalidInput, key: "fee.schedule-amount-type", zh: "收费标准中的“\(key)”应为字符串形式的元金额（如“300.00”）或整数。",
                en: "The fee schedule's \"\(key)\" must be yuan as a string (\"300.00\") or a whole number.")
        }
        do { return try Fen(parsingYuan: text) } catch let error as DocketError {
            throw DocketError(
                .invalidInput, key: "fee.schedule-amount-invalid", zh: "收费标准中的“\(key)”有误："
                    + "\(error.chineseMessage)",
                en: "The fee schedule's \"\(key)\": \(error.englishMessage)")
        }
    }
}
