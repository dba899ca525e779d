import DocketCore
import DocketGit
import DocketStore
import DocketSync
import DocketTestSupport
import Foundation
import Testing

/// Issue 20: a firm pulls the cases it may see in one batched request (`POST /api/v1/sync/fetch`) from a real
/// `docket serve` over TLS; what changes later comes again in a batch holding only the new history; a court
/// that does not offer the batch is fetched from case by case over git, with the same result.
@Suite(.serialized) struct BatchSyncTests {
    static func courtFiles(_ c: Cluster, for firm: String, count: Int) throws -> [String] {
        try (0..<count).map { n in
            let path = c.root.appendingPathComponent("court-filing-\(n).json")
            try Cluster.filing.replacingOccurrences(of: "FIRM", with: firm)
                .replacingOccurrences(of: "支付货款", with: "支付货款第\(n)笔")
                .write(to: path, atomically: true, encoding: .utf8)
            return (try c.json("court", ["case", "new", "--from", path.path, "--allow-duplicate"]) as! [String: Any])[
                "uid"] as! String
        }
    }

    static func repository(_ c: Cluster, _ node: String, _ uid: String) -> String {
        NodePaths(root: URL(fileURLWithPath: c.data(node))).repository(ofCase: uid).path
    }

    static func mains(_ c: Cluster, _ node: String, _ uids: [String]) throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try uids.map { uid in
                (uid, try Repository.open(repository(c, node, uid)).reference("refs/heads/main")?.hex ?? "")
            })
    }

    @Test func aFirmTakesItsCasesInOneBatchAndLaterOnlyWhatChanged() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a", "firm-b"], tls: true)
        let uids = try Self.courtFiles(c, for: "firm-a", count: 12)
        let hidden = try Self.courtFiles(c, for: "firm-b", count: 2)

        let first = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(first["batched"] as? Int == 12 && first["fetched"] as? Int == 12, "\(first)")
        #expect((first["errors"] as? [String])?.isEmpty == true && (first["declined"] as? [String])?.isEmpty == true)
        #expect(try Self.mains(c, "firm-a", uids) == Self.mains(c, "court", uids))
        #expect(!FileManager.default.fileExists(atPath: Self.repository(c, "firm-a", hidden[0])))
        // Nothing of the transfer is left behind (the stream on disk, the quarantines).
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: c.data("firm-a") + "/incoming")) ?? []
        #expect(incoming.filter { $0.hasPrefix("q-") || $0.hasPrefix("batch-") }.isEmpty, "\(incoming)")

        // Three cases accepted at the court: the next sync brings those three, and no more.
        for uid in uids.prefix(3) { _ = try c.json("court", ["filing", "accept", uid]) }
        let second = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(second["batched"] as? Int == 3 && second["fastForwarded"] as? Int == 3, "\(second)")
        #expect(try Self.mains(c, "firm-a", uids) == Self.mains(c, "court", uids))
        let shown = try c.json("firm-a", ["case", "show", uids[0]]) as! [String: Any]
        #expect(shown["status"] as? String == "accepted")
        // An unchanged court: nothing fetched.
        let third = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(third["fetched"] as? Int == 0 && (third["errors"] as? [String])?.isEmpty == true, "\(third)")
        let fsck = try c.git(["--git-dir", Self.repository(c, "firm-a", uids[0]), "fsck", "--strict"])
        #expect(fsck.status == 0, "\(fsck.err)")
    }

    @Test func aCourtWithoutTheBatchIsFetchedCaseByCase() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"], tls: true, serveArguments: ["--no-batch"])
        let uids = try Self.courtFiles(c, for: "firm-a", count: 4)
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["fetched"] as? Int == 4 && report["batched"] as? Int == 0, "\(report)")
        #expect(try Self.mains(c, "firm-a", uids) == Self.mains(c, "court", uids))
    }
}

/// Issue 20: one hostile case inside a batch is declined with its reason, changes nothing of that case, and costs
/// the others nothing: the good cases of the same stream are taken.
@Suite(.serialized) struct HostileBatchTests {
    @Test func aHostileCaseInABatchIsDeclinedAndTheOthersAreTaken() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let good = try BatchSyncTests.courtFiles(c, for: "firm-a", count: 3)
        let firmB = try Node.open(at: URL(fileURLWithPath: c.data("firm-b")), operatorName: "赵律师")
        let atB = try firmB.caseFile(s.uid)
        let own = atB.parties.first { $0.role == .defendant }!, other = atB.parties.first { $0.role == .plaintiff }!
        let commit = try HostileAttack.lowerFee.forge(in: s, by: firmB, own: own, other: other, uid: s.uid)

        try HostilePullTests.serveFromHostileNode(s, uid: s.uid, main: commit)
        let before = try HostilePullTests.snapshot(c, s.repository("firm-a"))
        let packsBefore = try FileManager.default.contentsOfDirectory(atPath: s.repository("firm-a") + "/objects/pack")
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        let declined = (report["declined"] as? [String]) ?? []
        #expect(declined.count == 1 && declined[0].contains(HostileAttack.lowerFee.reason(by: "firm-b", pulled: true)))
        #expect(report["batched"] as? Int == 3, "\(report)")
        #expect(try HostilePullTests.snapshot(c, s.repository("firm-a")) == before)
        #expect(try BatchSyncTests.mains(c, "firm-a", good) == BatchSyncTests.mains(c, "court", good))
        // No byte of the refused history entered firm A's repository: the packs it had before, and no others.
        let packsAfter = try FileManager.default.contentsOfDirectory(atPath: s.repository("firm-a") + "/objects/pack")
        #expect(Set(packsAfter) == Set(packsBefore))
        try c.docket("firm-a", ["fsck"])
    }
}

/// Issue 20: a line that fails in the middle of a batch. The cases that arrived whole are taken, the one in flight
/// leaves nothing (no partial reference, no pack, no folder for a new case), the checkpoint stays, and the next
/// sync brings the rest.
@Suite(.serialized) struct BatchCutTests {
    @Test func aStreamCutMidwayKeepsWhatArrivedWholeAndTheNextSyncConverges() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"])
        let uids = try BatchSyncTests.courtFiles(c, for: "firm-a", count: 6)
        // The whole answer, asked directly, tells where its middle is.
        let request = c.root.appendingPathComponent("batch.json")
        let body = try JSONEncoder().encode(BatchFetchRequest(cases: uids.map { .init(uid: $0, haves: []) }))
        try body.write(to: request)
        let whole = try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-X", "POST", "-H", "Authorization: Bearer \(tokens["firm-a"]!)", "-H",
                "Content-Type: application/json", "--data-binary", "@\(request.path)",
                "-o", c.root.appendingPathComponent("whole.stream").path, "-w", "%{size_download}",
                "\(c.url)\(SyncRoute.batchFetch)",
            ])
        let size = try #require(Int(whole.out))
        let relay = try TCPRelay(to: UInt16(c.port))
        defer { relay.stop() }
        relay.cutAnswers(to: "POST \(SyncRoute.batchFetch)", after: 200 + size / 2)
        try c.repoint("firm-a", token: tokens["firm-a"]!, url: "http://127.0.0.1:\(relay.port)", fingerprints: [])

        // The sync reports the cut (and exits 1, as a sync with errors does).
        let run = try Cluster.run(Cluster.binary, ["sync", "--json", "--data", c.data("firm-a")])
        #expect(run.status != 0)
        let cut = (try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as! [[String: Any]])[0]
        let taken = cut["batched"] as? Int ?? -1
        #expect(taken > 0 && taken < 6, "\(cut)")
        let errors = (cut["errors"] as? [String]) ?? []
        #expect(errors.contains { $0.contains("batched sync stream broke off") }, "\(cut)")
        let firm = NodePaths(root: URL(fileURLWithPath: c.data("firm-a")))
        let held = uids.filter { FileManager.default.fileExists(atPath: firm.repository(ofCase: $0).path) }
        #expect(held.count == taken, "no folder is left for a case that did not arrive whole")
        #expect(try BatchSyncTests.mains(c, "firm-a", held) == BatchSyncTests.mains(c, "court", held))
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: firm.incoming.path)) ?? []
        #expect(incoming.filter { $0.hasPrefix("q-") || $0.hasPrefix("batch-") }.isEmpty, "\(incoming)")
        try c.docket("firm-a", ["fsck"])

        try c.repoint("firm-a", token: tokens["firm-a"]!, url: c.url, fingerprints: [])
        let again = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect((again["errors"] as? [String])?.isEmpty == true && again["batched"] as? Int == 6 - taken, "\(again)")
        #expect(try BatchSyncTests.mains(c, "firm-a", uids) == BatchSyncTests.mains(c, "court", uids))
    }
}

/// Issue 20: a sync with nothing new is one request — the changes feed, which also says the court's announcements
/// are the ones the firm holds — and a new announcement is still fetched at the next sync.
@Suite(.serialized) struct NoOpSyncTests {
    static func requests(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").filter {
            $0.hasPrefix("GET ") || $0.hasPrefix("POST ")
        }.map(String.init)
    }

    @Test func aSyncWithNothingNewIsOneRequest() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"])
        _ = try BatchSyncTests.courtFiles(c, for: "firm-a", count: 2)
        let relay = try TCPRelay(to: UInt16(c.port))
        defer { relay.stop() }
        try c.repoint("firm-a", token: tokens["firm-a"]!, url: "http://127.0.0.1:\(relay.port)", fingerprints: [])
        let first = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(first["batched"] as? Int == 2 && first["announcements"] as? Int == 1, "\(first)")

        let before = relay.toServer.count
        let idle = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(idle["fetched"] as? Int == 0 && (idle["errors"] as? [String])?.isEmpty == true, "\(idle)")
        let asked = Self.requests(Array(relay.toServer.dropFirst(before)))
        #expect(asked.count == 1 && asked[0].hasPrefix("GET /api/v1/sync/changes"), "\(asked)")

        _ = try c.json(
            "court", ["announce", "publish", "--title", "元旦假期安排", "--body", "1月1日休息。"])
        let after = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(after["announcements"] as? Int == 1, "\(after)")
    }
}

/// Issue 20: a firm with two courts syncs with both at once (`docket sync` runs the peers two at a time), and the
/// cases of each arrive, each from its own court.
@Suite(.serialized) struct SeveralPeersTests {
    @Test func aFirmSyncsWithTwoCourtsAtOnce() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let fromLixia = try BatchSyncTests.courtFiles(c, for: "firm-a", count: 3)
        // A sister court of its own, serving on its own port.
        try c.docket(
            "court2",
            ["init", "--role", "court", "--node-id", "court-shizhong", "--name", "市中区人民法院", "--court-code", "鲁0103"])
        let firmKey = (try c.json("firm-a", ["node"]) as! [String: Any])["publicKey"] as! String
        let token =
            (try c.json("court2", ["peer", "invite", "firm-a", "--role", "firm", "--public-key", firmKey])
                as! [String: Any])["token"] as! String
        let (_, port) = try c.serve("court2")
        let key2 = (try c.json("court2", ["node"]) as! [String: Any])["publicKey"] as! String
        try c.docket(
            "firm-a",
            [
                "peer", "add", "court-shizhong", "--url", "http://127.0.0.1:\(port)", "--role", "court",
                "--court-code", "鲁0103", "--public-key", key2, "--token", token,
            ])
        let path = c.root.appendingPathComponent("shizhong.json")
        try Cluster.filing.replacingOccurrences(of: "FIRM", with: "firm-a")
            .replacingOccurrences(of: "鲁0102", with: "鲁0103").write(to: path, atomically: true, encoding: .utf8)
        let fromShizhong =
            (try c.json("court2", ["case", "new", "--from", path.path]) as! [String: Any])["uid"] as! String

        let reports = try c.json("firm-a", ["sync"]) as! [[String: Any]]
        #expect(Set(reports.map { $0["peer"] as? String }) == ["court-lixia", "court-shizhong"])
        for report in reports { #expect((report["errors"] as? [String])?.isEmpty == true, "\(report)") }
        #expect(try BatchSyncTests.mains(c, "firm-a", fromLixia) == BatchSyncTests.mains(c, "court", fromLixia))
        #expect(
            try BatchSyncTests.mains(c, "firm-a", [fromShizhong]) == BatchSyncTests.mains(c, "court2", [fromShizhong]))
    }
}

/// Issue 20: a firm's new cases reach the court in one batched push (`POST /api/v1/sync/push`), each checked as
/// the pre-receive hook checks a git push; a hostile firm that writes the stream itself with its valid token gets
/// its forged case refused with the reason, and the other cases of the same stream taken; a court without the
/// batched push is pushed to over git.
@Suite(.serialized) struct BatchPushTests {
    /// Sends a batch stream written by hand to the court's push route with curl, as a hostile firm could, and reads
    /// the answer: curl's outcome (the HTTP status as its output), each case's result frame, and the `end` count.
    static func post(
        _ body: [UInt8], token: String, to c: Cluster
    ) throws -> (posted: (status: Int32, out: String, err: String), results: [String: BatchStream.Header], end: Int?) {
        let request = c.root.appendingPathComponent("push-\(UUID().uuidString).stream")
        let answer = c.root.appendingPathComponent("answer-\(UUID().uuidString)")
        try Data(body).write(to: request)
        let posted = try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H",
                "Content-Type: \(BatchStream.contentType)", "--data-binary", "@\(request.path)", "-o", answer.path,
                "-w", "%{http_code}", "\(c.url)\(SyncRoute.batchPush)",
            ])
        var results: [String: BatchStream.Header] = [:]
        var end: Int?
        if let handle = FileHandle(forReadingAtPath: answer.path), let reader = try? BatchReader(handle) {
            while let header = try reader.next() {
                if let count = header.end { end = count } else if let uid = header.uid { results[uid] = header }
            }
        }
        return (posted, results, end)
    }

    /// A frame of a pushed stream as a firm writes it from its own repository of `uid`: `tip` (default its `main`)
    /// and the pack of what the references named by `hiding` do not reach.
    static func frame(_ firm: Node, _ uid: String, tip: ObjectID? = nil, hiding: [String] = []) throws -> [UInt8] {
        let repo = try firm.repository(uid)
        let tip = try tip ?? repo.reference("refs/heads/main")!
        let pack = try repo.packBytes(from: tip, hiding: try hiding.map { try repo.reference($0)! })!.bytes
        return BatchStream.frame(.init(uid: uid, tip: tip.hex, pack: pack.count), pack: pack)
    }

    @Test func aFirmsNewCasesGoInOneBatchedPush() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"], tls: true)
        let fresh = try (0..<4).map { _ in try c.file(on: "firm-a") }
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["batchedPushes"] as? Int == 4 && report["pushed"] as? Int == 4, "\(report)")
        #expect((report["errors"] as? [String])?.isEmpty == true && (report["refused"] as? [String])?.isEmpty == true)
        #expect(try BatchSyncTests.mains(c, "court", fresh) == BatchSyncTests.mains(c, "firm-a", fresh))
        let shown = try c.json("court", ["case", "show", fresh[0]]) as! [String: Any]
        #expect(shown["status"] as? String == "submitted")
        // Nothing is sent again, and nothing of the transfer is left on the court.
        let again = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(again["pushed"] as? Int == 0, "\(again)")
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming")) ?? []
        #expect(incoming.filter { !$0.hasPrefix("empty") }.isEmpty, "\(incoming)")
        try c.docket("court", ["fsck"])
        let fsck = try c.git(["--git-dir", BatchSyncTests.repository(c, "court", fresh[0]), "fsck", "--strict"])
        #expect(fsck.status == 0, "\(fsck.err)")
    }

    @Test func aForgedCaseInAHostileStreamIsRefusedAndTheOthersAreTaken() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let fresh = try (0..<3).map { _ in try c.file(on: "firm-a") }
        let forged = try HostileAttack.lowerFee.forge(
            in: s, by: s.firm, own: s.plaintiff, other: s.defendant, uid: s.uid)
        // The forged case at the court: its references and object files (the other cases of the stream do arrive).
        func forgedAtCourt() throws -> String {
            let objects = FileManager.default.enumerator(atPath: s.repository("court") + "/objects")?.allObjects
            return try HostilePullTests.snapshot(c, s.repository("court")) + "\((objects as? [String] ?? []).sorted())"
        }
        let before = try forgedAtCourt()
        // The stream a hostile firm writes itself: three new cases whole, and the forged history over the court's.
        var body = BatchStream.magic
        for uid in fresh { body += try BatchPushTests.frame(s.firm, uid) }
        body += try BatchPushTests.frame(s.firm, s.uid, tip: forged, hiding: ["refs/peers/court-lixia/main"])
        body += BatchStream.frame(.init(end: 4))
        let (posted, results, end) = try Self.post(body, token: s.tokens["firm-a"]!, to: c)
        #expect(posted.out == "200", "\(posted)")
        #expect(end == 4)
        for uid in fresh { #expect(results[uid]?.taken == "created", "\(results[uid] as Any)") }
        let refusal = results[s.uid]?.refused?.en ?? ""
        #expect(refusal.contains(HostileAttack.lowerFee.reason(by: "firm-a", pulled: false)), "\(refusal)")
        #expect(try forgedAtCourt() == before)
        #expect(try BatchSyncTests.mains(c, "court", fresh) == BatchSyncTests.mains(c, "firm-a", fresh))
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming")) ?? []
        #expect(incoming.filter { !$0.hasPrefix("empty") }.isEmpty, "\(incoming)")
        try c.docket("court", ["fsck"])
    }

    /// The quarantine a push's packs wait in is one folder used for case after case: a refused case's pack is gone
    /// before the next case's is indexed, and a case the court holds that follows a refused one in the stream is
    /// taken with its own history only.
    @Test func aCaseAfterARefusedOneInTheSameStreamIsTakenAlone() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let other = try c.file(on: "firm-a")
        // Pushed, then fetched back: the firm learns the court's `main` of it.
        for _ in 0..<2 { _ = try c.json("firm-a", ["sync"]) }
        let edited = try s.firm.updateCase(other) { file, actor in
            try CaseActions.edit(file, set: [("claims", "判令被告支付货款及利息")], by: actor)
        }.commit
        let forged = try HostileAttack.lowerFee.forge(
            in: s, by: s.firm, own: s.plaintiff, other: s.defendant, uid: s.uid)
        var body = BatchStream.magic
        for (uid, tip) in [(s.uid, forged), (other, edited)] {
            body += try Self.frame(s.firm, uid, tip: tip, hiding: ["refs/peers/court-lixia/main"])
        }
        body += BatchStream.frame(.init(end: 2))
        let (posted, results, end) = try Self.post(body, token: s.tokens["firm-a"]!, to: c)
        #expect(posted.out == "200", "\(posted)")
        #expect(end == 2)
        #expect(results[s.uid]?.refused != nil, "\(results[s.uid] as Any)")
        #expect(results[other]?.taken == "fast-forwarded", "\(results[other] as Any)")
        let court = try Repository.open(s.repository("court", other))
        #expect(try court.reference("refs/heads/main") == edited)
        #expect(court.objectType(forged) == nil)
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming")) ?? []
        #expect(incoming.filter { !$0.hasPrefix("empty") }.isEmpty, "\(incoming)")
        try c.docket("court", ["fsck"])
    }

    /// A frame for a case the pusher may not see (another firm's) carrying the pusher's own history is answered
    /// exactly as a case that does not exist, and nothing of it lands; the case beside it in the stream is taken.
    @Test func aCaseThePusherMayNotSeeIsAnsweredAsMissing() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let theirs = try c.file(on: "firm-b")
        _ = try c.json("firm-b", ["sync"])
        let own = try c.file(on: "firm-a")
        let courtTheirs = BatchSyncTests.repository(c, "court", theirs)
        let before = try HostilePullTests.snapshot(c, courtTheirs)
        let repo = try s.firm.repository(own)
        let main = try repo.reference("refs/heads/main")!
        let pack = try repo.packBytes(from: main, hiding: [])!.bytes
        var body = BatchStream.magic
        body += BatchStream.frame(.init(uid: theirs, tip: main.hex, pack: pack.count), pack: pack)
        body += BatchStream.frame(.init(uid: own, tip: main.hex, pack: pack.count), pack: pack)
        body += BatchStream.frame(.init(end: 2))
        let (posted, results, _) = try Self.post(body, token: s.tokens["firm-a"]!, to: c)
        #expect(posted.out == "200", "\(posted)")
        #expect(results[theirs]?.error?.key == "sync.batch-no-case", "\(results[theirs] as Any)")
        #expect(results[own]?.taken == "created", "\(results[own] as Any)")
        #expect(try HostilePullTests.snapshot(c, courtTheirs) == before)
        #expect(try BatchSyncTests.mains(c, "court", [theirs]) != [theirs: main.hex])
        try c.docket("court", ["fsck"])
    }

    @Test func aCourtWithoutTheBatchIsPushedToOverGit() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"], tls: true, serveArguments: ["--no-batch"])
        let fresh = try (0..<3).map { _ in try c.file(on: "firm-a") }
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 3 && report["batchedPushes"] as? Int == 0, "\(report)")
        #expect(try BatchSyncTests.mains(c, "court", fresh) == BatchSyncTests.mains(c, "firm-a", fresh))
    }
}
