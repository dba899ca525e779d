import DocketTestSupport
import Foundation
import Testing

/// Issue 19: the background loop of `docket serve`, run for real. A firm's node syncs on its own every 2 seconds
/// with a court (over TLS, through a relay that can be slow) that goes down and comes back three times while both
/// sides keep working; at the end every case is on both sides with the court's decisions, the failures were logged
/// and listed by `docket sync status`, and SIGTERM stopped the firm's node cleanly.
@Suite(.serialized) struct SyncLoopSoakTests {
    @Test(.timeLimit(.minutes(6)))
    func theSyncLoopRidesOutACourtThatFailsAndIsSlowAndConvergesWithNothingLost() throws {
        let c = try Cluster()
        let token = try c.start(firms: ["firm-a"], tls: true)["firm-a"]!
        let relay = try TCPRelay(to: UInt16(c.port))
        try c.repoint(
            "firm-a", token: token, url: "https://127.0.0.1:\(relay.port)", fingerprints: [try c.fingerprint()])
        let log = c.root.appendingPathComponent("firm-serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let firm = Process()
        firm.executableURL = URL(fileURLWithPath: Cluster.binary)
        firm.arguments = [
            "serve", "--data", c.data("firm-a"), "--listen", "127.0.0.1:0", "--sync-interval", "2", "--max-backoff",
            "8",
            "--log-level", "debug",
        ]
        firm.standardOutput = FileHandle.nullDevice
        firm.standardError = try FileHandle(forWritingTo: log)
        try firm.run()
        defer { if firm.isRunning { firm.terminate(); firm.waitUntilExit() } }

        func onCourt(_ uid: String) -> Bool { (try? c.docket("court", ["case", "show", uid])) != nil }
        func numberOnFirm(_ uid: String) -> String? {
            (try? c.json("firm-a", ["case", "show", uid]) as? [String: Any])?["caseNumber"] as? String
        }
        var filed: [String] = []
        var numbers: [String: String] = [:]
        let started = Date()
        for round in 0..<3 {
            // Up: the firm files, the loop pushes; the court accepts, the loop brings the case numbers back.
            filed += [try c.file(on: "firm-a"), try c.file(on: "firm-a")]
            #expect(ServerHoldsTests.waitUntil(60) { filed.allSatisfy(onCourt) }, "round \(round): not all pushed")
            for uid in filed where numbers[uid] == nil && onCourt(uid) {
                numbers[uid] =
                    (try c.json("court", ["filing", "accept", uid]) as! [String: Any])["caseNumber"] as? String
            }
            #expect(
                ServerHoldsTests.waitUntil(60) { numbers.allSatisfy { numberOnFirm($0.key) == $0.value } },
                "round \(round): not all fetched")
            // Down: the firm keeps working; its loop fails, backs off, and says so.
            c.stopServer()
            filed.append(try c.file(on: "firm-a"))
            Thread.sleep(forTimeInterval: 6)
            #expect(try c.docket("firm-a", ["sync", "status"]).contains("出错"))
            // Back, and in the second round slow: a tenth of a second for every chunk either way.
            relay.setDelay(round == 1 ? 0.1 : 0)
            try c.startServer(samePort: true)
        }
        // Steady work until the soak has run for over a minute, however fast the rounds went (a batched sync makes
        // them quick): the loop keeps pushing what is filed meanwhile.
        while Date().timeIntervalSince(started) < 65 {
            filed.append(try c.file(on: "firm-a"))
            Thread.sleep(forTimeInterval: 3)
        }
        #expect(ServerHoldsTests.waitUntil(90) { filed.allSatisfy(onCourt) }, "the last cases never arrived")
        for uid in filed where numbers[uid] == nil {
            numbers[uid] = (try c.json("court", ["filing", "accept", uid]) as! [String: Any])["caseNumber"] as? String
        }
        #expect(
            ServerHoldsTests.waitUntil(90) { numbers.allSatisfy { numberOnFirm($0.key) == $0.value } },
            "the last case numbers never came back")
        #expect(numbers.count == filed.count && filed.count >= 9)
        #expect(Date().timeIntervalSince(started) > 60, "the soak lasted at least a minute of real processes")

        kill(firm.processIdentifier, SIGTERM)
        #expect(ServerHoldsTests.waitUntil(60) { !firm.isRunning })
        #expect(firm.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        for line in ["sync failed", "synced", "stopped"] {
            #expect(text.contains(line), "the firm's log has no \"\(line)\"")
        }
        #expect(try c.docket("firm-a", ["sync", "status"]).contains("成功"))
    }
}
