/// A service request on a case, `filings/<id>.json`: preservation, guarantee, appraisal, extension, message to the
/// judge, mediation, enforcement, property lead, objection, petition, reception booking, video meeting.
///
/// Shaped for the field-by-field merge: what the applicant writes and what the court writes are separate top-level
/// fields, and everything keyed by party or by step is an object (members merge one by one), never an array.
/// Court-owned (`x-court-owned` in Schemas/records/filing.schema.json): `courtState`, `feeFen`, `court`.
public struct FilingRecord: PathedRecord, Equatable {
    public static let schema = "docket.filing/1"
    public static let explicitNullFields = ["applicantPartyId", "relatedId", "amountFen", "feeFen", "courtState"]

    public var id: String
    public var kind: FilingKind
    /// Where the request stands; moves are checked by `FilingKind.checkMove`.
    public var state: FilingState
    /// The last state a court node moved the request to (court-owned): which moves were the court's own. Who may
    /// make which move is the authority policy's (`StateMoves.filingState`).
    public var courtState: FilingState?
    /// The party who made the request (nil for a petitioner or lawyer who is not a party of the case).
    public var applicantPartyId: String?
    /// The request this one belongs to: the preservation a guarantee secures, the enforcement filing a lead or
    /// objection concerns.
    public var relatedId: String?
    /// The amount involved, in fen: to preserve, to guarantee, to enforce, the appraisal fee.
    public var amountFen: Int64?
    /// The court fee of the application in fen (court-owned): preservation (prepaid), enforcement (not prepaid),
    /// or the appraisal fee as recorded (paid to the institution, not collected by the court).
    public var feeFen: Int64?
    /// What the applicant wrote, by name (`reason`, `property`, `matters`, `message`, `urgent`, `preSuit`, `slot`,
    /// `judgmentCaseNumber`, …). Values are text; flags are "true".
    public var details: [String: String]
    /// What the court wrote (court-owned), by name (`decision`, `reason`, `institution`, `mediator`, `answer`,
    /// `rulingDocumentId`, `reportDocumentId`, `assessmentId`, …).
    public var court: [String: String]
    /// Party id → when (hybrid clock text) the party consented (mediation).
    public var consents: [String: String]
    /// Party id → when the party signed (mediation agreement).
    public var signatures: [String: String]
    /// State → when (hybrid clock text) the request first entered it; deadlines are counted from these.
    public var steps: [String: String]
    public var createdAt: HybridTimestamp
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    /// A new request in its kind's initial state, stamped with `time` and `node`.
    public init(
        id: String, kind: FilingKind, applicantPartyId: String?, relatedId: String? = nil, amountFen: Int64? = nil,
        details: [String: String] = [:], at time: HybridTimestamp, by node: String
    ) {
        self.id = id; self.kind = kind; self.state = kind.initialState; self.courtState = nil
        self.applicantPartyId = applicantPartyId; self.relatedId = relatedId; self.amountFen = amountFen
        self.feeFen = nil; self.details = details; self.court = [:]; self.consents = [:]; self.signatures = [:]
        self.steps = [kind.initialState.rawValue: time.description]
        self.createdAt = time; self.updatedAt = time; self.updatedBy = node
    }

    /// Its file in the case tree.
    public var path: String { "filings/\(id).json" }

    /// True when a detail flag is set to "true".
    public func flag(_ name: String) -> Bool { details[name] == "true" }

    /// When the request first entered `state`, if it did.
    public func enteredAt(_ state: FilingState) -> HybridTimestamp? {
        steps[state.rawValue].flatMap { try? HybridTimestamp(parsing: $0) }
    }

    /// The request moved to `state` by `side` at `time`: state, step time (the first entry is kept), court state
    /// for court moves, stamp. Checks the move first.
    public mutating func move(to next: FilingState, side: ActingSide, at time: HybridTimestamp, by node: String) throws
    {
        try kind.checkMove(from: state, to: next, side: side)
        state = next
        if steps[next.rawValue] == nil { steps[next.rawValue] = time.description }
        if side == .court { courtState = next }
        updatedAt = time
        updatedBy = node
    }
}
