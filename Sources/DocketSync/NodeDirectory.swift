import DocketCore
import DocketGit
import DocketStore
import Foundation

/// Every node whose signatures this node can check, with what it is: itself, its peers, and the nodes its court
/// publishes in its signed directory (`Node+Directory`). The role of a signer comes from here, never from a
/// committer name.
public struct NodeDirectory: Sendable {
    public struct Entry: Sendable, Equatable {
        public var participant: Participant
        /// Base64 Ed25519 public key.
        public var publicKey: String
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry]) { self.entries = entries }

    /// The entry of a node, or nil when its key is unknown here.
    public subscript(node: String) -> Entry? { entries[node] }

    /// Public keys by node id.
    public var publicKeys: [String: String] { entries.mapValues(\.publicKey) }

    /// The verified signer of a signed commit, or why it cannot be believed.
    /// The node a commit says signed it, looked up without verifying the signature — only for a commit already
    /// verified (this node's own `main`: everything on it passed the checks when it was written or taken).
    func claimedSigner(of commit: CommitInfo) -> Participant? {
        guard let (header, _) = commit.signature, let signature = CommitSignature(header: header) else { return nil }
        return entries[signature.nodeId]?.participant
    }

    func signer(of commit: CommitInfo) -> Result<Participant, PolicyRefusal> {
        let short = String(commit.id.hex.prefix(12))
        func refuse(_ zh: String, _ en: String, _ who: String = "?") -> Result<Participant, PolicyRefusal> {
            .failure(PolicyRefusal(.invalid, path: "commit \(short)", signer: who, chinese: zh, english: en))
        }
        guard let (header, signed) = commit.signature, let signature = CommitSignature(header: header) else {
            return refuse("提交 \(short) 没有签名。", "commit \(short) is not signed")
        }
        guard let entry = entries[signature.nodeId] else {
            return refuse(
                "提交 \(short) 的签名节点 \(signature.nodeId) 未知（不在对等节点或法院公布的节点名录中）。",
                "commit \(short) is signed by unknown node \(signature.nodeId)", signature.nodeId)
        }
        guard NodeKey.verify(signature.signature, of: signed, publicKeyBase64: entry.publicKey) else {
            return refuse(
                "提交 \(short) 的签名验证不通过（自称 \(signature.nodeId)）。",
                "commit \(short) has a bad signature (claims \(signature.nodeId))", signature.nodeId)
        }
        return .success(entry.participant)
    }
}

extension Node {
    /// The directory this node checks signatures in a case of `court` against: itself, its peers (a kiosk peer
    /// of a court belongs to that court), and the directory that court published. A peer registered here by the
    /// administrator wins over a published entry for the same node.
    package func nodeDirectory(court: String? = nil) throws -> NodeDirectory {
        var entries: [String: NodeDirectory.Entry] = [:]
        for entry in try publishedDirectory(court: court) { entries[entry.participant.nodeId] = entry }
        for peer in try peers.all() {
            let court = peer.role == .kiosk && config.role == .court ? config.courtCode : peer.courtCode
            entries[peer.nodeId] = .init(
                participant: Participant(nodeId: peer.nodeId, role: peer.role, courtCode: court),
                publicKey: peer.publicKey)
        }
        entries[config.nodeId] = .init(participant: participant, publicKey: key.publicKeyBase64)
        return NodeDirectory(entries: entries)
    }
}
