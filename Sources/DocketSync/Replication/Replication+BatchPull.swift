import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// Removes what a batched fetch or push of a process that no longer runs left in `<data>/incoming` (a stream
    /// on disk, quarantined packs, a new case's staging repository): a sync or server killed midway leaves them,
    /// and nothing of them was taken.
    package func clearDeadIncoming() {
        let folder = node.paths.incoming
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, ["q", "s", "batch", "push"].contains(parts[0]), let pid = pid_t(parts[1]),
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
            let repo = FileManager.default.fileExists(atPath: node.paths.repository(ofCase: change.uid).path)
                ? try node.repository(change.uid) : nil
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
        let (spill, file) = try spillFile("batch", "stream")
        defer {
            try? file.close()
            try? FileManager.default.removeItem(at: spill)
        }
        let request = Array(try JSONEncoder().encode(BatchFetchRequest(cases: wants)))
        let status = try PeerHTTP.post(
            url: url, body: request, token: token, pins: peer.certificatePins, into: file,
            limit: BatchStream.maxStreamBytes)
        if status == 404 || status == 405 { return nil }
        guard status == 200 else { throw PeerHTTP.statusError(url, status) }
        try file.seek(toOffset: 0)
        let wanted = Set(wants.map(\.uid))
        var answered: Set<String> = [], taken: Set<String> = []
        var failed = false
        do {
            let reader = try BatchReader(file)
            var ended = false
            while !ended, let header = try reader.next() {
                if header.end != nil {
                    ended = true
                    continue
                }
                guard let uid = header.uid, wanted.contains(uid), answered.insert(uid).inserted else {
                    throw BatchStreamBroken(zh: "收到未请求的案件", en: "a case that was not asked for")
                }
                if try takeFrame(header, uid: uid, from: reader, peer: peer, into: &report) {
                    taken.insert(uid)
                } else {
                    failed = true
                }
            }
            if !ended {
                throw BatchStreamBroken(zh: "数据流在结束帧之前中断", en: "the stream ended before its last frame")
            }
        } catch let broken as BatchStreamBroken {
            report.errors.append("\(broken.reason)")
            failed = true
        }
        for uid in wanted.subtracting(answered) {
            failed = true
            let missing = DocketError(
                .unavailable, key: "sync.batch-case-missing", zh: "数据流结束前\(peer.nodeId)未发送案件\(uid)。",
                en: "\(peer.nodeId) sent nothing for \(uid) before the stream ended.")
            report.errors.append("\(uid): \(missing)")
        }
        return (taken, failed)
    }

    /// One case frame of the stream: taken (true), or refused or failed and said so in the report (false). A stream
    /// that cannot be read past this frame is thrown as `BatchStreamBroken`.
    private func takeFrame(
        _ header: BatchStream.Header, uid: String, from reader: BatchReader, peer: Peer, into report: inout SyncReport
    ) throws -> Bool {
        do {
            if let failure = header.error { throw failure.error }
            guard let tipHex = header.tip, let tip = ObjectID(hex: tipHex) else {
                throw BatchStreamBroken(zh: "案件\(uid)缺少最新提交", en: "case \(uid) without its tip")
            }
            try takeBatchCase(uid, tip: tip, packBytes: header.pack ?? 0, from: reader, peer: peer)
            report.fetched += 1
            report.batched += 1
            return true
        } catch let broken as BatchStreamBroken {
            throw broken
        } catch {
            try record(error, uid: uid, peer: peer, into: &report)
            return false
        }
    }

    /// Takes one case of the stream: its pack (`packBytes` long, next in `reader`) indexed into a quarantine, the
    /// history checked, then the pack moved in and the peer's reference moved. Throws `BatchStreamBroken` when the
    /// stream cannot be read past this case; any other error concerns this case only (its bytes were read anyway).
    private func takeBatchCase(
        _ uid: String, tip: ObjectID, packBytes: Int, from reader: BatchReader, peer: Peer
    ) throws {
        let folder = node.paths.repository(ofCase: uid)
        if !FileManager.default.fileExists(atPath: folder.path) {
            return try takeNewBatchCase(uid, tip: tip, packBytes: packBytes, from: reader, peer: peer)
        }
        let quarantine = node.paths.incoming.appendingPathComponent("q-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: quarantine) }
        let packFolder = quarantine.appendingPathComponent("objects/pack").path
        var packName: String?
        let repo = try node.repository(uid)
        if packBytes > 0 {
            packName = try intakePack(packBytes, of: uid, from: reader, into: packFolder, checkingAgainst: repo)
            try repo.addObjectAlternate(quarantine.appendingPathComponent("objects").path)
        }
        try checkTip(tip, of: uid, in: repo, from: peer)
        let main = try repo.reference(Node.mainRef)
        if main == nil {
            try checkArrival(try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree), from: peer)
        }
        try historyCheck(repo, uid: uid, tip: tip, main: main)
        try node.writing(uid) {
            if let packName { try repo.adoptPack(named: packName, from: packFolder) }
            // A handle of its own sees the pack now in the repository (the other read it from the quarantine).
            try node.moveReference(
                PeerRef.main(of: peer.nodeId), in: try node.repository(uid), of: uid, to: tip,
                message: "take from \(peer.nodeId)")
        }
    }

    /// A case this node does not hold yet: made whole in a staging repository of `<data>/incoming` (its own
    /// quarantine: the pack indexed into it, the checks run on it, the peer's reference written into its
    /// `packed-refs`) and renamed into place only then. A refused case leaves nothing; nobody sees half a case; and
    /// the case costs no folder or file per reference. One that arrived meanwhile by another way is taken at the
    /// next sync.
    private func takeNewBatchCase(
        _ uid: String, tip: ObjectID, packBytes: Int, from reader: BatchReader, peer: Peer
    ) throws {
        let staging = node.paths.incoming.appendingPathComponent("s-\(getpid())-\(UUID().uuidString.prefix(8)).git")
        defer { try? FileManager.default.removeItem(at: staging) }
        let repo = try Repository.create(bareAt: staging.path, sharedHEAD: node.paths.sharedHEAD(ofCase: uid))
        if packBytes > 0 {
            _ = try intakePack(
                packBytes, of: uid, from: reader, into: staging.appendingPathComponent("objects/pack").path,
                checkingAgainst: repo)
        }
        try checkTip(tip, of: uid, in: repo, from: peer)
        try checkArrival(try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree), from: peer)
        try historyCheck(repo, uid: uid, tip: tip, main: nil)
        try repo.writePackedReferences([PeerRef.main(of: peer.nodeId): tip])
        let target = node.paths.repository(ofCase: uid)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard rename(staging.path, target.path) == 0 else {
            let code = errno
            if code == EEXIST || code == ENOTEMPTY {
                throw DocketError(
                    .unavailable, key: "sync.batch-case-arrived-meanwhile",
                    zh: "案件\(uid)在此期间已经由其他途径到达本节点，下次同步时再取。",
                    en: "The case \(uid) reached this node by another way meanwhile; it is taken at the next sync.")
            }
            throw DocketError(
                .internal, key: "sync.case-move-failed", zh: "无法将案件\(uid)移入位置（系统错误 \(code)）。",
                en: "The case \(uid) could not be moved into place: \(String(cString: strerror(code))).")
        }
    }

    /// The tip a peer named must be a commit the case's objects (with what just arrived) hold.
    func checkTip(_ tip: ObjectID, of uid: String, in repo: Repository, from peer: Peer) throws {
        guard repo.objectType(tip) == "commit" else {
            throw DocketError(
                .invalidInput, key: "sync.batch-tip-missing",
                zh: "\(peer.nodeId)发送的案件\(uid)缺少其最新提交。",
                en: "\(peer.nodeId) sent case \(uid) without its newest commit.")
        }
    }

    /// What follows once `refs/peers/<peer>/main` holds what the peer sent (by either way of fetching): `main`
    /// fast-forwarded or merged, services that took effect completed, payments confirmed, any hold released.
    func takeIntoMain(_ uid: String, from peer: Peer, into report: inout SyncReport) throws {
        let peerRef = PeerRef.main(of: peer.nodeId)
        var outcome = try node.integrate(uid, peerRef: peerRef)
        if outcome == .diverged {
            report.diverged += 1
            outcome = try mergeDiverged(uid, peerRef: peerRef)
        }
        switch outcome {
        case .fastForwarded, .created: report.fastForwarded += 1
        case .merged: report.merged += 1
        case .diverged, .unchanged: break
        }
        try node.outbox.completeEffective(uid)
        try node.payments.confirmForeignQR(uid)
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
