import DocketCore
import DocketGit
import DocketStore
import Foundation

/// The stream ended or broke: what came before it is taken, the rest waits for the next sync.
struct BatchStreamEnded: Error, CustomStringConvertible {
    let reason: DocketError
    var description: String { "\(reason)" }
}

extension Node {
    /// Removes what a batched fetch of a process that no longer runs left in `<data>/incoming` (a stream on disk,
    /// quarantined packs): a sync killed midway leaves them, and nothing of them was taken.
    func clearDeadIncoming() {
        let folder = paths.incoming
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, parts[0] == "q" || parts[0] == "batch", let pid = pid_t(parts[1]),
                pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Pulls one page of the changes feed in one request (`BatchStream`): the cases whose `main` moved, each with
    /// the commits we hold of it. The answer is kept on disk as it arrives; then each case's pack is indexed into a
    /// quarantine folder (libgit2's indexer checks it is whole and closed), its history is checked exactly as a
    /// fetch over git is (`checkArrival` for a new case, `historyCheck`), and only then does the pack enter the
    /// case and `refs/peers/<peer>/main` move. A refused or damaged case costs only itself.
    ///
    /// Returns whether a case failed (the page's checkpoint then stays), or nil when the peer does not offer the
    /// batched fetch after all (404/405): the caller fetches case by case.
    func pullBatch(
        _ changes: [ChangesFeed.Change], from peer: Peer, base: String, token: String, into report: inout SyncReport
    ) throws -> Bool? {
        let peerRef = PeerRef.main(of: peer.nodeId)
        let listed = changes.filter { Identifier.isCaseUID($0.uid) }
        var wants: [BatchFetchRequest.Want] = []
        for change in listed {
            let repo = FileManager.default.fileExists(atPath: paths.repository(ofCase: change.uid).path)
                ? try repository(change.uid) : nil
            let held = try repo?.reference(peerRef)
            if held?.hex == change.tip { continue }
            let haves = [held, try repo?.reference(PeerRef.main)].compactMap { $0?.hex }
            wants.append(.init(uid: change.uid, haves: Array(Set(haves))))
        }
        var failed = false
        var taken: Set<String> = []
        if !wants.isEmpty {
            guard let outcome = try fetchBatch(wants, from: peer, base: base, token: token, into: &report) else {
                return nil
            }
            taken = outcome.taken
            failed = outcome.failed
        }
        let wanted = Set(wants.map(\.uid))
        for change in listed where !wanted.contains(change.uid) || taken.contains(change.uid) {
            do { try takeIntoMain(change.uid, from: peer, into: &report) } catch {
                failed = true
                try record(error, uid: change.uid, peer: peer, into: &report)
            }
        }
        return failed
    }

    /// The request and its stream: which wanted cases arrived whole and passed the checks, and whether any did not.
    private func fetchBatch(
        _ wants: [BatchFetchRequest.Want], from peer: Peer, base: String, token: String, into report: inout SyncReport
    ) throws -> (taken: Set<String>, failed: Bool)? {
        guard let url = SyncRoute.batchFetch(base: base) else {
            throw DocketError(
                .invalidInput, key: "sync.peer-url-invalid", zh: "对等节点 URL 无效：\(base)。", en: "Bad peer URL \(base).")
        }
        try FileManager.default.createDirectory(at: paths.incoming, withIntermediateDirectories: true)
        let spill = paths.incoming.appendingPathComponent("batch-\(getpid())-\(UUID().uuidString.prefix(8)).stream")
        guard FileManager.default.createFile(atPath: spill.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let file = FileHandle(forUpdatingAtPath: spill.path)
        else {
            throw DocketError(
                .internal, key: "sync.batch-spill", zh: "无法在\(paths.incoming.path)中保存同步数据。",
                en: "Cannot keep the sync stream in \(paths.incoming.path).")
        }
        defer {
            try? file.close()
            try? FileManager.default.removeItem(at: spill)
        }
        let request = Array(try JSONEncoder().encode(BatchFetchRequest(cases: wants)))
        let status = try PeerHTTP.post(url: url, body: request, token: token, pins: peer.certificatePins, into: file)
        if status == 404 || status == 405 { return nil }
        guard status == 200 else {
            throw DocketError(
                status == 401 ? .unauthorized : .unavailable, key: "peer.http-status",
                zh: "\(url.absoluteString)返回状态码\(status)。", en: "\(url.absoluteString) answered \(status).")
        }
        try file.seek(toOffset: 0)
        let reader = try BatchReader(file)
        let wanted = Set(wants.map(\.uid))
        var answered: Set<String> = [], taken: Set<String> = []
        var failed = false
        var ended = false
        do {
            while let header = try reader.next() {
                if header.end != nil {
                    ended = true
                    break
                }
                guard let uid = header.uid, wanted.contains(uid), answered.insert(uid).inserted else {
                    throw BatchStreamEnded(reason: BatchStream.broken("a case that was not asked for"))
                }
                do {
                    if let failure = header.error { throw failure.error }
                    guard let tipHex = header.tip, let tip = ObjectID(hex: tipHex) else {
                        throw BatchStreamEnded(reason: BatchStream.broken("case \(uid) without its tip"))
                    }
                    try takeBatchCase(uid, tip: tip, packBytes: header.pack ?? 0, from: reader, peer: peer)
                    report.fetched += 1
                    report.batched += 1
                    taken.insert(uid)
                } catch let ended as BatchStreamEnded {
                    throw ended
                } catch {
                    failed = true
                    try record(error, uid: uid, peer: peer, into: &report)
                }
            }
            if !ended { throw BatchStreamEnded(reason: BatchStream.broken("the stream ended before its last frame")) }
        } catch let broken as BatchStreamEnded {
            report.errors.append("\(broken.reason)")
            failed = true
        }
        for uid in wanted.subtracting(answered) {
            failed = true
            report.errors.append("\(uid): \(peer.nodeId) sent nothing for it before the stream ended")
        }
        return (taken, failed)
    }

    /// Takes one case of the stream: its pack (`packBytes` long, next in `reader`) indexed into a quarantine, the
    /// history checked, then the pack moved in and the peer's reference moved. Throws `BatchStreamEnded` when the
    /// stream cannot be read past this case; any other error concerns this case only (its bytes were read anyway).
    private func takeBatchCase(
        _ uid: String, tip: ObjectID, packBytes: Int, from reader: BatchReader, peer: Peer
    ) throws {
        let folder = paths.repository(ofCase: uid)
        let isNew = !FileManager.default.fileExists(atPath: folder.path)
        let quarantine = paths.incoming.appendingPathComponent("q-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: quarantine) }
        let packFolder = quarantine.appendingPathComponent("objects/pack").path
        var refused: (any Error)?
        var packName: String?
        do {
            try ensureRepository(uid)
            let repo = try repository(uid)
            if packBytes > 0 {
                let intake = try PackIntake(into: packFolder, checkingAgainst: repo)
                var damaged: (any Error)?
                // Every byte of the case is read, whatever happens, so the next frame is found where it starts.
                let whole = try reader.pack(packBytes) { chunk in
                    guard damaged == nil else { return }
                    do { try intake.append(chunk) } catch { damaged = error }
                }
                guard whole else {
                    throw BatchStreamEnded(reason: BatchStream.broken("the stream ended inside case \(uid)"))
                }
                if let damaged { throw damaged }
                packName = try intake.commit().name
                try repo.addObjectAlternate(quarantine.appendingPathComponent("objects").path)
            }
            guard repo.objectType(tip) == "commit" else {
                throw DocketError(
                    .invalidInput, key: "sync.batch-tip-missing",
                    zh: "\(peer.nodeId)发送的案件\(uid)缺少其最新提交。",
                    en: "\(peer.nodeId) sent case \(uid) without its newest commit.")
            }
            let main = try repo.reference(Self.mainRef)
            if main == nil {
                try checkArrival(try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree), from: peer)
            }
            try historyCheck(repo, uid: uid, tip: tip, main: main)
            try writing(uid) {
                if let packName { try repo.adoptPack(named: packName, from: packFolder) }
                // A handle of its own sees the pack now in the repository (the other read it from the quarantine).
                let taken = try repository(uid)
                let peerRef = PeerRef.main(of: peer.nodeId)
                var moved = false
                for _ in 0..<Self.maximumAttempts where !moved {
                    moved = try taken.updateReference(
                        peerRef, to: tip, expecting: try taken.reference(peerRef), message: "take from \(peer.nodeId)")
                }
                guard moved else {
                    throw DocketError(
                        .unavailable, key: "case.busy", zh: "案件\(uid)正被其他操作频繁修改，下次同步时再取。",
                        en: "The case \(uid) is being changed by others too often; it is taken at the next sync.")
                }
            }
        } catch {
            refused = error
        }
        if let refused {
            if isNew, (try? repository(uid).reference(Self.mainRef)) ?? nil == nil {
                try? FileManager.default.removeItem(at: folder)
            }
            throw refused
        }
    }

    /// What follows once `refs/peers/<peer>/main` holds what the peer sent (by either way of fetching): `main`
    /// fast-forwarded or merged, services that took effect completed, payments confirmed, any hold released.
    func takeIntoMain(_ uid: String, from peer: Peer, into report: inout SyncReport) throws {
        let peerRef = PeerRef.main(of: peer.nodeId)
        var outcome = try integrate(uid, peerRef: peerRef)
        if outcome == .diverged {
            report.diverged += 1
            outcome = try mergeDiverged(uid, peerRef: peerRef)
        }
        switch outcome {
        case .fastForwarded, .created: report.fastForwarded += 1
        case .merged: report.merged += 1
        case .diverged, .unchanged: break
        }
        try completeEffectiveServices(uid)
        try confirmForeignQRPayments(uid)
        try release(uid, peer: peer.nodeId, .pull)
    }

    /// A case that could not be taken, in the report: refused by the policy (declined and held, with the reason) or
    /// failed (tried again next time).
    func record(_ error: any Error, uid: String, peer: Peer, into report: inout SyncReport) throws {
        switch error {
        case let refusal as ArrivalRefusal:
            report.declined.append("\(uid): \(refusal)")
            try hold(uid, peer: peer.nodeId, .pull, reason: "\(refusal)")
        case let refusal as AuthorityRefusal:
            report.declined.append("\(uid): \(refusal)")
            try hold(uid, peer: peer.nodeId, .pull, reason: "\(refusal)")
        default:
            report.errors.append("\(uid): \(error)")
        }
    }
}
