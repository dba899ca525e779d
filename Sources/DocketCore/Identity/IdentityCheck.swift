/// The kinds of identity document Docket takes: a natural person's resident ID, passport or mainland travel
/// permit, an organisation's unified social credit code.
public enum IdentityKind: String, Codable, CaseIterable, Sendable {
    /// Resident identity card number (居民身份证号码, GB 11643-1999); also the residence permits of Hong Kong, Macao
    /// and Taiwan residents (港澳台居民居住证), which use the same 18-character number.
    case residentID = "resident-id"
    /// Unified social credit code of an organisation (统一社会信用代码, GB 32100-2015).
    case creditCode = "credit-code"
    /// A passport (护照), Chinese or foreign: 5–17 letters and digits.
    case passport
    /// 港澳居民来往内地通行证: H or M and 8 (or 10) digits.
    case hkMacaoPermit = "hk-macao-permit"
    /// 台湾居民来往大陆通行证: 8 (or 10) digits.
    case taiwanPermit = "taiwan-permit"

    /// True for the documents of natural persons.
    public var isPersonal: Bool { self != .creditCode }

    public var chinese: String {
        switch self {
        case .residentID: "居民身份证"
        case .creditCode: "统一社会信用代码"
        case .passport: "护照"
        case .hkMacaoPermit: "港澳居民来往内地通行证"
        case .taiwanPermit: "台湾居民来往大陆通行证"
        }
    }
}

/// The outcome of checking an identity number (the `docket id check --json` shape).
///
/// Never carries the full number in clear except `normalized`, which callers store but must not show;
/// `masked` is what may be displayed or logged.
public struct IdentityCheck: Codable, Sendable, Equatable {
    /// Whether the number is valid.
    public var valid: Bool
    /// The kind recognised, or nil when the input matches neither shape.
    public var kind: IdentityKind?
    /// The valid number in canonical form: 18 characters, upper case (15-digit IDs upgraded). Nil when invalid.
    public var normalized: String?
    /// The input under the one masking rule (`Masking.mask`).
    public var masked: String
    /// The holder's birth date ("1990-03-07"), for valid resident IDs only.
    public var birthDate: String?
    /// Why the number is invalid, as a full sentence; nil when valid.
    public var reason: String?

    /// A result as produced by `IdentityNumber.check`.
    public init(
        valid: Bool, kind: IdentityKind?, normalized: String?, masked: String, birthDate: String?, reason: String?
    ) {
        self.valid = valid
        self.kind = kind
        self.normalized = normalized
        self.masked = masked
        self.birthDate = birthDate
        self.reason = reason
    }
}
