import DocketCore
import DocketGit
import DocketStore
import Foundation
import GRDB

extension Replication {
    /// The merge rules' knowledge of the record schemas (court-owned and review fields), built once per process.
    package func mergePolicy() throws -> MergePolicy { try Self.shippedMergePolicy.get() }

    private static let shippedMergePolicy = RecordSchemas.shipped.map { MergePolicy(schemas: $0.all) }

    /// Joins a peer's diverged `main` (at `peerRef`) with ours: a three-way, field-by-field merge against the merge
    /// base (a virtual base merged from the bases when the history is criss-cross), committed with both as parents
    /// and signed by this node. Conflicts are decided deterministically and kept in `conflicts/`, so every node that
    /// merges the same two sides gets the same tree. When the two sides already hold the same tree (two nodes
    /// merged the same pair), every node settles on the smaller commit id instead of merging again.
    public func mergeDiverged(_ uid: String, peerRef: String) throws -> Integration {
        let repo = try node.repository(uid)
        guard let theirs = try repo.reference(peerRef) else { return .unchanged }
        let policy = try mergePolicy()
        // The court from the index (a diverged case is one we hold, so it is indexed); reading the whole case for
        // it was a third of a merge's time.
        let indexed = try? node.indexedCourt(of: uid)
        let directory = try node.nodeDirectory(court: indexed ?? (try? node.caseFile(uid).record.court))
        for attempt in 0..<50 {
            guard let ours = try repo.reference("refs/heads/main") else {
                return try node.integrate(uid, peerRef: peerRef)
            }
            switch try repo.ancestry(of: ours, against: theirs) {
            case .same, .ahead: return .unchanged
            case .behind: return try node.integrate(uid, peerRef: peerRef)
            case .diverged: break
            }
            let oursCommit = try repo.commit(ours), theirsCommit = try repo.commit(theirs)
            let target: ObjectID
            if oursCommit.tree == theirsCommit.tree {
                guard theirs.hex < ours.hex else { return .unchanged }
                target = theirs
            } else {
                let base = try virtualBase(
                    repo, try repo.mergeBases(ours, theirs), policy: policy, uid: uid, directory: directory)
                let a = try side(repo, oursCommit, directory: directory, verified: true),
                    b = try side(repo, theirsCommit, directory: directory)
                let merged = try CaseMerge.merge(base: base, a, b, caseUID: uid, policy: policy)
                target = try commitMerge(
                    repo, ours: oursCommit, theirs: theirsCommit, files: a.files, merged: merged.files)
            }
            if try repo.updateReference("refs/heads/main", to: target, expecting: ours, message: "merge \(peerRef)") {
                try node.indexCase(uid)
                node.tidyPacks(repo)
                return target == theirs ? .fastForwarded : .merged
            }
            usleep(UInt32(1_000 * (attempt + 1)))
        }
        throw DocketError(
            .unavailable, key: "case.busy", zh: "案件\(uid)正被其他操作频繁修改，请稍后重试。",
            en: "The case \(uid) is being changed by others too often; try again.")
    }

    /// One side of a merge: the files of a commit and the node that signed it. Whether the side is the court —
    /// whose values win clashes on court-owned fields — comes from the verified signature and the directory,
    /// never from the committer name: a commit that does not verify is no court's. `verified`: the commit is our own
    /// `main`'s tip, checked when it got there, so its signature is not verified again (half a merge's time went on
    /// verifying both sides).
    private func side(
        _ repo: Repository, _ commit: CommitInfo, directory: NodeDirectory, verified: Bool = false
    ) throws -> MergeSide {
        let files = try repo.files(inTree: commit.tree)
        let court = (try? JSONParser.parse(files["case.json"] ?? []))?["court"]?.stringValue ?? ""
        if verified, let signer = directory.claimedSigner(of: commit) {
            return MergeSide(node: signer.nodeId, isCourt: signer.isCourt(of: court), files: files)
        }
        switch directory.signer(of: commit) {
        case .success(let signer):
            return MergeSide(node: signer.nodeId, isCourt: signer.isCourt(of: court), files: files)
        case .failure: return MergeSide(node: commit.committer.name, isCourt: false, files: files)
        }
    }

    /// The files of the merge base; with several bases (criss-cross), the bases merged in id order, recursively.
    private func virtualBase(
        _ repo: Repository, _ bases: [ObjectID], policy: MergePolicy, uid: String, directory: NodeDirectory,
        depth: Int = 0
    ) throws -> [String: [UInt8]] {
        guard let first = bases.first else { return [:] }
        var files = try repo.files(inTree: try repo.commit(first).tree)
        guard depth < 4 else { return files }
        for next in bases.dropFirst() {
            let inner = try virtualBase(
                repo, try repo.mergeBases(first, next), policy: policy, uid: uid, directory: directory,
                depth: depth + 1)
            let a = try side(repo, try repo.commit(first), directory: directory),
                b = try side(repo, try repo.commit(next), directory: directory)
            files = try CaseMerge.merge(
                base: inner, MergeSide(node: a.node, isCourt: a.isCourt, files: files), b,
                caseUID: uid, policy: policy
            ).files
        }
        return files
    }

    /// Writes the merge commit: our tree changed into the merged files, both sides as parents.
    private func commitMerge(
        _ repo: Repository, ours: CommitInfo, theirs: CommitInfo, files: [String: [UInt8]],
        merged: [String: [UInt8]]
    ) throws -> ObjectID {
        var change = CaseChange(message: "Merge \(theirs.committer.name) into main")
        for path in Set(files.keys).union(merged.keys) where files[path] != merged[path] {
            change.files[path] = merged[path]
        }
        return try node.commitSigned(
            change, in: repo, parents: [ours.id, theirs.id], baseTree: ours.tree, at: node.tick())
    }
}
