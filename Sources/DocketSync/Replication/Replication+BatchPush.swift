import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// The most pack bytes one batched push request carries (the request is built in memory; more cases go in the
    /// next request).
    static let batchPushBytes = 64 * 1024 * 1024
    /// The most of a batched push's answer kept (result frames of a few hundred bytes, at most 1,000 cases a
    /// request by size): a peer cannot fill the disk with it.
    static let batchPushAnswerBytes = 16 * 1024 * 1024

    /// Pushes cases in batches (`POST /api/v1/sync/push`): each case's `main` as one pack built in this process,
    /// hiding what the peer already holds (our copy of its `main`), many cases per request. The peer checks each
    /// case as its pre-receive hook checks a git push and answers for each: taken, refused (held back here, with
    /// the reason, and pushed again at every sync), or an error (tried again next time). A case the peer could not
    /// take for lack of objects we assumed it had is sent again whole, once.
    ///
    /// Returns the cases still to push over git: all of them when the peer has no batched push (an older version
    /// answers 404 or 405), else none.
    func pushBatch(
        _ outgoing: [OutgoingCase], to peer: Peer, base: String, token: String, into report: inout SyncReport,
        checkpoint: inout Int64
    ) throws -> [OutgoingCase]? {
        guard let url = SyncRoute.batchPush(base: base) else {
            throw DocketError(
                .invalidInput, key: "sync.peer-url-invalid", zh: "对等节点 URL 无效：\(base)。", en: "Bad peer URL \(base).")
        }
        var queue = outgoing.map { (outgoing: $0, whole: false) }
        var first = true
        while !queue.isEmpty {
            var body = BatchStream.magic
            var sent: [(outgoing: OutgoingCase, whole: Bool, hid: Bool)] = []
            while let next = queue.first, sent.isEmpty || body.count < Self.batchPushBytes {
                queue.removeFirst()
                do {
                    let (frame, hid) = try pushFrame(next.outgoing.uid, to: peer, whole: next.whole)
                    body += frame
                    sent.append((next.outgoing, next.whole, hid))
                } catch {
                    report.errors.append("\(next.outgoing.uid): \(error)")
                    checkpoint = min(checkpoint, next.outgoing.seq - 1)
                }
            }
            guard !sent.isEmpty else { continue }
            body += BatchStream.frame(.init(end: sent.count))
            guard let answers = try postPush(body, to: url, peer: peer, token: token) else {
                if first { return outgoing }
                throw DocketError(
                    .unavailable, key: "sync.batch-push-gone", zh: "\(peer.nodeId)不再接受批量推送。",
                    en: "\(peer.nodeId) no longer takes batched pushes.")
            }
            first = false
            for item in sent {
                let uid = item.outgoing.uid
                guard let answer = answers[uid] else {
                    report.errors.append("\(uid): \(Self.noAnswer(uid, from: peer))")
                    checkpoint = min(checkpoint, item.outgoing.seq - 1)
                    continue
                }
                if answer.taken != nil {
                    report.pushed += 1
                    report.batchedPushes += 1
                    try release(uid, peer: peer.nodeId, .push)
                } else if let refusal = answer.refused {
                    // Chinese first, then English, as a refusal over git and on the pull path read.
                    let reason = refusal.zh == refusal.en ? refusal.en : "\(refusal.zh) \(refusal.en)"
                    report.refused.append("\(uid): \(reason)")
                    try hold(uid, peer: peer.nodeId, .push, reason: reason)
                } else if item.hid, !item.whole {
                    // Perhaps the peer lacks what we hid (restored from an older copy): once more, whole.
                    queue.append((item.outgoing, true))
                } else {
                    report.errors.append("\(uid): \(answer.error?.error ?? Self.noAnswer(uid, from: peer))")
                    checkpoint = min(checkpoint, item.outgoing.seq - 1)
                }
            }
        }
        return nil
    }

    private static func noAnswer(_ uid: String, from peer: Peer) -> DocketError {
        DocketError(
            .unavailable, key: "sync.batch-case-unanswered", zh: "\(peer.nodeId)未对案件\(uid)作出答复。",
            en: "\(peer.nodeId) gave no answer for \(uid).")
    }

    /// One case's frame: `main` and the pack of what the peer lacks (everything when `whole`, or when we hold no
    /// commit of its). Also says whether anything was hidden.
    private func pushFrame(_ uid: String, to peer: Peer, whole: Bool) throws -> (frame: [UInt8], hid: Bool) {
        // Read only: an archived case is read from a copy and stays archived.
        guard let repo = try node.readCase(uid) else { throw node.caseNotFound(uid) }
        guard let main = try repo.reference(PeerRef.main) else {
            throw DocketError(.notFound, key: "case.no-main", zh: "案件\(uid)没有主线。", en: "The case \(uid) has no main.")
        }
        let theirs = whole ? nil : try repo.reference(PeerRef.main(of: peer.nodeId))
        let hiding = [theirs].compactMap { $0 }.filter { repo.objectType($0) == "commit" }
        let pack = try repo.packBytes(from: main, hiding: hiding)?.bytes ?? []
        return (BatchStream.frame(.init(uid: uid, tip: main.hex, pack: pack.count), pack: pack), !hiding.isEmpty)
    }

    /// Sends one batched push and reads the answers by case; nil when the peer has no batched push (404, 405).
    private func postPush(
        _ body: [UInt8], to url: URL, peer: Peer, token: String
    ) throws -> [String: BatchStream.Header]? {
        let (spill, file) = try spillFile("batch", "answer")
        defer {
            try? file.close()
            try? FileManager.default.removeItem(at: spill)
        }
        let status = try PeerHTTP.post(
            url: url, body: body, contentType: BatchStream.contentType, token: token, pins: peer.certificatePins,
            timeout: 600, into: file, limit: Self.batchPushAnswerBytes)
        if status == 404 || status == 405 { return nil }
        guard status == 200 else { throw PeerHTTP.statusError(url, status) }
        try file.seek(toOffset: 0)
        var answers: [String: BatchStream.Header] = [:]
        do {
            let reader = try BatchReader(file)
            while let header = try reader.next(), header.end == nil {
                if let uid = header.uid { answers[uid] = header }
            }
        } catch is BatchStreamBroken {
            // The answers read before the break stand; the cases after it are "no answer".
        }
        return answers
    }
}
