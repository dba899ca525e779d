import DocketCore
import DocketGit
import DocketStore
import Foundation

/// One line of a push as git's `pre-receive` hook reads it: old and new commit of a reference (nil for none).
public struct ReceiveUpdate: Sendable, Equatable {
    public var old: ObjectID?
    public var new: ObjectID?
    public var ref: String

    public init(old: ObjectID?, new: ObjectID?, ref: String) {
        self.old = old; self.new = new; self.ref = ref
    }

    /// Parses `<old> <new> <ref>`; the all-zero id means "none".
    public init?(line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count == 3 else { return nil }
        let zero = String(repeating: "0", count: 40)
        old = parts[0] == zero ? nil : ObjectID(hex: String(parts[0]))
        new = parts[1] == zero ? nil : ObjectID(hex: String(parts[1]))
        ref = String(parts[2])
    }
}

/// The check every push passes before git lets it in (run by `docket hook pre-receive` while the pushed objects
/// still sit in git's quarantine). Any refusal leaves the repository exactly as it was.
///
/// - only the pusher's own peer ref (`refs/peers/<peer>/main`) or a fast-forward of `main` may move; nothing is
///   deleted;
/// - a case that arrives for the first time is one the pusher may bring (`Node.checkArrival`);
/// - the history passes `HistoryCheck` against this node's `main`: signatures, clean trees, the authority policy
///   on the net change of every signer, a whole and valid case at the tip.
struct ReceiveCheck {
    let node: Node
    let peer: Peer
    let repo: Repository
    let uid: String

    func check(_ updates: [ReceiveUpdate]) throws {
        let main = try repo.reference(PeerRef.main)
        for update in updates {
            guard let new = update.new else {
                throw DocketError(
                    .notAllowed, key: "sync.push-delete-not-allowed", zh: "不允许删除\(update.ref)。",
                    en: "deleting \(update.ref) is not allowed")
            }
            switch update.ref {
            case PeerRef.main(of: peer.nodeId): break
            case PeerRef.main:
                if let old = update.old, !(try repo.isDescendant(new, of: old)) {
                    throw DocketError(
                        .conflict, key: "sync.push-not-fast-forward",
                        zh: "main 无法快进；请推送到 refs/peers/\(peer.nodeId)/main 以便合并。",
                        en: "main does not fast-forward; push to refs/peers/\(peer.nodeId)/main to have it merged")
                }
            default:
                throw DocketError(
                    .notAllowed, key: "sync.push-ref-not-allowed",
                    zh: "\(update.ref)不是\(peer.nodeId)可以推送的引用（请使用 refs/peers/\(peer.nodeId)/main）。",
                    en: "\(update.ref) is not a reference \(peer.nodeId) may push (use refs/peers/\(peer.nodeId)/main)")
            }
            if main == nil { try checkNewCase(at: new) }
            try node.replication.historyCheck(repo, uid: uid, tip: new, main: main)
        }
    }

    /// A case that arrives for the first time must be one the pusher may bring here (`checkArrival`).
    private func checkNewCase(at tip: ObjectID) throws {
        try node.replication.checkArrival(
            try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree), from: peer)
    }
}

extension Replication {
    /// Checks a push into the repository of case `uid` (see `ReceiveCheck`) at `repositoryPath` — the case's own,
    /// or the staging repository of a first push; throws the reason to show the pusher. `quarantine` is git's
    /// quarantine object folder, where the pushed objects wait.
    public func checkReceive(
        uid: String, repositoryPath: String, quarantine: String?, peerID: String, updates: [ReceiveUpdate]
    ) throws {
        let peer = try node.peers.named(peerID)
        let repo = try Repository.open(repositoryPath)
        if let quarantine { try repo.addObjectAlternate(quarantine) }
        try ReceiveCheck(node: node, peer: peer, repo: repo, uid: uid).check(updates)
    }

    /// After the first push of a new case was taken into its staging repository: moves it into place (refused
    /// when the case appeared meanwhile; the staging repository is then dropped by the server) and takes it in.
    ///
    /// The staged case gets `main` (the pushed commit, checked) before it moves, and the case is in the write
    /// journal from before the move until it is indexed: a process killed in between leaves a whole case that the
    /// next process to open the node indexes (`recoverUnfinishedWrites`). Without both, such a case sat on disk
    /// unindexed — invisible to its filer, whose every later push was answered "no such case" (found by
    /// `BatchKillTests`' push trials).
    public func takeStagedCase(
        uid: String, staged: URL, peerID: String, checkingCollisions: Bool = true
    ) throws -> Integration {
        let repo = try Repository.open(staged.path)
        if try repo.reference(Node.mainRef) == nil, let tip = try repo.reference(PeerRef.main(of: peerID)) {
            _ = try repo.updateReference(Node.mainRef, to: tip, expecting: nil, message: "new case from \(peerID)")
        }
        return try node.writing(uid) {
            try moveStagedCase(
                uid, from: staged,
                meanwhile: DocketError(
                    .conflict, key: "sync.case-arrived-meanwhile", zh: "案件\(uid)在此期间已经由其他途径到达本节点，"
                        + "请重新推送以便合并。",
                    en: "The case \(uid) reached this node by another way meanwhile; push again to have it merged."))
            // `main` came with the case, so integrating it finds nothing to move: the case was created.
            let outcome = try afterReceive(uid: uid, peerID: peerID, checkingCollisions: checkingCollisions)
            return outcome == .unchanged ? .created : outcome
        }
    }

    /// Renames a new case's staging repository to the case's place; throws `meanwhile` when the case is there
    /// already (it arrived by another way), an internal error naming the cause for anything else.
    func moveStagedCase(_ uid: String, from staged: URL, meanwhile: DocketError) throws {
        let target = node.paths.repository(ofCase: uid)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard rename(staged.path, target.path) == 0 else {
            let code = errno
            // ENOTDIR: the case is there in its archive form.
            if code == EEXIST || code == ENOTEMPTY || code == ENOTDIR { throw meanwhile }
            throw DocketError(
                .internal, key: "sync.case-move-failed", zh: "无法将案件\(uid)移入位置（系统错误 \(code)）。",
                en: "The case \(uid) could not be moved into place: \(String(cString: strerror(code))).")
        }
    }

    /// After a push was taken: brings `main` up to the pusher's ref where history allows and re-indexes; on the
    /// court, completes services read elsewhere and records QR payments other nodes started that the payment
    /// service confirms. A batch of pushes looks for collisions once, after its last case (`checkingCollisions`).
    public func afterReceive(uid: String, peerID: String, checkingCollisions: Bool = true) throws -> Integration {
        let ref = PeerRef.main(of: peerID)
        let repo = try node.repository(uid)
        if try repo.reference(ref) == nil { try node.indexCase(uid); return .unchanged }
        let outcome = try node.integrate(uid, peerRef: ref)
        let result = outcome == .diverged ? try mergeDiverged(uid, peerRef: ref) : outcome
        try node.outbox.completeEffective(uid)
        try node.payments.confirmForeignQR(uid)
        if checkingCollisions { try node.services.checkCollisions() }
        return result
    }
}
