import DocketCore
import DocketGit
import DocketStore
import Foundation

/// A case of a batched fetch that arrived whole and passed the checks, with the case as its tip holds it: read
/// once for the checks, and used again to index it.
struct ArrivedCase: Sendable {
    let uid: String
    let tip: ObjectID
    let file: CaseFile
    /// A case new to this node: its staging repository, complete with `main` and the peer's reference at `tip`,
    /// waiting to be moved into place (`placeNewCases`).
    let staged: URL?
}

/// One case's frame of a stream on disk: its header, and where its pack lies.
struct StreamFrame: Sendable {
    let uid: String
    let header: BatchStream.Header
    let pack: BatchPackSpan?
}

extension Replication {
    /// Starts as many threads as there are cores taking the cases of a stream on disk, each frame as `scanFrames`
    /// hands it over — each case is its own repository, quarantine and pack span, and the checks only read what
    /// the node holds. Nothing here moves a case's `main` or writes the index.
    func takeFrames(of stream: URL, peer: Peer) -> FrameWork {
        let judges = CheckJudges(node: node)
        let work = FrameWork()
        for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) {
            // Each thread its own quarantine, used for case after case.
            let quarantine = PackQuarantine(in: node.paths.incoming)
            work.startThread(finally: quarantine.remove) { frame in
                try takeFrame(frame, of: stream, peer: peer, judges: judges, quarantine: quarantine)
            }
        }
        return work
    }

    /// One case frame: taken (its pack indexed into a quarantine, its history checked, its pack and the peer's
    /// reference moved in), or the reason it was not.
    private func takeFrame(
        _ frame: StreamFrame, of stream: URL, peer: Peer, judges: CheckJudges, quarantine: PackQuarantine
    ) throws -> ArrivedCase {
        if let failure = frame.header.error { throw failure.error }
        guard let tip = frame.header.tip.flatMap(ObjectID.init(hex:)) else {
            throw BatchStreamBroken(zh: "案件\(frame.uid)缺少最新提交", en: "case \(frame.uid) without its tip")
        }
        let feed = frame.pack.map { span -> PackFeed in { sink in try span.read(from: stream, into: sink) } }
        if !FileManager.default.fileExists(atPath: node.paths.repository(ofCase: frame.uid).path) {
            return try takeNewBatchCase(frame.uid, tip: tip, feed: feed, peer: peer, judges: judges)
        }
        return try takeBatchCase(frame.uid, tip: tip, feed: feed, peer: peer, judges: judges, quarantine: quarantine)
    }

    /// A case this node holds: the pack indexed into a quarantine beside it, the history checked over our `main`
    /// (an archived case's read from a copy: refused, it stays archived), then the pack moved in and the peer's
    /// reference moved.
    private func takeBatchCase(
        _ uid: String, tip: ObjectID, feed: PackFeed?, peer: Peer, judges: CheckJudges, quarantine: PackQuarantine
    ) throws -> ArrivedCase {
        defer { quarantine.empty() }
        var packName: String?, packFolder = ""
        guard let repo = try node.readCase(uid) else { throw node.caseNotFound(uid) }
        if let feed {
            packFolder = try quarantine.packs()
            packName = try intakePack(of: uid, into: packFolder, checkingAgainst: repo, feed: feed)
            try repo.addObjectAlternate(quarantine.objects)
        }
        try checkTip(tip, of: uid, in: repo, from: peer)
        let main = try repo.reference(Node.mainRef)
        var arriving: CaseFile?
        if main == nil {
            arriving = try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
            try checkArrival(arriving!, from: peer)
        }
        // Over our `main`, the court whose directory judges the history is the one of the case we hold (from the
        // index, which holds what our `main` says), not the one the peer's tip names; and the tip is read only
        // once the check found it a whole case.
        let court = try arriving?.record.court ?? (main == nil ? nil : node.indexedCourt(of: uid))
        try historyCheck(repo, uid: uid, tip: tip, main: main, court: court, judges: judges)
        let file = try arriving ?? CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
        try node.writing(uid) {
            // Before any other handle: an archived case is expanded now, its copy let go.
            let target = try repositoryToTake(uid, checked: repo)
            if let packName { try target.adoptPack(named: packName, from: packFolder) }
            // The handle that checked the history holds the tip (in the pack it read from the quarantine, still
            // open after the move), so the reference, checked to name an object there, moves through it.
            try node.moveReference(
                PeerRef.main(of: peer.nodeId), in: target, of: uid, to: tip, message: "take from \(peer.nodeId)")
        }
        return ArrivedCase(uid: uid, tip: tip, file: file, staged: nil)
    }

    /// A case this node does not hold yet: made whole in a staging repository of `<data>/incoming` (its own
    /// quarantine: the pack indexed into it, the checks run on it, `main` and the peer's reference written into
    /// its `packed-refs`), to be moved into place by `placeNewCase`. A refused case leaves nothing; nobody sees
    /// half a case; and the case costs no folder or file per reference.
    private func takeNewBatchCase(
        _ uid: String, tip: ObjectID, feed: PackFeed?, peer: Peer, judges: CheckJudges
    ) throws -> ArrivedCase {
        let staging = node.paths.incoming.appendingPathComponent("s-\(getpid())-\(UUID().uuidString.prefix(8)).git")
        var placed = false
        defer { if !placed { try? FileManager.default.removeItem(at: staging) } }
        let repo = try Repository.create(bareAt: staging.path, sharedHEAD: node.paths.sharedHEAD(ofCase: uid))
        if let feed {
            _ = try intakePack(
                of: uid, into: staging.appendingPathComponent("objects/pack").path, checkingAgainst: repo, feed: feed)
        }
        try checkTip(tip, of: uid, in: repo, from: peer)
        let file = try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
        try checkArrival(file, from: peer)
        try historyCheck(repo, uid: uid, tip: tip, main: nil, court: file.record.court, judges: judges)
        // A new case's `main` is the peer's (what integrating it would do), written now so that it costs no file.
        try repo.writePackedReferences([PeerRef.main(of: peer.nodeId): tip, Node.mainRef: tip])
        placed = true
        return ArrivedCase(uid: uid, tip: tip, file: file, staged: staging)
    }

    /// Moves new cases' staging repositories into place, in the stream's order, and indexes them, up to
    /// `placedPerTransaction` in one index transaction; all in the write journal (a process killed in between
    /// leaves them to be indexed by the next node opened). Returns why a case was not placed: one that arrived
    /// meanwhile by another way is taken at the next sync.
    func placeNewCases(_ cases: [ArrivedCase]) -> [String: any Error] {
        var failures: [String: any Error] = [:]
        for start in stride(from: 0, to: cases.count, by: Self.placedPerTransaction) {
            let group = cases[start..<min(start + Self.placedPerTransaction, cases.count)]
            node.writing(group.map(\.uid)) {
                var placed: [ArrivedCase] = []
                for arrived in group {
                    do {
                        try moveIntoPlace(arrived)
                        node.observe(arrived.file.record.updatedAt)
                        placed.append(arrived)
                    } catch { failures[arrived.uid] = error }
                }
                do { try node.indexCases(placed.map { ($0.uid, $0.file, $0.tip) }) } catch {
                    for arrived in placed { failures[arrived.uid] = error }
                }
            }
        }
        return failures
    }

    /// How many new cases share one index transaction: enough that the transaction's cost is spread thin, few
    /// enough that a reader waits no longer than a few milliseconds.
    static let placedPerTransaction = 64

    /// Renames a staging repository to its case's place.
    private func moveIntoPlace(_ arrived: ArrivedCase) throws {
        let uid = arrived.uid
        guard let staging = arrived.staged else { return }
        try moveStagedCase(
            uid, from: staging,
            meanwhile: DocketError(
                .unavailable, key: "sync.batch-case-arrived-meanwhile",
                zh: "案件\(uid)在此期间已经由其他途径到达本节点，下次同步时再取。",
                en: "The case \(uid) reached this node by another way meanwhile; it is taken at the next sync."))
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
    /// fast-forwarded or merged (a new case of a batch is in place already), services that took effect
    /// completed, payments confirmed, any hold released. `arrived` is what a batch read of the case already;
    /// `integrated`, how its `main` moved (and to which commit) when the batch did that already; `held`, the cases
    /// held back from this peer (nil: release whatever).
    func takeIntoMain(
        _ uid: String, arrived: ArrivedCase? = nil, integrated: (integration: Integration, main: ObjectID?)? = nil,
        from peer: Peer, held: Set<String>? = nil, into report: inout SyncReport
    ) throws {
        let peerRef = PeerRef.main(of: peer.nodeId)
        var outcome: Integration
        // Where `main` went, when it is known without reading it again.
        var movedTo: ObjectID?
        if let arrived, arrived.staged != nil {
            outcome = .created  // placed and indexed already, with the others of its batch (`placeNewCases`)
            movedTo = arrived.tip
        } else if let integrated {
            (outcome, movedTo) = integrated
        } else {
            outcome = try node.integrate(uid, peerRef: peerRef, read: arrived.map { ($0.tip, $0.file) })
        }
        if outcome == .diverged {
            report.diverged += 1
            outcome = try mergeDiverged(uid, peerRef: peerRef)
        }
        switch outcome {
        case .fastForwarded, .created: report.fastForwarded += 1
        case .merged: report.merged += 1
        case .diverged, .unchanged: break
        }
        // The case as read for the checks is the case now, when `main` went to what arrived.
        var main: CaseFile?
        if let arrived, outcome == .created || outcome == .fastForwarded,
            try movedTo ?? node.repository(uid).reference(Node.mainRef) == arrived.tip
        {
            main = arrived.file
        }
        try node.outbox.completeEffective(uid, main: main)
        try node.payments.confirmForeignQR(uid, main: main)
        if held?.contains(uid) ?? true { try release(uid, peer: peer.nodeId, .pull) }
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

/// What passes a case's pack bytes to a sink, in chunks; false when they end too soon.
typealias PackFeed = ((UnsafeRawBufferPointer) throws -> Void) throws -> Bool

/// The frames of one stream, handed over as they arrive to the threads that take them, and what each came to.
final class FrameWork: @unchecked Sendable {
    // Every stored variable is read and written under `condition` only.
    private let condition = NSCondition()
    private var frames: [StreamFrame] = []
    private var results: [Result<ArrivedCase, any Error>?] = []
    private var handedOut = 0
    private var closed = false
    private let threads = DispatchGroup()

    /// Starts a thread that takes each frame with `take` until the work is closed and none is left. A thread of
    /// its own, not one of Dispatch's pool: the pool adds a thread only some time after its others block, and
    /// these wait for frames.
    /// `finally` runs on that thread once it has taken its last frame, before `outcomes` returns.
    func startThread(
        finally: @escaping @Sendable () -> Void, _ take: @escaping @Sendable (StreamFrame) throws -> ArrivedCase
    ) {
        threads.enter()
        Thread { [self] in
            while let (index, frame) = next() {
                let outcome = Result { try take(frame) }
                condition.withLock { results[index] = outcome }
            }
            finally()
            threads.leave()
        }.start()
    }

    /// A frame for the threads.
    func add(_ frame: StreamFrame) {
        condition.withLock {
            frames.append(frame)
            results.append(nil)
            condition.broadcast()
        }
    }

    /// No frame follows.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// The next frame no thread has taken yet, waiting for one; nil once the work is closed and none is left.
    private func next() -> (Int, StreamFrame)? {
        condition.withLock {
            while handedOut == frames.count && !closed { condition.wait() }
            guard handedOut < frames.count else { return nil }
            defer { handedOut += 1 }
            return (handedOut, frames[handedOut])
        }
    }

    /// Every frame with its outcome, in the stream's order, once the work is closed and every thread is done.
    func outcomes() -> [(frame: StreamFrame, outcome: Result<ArrivedCase, any Error>)] {
        threads.wait()
        return condition.withLock { Array(zip(frames, results.map { $0! })) }
    }
}
