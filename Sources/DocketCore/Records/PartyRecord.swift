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

    public init(name: String, firm: String? = nil, licenseNumber: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name; self.firm = firm; self.licenseNumber = licenseNumber; self.phone = phone; self.email = email
    }
}

/// A party to a case, `parties/<id>.json`.
public struct PartyRecord: Record, Equatable {
    public static let schema = "docket.party/1"
    public static let explicitNullFields = ["idNumber", "idKind", "phone", "email", "representative"]

    public var id: String
    public var role: PartyRole
    public var name: String
    /// The resident ID (18 characters, upper-case X) or unified social credit code; nil when unknown.
    public var idNumber: String?
    /// "resident-id" or "credit-code".
    public var idKind: String?
    /// Service addresses (电子送达): a mainland mobile number and an e-mail address.
    public var phone: String?
    public var email: String?
    public var representative: Representative?
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(id: String, role: PartyRole, name: String, idNumber: String?, idKind: String?, phone: String?,
                email: String?, representative: Representative?, updatedAt: HybridTimestamp, updatedBy: String) {
        self.id = id; self.role = role; self.name = name; self.idNumber = idNumber; self.idKind = idKind
        self.phone = phone; self.email = email; self.representative = representative
        self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }
}
