import DocketCore
import DocketGit
import Foundation

extension Node {
    /// Writes `change` on top of `tip` (nil: a first commit) as one commit signed with this node's key, every
    /// object in one pack. Moves no reference: the caller moves `main` by compare-and-swap and, when it loses the
    /// race, builds again on the newer tip.
    ///
    /// Every repository this node writes (cases, its court's announcements) gets its commits here, so all of them
    /// carry the same author, committer and `docketsig` header and verify the same way.
    func commitSigned(
        _ change: CaseChange, in repo: Repository, onto tip: ObjectID?, baseTree: ObjectID?,
        at time: HybridTimestamp
    ) throws -> ObjectID {
        try commitSigned(change, in: repo, parents: tip.map { [$0] } ?? [], baseTree: baseTree, at: time)
    }

    /// `commitSigned` with any parents (two for a merge); `baseTree` is the tree `change` applies to.
    package func commitSigned(
        _ change: CaseChange, in repo: Repository, parents: [ObjectID], baseTree: ObjectID?,
        at time: HybridTimestamp
    ) throws -> ObjectID {
        try repo.writingOnePack(over: baseTree) { batch in
            try writeSignedCommit(change, in: batch, parents: parents, baseTree: baseTree, at: time)
        }
    }

    /// The commit of `commitSigned`, written straight into `repo` (for a repository still held in memory).
    func writeSignedCommit(
        _ change: CaseChange, in repo: Repository, parents: [ObjectID], baseTree: ObjectID?,
        at time: HybridTimestamp
    ) throws -> ObjectID {
        let edits = try change.files.sorted(by: { $0.key < $1.key }).map { path, bytes in
            try bytes.map { TreeEdit.upsert(path: path, blob: try repo.writeBlob($0)) } ?? .remove(path: path)
        }
        let tree = try repo.updateTree(baseTree, applying: edits)
        let seconds = time.milliseconds / 1000
        return try repo.createCommit(
            tree: tree, parents: parents,
            author: GitSignature(name: currentOperator, email: "\(currentOperator)@\(config.nodeId)", time: seconds),
            committer: GitSignature(name: config.nodeId, email: config.nodeId, time: seconds),
            message: change.message + "\n"
        ) { bytes in
            CommitSignature(nodeId: config.nodeId, signature: try key.sign(bytes)).header
        }
    }

    /// Waits a little before retrying after losing a compare-and-swap, longer each time, so writers that collided
    /// do not collide again in lockstep.
    static func backOff(attempt: Int) {
        usleep(UInt32(Int.random(in: 100...1_000) * min(attempt + 1, 20)))
    }
}
