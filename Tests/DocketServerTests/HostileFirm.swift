import DocketCore
import DocketGit
import DocketStore
import Foundation

/// What a hostile firm with its own valid key can make: commits signed by its node that skip its own policy
/// check (through the library, or with git plumbing and its key), pushed with stock git.
extension Node {
    /// A commit signed by this node whose tree is `parents[0]`'s (default: main) with `edit` applied to its files,
    /// made without the node's policy check. Moves `main` to it only when `moveMain`.
    @discardableResult
    func forge(
        _ uid: String, parents: [ObjectID]? = nil, message: String = "forged", moveMain: Bool = false,
        _ edit: (inout [String: [UInt8]]) throws -> Void
    ) throws -> ObjectID {
        let repo = try repository(uid)
        let main = try repo.reference("refs/heads/main")!
        let parents = parents ?? [main]
        let baseTree = try repo.commit(parents[0]).tree
        let before = try repo.files(inTree: baseTree)
        var after = before
        try edit(&after)
        var change = CaseChange(message: message)
        for path in Set(before.keys).union(after.keys) where before[path] != after[path] {
            change.files[path] = after[path]
        }
        let commit = try commitSigned(change, in: repo, parents: parents, baseTree: baseTree, at: tick())
        if moveMain { _ = try repo.updateReference("refs/heads/main", to: commit, expecting: main, message: message) }
        return commit
    }

    /// A commit of an arbitrary tree (made with git plumbing, e.g. `git mktree`), signed by this node.
    func forge(_ uid: String, tree: ObjectID, parents: [ObjectID]) throws -> ObjectID {
        let repo = try repository(uid)
        let who = GitSignature(name: config.nodeId, email: config.nodeId, time: Int64(Date().timeIntervalSince1970))
        return try repo.createCommit(
            tree: tree, parents: parents, author: who, committer: who, message: "forged tree\n"
        ) { bytes in
            CommitSignature(nodeId: config.nodeId, signature: try key.sign(bytes)).header
        }
    }

    /// A commit signed by this node whose header carries a line no Docket node writes (`extraHeader`, after the
    /// committer), written with `hash-object --literally`; the signature covers the commit as it is, so only the
    /// commit's shape is wrong.
    func forgeRawCommit(
        _ uid: String, tree: ObjectID, parents: [ObjectID], extraHeader: String, in tools: TreeTools
    ) throws -> ObjectID {
        let stamp = "\(config.nodeId) <\(config.nodeId)> \(Int64(Date().timeIntervalSince1970)) +0000"
        let header = ["tree \(tree.hex)"] + parents.map { "parent \($0.hex)" } + [
            "author \(stamp)", "committer \(stamp)", extraHeader,
        ]
        let body = "\n\nforged header\n"
        let unsigned = Array((header.joined(separator: "\n") + body).utf8)
        let signature = CommitSignature(nodeId: config.nodeId, signature: try key.sign(unsigned)).header
        let signed = header + ["\(Repository.signatureHeader) \(signature)"]
        return try tools.rawObject("commit", Array((signed.joined(separator: "\n") + body).utf8))
    }

    /// Commits a case-number change signed by this (non-court) node, as a hostile firm could.
    func forgeCourtField(_ uid: String) throws {
        try forge(uid, message: "set my own case number", moveMain: true) { files in
            var record = try CaseRecord.decode(files["case.json"]!)
            record.caseNumber = "（2026）鲁0102民初9999号"
            files["case.json"] = try record.canonicalBytes()
        }
    }
}

/// JSON record editing for forged trees.
enum Forge {
    static func edit(
        _ files: inout [String: [UInt8]], _ path: String, _ change: (inout [String: JSONValue]) -> Void
    ) throws {
        var members = try JSONParser.parse(files[path]!).objectValue!
        change(&members)
        files[path] = CanonicalJSON.encode(.object(members))
    }
}
