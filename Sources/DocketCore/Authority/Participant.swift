/// A node whose signature has been verified, with what it is: the only input the policy takes about *who* made a
/// change. It comes from the verified `docketsig` of a commit and the node directory, never from a committer name.
public struct Participant: Sendable, Equatable, Hashable {
    public var nodeId: String
    public var role: NodeRole
    /// The court a court node is, or the court a kiosk belongs to (its lobby terminal); nil for a firm.
    public var courtCode: String?

    public init(nodeId: String, role: NodeRole, courtCode: String?) {
        self.nodeId = nodeId; self.role = role; self.courtCode = courtCode
    }

    /// True when this node is the court of a case filed with `court`: the authority on the case's court fields.
    public func isCourt(of court: String) -> Bool { role == .court && courtCode == court }

    /// True when this node is a lobby terminal of the case's court (it acts for whichever party unlocked the case
    /// with its query credentials, and takes payments through the court's gateway).
    public func isTerminal(of court: String) -> Bool { role == .kiosk && courtCode == court }
}
