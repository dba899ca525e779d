/// The two kinds of identity number Docket validates.
public enum IdentityKind: String, Codable, Sendable {
    /// Resident identity card number (居民身份证号码, GB 11643-1999).
    case residentID = "resident-id"
    /// Unified social credit code of an organisation (统一社会信用代码, GB 32100-2015).
    case creditCode = "credit-code"
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
    public init(valid: Bool, kind: IdentityKind?, normalized: String?, masked: String, birthDate: String?, reason: String?) {
        self.valid = valid
        self.kind = kind
        self.normalized = normalized
        self.masked = masked
        self.birthDate = birthDate
        self.reason = reason
    }
}
