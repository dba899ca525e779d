/// A computed court fee with the steps that produced it (the `docket fee quote --json` shape).
///
/// `minFen`/`maxFen` are the legal range of the final fee when the province sets the per-case amount
/// (ranged kinds), after the same extras and halving; both are null otherwise. They are always present
/// in JSON so the shape does not change with the kind.
public struct FeeQuote: Codable, Sendable, Equatable {
    /// The fee kind's command-line name ("property").
    public var kind: String
    /// The fee in fen, rounded half-up once at the end.
    public var feeFen: Int64
    /// The fee in yuan with two decimals ("3300.00").
    public var fee: String
    /// Lowest fee the law allows for this request (ranged kinds only).
    public var minFen: Int64?
    /// Highest fee the law allows for this request (ranged kinds only).
    public var maxFen: Int64?
    /// Human-readable steps, each citing its article.
    public var basis: [String]
    /// The same steps in Chinese: what notices, which are official documents, print.
    public var chineseBasis: [String]

    /// A quote; `fee` is derived from `feeFen` so the two never disagree.
    public init(kind: String, feeFen: Int64, minFen: Int64?, maxFen: Int64?, steps: [FeeStep]) {
        self.kind = kind
        self.feeFen = feeFen
        self.fee = Fen(feeFen).yuanString
        self.minFen = minFen
        self.maxFen = maxFen
        self.basis = steps.map(\.en)
        self.chineseBasis = steps.map(\.zh)
    }

    private enum CodingKeys: String, CodingKey { case kind, feeFen, fee, minFen, maxFen, basis, chineseBasis }

    /// Always writes `minFen` and `maxFen`, as null when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(feeFen, forKey: .feeFen)
        try container.encode(fee, forKey: .fee)
        try container.encode(minFen, forKey: .minFen)
        try container.encode(maxFen, forKey: .maxFen)
        try container.encode(basis, forKey: .basis)
        try container.encode(chineseBasis, forKey: .chineseBasis)
    }
}
