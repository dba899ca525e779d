/// How a document travels to a party.
public enum ServiceChannel: String, Codable, CaseIterable, Sendable {
    case email, sms
}

/// The electronic service (电子送达) of one document to one party over one channel: `service/<id>.json`.
///
/// Times are UTC ISO 8601 text. `servedAt` follows 在线诉讼规则 art. 31: when the party gave the address itself,
/// service is effective when the message reaches its system; otherwise when the party reads it or acts on it.
public struct ServiceRecord: Record, Equatable {
    public static let schema = "docket.service/1"
    public static let explicitNullFields = ["sentAt", "reachedAt", "readAt", "servedAt", "certificateId", "failure"]

    public var id: String
    public var documentId: String
    public var documentTitle: String
    public var partyId: String
    public var channel: ServiceChannel
    /// The e-mail address or mobile number used.
    public var address: String
    /// True when the party itself provided the address (it then counts as served when the message arrives).
    public var addressByParty: Bool
    public var sentAt: String?
    public var reachedAt: String?
    public var readAt: String?
    public var servedAt: String?
    /// The e-service certificate (送达凭证) in the dossier, once served.
    public var certificateId: String?
    /// The last delivery failure, kept while the node retries.
    public var failure: String?
    public var createdAt: HybridTimestamp
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(
        id: String, documentId: String, documentTitle: String, partyId: String, channel: ServiceChannel,
        address: String, addressByParty: Bool, at time: HybridTimestamp, by node: String
    ) {
        self.id = id; self.documentId = documentId; self.documentTitle = documentTitle; self.partyId = partyId
        self.channel = channel; self.address = address; self.addressByParty = addressByParty
        self.createdAt = time; self.updatedAt = time; self.updatedBy = node
    }

    public var path: String { "service/\(id).json" }

    /// The effective time of service under art. 31, or nil while not yet served.
    public var effectiveServiceTime: String? {
        if addressByParty, let reachedAt { return reachedAt }
        return readAt
    }
}
