import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// Removes what a batched fetch or push of a process that no longer runs left in `<data>/incoming` (a stream
    /// on disk, quarantined packs, a new case's staging repository or the half-made one `Repository.create` builds
    /// it in, `.new-<pid>-…`): a sync or server killed midway leaves them, and nothing of them was taken.
    package func clearDeadIncoming() {
        let folder = node.paths.incoming
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, ["q", "s", "r", "batch", "push", ".new"].contains(parts[0]),
                let pid = pid_t(parts[1]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Pulls one page of the changes feed in one request (`BatchStream`): the cases whose `main` moved, each with
    /// the commits we hold of it. The answer is kept on disk as it arrives; then each case's pack is indexed into a
    /// quarantine folder (libgit2's indexer checks it is whole and closed), its history is checked exactly as a
    /// fetch over git is (`checkArrival` for a new case, `historyCheck`), and only then does the pack enter the
    /// case and `refs/peers/<peer>/main` move. A refused or damaged case costs only itself. The cases of the
    /// stream are taken on as many threads as there are cores (`takeFrames`); then, one by one, into `main`.
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
            // Read only: an archived case stays archived when the peer has nothing new for it.
            let repo = try node.readCase(change.uid)
            let held = try repo?.reference(peerRef)
            if held?.hex == change.tip { continue }
            let haves = [held, try repo?.reference(PeerRef.main)].compactMap { $0?.hex }
            wants.append(.init(uid: change.uid, haves: Array(Set(haves))))
        }
        var failed = false
        var taken: [String: ArrivedCase] = [:]
        // A new case that did not get into place (this sync failed first) leaves no staging repository behind.
        defer {
            for case let staging? in taken.values.map(\.staged) { try? FileManager.default.removeItem(at: staging) }
        }
        if !wants.isEmpty {
            guard let outcome = try fetchBatch(wants, from: peer, base: base, token: token, into: &report) else {
                return nil
            }
            taken = outcome.taken
            failed = outcome.failed
        }
        let wanted = Set(wants.map(\.uid))
        let held = Set(try holds(peer: peer.nodeId).filter { $0.direction == .pull }.map(\.uid))
        let toTake = listed.filter { !wanted.contains($0.uid) || taken[$0.uid] != nil }
        // New cases move into place, the others' `main` moves; each kind indexed in shared transactions.
        let notPlaced = placeNewCases(toTake.compactMap { taken[$0.uid] }.filter { $0.staged != nil })
        let integrated = node.integrate(
            toTake.filter { taken[$0.uid]?.staged == nil }.map { change in
                (change.uid, peerRef, taken[change.uid].map { ($0.tip, $0.file) })
            })
        for change in toTake {
            do {
                if let error = notPlaced[change.uid] { throw error }
                try takeIntoMain(
                    change.uid, arrived: taken[change.uid], integrated: try integrated[change.uid]?.get(), from: peer,
                    held: held, into: &report)
            } catch {
                failed = true
                try record(error, uid: change.uid, peer: peer, into: &report)
            }
        }
        return failed
    }

    /// The request and its stream: the wanted cases that arrived whole and passed the checks, and whether any did
    /// not.
    private func fetchBatch(
        _ wants: [BatchFetchRequest.Want], from peer: Peer, base: String, token: String, into report: inout SyncReport
    ) throws -> (taken: [String: ArrivedCase], failed: Bool)? {
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
        // The answer is written to disk by a thread of its own and followed here as it arrives.
        let download = BatchDownload { download in
            try PeerHTTP.post(
                url: url, body: request, token: token, pins: peer.certificatePins, into: file,
                limit: BatchStream.maxStreamBytes, download: download)
        }
        defer { _ = try? download.awaitEnd() }  // before the file is closed and removed
        let status = try download.awaitStatus()
        if status == 404 || status == 405 { return nil }
        guard status == 200 else { throw PeerHTTP.statusError(url, status) }
        let reading = try FileHandle(forReadingFrom: spill)
        defer { try? reading.close() }
        let wanted = Set(wants.map(\.uid))
        let work = takeFrames(of: spill, peer: peer)
        let scanned = Result { try scanFrames(reading, following: download, wanted: wanted, into: work) }
        let outcomes = work.outcomes()
        let broken = try scanned.get()
        var taken: [String: ArrivedCase] = [:]
        var failed = broken != nil
        for (frame, outcome) in outcomes {
            switch outcome {
            case .success(let arrived):
                taken[frame.uid] = arrived
                report.fetched += 1
                report.batched += 1
            case .failure(let error):
                failed = true
                try record(error, uid: frame.uid, peer: peer, into: &report)
            }
        }
        if let broken { report.errors.append("\(broken.reason)") }
        for uid in wanted.subtracting(outcomes.map { $0.frame.uid }) {
            failed = true
            let missing = DocketError(
                .unavailable, key: "sync.batch-case-missing", zh: "数据流结束前\(peer.nodeId)未发送案件\(uid)。",
                en: "\(peer.nodeId) sent nothing for \(uid) before the stream ended.")
            report.errors.append("\(uid): \(missing)")
        }
        return (taken, failed)
    }

    /// Reads the stream's frames in order as they arrive, skipping their packs, and hands each to `work`, whose
    /// threads take the cases meanwhile: up to the `end` frame, or up to where the stream broke off
    /// or stopped making sense, which is returned (the frames before it are taken).
    private func scanFrames(
        _ file: FileHandle, following download: BatchDownload, wanted: Set<String>, into work: FrameWork
    ) throws -> BatchStreamBroken? {
        defer { work.close() }
        var answered: Set<String> = []
        do {
            let reader = try BatchReader(file, following: download)
            while let header = try reader.next() {
                if header.end != nil { return nil }
                guard let uid = header.uid, wanted.contains(uid), answered.insert(uid).inserted else {
                    throw BatchStreamBroken(zh: "收到未请求的案件", en: "a case that was not asked for")
                }
                guard header.error != nil || header.tip.flatMap(ObjectID.init(hex:)) != nil else {
                    throw BatchStreamBroken(zh: "案件\(uid)缺少最新提交", en: "case \(uid) without its tip")
                }
                var pack: BatchPackSpan?
                if let bytes = header.pack, bytes > 0 {
                    guard let span = try reader.skipPack(bytes) else {
                        throw BatchStreamBroken(zh: "数据流在案件\(uid)中途中断", en: "the stream ended inside case \(uid)")
                    }
                    pack = span
                }
                work.add(StreamFrame(uid: uid, header: header, pack: pack))
            }
            throw BatchStreamBroken(zh: "数据流在结束帧之前中断", en: "the stream ended before its last frame")
        } catch let broken as BatchStreamBroken {
            return broken
        }
    }
}
