import DocketCore
import DocketStore
import Foundation

extension Node {
    /// The public keys of this node, its peers and the nodes its courts published in their directories, by node
    /// id (for signature checks over every case, as `docket fsck` makes them).
    public func knownKeys() throws -> [String: String] {
        var keys: [String: String] = [:]
        for court in try announcementCourtsOnDisk() {
            for entry in try publishedDirectory(court: court) { keys[entry.participant.nodeId] = entry.publicKey }
        }
        for peer in try peers.all() { keys[peer.nodeId] = peer.publicKey }
        keys[config.nodeId] = key.publicKeyBase64
        return keys
    }
}
