import DocketCore
import DocketStore
import Foundation

extension Node {
    /// The nodes `court` published in its announcements repository (`directory/nodes.json`) as this node holds
    /// it, as directory entries. A court is believed only about the nodes of its own cases, so the entries of one
    /// court's directory verify commits in that court's cases alone.
    func publishedDirectory(court: String?) throws -> [NodeDirectory.Entry] {
        guard let court, court != config.courtCode || config.role != .court,
            let repo = try announcementsRepository(court: court), let tip = try repo.reference("refs/heads/main"),
            let record = try? AnnouncementHistory.directory(in: repo, at: tip)
        else { return [] }
        return record.believable.map {
            NodeDirectory.Entry(
                participant: Participant(nodeId: $0.nodeId, role: $0.role, courtCode: $0.courtCode),
                publicKey: $0.publicKey)
        }
    }

    /// On a court node, publishes its directory anew from its peers and itself (a signed commit in its
    /// announcements repository, only when something changed); nothing elsewhere. Called whenever a peer is
    /// invited, added or removed.
    func republishDirectory() throws {
        guard config.role == .court, let court = config.courtCode else { return }
        var nodes = [
            NodeDirectoryRecord.Node(
                nodeId: config.nodeId, role: .court, courtCode: court, publicKey: key.publicKeyBase64)
        ]
        for peer in try peers.all() {
            nodes.append(
                .init(
                    nodeId: peer.nodeId, role: peer.role, courtCode: peer.role == .kiosk ? court : peer.courtCode,
                    publicKey: peer.publicKey))
        }
        try publishDirectory(nodes)
    }
}
