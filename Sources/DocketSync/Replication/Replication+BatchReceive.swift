import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// Takes a batched push (`BatchStream`, kept on disk by the server) from `peer`, case by case, and returns the
    /// answer: one result frame per case and the `end` frame (missing when the stream broke; the cases before the
    /// break keep their results).
    ///
    /// Each case is checked exactly as a push over git is by the pre-receive hook (`ReceiveCheck`: the pusher's
    /// own ref only, `checkArrival` for a new case, `historyCheck` with the object shape of every new commit and
    /// tree), with its pack indexed by libgit2 (whole, closed over the case's objects) into a quarantine, or for a
    /// new case into a staging repository. Only a case that passes gets the pack and the moved reference; a refused
    /// or damaged case costs only itself. Collisions between bookings and hearings are looked for once, at the end.
    /// Also returns the cases the stream named, so the server can tidy their repositories afterwards.
    public func receiveBatch(_ reader: BatchReader, from peer: Peer) -> (answer: [UInt8], cases: [String]) {
        node.lookAtConfigAgain()
        var answer = BatchStream.magic
        var seen: [String] = [], frames = 0, anyTaken = false
        let quarantine = PackQuarantine(in: node.paths.incoming)
        defer { quarantine.remove() }
        do {
            while let header = try reader.next() {
                if header.end != nil {
                    answer += BatchStream.frame(.init(end: frames))
                    break
                }
                guard let uid = header.uid, Identifier.isCaseUID(uid), !seen.contains(uid),
                    let tip = header.tip.flatMap(ObjectID.init(hex:))
                else {
                    throw BatchStreamBroken(zh: "帧头缺少案件或提交，或案件重复", en: "a frame without a case or tip, or twice")
                }
                seen.append(uid)
                var result = BatchStream.Header(uid: uid)
                do {
                    let taken = try receiveCase(
                        uid, tip: tip, packBytes: header.pack ?? 0, from: reader, peer: peer, quarantine: quarantine)
                    result.taken = taken.rawValue
                    anyTaken = true
                } catch let broken as BatchStreamBroken {
                    throw broken
                } catch let refusal as AuthorityRefusal {
                    result.refused = .init(
                        refusedChinese: refusal.refusals.map(\.chinese).joined(separator: "\n"),
                        english: refusal.refusals.map(\.english).joined(separator: "\n"))
                } catch let refusal as ArrivalRefusal {
                    result.refused = .init(refusedChinese: refusal.chinese, english: refusal.english)
                } catch let error as DocketError where error.kind == .notAllowed || error.kind == .conflict {
                    result.refused = .init(error)
                } catch {
                    result.error = .init(
                        DocketError.wrapping(error, zh: "未能接收案件\(uid)", en: "Case \(uid) could not be taken"))
                }
                answer += BatchStream.frame(result)
                frames += 1
            }
        } catch {
            // A break ends the answer without `end`: the pusher sends what was not answered again next time.
        }
        if anyTaken { try? node.services.checkCollisions() }
        return (answer, seen)
    }

    /// One pushed case: its pack (next in `reader`) indexed and checked, then taken in. Throws `BatchStreamBroken`
    /// when the stream cannot be read past this case; any other error is this case's alone.
    private func receiveCase(
        _ uid: String, tip: ObjectID, packBytes: Int, from reader: BatchReader, peer: Peer, quarantine: PackQuarantine
    ) throws -> Integration {
        let access = try receiveAccess(uid, peer: peer)
        guard access != .hidden else {
            try skip(packBytes, of: uid, in: reader)
            throw DocketError(
                .notFound, key: "sync.batch-no-case", zh: "没有案件\(uid)。", en: "There is no case \(uid).")
        }
        // A new case's staging repository is its own quarantine; an existing case's pack waits in `quarantine`.
        let scratch =
            access == .newCase
            ? node.paths.incoming.appendingPathComponent("s-\(getpid())-\(UUID().uuidString.prefix(8)).git") : nil
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } else { quarantine.empty() } }
        let staging = try scratch.map {
            try Repository.create(bareAt: $0.path, sharedHEAD: node.paths.sharedHEAD(ofCase: uid))
        }
        // A case we hold is checked read only (an archived one from a copy): refused, it stays as it was.
        let repo: Repository
        if let staging {
            repo = staging
        } else if let held = try node.readCase(uid) {
            repo = held
        } else {
            throw node.caseNotFound(uid)
        }
        var packName: String?, packFolder = ""
        if packBytes > 0 {
            packFolder = try staging.map { $0.path + "/objects/pack" } ?? quarantine.packs()
            packName = try intakePack(of: uid, into: packFolder, checkingAgainst: repo) { sink in
                try reader.pack(packBytes, into: sink)
            }
            if staging == nil { try repo.addObjectAlternate(quarantine.objects) }
        }
        try checkTip(tip, of: uid, in: repo, from: peer)
        let ref = PeerRef.main(of: peer.nodeId)
        let update = ReceiveUpdate(old: try repo.reference(ref), new: tip, ref: ref)
        try ReceiveCheck(node: node, peer: peer, repo: repo, uid: uid).check([update])
        if let staging, let scratch {
            // `main` too: the case is whole from the moment it is in place (see `takeStagedCase`).
            try staging.writePackedReferences([ref: tip, Node.mainRef: tip])
            return try takeStagedCase(uid: uid, staged: scratch, peerID: peer.nodeId, checkingCollisions: false)
        }
        try node.writing(uid) {
            // Before any other handle: an archived case is expanded now, its copy let go.
            let target = try repositoryToTake(uid, checked: repo)
            if let packName { try target.adoptPack(named: packName, from: packFolder) }
            try node.moveReference(
                ref, in: try node.repository(uid), of: uid, to: tip, message: "push from \(peer.nodeId)")
        }
        return try afterReceive(uid: uid, peerID: peer.nodeId, checkingCollisions: false)
    }

    /// How a pusher may reach a case, as over git: one it sees; a new case it may file (not on disk); or none
    /// (answered as a case that does not exist).
    private func receiveAccess(_ uid: String, peer: Peer) throws -> ReceiveAccess {
        if try node.peer(peer, canSee: uid) { return .visible }
        let onDisk = FileManager.default.fileExists(atPath: node.paths.repository(ofCase: uid).path)
        return !onDisk && node.peerMayFile(peer) ? .newCase : .hidden
    }

    private enum ReceiveAccess { case visible, newCase, hidden }

    /// Reads past a case's pack without keeping it.
    private func skip(_ packBytes: Int, of uid: String, in reader: BatchReader) throws {
        guard try reader.pack(packBytes, into: { _ in }) else {
            throw BatchStreamBroken(zh: "数据流在案件\(uid)中途中断", en: "the stream ended inside case \(uid)")
        }
    }
}
