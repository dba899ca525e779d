import DocketCore
import DocketGit
import Foundation

/// What taking in a peer's `main` did to ours.
public enum Integration: String, Codable, Sendable {
    /// We had no `main`; it is now theirs.
    case created
    /// Ours was behind and now points at theirs.
    case fastForwarded = "fast-forwarded"
    /// Theirs is ours, or already in ours.
    case unchanged
    /// Both moved on: theirs stays on its peer ref until merged.
    case diverged
    /// Both moved on and a merge commit now joins them.
    case merged
}

extension Node {
    /// Makes an empty repository for a case this node is about to receive (by fetch or by a peer's first push).
    public func ensureRepository(_ uid: String) throws {
        guard Identifier.isCaseUID(uid) else {
            throw DocketError(
                .invalidInput, key: "case.uid-invalid", zh: "“\(uid)”不是案件 uid。", en: "\"\(uid)\" is not a case "
                    + "uid.")
        }
        let url = paths.repository(ofCase: uid)
        if !FileManager.default.fileExists(atPath: url.path) {
            do { _ = try Repository.create(bareAt: url.path, sharedHEAD: paths.sharedHEAD(ofCase: uid)) } catch
                where FileManager.default.fileExists(atPath: url.path)
            {}
        }
    }

    /// Moves `name` in case `uid`'s repository to `target`, whatever it points at now, retrying while other writers
    /// get there first; throws when it still cannot (a reference that does not move is never reported as taken).
    /// The case is in the write journal meanwhile, so a lock left by a kill here is cleared by the next node opened.
    package func moveReference(
        _ name: String, in repo: Repository, of uid: String, to target: ObjectID, message: String
    ) throws {
        journal.begin(uid)
        defer { journal.finish(uid) }
        for _ in 0..<Self.maximumAttempts {
            if try repo.updateReference(name, to: target, expecting: try repo.reference(name), message: message) {
                return
            }
        }
        throw DocketError(
            .unavailable, key: "case.busy", zh: "案件\(uid)正被其他操作频繁修改，请稍后重试。",
            en: "The case \(uid) is being changed by others too often; try again.")
    }

    /// Takes a peer's `main` (stored at `peerRef`) into ours where history allows — first copy or fast-forward,
    /// by compare-and-swap — and re-indexes the case. Diverged histories are left for the merge. `known`, when
    /// given, is the case at a commit the caller read already (a batch's checks): if the peer's `main` is that
    /// commit, the case is not read again.
    public func integrate(_ uid: String, peerRef: String, read known: (tip: ObjectID, file: CaseFile)? = nil) throws
        -> Integration
    {
        try integrate([(uid, peerRef, known)])[uid]!.get().integration
    }

    /// `integrate` for many cases (a batch's arrivals), each by its own peer reference: the references move one by
    /// one, and the cases read already are indexed in one transaction. Returns each case's outcome — with the
    /// commit its `main` was moved to, when it was — or error.
    package func integrate(
        _ cases: [(uid: String, peerRef: String, known: (tip: ObjectID, file: CaseFile)?)]
    ) -> [String: Result<(integration: Integration, main: ObjectID?), any Error>] {
        let uids = cases.map(\.uid)
        journal.begin(uids)
        defer { journal.finish(uids) }
        var outcomes: [String: Result<(integration: Integration, main: ObjectID?), any Error>] = [:]
        var read: [(uid: String, file: CaseFile, tip: ObjectID)] = []
        var opened: [String: Repository] = [:]
        for (uid, peerRef, known) in cases {
            do {
                let repo = try repository(uid)
                let (outcome, movedTo, file) = try moveMain(uid, in: repo, peerRef: peerRef, known: known)
                if let file {
                    read.append((uid, file.file, file.tip))
                    // Kept open for the indexing, up to a bound: each handle holds descriptors until then.
                    if opened.count < Self.handlesKeptForIndexing { opened[uid] = repo }
                } else {
                    try indexCase(uid)
                }
                outcomes[uid] = .success((outcome, movedTo))
            } catch { outcomes[uid] = .failure(error) }
        }
        do { try indexCases(read, opened: opened) } catch {
            for (uid, _, _) in read { outcomes[uid] = .failure(error) }
        }
        return outcomes
    }

    /// How many repositories `integrate` keeps open between moving their `main` and indexing them.
    static let handlesKeptForIndexing = 64

    /// Moves our `main` in `repo` (case `uid`'s) to the peer's where history allows; returns how, the commit it
    /// moved `main` to (nil: it did not move it), and the case at the new `main` when the caller's `known` reading
    /// of it is that commit (nil: read it to index it).
    private func moveMain(
        _ uid: String, in repo: Repository, peerRef: String, known: (tip: ObjectID, file: CaseFile)?
    ) throws -> (Integration, ObjectID?, (tip: ObjectID, file: CaseFile)?) {
        guard let theirs = try repo.reference(peerRef) else { return (.unchanged, nil, nil) }
        for _ in 0..<Self.maximumAttempts {
            let ours = try repo.reference(Self.mainRef)
            let outcome: Integration
            if let ours {
                switch try repo.ancestry(of: theirs, against: ours) {
                case .same, .behind: return (.unchanged, nil, nil)
                case .diverged: return (.diverged, nil, nil)
                case .ahead: outcome = .fastForwarded
                }
            } else {
                outcome = .created
            }
            // Our clock must run ahead of every record we take in.
            let file =
                known?.tip == theirs
                ? known?.file : try? CaseReader.caseFile(in: repo, tree: repo.commit(theirs).tree)
            if let file { observe(file.record.updatedAt) }
            if try repo.updateReference(Self.mainRef, to: theirs, expecting: ours, message: "take \(peerRef)") {
                return (outcome, theirs, file.map { (theirs, $0) })
            }
        }
        throw DocketError(
            .unavailable, key: "case.busy", zh: "案件\(uid)正被其他操作频繁修改，请稍后重试。",
            en: "The case \(uid) is being changed by others too often; try again.")
    }
}
