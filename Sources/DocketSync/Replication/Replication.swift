import DocketCore
import DocketGit
import DocketStore
import Foundation
import GRDB
import Synchronization

/// What one sync with one peer did.
public struct SyncReport: Codable, Sendable {
    public var peer: String
    public var fetched = 0
    /// Of those, the cases that came in a batched fetch (one request for many; the rest came over git one by one).
    public var batched = 0
    public var pushed = 0
    /// Of those, the cases that went in a batched push.
    public var batchedPushes = 0
    public var fastForwarded = 0
    public var diverged = 0
    /// Diverged cases merged (a merge commit, pushed back on the next sync).
    public var merged = 0
    /// New commits taken from a court peer's announcements repository (one per publication or withdrawal).
    public var announcements = 0
    /// Open deadlines whose last day moved because a year's holiday arrangement arrived (`docket deadlines --moved`).
    public var movedDeadlines = 0
    /// Cases the peer refused, with its reason; they are held and pushed again at every sync.
    public var refused: [String] = []
    /// Changes of ours the court no longer takes (its state moved on meanwhile), withdrawn before pushing: the
    /// court's values written back, with a timeline line (`yieldToCourt`).
    public var yielded: [String] = []
    /// Cases this node refused to take from the peer (the history breaks the authority policy), with the reason;
    /// `main` did not move, and they are fetched and checked again at every sync.
    public var declined: [String] = []
    /// What went wrong (a peer that is down, a case that failed); those cases are tried again next time.
    public var errors: [String] = []

    public init(peer: String) { self.peer = peer }

    /// Reads a report as any version wrote it into the sync log: a count or list an older version did not keep is
    /// zero or empty.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int { try values.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        func list(_ key: CodingKeys) throws -> [String] { try values.decodeIfPresent([String].self, forKey: key) ?? [] }
        peer = try values.decode(String.self, forKey: .peer)
        fetched = try count(.fetched)
        batched = try count(.batched)
        pushed = try count(.pushed)
        batchedPushes = try count(.batchedPushes)
        fastForwarded = try count(.fastForwarded)
        diverged = try count(.diverged)
        merged = try count(.merged)
        announcements = try count(.announcements)
        movedDeadlines = try count(.movedDeadlines)
        refused = try list(.refused)
        yielded = try list(.yielded)
        declined = try list(.declined)
        errors = try list(.errors)
    }
}

/// Replication with peers: pulling their cases (batched, or by git for an older peer) and pushing ours, each case's
/// new history checked by the authority policy before `main` moves, merges of diverged cases, the court's
/// announcements, bundles for nodes without a link, and what a peer pushes or fetches from us. It owns the
/// `sync_held` (cases held back after a refusal) and `sync_log` tables; the peers and their checkpoints are the
/// `PeerBook`'s.
public struct Replication: Sendable {
    /// The node that replicates.
    let node: Node
}

extension Node {
    /// Replication of this node's cases with its peers.
    public var replication: Replication { Replication(node: self) }
}

extension Replication {
    /// Syncs with one peer: from a court peer first its announcements and node directory (fast-forward only, see
    /// `pullAnnouncements`); then reads its changes feed and fetches those cases, each checked (`fetchChecked`)
    /// before `main` moves (fast-forwarding where history allows, else merging), then pushes our cases it may see
    /// that changed since the last push, and stores both checkpoints.
    /// Never throws: a peer that is down is an error in the report; a case that fails does not stop the others
    /// and is tried again next time (its checkpoint is not passed).
    public func sync(with peerID: String) -> SyncReport {
        var report = SyncReport(peer: peerID)
        clearDeadIncoming()
        do {
            let peer = try node.peers.named(peerID)
            guard let base = peer.url, let token = try node.peers.outgoingToken(peerID) else {
                throw DocketError(
                    .unavailable, key: "sync.peer-inbound-only",
                    zh: "\(peerID)是主动连接本节点的对等节点；"
                        + "本节点没有可联系它的 URL 和令牌。",
                    en: "\(peerID) is a peer that connects to us; this node has no URL and token to reach it.")
            }
            guard let link = URL(string: base), let host = link.host else {
                throw DocketError(
                    .invalidInput, key: "sync.peer-url-invalid", zh: "对等节点 URL 无效：\(base)。",
                    en: "Bad peer URL \(base).")
            }
            try PeerBook.checkLink(peerID, url: link, host: host, pins: peer.pins)
            let batch = try pull(from: peer, base: base, token: token, into: &report)
            try push(to: peer, base: base, token: token, batch: batch, into: &report)
        } catch {
            report.errors.append("\(error)")
        }
        // Bookings and hearings made offline on both sides may now collide: the clerk gets a conflict for each.
        do { try node.services.checkCollisions() } catch {
            report.errors.append("checking bookings and hearings: \(error)")
        }
        do { try recordSync(report) } catch { report.errors.append("recording this sync in the sync log: \(error)") }
        return report
    }

    /// Syncs with several peers at once, `concurrency` at a time, each on a thread of its own (a court and its sister
    /// court, a firm and two courts): one slow or unreachable peer does not hold up the others. The reports come back
    /// in the order of `peerIDs`. Two peers bringing the same case is the race every write already survives (each
    /// reference moves by compare-and-swap, and integration retries).
    public func sync(with peerIDs: [String], concurrency: Int = 2) -> [SyncReport] {
        guard peerIDs.count > 1, concurrency > 1 else { return peerIDs.map { sync(with: $0) } }
        let reports = Mutex([SyncReport?](repeating: nil, count: peerIDs.count))
        let slots = DispatchSemaphore(value: concurrency)
        let done = DispatchGroup()
        for (index, peerID) in peerIDs.enumerated() {
            slots.wait()
            done.enter()
            Thread.detachNewThread {
                defer {
                    slots.signal()
                    done.leave()
                }
                let report = self.sync(with: peerID)
                reports.withLock { $0[index] = report }
            }
        }
        done.wait()
        return reports.withLock { $0.map { $0! } }
    }

    /// Returns whether the peer offers the batched transfer (its feed says so and its batched fetch answered).
    private func pull(from peer: Peer, base: String, token: String, into report: inout SyncReport) throws -> Bool {
        var since = peer.pullSince
        var batch = true
        var firstPage = true
        while true {
            guard let url = SyncRoute.changes(base: base, since: since) else {
                throw DocketError(
                    .invalidInput, key: "sync.peer-url-invalid", zh: "对等节点 URL 无效：\(base)。",
                    en: "Bad peer URL "
                        + "\(base)."
                )
            }
            let feed = try PeerHTTP.get(ChangesFeed.self, url: url, token: token, pins: peer.certificatePins)
            if firstPage {
                firstPage = false
                // The court's announcements before any case: they carry its node directory, which verifies the
                // other nodes' commits in the cases that follow. Skipped when the feed says we hold them already.
                if feed.announcements == nil || feed.announcements != peer.courtCode.map(node.announcementsTip(court:))
                {
                    pullAnnouncements(from: peer, base: base, token: token, into: &report)
                }
            }
            var failed = false
            if batch, feed.batch == BatchStream.version,
                let batchFailed = try pullBatch(feed.cases, from: peer, base: base, token: token, into: &report)
            {
                failed = batchFailed
            } else {
                // Case by case over git's smart HTTP: a peer that does not offer the batched fetch.
                batch = false
                for change in feed.cases where Identifier.isCaseUID(change.uid) {
                    do {
                        // Read only: an archived case stays archived when the peer has nothing new for it.
                        let local = try? node.readCase(change.uid)?.reference(PeerRef.main(of: peer.nodeId))
                        if local?.hex != change.tip {
                            try fetchChecked(
                                change.uid, from: peer, url: SyncRoute.caseRepository(base: base, uid: change.uid),
                                token: token)
                            report.fetched += 1
                        }
                        try takeIntoMain(change.uid, from: peer, into: &report)
                    } catch {
                        failed = true
                        try record(error, uid: change.uid, peer: peer, into: &report)
                    }
                }
            }
            // A failed case keeps the checkpoint where it was, so the next sync asks for it again.
            if failed { return batch }
            since = feed.seq
            try node.peers.recordCheckpoints(peer.nodeId, pullSince: since, pushSince: nil)
            if !feed.more { return batch }
        }
    }

    /// Pushes every case changed since the last push (and every case the peer refused before): in batches when
    /// the peer offers them (`pushBatch`), else over git one by one.
    private func push(
        to peer: Peer, base: String, token: String, batch: Bool, into report: inout SyncReport
    ) throws {
        let newest = try node.newestSequence()
        var checkpoint = newest
        var candidates = try node.changedCases(for: peer, since: peer.pushSince)
        let listed = Set(candidates.map(\.0))
        // Cases the peer refused before go again, whatever the checkpoint says.
        let heldBack = try holds(peer: peer.nodeId).filter { $0.direction == .push }
        for held in heldBack where !listed.contains(held.uid) { candidates.append((held.uid, newest)) }
        let held = Set(heldBack.map(\.uid))
        var outgoing: [OutgoingCase] = []
        for (uid, seq) in candidates {
            do {
                // Read only, the repository let go before `yieldToCourt` may write: an archived case is read
                // from a copy and stays archived.
                let main: ObjectID?, theirs: ObjectID?
                do {
                    guard let repo = try node.readCase(uid) else { throw node.caseNotFound(uid) }
                    main = try repo.reference(PeerRef.main)
                    theirs = try repo.reference(PeerRef.main(of: peer.nodeId))
                }
                guard let main else { continue }
                // Skip what the peer gave us and we did not change.
                if theirs == main {
                    if held.contains(uid) { try release(uid, peer: peer.nodeId, .push) }
                    continue
                }
                let yielded = try yieldToCourt(uid, court: peer)
                if !yielded.isEmpty {
                    report.yielded.append(
                        "\(uid): "
                            + yielded.map { "\($0.path)\($0.field.map { " \($0)" } ?? "")" }.joined(separator: ", "))
                }
                outgoing.append(OutgoingCase(uid: uid, seq: seq))
            } catch {
                report.errors.append("\(uid): \(error)")
                checkpoint = min(checkpoint, seq - 1)
            }
        }
        var overGit = outgoing
        if batch, !outgoing.isEmpty {
            overGit =
                try pushBatch(outgoing, to: peer, base: base, token: token, into: &report, checkpoint: &checkpoint)
                ?? []
        }
        for outgoing in overGit {
            do { try pushOverGit(outgoing.uid, to: peer, base: base, token: token, into: &report) } catch {
                report.errors.append("\(outgoing.uid): \(error)")
                checkpoint = min(checkpoint, outgoing.seq - 1)
            }
        }
        try node.peers.recordCheckpoints(peer.nodeId, pullSince: nil, pushSince: checkpoint)
    }

    /// A case on its way to a peer, with the sequence number of its change (the push checkpoint stays before it
    /// when it fails).
    struct OutgoingCase {
        var uid: String
        var seq: Int64
    }

    /// Pushes one case's `main` over git's smart HTTP to our own ref on the peer (its pre-receive hook checks it).
    private func pushOverGit(_ uid: String, to peer: Peer, base: String, token: String, into report: inout SyncReport)
        throws
    {
        let results = try peer.gitTransfer { check in
            try node.repository(uid).push(
                to: SyncRoute.caseRepository(base: base, uid: uid),
                refspecs: [PeerRef.push(as: node.config.nodeId)],
                headers: [WireHeader.authorizationLine(token)], certificateCheck: check)
        }
        if let refusal = results.refusal {
            report.refused.append("\(uid): \(refusal)")
            try hold(uid, peer: peer.nodeId, .push, reason: refusal)
        } else {
            report.pushed += 1
            try release(uid, peer: peer.nodeId, .push)
        }
    }

    /// Fetches a case from a peer onto a scratch reference, checks the history (`HistoryCheck`, and for a case
    /// this node does not hold yet, `checkArrival`), and only then moves `refs/peers/<peer>/main` to it. A refused
    /// history leaves every reference as it was, and a repository made for a refused new case is removed.
    package func fetchChecked(_ uid: String, from peer: Peer, url: String, token: String) throws {
        let folder = node.paths.repository(ofCase: uid)
        let isNew = !FileManager.default.fileExists(atPath: folder.path)
        try node.ensureRepository(uid)
        let repo = try node.repository(uid)
        let incoming = PeerRef.incoming(from: peer.nodeId), peerRef = PeerRef.main(of: peer.nodeId)
        do {
            try peer.gitTransfer { check in
                try repo.fetch(
                    from: url, refspecs: [PeerRef.fetch(into: incoming)],
                    headers: [WireHeader.authorizationLine(token)], certificateCheck: check)
            }
            guard let tip = try repo.reference(incoming) else {
                throw DocketError(
                    .notFound, key: "sync.no-main", zh: "\(peer.nodeId)没有提供案件\(uid)的 main 分支。",
                    en: "\(peer.nodeId) serves no main for \(uid)")
            }
            let main = try repo.reference(Node.mainRef)
            if main == nil {
                try checkArrival(try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree), from: peer)
            }
            try historyCheck(repo, uid: uid, tip: tip, main: main)
            try node.moveReference(peerRef, in: repo, of: uid, to: tip, message: "take from \(peer.nodeId)")
            try repo.deleteReference(incoming)
        } catch {
            try? repo.deleteReference(incoming)
            if isNew, try repo.reference(Node.mainRef) == nil { try? FileManager.default.removeItem(at: folder) }
            throw error
        }
    }
}
