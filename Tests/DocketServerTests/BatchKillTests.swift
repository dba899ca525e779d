import DocketCore
import DocketGit
import DocketStore
import DocketTestSupport
import Foundation
import Testing

/// Issue 20: `kill -9` of either side in the middle of a batched initial sync (the firm fetching, or pushing its
/// own filings), at a random moment. After each, syncs bring the two sides to the same state: no partial reference,
/// nothing left in `incoming`, `docket fsck` clean on both sides. `DOCKET_KILL_TRIALS` sets the number of trials
/// (4 under `make test`; `make kill-trials` runs 50).
@Suite(.serialized) struct BatchKillTests {
    static var trials: Int { Int(ProcessInfo.processInfo.environment["DOCKET_KILL_TRIALS"] ?? "") ?? 4 }

    /// The firm made again from nothing (a new key, invited again), so each trial has a whole initial sync to cut.
    static func freshFirm(_ c: Cluster) throws {
        try? FileManager.default.removeItem(atPath: c.data("firm-a"))
        try c.docket("firm-a", ["init", "--role", "firm", "--node-id", "firm-a", "--name", "firm-a 律师事务所"])
        let key = (try c.json("firm-a", ["node"]) as! [String: Any])["publicKey"] as! String
        let token =
            (try c.json("court", ["peer", "invite", "firm-a", "--role", "firm", "--public-key", key])
                as! [String: Any])["token"] as! String
        try c.repoint("firm-a", token: token, url: c.url, fingerprints: [])
    }

    /// Starts `docket sync` on `node`, kills it or the court's server (`killServer`, restarted on the same port)
    /// with `kill -9` after `delay` seconds, then syncs again until a sync ends cleanly (three tries). Returns
    /// whether one did, and what each try printed.
    static func killMidSync(
        _ c: Cluster, _ node: String, after delay: Double, killServer: Bool
    ) throws -> (converged: Bool, outputs: [String]) {
        let sync = Process()
        sync.executableURL = URL(fileURLWithPath: Cluster.binary)
        sync.arguments = ["sync", "--json", "--data", c.data(node)]
        sync.standardOutput = FileHandle.nullDevice
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        Thread.sleep(forTimeInterval: delay)
        if killServer, let server = c.server {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        } else {
            kill(sync.processIdentifier, SIGKILL)
        }
        sync.waitUntilExit()
        if killServer { try c.startServer(samePort: true) }
        var converged = false
        var outputs: [String] = []
        for _ in 0..<3 where !converged {
            let run = try Cluster.run(Cluster.binary, ["sync", "--json", "--data", c.data(node)])
            outputs.append(run.out + run.err)
            converged = run.status == 0
        }
        return (converged, outputs)
    }

    /// A firm of its own for one push trial, registered with the court, with `count` new filings of its own.
    static func firmWithFilings(_ c: Cluster, _ firm: String, count: Int) throws -> [String] {
        try c.docket(firm, ["init", "--role", "firm", "--node-id", firm, "--name", "\(firm) 律师事务所"])
        let key = (try c.json(firm, ["node"]) as! [String: Any])["publicKey"] as! String
        let token =
            (try c.json("court", ["peer", "invite", firm, "--role", "firm", "--public-key", key])
                as! [String: Any])["token"] as! String
        try c.repoint(firm, token: token, url: c.url, fingerprints: [])
        return try (0..<count).map { _ in try c.file(on: firm) }
    }

    /// The push side: a firm's batched initial push of its new filings, cut by `kill -9` of the firm's `docket
    /// sync` or of the court's server at a random moment. The next syncs bring both sides to the same cases; the
    /// court keeps no staging or stream of the cut push, no reference of the firm's points at a commit the court's
    /// checks did not take, and both pass `docket fsck`.
    @Test func killingEitherSideMidPushLeavesNothingHalfDone() throws {
        let c = try Cluster()
        _ = try c.start(firms: [])
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<Self.trials {
            let firm = "firm-p\(trial)"
            let uids = try Self.firmWithFilings(c, firm, count: 40)
            let killServer = trial % 2 == 1
            let what = "trial \(trial) (\(killServer ? "server" : "client") killed)"
            // The push of 40 cases is over some 0.3–0.5 s after the process starts (what is in flight then varies).
            let (converged, outputs) = try Self.killMidSync(
                c, firm, after: Double.random(in: 0.05...0.4, using: &rng), killServer: killServer)
            // A second sync after a clean one: what the court did to the cases it took comes back to the firm.
            _ = try Cluster.run(Cluster.binary, ["sync", "--json", "--data", c.data(firm)])
            #expect(converged, "\(what): \(outputs)")
            #expect(try BatchSyncTests.mains(c, firm, uids) == BatchSyncTests.mains(c, "court", uids), "\(what)")
            let court = NodePaths(root: URL(fileURLWithPath: c.data("court")))
            let incoming = (try? FileManager.default.contentsOfDirectory(atPath: court.incoming.path)) ?? []
            #expect(
                incoming.filter { !$0.hasPrefix("empty") && !$0.hasPrefix("r-") }.isEmpty, "\(what): \(incoming)")
            for uid in uids {
                let repo = try Repository.open(court.repository(ofCase: uid).path)
                #expect(try repo.referenceNames().allSatisfy { !$0.hasPrefix("refs/docket/") }, "\(what)")
            }
            try c.docket(firm, ["fsck"])
            try c.docket("court", ["fsck"])
        }
    }

    @Test func killingEitherSideMidTransferLeavesNothingHalfDone() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let uids = try BatchSyncTests.courtFiles(c, for: "firm-a", count: 40)
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<Self.trials {
            try Self.freshFirm(c)
            let killServer = trial % 2 == 1
            let (converged, outputs) = try Self.killMidSync(
                c, "firm-a", after: Double.random(in: 0.05...0.9, using: &rng), killServer: killServer)
            #expect(converged, "trial \(trial) (\(killServer ? "server" : "client") killed): \(outputs)")
            #expect(
                try BatchSyncTests.mains(c, "firm-a", uids) == BatchSyncTests.mains(c, "court", uids),
                "trial \(trial) (\(killServer ? "server" : "client") killed): \(outputs)")
            let firm = NodePaths(root: URL(fileURLWithPath: c.data("firm-a")))
            let incoming = (try? FileManager.default.contentsOfDirectory(atPath: firm.incoming.path)) ?? []
            #expect(incoming.filter { $0.hasPrefix("q-") || $0.hasPrefix("batch-") }.isEmpty, "\(incoming)")
            for uid in uids.prefix(5) {
                let repo = try Repository.open(firm.repository(ofCase: uid).path)
                #expect(try repo.referenceNames().allSatisfy { !$0.hasPrefix("refs/docket/") })
            }
            try c.docket("firm-a", ["fsck"])
            try c.docket("court", ["fsck"])
        }
    }
}
