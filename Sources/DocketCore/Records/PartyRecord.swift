/// A party's place in the case.
public enum PartyRole: String, Codable, CaseIterable, Sendable {
    case plaintiff, defendant
    case thirdParty = "third-party"
}

/// Who speaks for a party: a lawyer or legal worker, with the firm the case travels to.
public struct Representative: Codable, Equatable, Sendable {
    public var name: String
    /// The law firm's node id (its cases replicate to that node) or name.
    public var firm: String?
    public var licenseNumber: String?
    public var phone: String?
    public var email: String?

    public init(
        name: String, firm: String? = nil, licenseNumber: String? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.name = name; self.firm = firm; self.licenseNumber = licenseNumber; self.phone = phone; self.email = email
    }
}

/// A party to a case, `parties/<id>.json`.
public struct PartyRecord: Record, Equatable {
    public static let schema = "docket.party/1"
    public static let explicitNullFields = [
        "idNumber", "idKind", "phone", "email", "representative", "queryCodeHash",
        "serviceConsent",
    ]

    public var id: String
    public var role: PartyRole
    public var name: String
    /// A natural person (`person`, also when absent) or an organisation (`organisation`): it decides which
    /// identity documents the party may give.
    public var kind: String?
    /// The number of the party's identity document, normalised; nil when unknown.
    public var idNumber: String?
    /// Which document (`IdentityKind`): resident-id, passport, hk-macao-permit, taiwan-permit (persons);
    /// credit-code (organisations).
    public var idKind: String?
    /// Service addresses (电子送达): a mainland mobile number and an e-mail address.
    public var phone: String?
    public var email: String?
    /// The address where papers are served on the party (送达地址): the filing's, or one the party gave since.
    /// Absent in records made before parties had one.
    public var address: String?
    public var representative: Representative?
    /// How the party agreed to electronic service (在线诉讼规则 art. 29): `filing` (ticked on the filing form),
    /// `written`, `online` (confirmed on the platform) or `recorded` (said so, recorded by the court); nil: not yet.
    public var serviceConsent: String?
    /// Salted SHA-256 of the party's 6-digit query code (诉讼服务密码), set on acceptance. The code itself stays
    /// on the court node; with the case number and the ID number it unlocks queries and dossier review.
    public var queryCodeHash: String?
    /// Salted SHA-256 (same salt as `queryCodeHash`) of the query code printed on a self-service filing receipt,
    /// set once when the case is filed; with the filing number and the ID number it unlocks queries before the
    /// court has accepted the case (and after). Absent for cases filed otherwise.
    public var filingCodeHash: String?
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(
        id: String, role: PartyRole, name: String, idNumber: String?, idKind: String?, phone: String?,
        email: String?, representative: Representative?, serviceConsent: String? = nil,
        updatedAt: HybridTimestamp, updatedBy: String
    ) {
        self.id = id; self.role = role; self.name = name; self.idNumber = idNumber; self.idKind = idKind
        self.phone = phone; self.email = email; self.representative = representative;
        self.serviceConsent = serviceConsent
        self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }

    /// True when the party is an organisation (a company, an association, …), not a natural person.
    public var isOrganisation: Bool { kind == PartyKind.organisation.rawValue }
}

/// A party is a natural person unless its filing says it is an organisation.
public enum PartyKind: String, Codable, CaseIterable, Sendable {
    case person, organisation

    /// The identity documents a party of this kind may give; the first is the default.
    public var documents: [IdentityKind] {
        self == .organisation ? [.creditCode] : [.residentID, .passport, .hkMacaoPermit, .taiwanPermit]
    }
}
