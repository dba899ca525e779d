import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Node {
    /// The merge rules' knowledge of the record schemas (court-owned and review fields).
    public func mergePolicy() throws -> MergePolicy {
        MergePolicy(schemas: try RecordSchemas.load().all)
    }

    /// Joins a peer's diverged `main` (at `peerRef`) with ours: a three-way, field-by-field merge against the merge
    /// base (a virtual base merged from the bases when the history is criss-cross), committed with both as parents
    /// and signed by this node. Conflicts are decided deterministically and kept in `conflicts/`, so every node that
    /// merges the same two sides gets the same tree. When the two sides already hold the same tree (two nodes
    /// merged the same pair), every node settles on the smaller commit id instead of merging again.
    public func mergeDiverged(_ uid: String, peerRef: String) throws -> Integration {
        let repo = try repository(uid)
        guard let theirs = try repo.reference(peerRef) else { return .unchanged }
        let policy = try mergePolicy()
        for attempt in 0..<50 {
            guard let ours = try repo.reference("refs/heads/main") else { return try integrate(uid, peerRef: peerRef) }
            let alreadyOurs = try ours == theirs || repo.isDescendant(ours, of: theirs)
            if alreadyOurs { return .unchanged }
            if try repo.isDescendant(theirs, of: ours) { return try integrate(uid, peerRef: peerRef) }
            let oursCommit = try repo.commit(ours), theirsCommit = try repo.commit(theirs)
            let target: ObjectID
            if oursCommit.tree == theirsCommit.tree {
                guard theirs.hex < ours.hex else { return .unchanged }
                target = theirs
            } else {
                let base = try virtualBase(repo, try repo.mergeBases(ours, theirs), policy: policy, uid: uid)
                let a = try side(repo, oursCommit), b = try side(repo, theirsCommit)
                let merged = try CaseMerge.merge(base: base, a, b, caseUID: uid, policy: policy)
                target = try commitMerge(repo, ours: oursCommit, theirs: theirsCommit, files: a.files, merged: merged.files)
            }
            if try repo.updateReference("refs/heads/main", to: target, expecting: ours, message: "merge \(peerRef)") {
                try indexCase(uid)
                tidyPacks(repo)
                return target == theirs ? .fastForwarded : .merged
            }
            usleep(UInt32(1_000 * (attempt + 1)))
        }
        throw DocketError("The case \(uid) is being changed by others too often; try again.")
    }

    /// One side of a merge: the files of a commit and the node that made it.
    private func side(_ repo: Repository, _ commit: CommitInfo) throws -> MergeSide {
        let node = commit.committer.name
        let isCourt = node == config.nodeId ? config.role == .court : (try? peer(node).role) == .court
        return MergeSide(node: node, isCourt: isCourt, files: try repo.files(inTree: commit.tree))
    }

    /// The files of the merge base; with several bases (criss-cross), the bases merged in id order, recursively.
    private func virtualBase(_ repo: Repository, _ bases: [ObjectID], policy: MergePolicy, uid: String, depth: Int = 0) throws -> [String: [UInt8]] {
        guard let first = bases.first else { return [:] }
        var files = try repo.files(inTree: try repo.commit(first).tree)
        guard depth < 4 else { return files }
        for next in bases.dropFirst() {
            let inner = try virtualBase(repo, try repo.mergeBases(first, next), policy: policy, uid: uid, depth: depth + 1)
            let a = try side(repo, try repo.commit(first)), b = try side(repo, try repo.commit(next))
            files = try CaseMerge.merge(base: inner, MergeSide(node: a.node, isCourt: a.isCourt, files: files), b,
                                        caseUID: uid, policy: policy).files
        }
        return files
    }

    /// Writes the merge commit: our tree changed into the merged files, both sides as parents.
    private func commitMerge(_ repo: Repository, ours: CommitInfo, theirs: CommitInfo, files: [String: [UInt8]],
                             merged: [String: [UInt8]]) throws -> ObjectID {
        var change = CaseChange(message: "Merge \(theirs.committer.name) into main")
        for path in Set(files.keys).union(merged.keys) where files[path] != merged[path] { change.files[path] = merged[path] }
        return try commitSigned(change, in: repo, parents: [ours.id, theirs.id], baseTree: ours.tree, at: tick())
    }
}
