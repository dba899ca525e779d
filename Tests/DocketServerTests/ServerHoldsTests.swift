import DocketSync
import DocketTestSupport
import Foundation
import Testing

/// Issue 19: a server that holds under abuse. Slow clients are closed while `/health` and a real sync still
/// answer; past the bounds a request gets 429 with Retry-After; SIGTERM lets the request in flight finish.
@Suite(.serialized) struct ServerHoldsTests {
    /// A client that opens a request and then sends a byte a second, forever (until the server closes it).
    final class Trickler: @unchecked Sendable {
        let socket: LoopbackSocket
        init(port: Int, opening: String) throws {
            socket = try LoopbackSocket.connect(port: UInt16(port))
            socket.write(opening)
            Thread.detachNewThread { [socket] in
                while socket.write("a") { Thread.sleep(forTimeInterval: 1) }
            }
        }
    }

    static func slowHeader(_ port: Int) throws -> Trickler {
        try Trickler(port: port, opening: "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    }

    static func slowPush(_ port: Int, uid: String, token: String) throws -> Trickler {
        try Trickler(
            port: port,
            opening: "POST /git/cases/\(uid).git/git-receive-pack HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer \(token)\r\nContent-Type: application/x-git-receive-pack-request\r\n"
                + "Content-Length: 1000000\r\n\r\n")
    }

    /// The `git` processes (http-backend and what it runs) below the server process.
    static func gitChildren(of pid: Int32) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var parents: [Int32: Int32] = [:], names: [Int32: String] = [:]
        for entry in entries {
            guard let id = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let name = stat[stat.index(after: stat.firstIndex(of: "(")!)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { continue }
            parents[id] = parent
            names[id] = String(name)
        }
        func below(_ id: Int32) -> Bool {
            var current = parents[id]
            while let step = current, step > 1 {
                if step == pid { return true }
                current = parents[step]
            }
            return false
        }
        return names.filter { $0.value.hasPrefix("git") && below($0.key) }.count
    }

    static func status(_ url: String, token: String? = nil) throws -> (code: String, headers: String) {
        let run = try Cluster.run(
            "/usr/bin/curl",
            ["-s", "-D", "-", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10"]
                + (token.map { ["-H", "Authorization: Bearer \($0)"] } ?? []) + [url])
        return (String(run.out.suffix(3)), run.out)
    }

    static func waitUntil(_ seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return condition()
    }

    @Test func slowHeadersAndSlowBodiesAreClosedWhileHealthAndARealSyncStillAnswer() throws {
        let c = try Cluster()
        let tokens = try c.start(
            firms: ["firm-a"],
            serveArguments: ["--idle-timeout", "3", "--max-git-processes", "32", "--max-requests-per-peer", "32"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        let pid = c.server!.processIdentifier

        let slowHeaders = try (0..<20).map { _ in try Self.slowHeader(c.port) }
        let slowBodies = try (0..<20).map { _ in try Self.slowPush(c.port, uid: uid, token: tokens["firm-a"]!) }
        // Each slow body holds a git http-backend while it lasts.
        #expect(Self.waitUntil(10) { Self.gitChildren(of: pid) >= 20 })

        #expect(try Self.status("\(c.url)/health").code == "200")
        _ = try c.json("court", ["filing", "accept", uid])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["fastForwarded"] as? Int == 1 && (report["errors"] as? [String])?.isEmpty == true)

        // Slow headers go at the idle timeout (3 s), slow bodies at the slow-body floor (1 KiB per 10 s).
        #expect(slowHeaders.allSatisfy { $0.socket.isClosedByPeer(waiting: 8) })
        #expect(slowBodies.allSatisfy { $0.socket.isClosedByPeer(waiting: 20) })
        #expect(
            Self.waitUntil(10) { Self.gitChildren(of: pid) == 0 }, "git processes left: \(Self.gitChildren(of: pid))")
        #expect(try Self.status("\(c.url)/health").code == "200")
    }

    @Test func pastTheBoundsARequestGets429WithRetryAfterAndOthersStillAnswer() throws {
        let c = try Cluster()
        let tokens = try c.start(
            firms: ["firm-a", "firm-b"], serveArguments: ["--max-git-processes", "2", "--max-requests-per-peer", "2"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        let pid = c.server!.processIdentifier
        let held = try (0..<2).map { _ in try Self.slowPush(c.port, uid: uid, token: tokens["firm-a"]!) }
        #expect(Self.waitUntil(10) { Self.gitChildren(of: pid) >= 2 })

        // firm-a has two requests in flight: its third is turned away.
        let ownBound = try Self.status("\(c.url)/api/v1/sync/changes?since=0", token: tokens["firm-a"]!)
        #expect(ownBound.code == "429" && ownBound.headers.lowercased().contains("retry-after: 5"))
        // Two git processes run: firm-b's git request is turned away, its feed is not.
        let gitBound = try Self.status(
            "\(c.url)/git/cases/\(uid).git/info/refs?service=git-upload-pack", token: tokens["firm-b"]!)
        #expect(gitBound.code == "429" && gitBound.headers.lowercased().contains("retry-after"))
        #expect(try Self.status("\(c.url)/api/v1/sync/changes?since=0", token: tokens["firm-b"]!).code == "200")
        #expect(try Self.status("\(c.url)/health").code == "200")

        // Once the slow ones are closed, firm-a syncs again.
        #expect(held.allSatisfy { $0.socket.isClosedByPeer(waiting: 25) })
        #expect(Self.waitUntil(10) { Self.gitChildren(of: pid) == 0 })
        _ = try c.json("court", ["filing", "accept", uid])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["fastForwarded"] as? Int == 1)
    }

    /// Over git (a court serving `--no-batch`, as an older peer or stock git meets it) and batched.
    @Test(arguments: [false, true]) func sigtermLetsThePushInFlightFinishAndStopsCleanly(batched: Bool) throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"], serveArguments: batched ? [] : ["--no-batch"])
        // The firm reaches the court through a line that will be slow.
        let relay = try TCPRelay(to: UInt16(c.port))
        try c.repoint("firm-a", token: tokens["firm-a"]!, url: "http://127.0.0.1:\(relay.port)", fingerprints: [])
        let uid = try c.file(on: "firm-a")
        let material = c.root.appendingPathComponent("证据.bin")
        try Data((0..<600_000).map { _ in UInt8.random(in: 0...255) }).write(to: material)
        try c.docket("firm-a", ["doc", "add", uid, material.path])
        relay.setDelay(0.15)

        let sync = Process()
        sync.executableURL = URL(fileURLWithPath: Cluster.binary)
        sync.arguments = ["sync", "--json", "--data", c.data("firm-a")]
        let out = Pipe()
        sync.standardOutput = out
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        // The push's body is on its way: stop the court now.
        let request = batched ? "POST \(SyncRoute.batchPush)" : "POST /git/cases/\(uid).git/git-receive-pack"
        #expect(Self.waitUntil(60) { relay.toServer.contains(bytes: request) })
        Thread.sleep(forTimeInterval: 0.3)
        let server = c.server!
        kill(server.processIdentifier, SIGTERM)
        let report = try JSONSerialization.jsonObject(with: out.fileHandleForReading.readDataToEndOfFile())
        sync.waitUntilExit()
        let first = (report as! [[String: Any]])[0]
        #expect(first["pushed"] as? Int == 1 && (first["errors"] as? [String])?.isEmpty == true, "\(first)")
        #expect(Self.waitUntil(30) { !server.isRunning })
        #expect(server.terminationStatus == 0)
        // The case and its material arrived whole.
        relay.setDelay(0)
        let bytes = try c.docket("court", ["case", "show", uid])
        #expect(bytes.contains("证据.bin"))
    }
}
