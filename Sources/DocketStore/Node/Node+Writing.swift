import DocketCore
import DocketGit
import Foundation
import GRDB

extension Node {
    package static let mainRef = "refs/heads/main"
    package static let maximumAttempts = 100

    /// Creates a case repository and its first commit; the case must not exist yet. `make` returns the change and
    /// the case it stores (what `CaseFile(files:)` would read back from the change's record files), which is
    /// indexed as it is.
    @discardableResult
    package func createCase(
        uid: String, _ make: (Actor) throws -> (file: CaseFile, change: CaseChange)
    ) throws -> (commit: ObjectID, file: CaseFile) {
        try write(uid: uid, isNew: true) { repoURL in try writeFirstCommit(uid: uid, at: repoURL, make) }
    }

    /// Changes an existing case: one commit built from its current state by `change`.
    ///
    /// When another writer moves the case first, `change` runs again on the newer state, so nobody's update
    /// is lost; `change` must therefore be a pure function of the case it is given.
    @discardableResult
    public func updateCase(
        _ uid: String, _ change: (CaseFile, Actor) throws -> CaseChange
    ) throws -> (commit: ObjectID, file: CaseFile) {
        try write(uid: uid, isNew: false) { repoURL in
            try writeNextCommit(uid: uid, at: repoURL) { current, _, actor in try change(current, actor) }
        }
    }

    /// Like `updateCase`, for changes computed from the record files themselves (path → bytes), such as resolving
    /// a merge conflict.
    @discardableResult
    package func updateCaseRecords(
        _ uid: String, _ change: ([String: [UInt8]], Actor) throws -> CaseChange
    ) throws -> (commit: ObjectID, file: CaseFile) {
        try write(uid: uid, isNew: false) { repoURL in
            try writeNextCommit(uid: uid, at: repoURL) { _, records, actor in try change(records, actor) }
        }
    }

    /// Writes back the court's own versions of files this node had changed in ways the court does not take
    /// (`Node.yieldToCourt`): the one write that skips this node's policy check, because what it writes is the
    /// court's — as the court holds it — and the check would judge those values as this node's own steps.
    @discardableResult
    package func restoreCourtVersions(
        _ uid: String, _ change: ([String: [UInt8]], Actor) throws -> CaseChange
    ) throws -> (commit: ObjectID, file: CaseFile) {
        try write(uid: uid, isNew: false) { repoURL in
            try writeNextCommit(uid: uid, at: repoURL, checked: false) { _, records, actor in try change(records, actor)
            }
        }
    }

    /// The write path: journal → commit (`commit` makes it and moves `main`) → index.
    /// `commit` returns the repository to check `main` in before indexing, or nil for a new case, whose uid nobody
    /// else knows before this returns.
    private func write(
        uid: String, isNew: Bool, _ commit: (URL) throws -> (ObjectID, CaseFile, Repository?)
    ) throws -> (ObjectID, CaseFile) {
        guard Identifier.isCaseUID(uid) else {
            throw DocketError(
                .invalidInput, key: "case.uid-invalid", zh: "“\(uid)”不是案件 uid。",
                en: "\"\(uid)\" is not a case "
                    + "uid.")
        }
        let repoURL = paths.repository(ofCase: uid)
        if !isNew, !FileManager.default.fileExists(atPath: repoURL.path) {
            throw DocketError(.notFound, key: "case.not-found", zh: "没有案件\(uid)。", en: "No case \(uid).")
        }
        journal.begin(uid)
        defer { journal.finish(uid) }
        let (id, file, repo) = try commit(repoURL)
        // Fault injection for the crash-recovery test: die between the commit and the index, as a power cut would.
        if ProcessInfo.processInfo.environment["DOCKET_FAULT"] == "crash-after-commit" { exit(75) }
        try index(file, committedAs: id, in: repo, isNew: isNew)
        if let repo { tidyPacks(repo) }
        return (id, file)
    }

    /// Merges a case's small per-commit packs once enough have piled up (`consolidateSmallPacks`). Upkeep only:
    /// a failure changes nothing and the next write tries again.
    package func tidyPacks(_ repo: Repository) {
        _ = try? repo.consolidateSmallPacks()
    }

    /// A new case: the repository is made complete, its first commit included, and renamed into place, which
    /// fails when the case exists; there is no reference to race for.
    private func writeFirstCommit(
        uid: String, at repoURL: URL, _ make: (Actor) throws -> (file: CaseFile, change: CaseChange)
    ) throws -> (ObjectID, CaseFile, Repository?) {
        let actor = Actor(node: config.nodeId, name: currentOperator, time: tick())
        let (file, change) = try make(actor)
        assert(
            (try? CaseFile(files: change.files.compactMapValues { $0 }.filter { CaseFile.isRecordPath($0.key) }))
                == file,
            "the case handed to createCase must be the one its change stores")
        var standing = CaseStanding(file)
        standing.uid = uid
        try checkOwnChange(change, records: [:], standing: standing, after: file)
        let commit: ObjectID
        do {
            commit = try Repository.create(bareAt: repoURL.path, sharedHEAD: paths.sharedHEAD(ofCase: uid)) {
                memory in
                try writeSignedCommit(change, in: memory, parents: [], baseTree: nil, at: actor.time)
            }
        } catch  where FileManager.default.fileExists(atPath: repoURL.path) {
            throw DocketError(
                .conflict, key: "case.already-exists", zh: "案件\(uid)已存在。", en: "The case \(uid) already exists.")
        }
        return (commit, file, nil)
    }

    /// An existing case: commit on its current `main` and move `main` by compare-and-swap, building again on the
    /// newer state when another writer moved it first.
    private func writeNextCommit(
        uid: String, at repoURL: URL, checked: Bool = true,
        _ build: (CaseFile, [String: [UInt8]], Actor) throws -> CaseChange
    ) throws -> (ObjectID, CaseFile, Repository?) {
        let repo = try repository(uid)
        var committed: (ObjectID, CaseFile)?
        let parsed = RecordCache()
        for attempt in 0..<Self.maximumAttempts {
            guard let tip = try repo.reference(Self.mainRef) else {
                throw DocketError(.notFound, key: "case.not-found", zh: "没有案件\(uid)。", en: "No case \(uid).")
            }
            let baseTree = try repo.commit(tip).tree
            let records = try CaseReader.recordFiles(in: repo, tree: baseTree)
            let current = try CaseFile(files: records, cache: parsed)
            observe(current.record.updatedAt)
            let actor = Actor(node: config.nodeId, name: currentOperator, time: tick())
            let change = try build(current, records, actor)
            // Another process of this node may have used the same clock reading for its timeline entry: take a new one.
            if change.files.keys.contains(where: { $0.hasPrefix("docket/") && records[$0] != nil }) { continue }
            var after = records
            for (path, bytes) in change.files where CaseFile.isRecordPath(path) { after[path] = bytes }
            let afterFile = try CaseFile(files: after, cache: parsed)
            if checked {
                try checkOwnChange(change, records: records, standing: CaseStanding(current), after: afterFile)
            }
            let commit = try commitSigned(change, in: repo, onto: tip, baseTree: baseTree, at: actor.time)
            if try repo.updateReference(Self.mainRef, to: commit, expecting: tip, message: change.message) {
                committed = (commit, afterFile)
                break
            }
            // Lost the race: rebuild on the new tip.
            Self.backOff(attempt: attempt)
        }
        guard let committed else {
            throw DocketError(
                .unavailable, key: "case.busy", zh: "案件\(uid)正被其他操作频繁修改，请稍后重试。",
                en: "The case \(uid) is being changed by others too often; try again.")
        }
        return (committed.0, committed.1, repo)
    }

    /// Indexes the case as just committed, without reading it back from git — unless another writer has moved
    /// `main` in `repo` since, in which case the newest state is read from git.
    private func index(_ file: CaseFile, committedAs commit: ObjectID, in repo: Repository?, isNew: Bool) throws {
        let periods = try periods()
        let indexedOurs = try database.write { db -> Bool in
            if let repo, try repo.reference(Self.mainRef) != commit { return false }
            try CaseIndexer.index(file, tip: commit.hex, in: db, periods: periods, isNew: isNew)
            return true
        }
        if !indexedOurs { try indexCase(file.record.uid) }
    }

    /// Indexes case `uid` as `file`, which the caller read at `tip` already (a batch's checks did): what
    /// `indexCase` does, without reading the case again. Should `main` no longer be `tip`, the case is read anew.
    package func indexCase(_ uid: String, as file: CaseFile, at tip: ObjectID) throws {
        try indexCases([(uid, file, tip)])
    }

    /// `indexCase(_:as:at:)` for many cases, in one transaction: a batch of arrivals shares the writing of the
    /// index's pages (the full-text tables above all) instead of paying it once per case. `opened` holds
    /// repositories of some of the cases the caller has open already (`main` is read from them, not from a handle
    /// opened again).
    package func indexCases(
        _ cases: [(uid: String, file: CaseFile, tip: ObjectID)], opened: [String: Repository] = [:]
    ) throws {
        guard !cases.isEmpty else { return }
        let periods = try periods()
        let movedOn = try database.write { db -> [String] in
            var movedOn: [String] = []
            let searchRows = CaseSearchRows()
            for (uid, file, tip) in cases {
                guard let repo = try opened[uid] ?? readCaseObjects(uid), try repo.reference(Self.mainRef) == tip else {
                    movedOn.append(uid)
                    continue
                }
                if try CaseIndexer.indexedTip(uid: uid, in: db) == tip.hex { continue }
                try CaseIndexer.index(file, tip: tip.hex, in: db, periods: periods, searchRows: searchRows)
            }
            try searchRows.write(in: db)
            return movedOn
        }
        for uid in movedOn { try indexCase(uid) }
    }

    /// Brings the index of one case up to its current `main` (no-op when it already is). Reads the tip inside
    /// the index transaction, so two processes indexing in either order leave the newest state.
    package func indexCase(_ uid: String, keepSequence: Bool = false) throws {
        let periods = try periods()
        try database.write { db in
            guard let repo = try readCaseObjects(uid) else {
                try CaseIndexer.delete(uid: uid, in: db)
                return
            }
            guard let tip = try repo.reference(Self.mainRef) else { return }
            if try CaseIndexer.indexedTip(uid: uid, in: db) == tip.hex { return }
            let file = try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
            try CaseIndexer.index(file, tip: tip.hex, in: db, periods: periods, keepSequence: keepSequence)
        }
    }
}
