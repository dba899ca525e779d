/// The nodes that take part in a court's cases, published by the court (`directory/nodes.json` in its
/// announcements repository, signed like every publication): their keys and roles, so that a firm or kiosk can
/// verify commits made by other firms and terminals, and knows which node is the court.
public struct NodeDirectoryRecord: Record, Equatable {
    public static let schema = "docket.directory/1"
    /// Its file in the announcements repository.
    public static let path = "directory/nodes.json"

    public struct Node: Codable, Equatable, Sendable {
        public var nodeId: String
        public var role: NodeRole
        /// The court a court node is or a kiosk belongs to; nil for a firm.
        public var courtCode: String?
        /// Base64 Ed25519 public key.
        public var publicKey: String

        public init(nodeId: String, role: NodeRole, courtCode: String?, publicKey: String) {
            self.nodeId = nodeId; self.role = role; self.courtCode = courtCode; self.publicKey = publicKey
        }
    }

    public var court: String
    /// Sorted by node id.
    public var nodes: [Node]
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(court: String, nodes: [Node], at time: HybridTimestamp, by node: String) {
        self.court = court; self.nodes = nodes.sorted { $0.nodeId < $1.nodeId }; self.updatedAt = time;
        self.updatedBy = node
    }

    /// The entries a reader may believe: a court vouches for firms, for other courts as what they are, and for
    /// lobby terminals only as its own.
    public var believable: [Node] {
        nodes.filter { $0.role != .kiosk || $0.courtCode == court }
    }

    /// The change that publishes the directory.
    public func publication() throws -> CaseChange {
        var change = CaseChange(message: "Node directory: \(nodes.count) nodes")
        try change.write(self, at: Self.path)
        return change
    }
}
