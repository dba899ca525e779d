import DocketCore
import DocketGit
import DocketStore
import Foundation

/// The one check every history passes before any reference of this node moves to it — a push (git's
/// pre-receive, while the objects sit in quarantine), a fetch (before `main` moves), a bundle import — judged
/// against what this node holds.
///
/// 1. Every new commit (reachable from the tip, not from our `main`) carries a valid signature of a node in the
///    directory; a merge has two parents; a history unrelated to ours is refused.
/// 2. Every new tree is clean: only regular files and folders at the places the replicated format has (no
///    symlinks, gitlinks, `..`, `.git`, control characters, names differing only by case).
/// 3. The net change — our merge base with the tip against the tip — is attributed, leaf by leaf, to the signers
///    of the new commits that wrote it, and each of their steps is judged by the `AuthorityPolicy` on the case
///    as that step found it (with the receiver's status). A value no new commit wrote but that differs from
///    the merge base (an old value brought back through an extra parent) is judged as the merging signer's own
///    change. Changes written and undone again count for nothing.
/// 4. The tip's tree is a whole case: case.json of this uid, every record valid against its schema, every
///    document's bytes as its metadata describes and within this node's documents.maxBytes.
struct HistoryCheck {
    let repo: Repository
    let uid: String
    let directory: NodeDirectory
    let judge: AuthorityJudge
    let maxDocumentBytes: Int64

    /// Throws `AuthorityRefusal` with every reason when the history from `tip` may not be taken over `main`.
    func check(tip: ObjectID, main: ObjectID?) throws {
        var trees = TreeCache(repo: repo)
        let newCommits = try repo.commits(from: tip, hiding: main.map { [$0] } ?? []).map { try repo.commit($0) }
        if newCommits.isEmpty { return }
        var refusals: [PolicyRefusal] = []
        var signers: [ObjectID: Participant] = [:]
        let mainTree = try main.map { try repo.commit($0).tree }
        for commit in newCommits {
            switch directory.signer(of: commit) {
            case .success(let signer): signers[commit.id] = signer
            case .failure(let refusal): refusals.append(refusal)
            }
            refusals += commitShapeProblems(commit, hasMain: main != nil)
            refusals += ObjectShapeCheck.commitFindings(try repo.rawContent(of: commit.id)).prefix(3).map {
                let short = String(commit.id.hex.prefix(12))
                return PolicyRefusal(
                    .invalid, path: "commit \(short)", signer: signers[commit.id]?.nodeId ?? "?",
                    chinese: "提交 \(short) 的格式不是 Docket 节点所写的：\($0.chinese)。",
                    english: "commit \(short) is not shaped as a Docket node writes it: \($0.english)")
            }
            refusals += try trees.hygieneProblems(
                commit.tree, commit: commit.id, signer: signers[commit.id]?.nodeId ?? "?", trusted: mainTree)
        }
        guard refusals.isEmpty else { throw AuthorityRefusal(refusals) }

        let base = try mergeBase(tip: tip, main: main)
        let baseFiles = try base.map { try trees.blobs(try repo.commit($0).tree) } ?? [:]
        let tipCommit = try repo.commit(tip)
        let tipFiles = try trees.blobs(tipCommit.tree)
        let receiverStatus = try mainTree.flatMap { try trees.standing($0, uid: uid)?.status }
        let net = try NetChange(base: baseFiles, tip: tipFiles, trees: &trees)
        refusals += try judgeSteps(
            newCommits, signers: signers, net: net, base: base, baseFiles: baseFiles,
            tipFiles: tipFiles, receiverStatus: receiverStatus, trees: &trees)
        refusals += try wholeCaseProblems(tipFiles, net: net, signer: signers[tip]?.nodeId ?? "?", trees: &trees)
        if !refusals.isEmpty { throw AuthorityRefusal(refusals) }
    }

    /// A merge joins exactly two histories; only a new case starts a history.
    private func commitShapeProblems(_ commit: CommitInfo, hasMain: Bool) -> [PolicyRefusal] {
        let short = String(commit.id.hex.prefix(12))
        if commit.parents.count > 2 {
            return [
                PolicyRefusal(
                    .invalid, path: "commit \(short)", signer: "?", chinese: "提交 \(short) 合并了两个以上的历史。",
                    english: "commit \(short) merges more than two histories")
            ]
        }
        if commit.parents.isEmpty, hasMain {
            return [
                PolicyRefusal(
                    .invalid, path: "commit \(short)", signer: "?", chinese: "提交 \(short) "
                        + "另起了一段与本案无关的历史。",
                    english: "commit \(short) starts a history unrelated to this case's")
            ]
        }
        return []
    }

    /// Our main when the tip builds on it, else the first merge base (nil for a new case).
    private func mergeBase(tip: ObjectID, main: ObjectID?) throws -> ObjectID? {
        guard let main else { return nil }
        if try repo.isDescendant(tip, of: main) { return main }
        guard let base = try repo.mergeBases(main, tip).first else {
            throw AuthorityRefusal([
                PolicyRefusal(
                    .invalid, path: "history", signer: "?", chinese: "推送的历史与本节点的案件历史没有共同起点。",
                    english: "the history shares nothing with this case's history here")
            ])
        }
        return base
    }

    /// Judges, for every path of the net change, each new commit's step that wrote part of it.
    private func judgeSteps(
        _ commits: [CommitInfo], signers: [ObjectID: Participant], net: NetChange, base: ObjectID?,
        baseFiles: [String: ObjectID], tipFiles: [String: ObjectID], receiverStatus: CaseStatus?,
        trees: inout TreeCache
    ) throws -> [PolicyRefusal] {
        var refusals: [PolicyRefusal] = []
        var unwritten = net.leaves
        for commit in commits {
            guard let signer = signers[commit.id] else { continue }
            let files = try trees.blobs(commit.tree)
            let parents = try commit.parents.map { try trees.blobs(try repo.commit($0).tree) }
            let parentTree = try commit.parents.first.map { try repo.commit($0).tree }
            for path in net.paths where parents.isEmpty || parents.allSatisfy({ $0[path] != files[path] }) {
                let after = try trees.value(path, files[path])
                let before = try trees.value(path, parents.first?[path] ?? nil)
                let priors = try parents.map { try trees.value(path, $0[path]) }
                let written = Self.writtenLeaves(after: after, priors: priors).intersection(net.leaves[path] ?? [])
                let wholeFile = before == nil || after == nil
                if written.isEmpty && !wholeFile { continue }
                unwritten[path]?.subtract(written)
                if wholeFile { unwritten[path] = [] }
                var standing =
                    try parentTree.flatMap { try trees.standing($0, uid: uid) }
                    ?? (try trees.standing(commit.tree, uid: uid))
                    ?? CaseStanding(uid: uid, court: "", filedBy: "", status: .submitted, representatives: [:])
                standing.uid = uid
                standing.receiverStatus = receiverStatus
                let step = FileStep(path: path, before: before, after: after, leaves: wholeFile ? nil : written)
                refusals += judge.judge(
                    step, by: signer, standing: standing,
                    payments: { (try? trees.caseFile(commit.tree))?.payments ?? [] })
            }
        }
        // Net changes no new commit wrote came through a merge that took an old value: the merge's signer owns them.
        let orphans = unwritten.filter { !$0.value.isEmpty }
        if !orphans.isEmpty {
            let mergers = commits.filter { $0.parents.count > 1 }.compactMap { signers[$0.id] }
            let owners = mergers.isEmpty ? commits.suffix(1).compactMap { signers[$0.id] } : mergers
            var standing =
                try base.flatMap { try trees.standing(try repo.commit($0).tree, uid: uid) }
                ?? CaseStanding(uid: uid, court: "", filedBy: "", status: .submitted, representatives: [:])
            standing.receiverStatus = receiverStatus
            for (path, leaves) in orphans.sorted(by: { $0.key < $1.key }) {
                let step = FileStep(
                    path: path, before: try trees.value(path, baseFiles[path]),
                    after: try trees.value(path, tipFiles[path]),
                    leaves: leaves)
                for owner in Set(owners) { refusals += judge.judge(step, by: owner, standing: standing) }
            }
        }
        return refusals
    }

    /// The leaves of `after` that differ from the same leaf in every prior version (all of them for a new file).
    static func writtenLeaves(after: JSONValue?, priors: [JSONValue?]) -> Set<String> {
        let mine = after.map(RecordLeaves.init)
        let theirs = priors.map { $0.map(RecordLeaves.init) }
        var leaves = Set(mine?.values.keys.map { $0 } ?? [])
        for prior in theirs { leaves.formUnion(prior?.values.keys.map { $0 } ?? []) }
        return leaves.filter { leaf in theirs.allSatisfy { ($0?[leaf]) != mine?[leaf] } }
    }

    /// The tip as a whole case: layout, records valid, documents as described.
    private func wholeCaseProblems(
        _ files: [String: ObjectID], net: NetChange, signer: String, trees: inout TreeCache
    ) throws -> [PolicyRefusal] {
        var problems = CaseTreeCheck.layoutProblems(paths: Array(files.keys)) { id in
            try? trees.value("documents/\(id)/meta.json", files["documents/\(id)/meta.json"])
        }
        if let record = try trees.value("case.json", files["case.json"]), record["uid"]?.stringValue != uid {
            problems.append("case.json belongs to case \(record["uid"]?.stringValue ?? "—"), not \(uid)")
        }
        let documents = Set(
            net.paths.compactMap { path -> String? in
                let parts = path.split(separator: "/");
                return parts.count == 3 && parts[0] == "documents" ? String(parts[1]) : nil
            })
        for id in documents.sorted() {
            guard let meta = try? trees.value("documents/\(id)/meta.json", files["documents/\(id)/meta.json"]),
                let name = meta["name"]?.stringValue, let blob = files["documents/\(id)/\(name)"]
            else { continue }
            let bytes = try repo.readBlob(blob)
            if let problem = CaseTreeCheck.contentProblem(
                meta: meta, size: Int64(bytes.count), sha256: sha256Hex(bytes), maxBytes: maxDocumentBytes)
            {
                problems.append(problem)
            }
        }
        return problems.map {
            PolicyRefusal(
                .invalid, path: "tree", signer: signer, chinese: "案件内容不完整或不一致：\($0)。",
                english: "The case is not whole: \($0).")
        }
    }
}

/// What the history changes against the merge base: the paths, and for records the leaves.
struct NetChange {
    var paths: [String]
    var leaves: [String: Set<String>]

    init(base: [String: ObjectID], tip: [String: ObjectID], trees: inout TreeCache) throws {
        paths = Set(base.keys).union(tip.keys).filter { base[$0] != tip[$0] }.sorted()
        leaves = [:]
        for path in paths {
            let before = try trees.value(path, base[path]), after = try trees.value(path, tip[path])
            leaves[path] = Set(RecordLeaves.changed(before.map(RecordLeaves.init), after.map(RecordLeaves.init)))
        }
    }
}

extension Replication {
    /// Runs `HistoryCheck` for the history at `tip` over `main` (nil: a case this node does not hold yet), with
    /// the directory of the case's court; throws `AuthorityRefusal` with every reason. A batch passes its
    /// `judges`, made once for all its cases, and for a new case the court it read already (a case we hold is
    /// judged by the court our `main` names, never by the one the peer's tip says: leave `court` nil).
    package func historyCheck(
        _ repo: Repository, uid: String, tip: ObjectID, main: ObjectID?, court knownCourt: String? = nil,
        judges: CheckJudges? = nil
    ) throws {
        let court =
            knownCourt ?? (try? CaseReader.caseFile(in: repo, tree: try repo.commit(main ?? tip).tree).record.court)
        let made = try (judges ?? CheckJudges(node: node)).of(court: court)
        try HistoryCheck(
            repo: repo, uid: uid, directory: made.directory, judge: made.judge, maxDocumentBytes: node.documentMaxBytes
        ).check(tip: tip, main: main)
    }
}
