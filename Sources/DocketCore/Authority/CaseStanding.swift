/// What the policy trusts about a case when it judges one step: who filed it, with which court, how far it has
/// come, and which node represents which party. Built from the state the step started from (its parent commit),
/// never from the state it proposes, so a step cannot name itself a party's representative and then act for it.
public struct CaseStanding: Sendable, Equatable {
    public var uid: String
    public var court: String
    public var filedBy: String
    public var status: CaseStatus
    /// Party id → the representing firm's node id (nil when the party has no representative node).
    public var representatives: [String: String?]
    /// The status of the case on the receiving node, when it holds the case: a step made on an older state
    /// cannot use rights that the receiver's state no longer gives (a filer's edits after acceptance).
    public var receiverStatus: CaseStatus?

    public init(
        uid: String, court: String, filedBy: String, status: CaseStatus, representatives: [String: String?],
        receiverStatus: CaseStatus? = nil
    ) {
        self.uid = uid; self.court = court; self.filedBy = filedBy; self.status = status
        self.representatives = representatives; self.receiverStatus = receiverStatus
    }

    /// The standing of a case as its records say.
    public init(_ file: CaseFile, receiverStatus: CaseStatus? = nil) {
        self.init(
            uid: file.record.uid, court: file.record.court, filedBy: file.record.filedBy, status: file.record.status,
            representatives: Dictionary(uniqueKeysWithValues: file.parties.map { ($0.id, $0.representative?.firm) }),
            receiverStatus: receiverStatus)
    }

    /// True while the court has not decided on the filing — on the step's own state and on the receiver's.
    public var isUnderReview: Bool {
        Self.reviewStates.contains(status) && (receiverStatus.map(Self.reviewStates.contains) ?? true)
    }

    static let reviewStates: Set<CaseStatus> = [.submitted, .correctionRequested]

    /// True when `node` may act for party `partyId`: the party's representative firm, or a lobby terminal of the
    /// case's court (which has checked the party's query credentials).
    public func node(_ node: Participant, actsFor partyId: String) -> Bool {
        if node.isTerminal(of: court) { return representatives[partyId] != nil }
        guard let firm = representatives[partyId] ?? nil else { return false }
        return firm == node.nodeId
    }

    /// The parties `node` may act for.
    public func parties(actedForBy node: Participant) -> [String] {
        representatives.keys.sorted().filter { self.node(node, actsFor: $0) }
    }
}
