import DocketTestSupport
import Foundation
import Hummingbird
import Testing

@testable import DocketServer

/// `GitHTTPBackend` behind a real Hummingbird server, with stock `/usr/bin/git` as the client.
/// Serialized: the memory and no-orphans checks must not see another test's traffic.
@Suite(.serialized) struct GitHTTPBackendTests {
    static let mebibyte = 1024 * 1024

    @Test func cloneAndFetchOverProtocolV2WithGzippedRequests() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await f.makeRepository("demo", commits: 3)
        try await GitBridgeTestServer.with(backend: GitHTTPBackend(), projectRoot: f.repos.path, remoteUser: nil) {
            port in
            let clone = try await f.git.git(
                ["clone", f.url(port, "demo"), "demo"], in: f.clients,
                environment: ["GIT_TRACE_PACKET": "1"])
            #expect(clone.succeeded, "\(clone.stderr.suffix(2000))")
            #expect(clone.stderr.contains("git< version 2"), "Git-Protocol must reach git as GIT_PROTOCOL")
            let cloned = f.clients.appendingPathComponent("demo")
            let head = try await f.git.check(["rev-parse", "HEAD"], in: cloned)
            #expect(head == (try await f.tip("demo")))

            // Thirty new branches make the fetch request > 1 KiB of wants, which stock git sends gzipped.
            let branches = try await f.git.sh(
                """
                set -e
                for i in $(seq 30); do
                  c=$(git commit-tree "main^{tree}" -p main -m "branch $i")
                  git update-ref "refs/heads/topic$i" "$c"
                done
                """, in: f.bare("demo"))
            #expect(branches.succeeded, "\(branches.stderr)")
            let newTip = try await f.addServerCommit(to: "demo")
            let fetch = try await f.git.git(
                ["fetch", "origin"], in: cloned,
                environment: ["GIT_TRACE_CURL": "1", "GIT_TRACE_CURL_NO_DATA": "1"])
            #expect(fetch.succeeded, "\(fetch.stderr.suffix(2000))")
            #expect(try await f.git.check(["rev-parse", "origin/main"], in: cloned) == newTip)
            let topic = try await f.git.check(["rev-parse", "topic30"], in: f.bare("demo"))
            #expect(try await f.git.check(["rev-parse", "origin/topic30"], in: cloned) == topic)
            #expect(fetch.stderr.contains("Content-Encoding: gzip"), "the fetch should have sent a gzipped request")
        }
    }

    @Test func pushWorksWithRemoteUserAndIsRefusedWithout() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await f.makeRepository("demo", commits: 2)
        let cloned = f.clients.appendingPathComponent("demo")
        try await GitBridgeTestServer.with(backend: GitHTTPBackend(), projectRoot: f.repos.path, remoteUser: "firm-a") {
            port in
            try await f.git.check(["clone", "-q", f.url(port, "demo"), "demo"], in: f.clients)
            let local = try await f.commitFile(in: cloned, name: "a.txt", contents: "pushed\n")
            let push = try await f.git.git(["push", "origin", "main"], in: cloned)
            #expect(push.succeeded, "\(push.stderr)")
            #expect(try await f.tip("demo") == local)
        }
        let before = try await f.tip("demo")
        try await GitBridgeTestServer.with(backend: GitHTTPBackend(), projectRoot: f.repos.path, remoteUser: nil) {
            port in
            try await f.git.check(["remote", "set-url", "origin", f.url(port, "demo")], in: cloned)
            _ = try await f.commitFile(in: cloned, name: "b.txt", contents: "anonymous\n")
            let push = try await f.git.git(["push", "origin", "main"], in: cloned)
            #expect(!push.succeeded)
            #expect(push.stderr.contains("403"), "\(push.stderr)")
        }
        #expect(try await f.tip("demo") == before)
    }

    @Test func largePushStreamsWithBoundedMemory() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await f.makeRepository("demo", commits: 1)
        try await GitBridgeTestServer.with(backend: GitHTTPBackend(), projectRoot: f.repos.path, remoteUser: "firm-a") {
            port in
            try await f.git.check(["clone", "-q", f.url(port, "demo"), "demo"], in: f.clients)
            let cloned = f.clients.appendingPathComponent("demo")
            let local = try await f.commitRandomFile(in: cloned, mebibytes: 40)
            let before = GitHTTPBackendActivity.current
            ProcFS.resetPeak()
            let baseline = ProcFS.selfStatus("VmRSS")
            // Stock git sends a 4-byte probe POST, then the 40 MiB pack chunked.
            let push = try await f.git.git(["push", "origin", "main"], in: cloned)
            let growth = ProcFS.selfStatus("VmHWM") - baseline
            #expect(push.succeeded, "\(push.stderr.suffix(2000))")
            #expect(try await f.tip("demo") == local)
            let after = GitHTTPBackendActivity.current
            #expect(after.bytesToGit - before.bytesToGit > Int64(40 * Self.mebibyte))
            #expect(after.largestBuffer <= Self.mebibyte, "the bridge held \(after.largestBuffer) bytes at once")
            // Measured here: about 0.5 MiB.
            #expect(growth < 16 * Self.mebibyte, "peak RSS grew by \(growth / 1024) KiB during a 40 MiB push")
        }
    }

    @Test func bodyOverTheLimitGets413AndChangesNothing() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await f.makeRepository("demo", commits: 1)
        let before = try await f.tip("demo")
        let backend = GitHTTPBackend(maxRequestBytes: Int64(Self.mebibyte))
        try await GitBridgeTestServer.with(backend: backend, projectRoot: f.repos.path, remoteUser: "firm-a") { port in
            try await f.git.check(["clone", "-q", f.url(port, "demo"), "demo"], in: f.clients)
            let cloned = f.clients.appendingPathComponent("demo")
            _ = try await f.commitRandomFile(in: cloned, mebibytes: 3)
            let refused = GitHTTPBackendActivity.current.refusedTooLarge
            // Stock git sends a pack this size chunked: the limit is found while streaming.
            let push = try await f.git.git(["push", "origin", "main"], in: cloned)
            #expect(!push.succeeded)
            #expect(push.stderr.contains("413"), "\(push.stderr)")
            #expect(GitHTTPBackendActivity.current.refusedTooLarge > refused)

            // With a declared Content-Length the refusal comes before git is started.
            let body = f.root.appendingPathComponent("body.bin")
            try Data(count: 2 * Self.mebibyte).write(to: body)
            let curl = try await f.git.start(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                    "Content-Type: application/x-git-receive-pack-request",
                    "--data-binary", "@\(body.path)", "\(f.url(port, "demo"))/git-receive-pack",
                ], in: nil, environment: [:]
            ).finished()
            #expect(curl.stdout == "413")
        }
        #expect(try await f.tip("demo") == before)
        try await Task.sleep(for: .milliseconds(500))
        let objects = try FileManager.default.contentsOfDirectory(
            atPath: f.bare("demo").appendingPathComponent("objects").path)
        #expect(!objects.contains { $0.hasPrefix("tmp_objdir") }, "git's quarantine should be removed: \(objects)")
    }

    @Test func clientDisconnectMidCloneLeavesNoGitRunning() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await f.makeRepository("demo", commits: 1, randomMebibytes: 40)
        try await GitBridgeTestServer.with(backend: GitHTTPBackend(), projectRoot: f.repos.path, remoteUser: nil) {
            port in
            let before = GitHTTPBackendActivity.current.bytesFromGit
            let clone = try f.git.start(
                "/usr/bin/git", ["clone", f.url(port, "demo"), "demo"], in: f.clients,
                environment: [:])
            var started: Set<Int32> = []
            let deadline = ContinuousClock.now + .seconds(60)
            while GitHTTPBackendActivity.current.bytesFromGit - before < 256 * 1024, ContinuousClock.now < deadline {
                started.formUnion(GitHTTPBackendActivity.current.liveProcesses)
                try await Task.sleep(for: .milliseconds(2))
            }
            started.formUnion(GitHTTPBackendActivity.current.liveProcesses)
            #expect(!ProcFS.bridgeThreads(of: started).isEmpty, "the transfer should have its own threads")
            kill(-clone.pid, SIGKILL)  // the clone and its git-remote-http, mid-transfer
            let result = try await clone.finished()
            #expect(result.status != 0, "the clone finished before it could be interrupted")
            #expect(!started.isEmpty)

            var leftovers: [String] = ["?"], threads: [String] = ["?"]
            var live: Set<Int32> = started
            for _ in 0..<100 where !leftovers.isEmpty || !live.isEmpty || !threads.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                leftovers = ProcFS.processes(workingIn: f.repos.path)
                live = started.intersection(GitHTTPBackendActivity.current.liveProcesses)
                threads = ProcFS.bridgeThreads(of: started)
            }
            #expect(leftovers.isEmpty, "still running: \(leftovers)")
            #expect(live.isEmpty, "http-backend not reaped: \(live)")
            #expect(threads.isEmpty, "bridge threads left: \(threads)")
        }
    }

    @Test func preReceiveRefusalReachesTheClientAndChangesNothing() async throws {
        setenv("DOCKET_TEST_SECRET", "hunter2", 1)  // must not reach hooks
        let f = try Fixture()
        defer { f.remove() }
        try await f.makeRepository("demo", commits: 2)
        let hook = f.bare("demo").appendingPathComponent("hooks/pre-receive")
        try """
        #!/bin/sh
        cat >/dev/null
        echo "docket: refused for $DOCKET_PEER (secret=${DOCKET_TEST_SECRET:-none})" >&2
        exit 1
        """.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let before = try await f.tip("demo")
        try await GitBridgeTestServer.with(
            backend: GitHTTPBackend(), projectRoot: f.repos.path, remoteUser: "firm-a",
            extraEnvironment: ["DOCKET_PEER": "firm-a"]
        ) { port in
            try await f.git.check(["clone", "-q", f.url(port, "demo"), "demo"], in: f.clients)
            let cloned = f.clients.appendingPathComponent("demo")
            _ = try await f.commitFile(in: cloned, name: "status.json", contents: "{\"status\":\"accepted\"}\n")
            let push = try await f.git.git(["push", "origin", "main"], in: cloned)
            #expect(!push.succeeded)
            #expect(push.stderr.contains("remote rejected"), "\(push.stderr)")
            #expect(push.stderr.contains("docket: refused for firm-a (secret=none)"), "\(push.stderr)")
        }
        #expect(try await f.tip("demo") == before)
    }

    @Test func gitThatDiesBeforeItsHeadersIs500() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await GitBridgeTestServer.with(
            backend: GitHTTPBackend(gitExecutable: "/bin/false"),
            projectRoot: f.repos.path, remoteUser: nil
        ) { port in
            let curl = try await f.git.start(
                "/usr/bin/curl",
                [
                    "-s", "-w", "\n%{http_code}", "\(f.url(port, "demo"))/info/refs?service=git-upload-pack",
                ], in: nil, environment: [:]
            ).finished()
            #expect(curl.stdout.hasSuffix("\n500"), "\(curl.stdout)")
            #expect(curl.stdout.contains("git http-backend failed"))
        }
    }

    @Test func cgiHeadIsParsedWithEitherLineEnd() throws {
        var parser = CGIResponseParser()
        #expect(
            try parser.feed(ByteBuffer(string: "Status: 403 Forbidden\r\nExpires: Fri, 01 Jan 1980 00:00:00 GMT\r\n"))
                == nil)
        let done = try #require(
            try parser.feed(ByteBuffer(string: "Content-Type: text/plain\r\nContent-Length: 4\r\n\r\nbody")))
        #expect(done.head.status.code == 403 && done.head.status.reasonPhrase == "Forbidden")
        #expect(done.head.headers[.contentType] == "text/plain" && done.head.headers[.expires] != nil)
        #expect(done.head.contentLength == 4 && done.head.headers[.contentLength] == nil)
        #expect(String(buffer: done.body) == "body")

        var lf = CGIResponseParser()
        let plain = try #require(
            try lf.feed(ByteBuffer(string: "Content-Type: application/x-git-upload-pack-result\n\n0000")))
        #expect(plain.head.status == .ok && String(buffer: plain.body) == "0000")

        var huge = CGIResponseParser()
        #expect(throws: CGIResponseParseError.headTooLarge) {
            _ = try huge.feed(ByteBuffer(string: "X-Junk: " + String(repeating: "a", count: 70_000)))
        }
    }
}

/// Temporary folders (repositories served, client checkouts, HOME) and the git commands the tests share.
struct Fixture: Sendable {
    let root: URL
    let repos: URL
    let clients: URL
    let git: GitCLI

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("git-bridge-\(UUID().uuidString)")
        repos = root.appendingPathComponent("repos")
        clients = root.appendingPathComponent("clients")
        let home = root.appendingPathComponent("home")
        for folder in [repos, clients, home] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        git = GitCLI(home: home)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
    func bare(_ name: String) -> URL { repos.appendingPathComponent("\(name).git") }
    func url(_ port: Int, _ name: String) -> String { "http://127.0.0.1:\(port)/git/\(name).git" }
    func tip(_ name: String) async throws -> String { try await git.check(["rev-parse", "main"], in: bare(name)) }

    /// A bare repository with `commits` small commits, plus one file of random bytes if asked.
    func makeRepository(_ name: String, commits: Int, randomMebibytes: Int = 0) async throws {
        let work = root.appendingPathComponent("seed-\(name)")
        let random = randomMebibytes > 0 ? "head -c \(randomMebibytes * 1_048_576) /dev/urandom > big.bin && " : ""
        let result = try await git.sh(
            """
            set -e
            git init -q -b main '\(work.path)' && cd '\(work.path)'
            for i in $(seq \(commits)); do echo "line $i" > "file$i.txt"; git add -A; git commit -q -m "commit $i"; done
            \(random)git add -A && git commit -q --allow-empty -m seed
            git clone -q --bare '\(work.path)' '\(bare(name).path)'
            """)
        guard result.succeeded else { throw TestFailure("making \(name): \(result.stderr)") }
    }

    /// A commit made directly in the served repository (as another peer's push would), returning its id.
    func addServerCommit(to name: String) async throws -> String {
        let tree = try await git.check(["rev-parse", "main^{tree}"], in: bare(name))
        let commit = try await git.check(["commit-tree", tree, "-p", "main", "-m", "server side"], in: bare(name))
        try await git.check(["update-ref", "refs/heads/main", commit], in: bare(name))
        return commit
    }

    func commitFile(in checkout: URL, name: String, contents: String) async throws -> String {
        try contents.write(to: checkout.appendingPathComponent(name), atomically: true, encoding: .utf8)
        try await git.check(["add", name], in: checkout)
        try await git.check(["commit", "-q", "-m", "add \(name)"], in: checkout)
        return try await git.check(["rev-parse", "HEAD"], in: checkout)
    }

    func commitRandomFile(in checkout: URL, mebibytes: Int) async throws -> String {
        let result = try await git.sh("head -c \(mebibytes * 1_048_576) /dev/urandom > random.bin", in: checkout)
        guard result.succeeded else { throw TestFailure(result.stderr) }
        try await git.check(["add", "random.bin"], in: checkout)
        try await git.check(["commit", "-q", "-m", "\(mebibytes) MiB of random bytes"], in: checkout)
        return try await git.check(["rev-parse", "HEAD"], in: checkout)
    }
}
