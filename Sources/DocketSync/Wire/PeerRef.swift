import DocketStore

/// The references a sync reads and writes in a case (or announcements) repository — the one place they are named.
public enum PeerRef {
    /// The case as this node holds it.
    public static let main = Node.mainRef

    /// What `peer` last sent (or what we last took from it): pushes land here, pulls move it after the check.
    public static func main(of peer: String) -> String { "refs/peers/\(peer)/main" }

    /// Where a pull from `peer` waits while its history is checked; moved or removed, never left.
    public static func incoming(from peer: String) -> String { "refs/docket/incoming/\(peer)" }

    /// Where a court's announcements wait while they are checked.
    public static func announcementsIncoming(from peer: String) -> String { "refs/peers/\(peer)/incoming" }

    /// The refspec that fetches a peer's `main` into `target`.
    public static func fetch(into target: String) -> String { "+\(main):\(target)" }

    /// The refspec that pushes our `main` to our own ref on a peer.
    public static func push(as node: String) -> String { "+\(main):\(main(of: node))" }
}
