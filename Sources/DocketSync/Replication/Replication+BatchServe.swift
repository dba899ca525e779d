import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// One case's frame of a batched fetch for `peer`: its `main` and a pack of what the peer lacks, built in this
    /// process (libgit2's pack builder). Never throws: a case the peer may not see answers exactly as one that does
    /// not exist, and a case that cannot be read answers its error; the stream goes on with the next case.
    package func batchFrame(_ want: BatchFetchRequest.Want, for peer: Peer) -> [UInt8] {
        let missing = DocketError(
            .notFound, key: "sync.batch-no-case", zh: "没有案件\(want.uid)。", en: "There is no case \(want.uid).")
        do {
            guard try node.peer(peer, canSee: want.uid) else {
                return BatchStream.frame(.init(uid: want.uid, error: .init(missing)))
            }
            // An archived case is read from a copy and stays archived.
            guard let repo = try node.readCase(want.uid), let tip = try repo.reference(PeerRef.main) else {
                return BatchStream.frame(.init(uid: want.uid, error: .init(missing)))
            }
            // Only commits this repository holds can be hidden: libgit2 would send everything for one it lacks.
            let haves = want.haves.compactMap(ObjectID.init(hex:)).filter { repo.objectType($0) == "commit" }
            if try haves.contains(where: { try [.same, .ahead].contains(repo.ancestry(of: $0, against: tip)) }) {
                return BatchStream.frame(.init(uid: want.uid, tip: tip.hex, pack: 0))
            }
            guard let pack = try repo.packBytes(from: tip, hiding: haves) else {
                return BatchStream.frame(.init(uid: want.uid, tip: tip.hex, pack: 0))
            }
            return BatchStream.frame(.init(uid: want.uid, tip: tip.hex, pack: pack.bytes.count), pack: pack.bytes)
        } catch {
            let failure = DocketError.wrapping(
                error, zh: "案件\(want.uid)无法读取", en: "Case \(want.uid) could not be read")
            return BatchStream.frame(.init(uid: want.uid, error: .init(failure)))
        }
    }
}
