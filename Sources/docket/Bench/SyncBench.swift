import ArgumentParser
import DocketCore
import DocketGit
import DocketStore
import DocketSync
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Replication against a court served by `docket serve` on loopback: the initial sync of the K cases a firm may
/// see, against stock `git clone --bare` of the same repositories from the same server in the same run; then a
/// no-op sync and a sync of 10 changed cases at each court size N, to show that a sync costs what changed, not
/// what exists.
struct SyncBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract:
            "Sync a firm from a served court: cases/s against stock git, and how no-op and small syncs scale with N."
    )

    @Option(help: "Cases the firm may see (K).") var cases = 1_000
    @Option(help: "Court sizes N, comma-separated, ascending; the court grows from one to the next.") var total =
        "1000,20000"
    @OptionGroup var scratchOptions: ScratchOptions

    /// Initial-sync rounds (each with fresh firms and a fresh git folder), turning which of the three goes first.
    static let rounds = 2
    static let repetitions = 5
    static let changedPerSync = 10
    static let courtID = "court-bench", firmID = "bench-firm", courtCode = "鲁0102"

    var totals: [Int] { total.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        let totals = self.totals
        guard !totals.isEmpty, totals.count == total.split(separator: ",").count else {
            throw ValidationError("--total takes integers, e.g. 1000,20000.")
        }
        guard totals == totals.sorted(), cases >= Self.changedPerSync, totals[0] >= cases else {
            throw ValidationError(
                "--total must be ascending and its first value at least --cases (≥ \(Self.changedPerSync)).")
        }
    }

    func run() throws {
        try scratchOptions.withFolder("bench") { scratch in
            let totals = self.totals
            print(
                "sync: a court with N = \(totals.map(String.init).joined(separator: ", ")) cases, of which firm "
                    + "\(Self.firmID) may see K = \(cases)"
            )
            let court = try Node.initialize(
                at: scratch.appendingPathComponent("court"),
                config: NodeConfig(nodeId: Self.courtID, role: .court, name: "bench court", courtCode: Self.courtCode))
            var filer = CourtFiler(court: court, visible: cases, firstTotal: totals[0])
            // The floor of the initial sync: the same node writing the same kind of cases locally, in this run.
            let ingestStart = Date()
            try filer.file(upTo: totals[0])
            let ingestRate = Double(totals[0]) / Date().timeIntervalSince(ingestStart)

            let server = try BenchServer(data: court.paths.root, log: scratch.appendingPathComponent("serve.log"))
            defer { server.stop() }
            let secure = try BenchServer(
                data: court.paths.root, log: scratch.appendingPathComponent("serve-tls.log"), tls: true)
            defer { secure.stop() }
            let perCase = try BenchServer(
                data: court.paths.root, log: scratch.appendingPathComponent("serve-no-batch.log"),
                arguments: ["--no-batch"])
            defer { perCase.stop() }
            let pins = [try court.tlsIdentity()?.fingerprint].compactMap { $0 }
            print("  docket serve  \(server.url) and \(secure.url) (pinned)  (--sync-interval 0)")

            // 1. Initial sync of K cases over plain HTTP and over TLS, against stock git from the same server; the
            //    order turns each round so neither always runs on a warmer cache.
            var firm: Node!
            var firmToken = ""
            var syncSeconds = 0.0, tlsSeconds = 0.0, gitSeconds = 0.0, perCaseSeconds = 0.0
            for round in 0..<Self.rounds {
                let root = scratch.appendingPathComponent("round-\(round)")
                // A fresh firm for each sync (inviting it again replaces the token); git uses the last token.
                let initialSync = { (name: String, url: String, pins: [String]) throws -> Double in
                    let (node, token) = try makeBenchFirm(
                        Self.firmID, at: root.appendingPathComponent(name), court: court, url: url, fingerprints: pins)
                    firmToken = token
                    if pins.isEmpty { firm = node }
                    var report: SyncReport!
                    let seconds = measure { report = node.replication.sync(with: Self.courtID) }
                    try check(report, fetched: cases, what: "initial sync (\(name))")
                    return seconds
                }
                let plain = { syncSeconds += try initialSync("firm-plain", server.url, []) }
                let overTLS = { tlsSeconds += try initialSync("firm-tls", secure.url, pins) }
                let caseByCase = { perCaseSeconds += try initialSync("firm-per-case", perCase.url, []) }
                let git = {
                    gitSeconds += try cloneAll(
                        filer.visibleUIDs, into: root.appendingPathComponent("git"), server: server, token: firmToken)
                }
                let steps = [overTLS, plain, caseByCase, git]
                for step in 0..<steps.count { try steps[(step + round) % steps.count]() }
                // Each round's folder stays until the scratch folder goes: on ext4 without a journal (as here),
                // tens of thousands of files deleted just before make the next round's new inodes slower to find
                // (`recently_deleted`), a cost of the bench's own tidying that the floor does not pay.
            }
            // The last round's plain firm goes on to the small syncs below, with a token of its own again.
            firmToken = try court.peers.invite(Self.firmID, role: .firm, publicKey: firm.key.publicKeyBase64)
            try firm.peers.add(
                Self.courtID, url: server.url, role: .court, publicKey: court.key.publicKeyBase64, token: firmToken,
                courtCode: Self.courtCode)
            let n = Double(cases * Self.rounds)
            print(
                "  initial sync  \(format(n / syncSeconds)) cases/s  (\(format(syncSeconds / Double(Self.rounds), 2)) "
                    + "s per \(cases) cases, \(Self.rounds) rounds)"
            )
            print(
                "  over TLS      \(format(n / tlsSeconds)) cases/s  (\(format(tlsSeconds / Double(Self.rounds), 2)) s; "
                    + "pinned certificate, the same court)"
            )
            print(
                "  case by case  \(format(n / perCaseSeconds)) cases/s  "
                    + "(\(format(perCaseSeconds / Double(Self.rounds), 2)) s; serve --no-batch: one git fetch per case)"
            )
            print(
                "  local ingest  \(format(ingestRate)) cases/s  "
                    + "(the court filing its first \(totals[0]) cases: the floor)"
            )
            print(
                "  git clone     \(format(n / gitSeconds)) cases/s  (\(format(gitSeconds / Double(Self.rounds), 2)) s; "
                    + "stock git clone --bare, one process per case)"
            )
            print("  ratio         \(format(syncSeconds / gitSeconds, 2))× git   (target ≤ 1.20)")
            print("  TLS / plain   \(format(tlsSeconds / syncSeconds, 2))×   (target ≤ 1.20)")
            print(
                "  vs ingest     \(format(n / syncSeconds / ingestRate, 2))× local ingest   "
                    + "(target ≥ 0.70; and ≥ 500 cases/s)")

            // 2. No-op and small syncs at each N; the court grows in between.
            var figures: [(n: Int, noop: Double, changed: Double)] = []
            var edits = 0
            for (index, n) in totals.enumerated() {
                if index > 0 {
                    try filer.file(upTo: n)
                    var report: SyncReport!
                    let seconds = measure { report = firm.replication.sync(with: Self.courtID) }
                    try check(report, fetched: 0, what: "catch-up sync")
                    print(
                        "  catch-up      \(format(seconds * 1000)) ms  (one sync over \(n - totals[index - 1]) new "
                            + "cases the firm may not see)"
                    )
                }
                var noop: [Double] = [], changed: [Double] = []
                // CPU both sides spend on the changed syncs: on two cores shared by both, the sync's time is mostly
                // this work, not waiting.
                var firmCPU = 0.0, serverCPU = 0.0
                for _ in 0..<Self.repetitions {
                    var report: SyncReport!
                    noop.append(measure { report = firm.replication.sync(with: Self.courtID) })
                    try check(report, fetched: 0, what: "no-op sync")
                }
                for _ in 0..<Self.repetitions {
                    for _ in 0..<Self.changedPerSync {
                        let uid = filer.visibleUIDs[edits % cases]
                        edits += 1
                        try court.updateCase(uid) { file, actor in
                            try CaseActions.edit(file, set: [("claims", "判令被告支付货款；变更 \(edits)")], by: actor)
                        }
                    }
                    var report: SyncReport!
                    let (firmBefore, serverBefore) = (processCPUSeconds(), server.cpuSeconds())
                    changed.append(measure { report = firm.replication.sync(with: Self.courtID) })
                    firmCPU += processCPUSeconds() - firmBefore
                    serverCPU += server.cpuSeconds() - serverBefore
                    try check(
                        report, fetched: Self.changedPerSync, what: "sync of \(Self.changedPerSync) changed cases")
                }
                figures.append((n, median(noop), median(changed)))
                print(
                    "  N = \(n)".padding(toLength: 16, withPad: " ", startingAt: 0)
                        + "no-op sync \(format(median(noop) * 1000)) ms, \(Self.changedPerSync) changed "
                        + "\(format(median(changed) * 1000)) ms"
                        + "  (medians of \(Self.repetitions); CPU per changed sync: firm "
                        + "\(format(firmCPU * 1000 / Double(Self.repetitions))) ms, server "
                        + "\(format(serverCPU * 1000 / Double(Self.repetitions))) ms)")
            }
            if let first = figures.first, let last = figures.last, figures.count > 1 {
                print(
                    "  ratio N=\(last.n) / N=\(first.n)  no-op \(format(last.noop / first.noop, 2)), "
                        + "\(Self.changedPerSync) changed \(format(last.changed / first.changed, 2))   (target ≤ 1.50)"
                )
            }
            let parts = try breakdown(
                firm: firm, court: court, visibleUIDs: filer.visibleUIDs, edits: &edits, url: server.url,
                token: firmToken)
            print(
                "  where a \(Self.changedPerSync)-changed sync goes (N = \(totals.last!), medians of "
                    + "\(Self.repetitions), the same public steps by hand):"
            )
            print(
                "                feed \(format(parts.feed * 1000)) ms, libgit2 fetch \(format(parts.fetch * 1000)) ms, "
                    + "integrate + re-index \(format(parts.integrate * 1000)) ms"
            )
            try measureInitialPush(court: court, batched: server, perCase: perCase, scratch: scratch)
            print(
                "  peak memory   \(format(peakMemoryMiB())) MiB (court writer + firm), server "
                    + "\(format(server.peakMemoryMiB())) MiB"
            )
            print(
                "  check         court \(try court.listCases(limit: totals.last! + 1).count) cases indexed, firm "
                    + "\(try firm.listCases(limit: totals.last! + 1).count)"
            )
        }
    }
}

extension SyncBench {
    /// 3. A firm's own K new cases pushed to the court in one sync: batched, and to the same court served
    ///    `--no-batch` (one git push per case, each checked by the pre-receive hook), each by a firm of its own.
    func measureInitialPush(court: Node, batched: BenchServer, perCase: BenchServer, scratch: URL) throws {
        var seconds: [Double] = []
        for (index, server) in [batched, perCase].enumerated() {
            let id = "firm-push-\(index)"
            let (firm, _) = try makeBenchFirm(id, at: scratch.appendingPathComponent(id), court: court, url: server.url)
            var demo = DemoData(seed: 40 + UInt64(index))
            for _ in 0..<cases {
                let filing = try demo.filing(representedBy: id, today: Node.today())
                _ = try firm.fileCase(filing.input, attachments: filing.attachments)
            }
            var report: SyncReport!
            seconds.append(measure { report = firm.replication.sync(with: Self.courtID) })
            guard report.pushed == cases, report.errors.isEmpty, report.refused.isEmpty else {
                let json = String(decoding: (try? JSONEncoder().encode(report)) ?? Data(), as: UTF8.self)
                throw DocketError(
                    .internal, key: "bench.push-count-mismatch", zh: "首次推送未全部送达：\(json.prefix(2_000))",
                    en: "The initial push did not take every case: \(json.prefix(2_000))")
            }
        }
        print(
            "  initial push  \(format(Double(cases) / seconds[0])) cases/s batched (\(format(seconds[0], 2)) s), "
                + "\(format(Double(cases) / seconds[1])) over git (serve --no-batch): "
                + "\(format(seconds[1] / seconds[0], 2))× faster")
        print(
            "  serve memory  \(format(batched.residentMemoryMiB())) MiB resident after taking \(cases) pushed cases "
                + "batched (peak \(format(batched.peakMemoryMiB())) MiB); over git "
                + "\(format(perCase.residentMemoryMiB())) MiB")
    }

    /// The floor: `git clone --bare` of each repository, one after another, as a script around stock git would.
    func cloneAll(_ uids: [String], into folder: URL, server: BenchServer, token: String) throws -> Double {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        // No user or system configuration, and never a password prompt.
        environment["GIT_TERMINAL_PROMPT"] = "0"; environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["HOME"] = folder.path
        return try measure {
            for uid in uids {
                let git = Process()
                git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
                git.arguments = [
                    "clone", "--bare", "--quiet",
                    SyncRoute.caseRepository(base: "http://x:\(token)@\(server.hostPort)", uid: uid),
                    "\(folder.path)/\(uid).git",
                ]
                git.environment = environment
                git.standardOutput = FileHandle.nullDevice
                git.standardError = FileHandle.nullDevice
                try git.run()
                git.waitUntilExit()
                guard git.terminationStatus == 0 else {
                    throw DocketError(
                        .internal, key: "bench.git-clone-failed",
                        zh: "git clone \(uid) 失败（状态码\(git.terminationStatus)）。",
                        en: "git clone of \(uid) failed (status \(git.terminationStatus)).")
                }
            }
        }
    }

    /// A sync that did not do exactly what the bench expects makes its figures meaningless: stop.
    func check(_ report: SyncReport, fetched: Int, what: String) throws {
        guard report.errors.isEmpty, report.refused.isEmpty, report.diverged == 0, report.merged == 0,
            report.pushed == 0,
            report.fetched == fetched, report.fastForwarded == fetched
        else {
            let json = String(decoding: (try? JSONEncoder().encode(report)) ?? Data(), as: UTF8.self)
            throw DocketError(
                .internal, key: "bench.fetch-count-mismatch",
                zh: "\(what)获取了\(report.fetched)个，预期为\(fetched)：\(json.prefix(2_000))",
                en: "The \(what) fetched \(report.fetched), expected \(fetched): \(json.prefix(2_000))")
        }
    }

    /// Where a sync of 10 changed cases spends its time, by the same public steps `sync(with:)` takes: one GET of
    /// the changes feed, the libgit2 fetches, and integrating (fast-forward + re-index). Runs last: it leaves
    /// the firm's pull checkpoint behind its repositories.
    func breakdown(
        firm: Node, court: Node, visibleUIDs: [String], edits: inout Int, url: String, token: String
    ) throws
        -> (feed: Double, fetch: Double, integrate: Double)
    {
        var feeds: [Double] = [], fetches: [Double] = [], integrations: [Double] = []
        var since = try firm.peers.named(Self.courtID).pullSince
        for _ in 0..<Self.repetitions {
            for _ in 0..<Self.changedPerSync {
                let uid = visibleUIDs[edits % visibleUIDs.count]
                edits += 1
                try court.updateCase(uid) { [edits] file, actor in
                    try CaseActions.edit(file, set: [("claims", "判令被告支付货款；变更 \(edits)")], by: actor)
                }
            }
            var feed: ChangesFeed!
            feeds.append(
                try measure {
                    feed = try getJSON(
                        ChangesFeed.self, SyncRoute.changes(base: url, since: since)!.absoluteString, token: token)
                })
            since = feed.seq
            guard feed.cases.count == Self.changedPerSync else {
                throw DocketError(
                    .internal, key: "bench.feed-count-mismatch",
                    zh: "变更列表列出\(feed.cases.count)个案件，预期为\(Self.changedPerSync)个。",
                    en: "The feed listed \(feed.cases.count) cases, expected \(Self.changedPerSync).")
            }
            let peerRef = PeerRef.main(of: Self.courtID)
            fetches.append(
                try measure {
                    for change in feed.cases {
                        try firm.ensureRepository(change.uid)
                        try firm.repository(change.uid).fetch(
                            from: SyncRoute.caseRepository(base: url, uid: change.uid),
                            refspecs: [PeerRef.fetch(into: peerRef)],
                            headers: ["Authorization: Bearer \(token)"])
                    }
                })
            integrations.append(
                try measure { for change in feed.cases { _ = try firm.integrate(change.uid, peerRef: peerRef) } })
        }
        return (median(feeds), median(fetches), median(integrations))
    }

    /// A GET with the peer token, decoded (what the sync client does for the feed).
    func getJSON<T: Decodable>(_ type: T.Type, _ url: String, token: String) throws -> T {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue(WireHeader.bearer(token), forHTTPHeaderField: "Authorization")
        guard case .answer(200, let body) = BlockingHTTP.send(request, timeout: 60) else {
            throw DocketError(
                .unavailable, key: "bench.feed-unanswered", zh: "同步变更列表没有应答：\(url)",
                en: "The changes feed did not answer: \(url)")
        }
        return try JSONDecoder().decode(T.self, from: body)
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Files the court's cases through the node API. K of the first N name the bench firm as a party's
/// representative (so the firm may see exactly those); every later case is one the firm may not see.
struct CourtFiler {
    let court: Node
    let visible: Int
    let firstTotal: Int
    private(set) var filed = 0
    private(set) var visibleUIDs: [String] = []
    private var demo = DemoData(seed: 11)

    init(court: Node, visible: Int, firstTotal: Int) {
        self.court = court; self.visible = visible; self.firstTotal = firstTotal
    }

    mutating func file(upTo total: Int) throws {
        let start = Date()
        while filed < total {
            // The K visible cases are spread evenly over the first N, not one block of the change sequence.
            let isVisible = filed < firstTotal && (filed + 1) * visible / firstTotal > filed * visible / firstTotal
            let filing = demo.filing()
            let json = isVisible ? DemoData.json(filing.json, representedBy: SyncBench.firmID) : filing.json
            let input = try FilingInput.parse(Array(json.utf8), today: Node.today())
            // Visible cases carry the demo's two documents (what the firm fetches); the others none, which makes
            // them cheaper to file and changes nothing the firm can observe.
            let attachments = isVisible ? filing.documents.map { (name: $0.0, bytes: Array($0.1.utf8)) } : []
            let file = try court.fileCase(input, attachments: attachments)
            if isVisible { visibleUIDs.append(file.record.uid) }
            filed += 1
            if filed % 2_000 == 0 || filed == total {
                print("  filed         \(filed)/\(total) cases (\(format(Date().timeIntervalSince(start))) s)")
                fflush(stdout)
            }
        }
    }
}

extension DemoData {
    /// A demo filing's JSON with every lawyer's firm replaced by `firm`: a case that firm is party to.
    static func json(_ json: String, representedBy firm: String) -> String {
        lawyers.reduce(json) { json, lawyer in
            json.replacingOccurrences(of: "\"firm\": \"\(lawyer.1)\"", with: "\"firm\": \"\(firm)\"")
        }
    }

    /// The next filing, represented by `firm`, parsed, with its documents as attachments.
    mutating func filing(
        representedBy firm: String, today: LocalDate
    ) throws -> (input: FilingInput, attachments: [(name: String, bytes: [UInt8])]) {
        let filing = filing()
        let input = try FilingInput.parse(Array(Self.json(filing.json, representedBy: firm).utf8), today: today)
        return (input, filing.documents.map { (name: $0.0, bytes: Array($0.1.utf8)) })
    }
}
