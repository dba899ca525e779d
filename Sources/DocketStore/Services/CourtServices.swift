import DocketCore

/// The court's services beyond filing and fees (issue 8): requests (preservation, appraisal, enforcement, …) and
/// rulings on them, hearings and transcripts, reception bookings and video meetings, claim amendments, deadlines
/// and the holiday notices that move them, and the collisions a merge can leave between bookings or hearings. Each
/// step is one signed commit of the case (`Node.serviceStep`). It reads the index tables the case indexer keeps for
/// them — `requests`, `hearings`, `bookings`, `deadlines` — and owns `deadline_moves`.
public struct CourtServices: Sendable {
    /// The node whose cases the services are recorded in.
    let node: Node
}

extension Node {
    /// The court's services at this node.
    public var services: CourtServices { CourtServices(node: self) }
}
