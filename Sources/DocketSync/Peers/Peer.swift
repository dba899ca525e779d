import DocketCore
import DocketStore

/// A node this node replicates with.
public struct Peer: Codable, Sendable, Equatable {
    public var nodeId: String
    public var role: NodeRole
    /// Its Ed25519 public key (base64), which verifies the commits it signs.
    public var publicKey: String
    /// For a court peer, the court code (法院代字) of the cases it holds.
    public var courtCode: String?
    /// Where this node reaches it, when this node is its client.
    public var url: String?
    /// Its change sequence this node has fetched up to, and this node's sequence it has pushed up to.
    public var pullSince: Int64
    public var pushSince: Int64
    /// The fingerprints (`sha256:<hex>`) of the TLS certificates this node accepts from it over HTTPS: two while
    /// it rotates. Empty for a peer reached over plain HTTP on loopback (or one that only reaches us).
    public var pins: [String]

    public init(
        nodeId: String, role: NodeRole, publicKey: String, courtCode: String?, url: String?, pullSince: Int64 = 0,
        pushSince: Int64 = 0, pins: [String] = []
    ) {
        self.nodeId = nodeId; self.role = role; self.publicKey = publicKey; self.courtCode = courtCode; self.url = url
        self.pullSince = pullSince; self.pushSince = pushSince; self.pins = pins
    }
}
