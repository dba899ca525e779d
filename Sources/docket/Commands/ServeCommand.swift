import ArgumentParser
import DocketCore
import DocketServer
import DocketStore
import DocketSync
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve this node to its peers (git over HTTP, the changes feed) and keep syncing.",
        discussion: """
            Serves HTTPS with the node's own certificate (docket tls show): always beyond loopback, on loopback with \
            --tls; plain HTTP only on loopback, for tests and a kiosk beside its court. Peers pin the \
            certificate's fingerprint (docket peer add --fingerprint). Peers authenticate with the token \
            `docket peer invite` gave them (Bearer, or HTTP Basic with the token as password for stock git: \
            git -c http.sslCAInfo=node.crt clone https://x:TOKEN@host:8470/git/cases/<uid>.git). Pushes are \
            checked by git's own pre-receive hook before anything is stored.

            The node also syncs with the peers it connects to every --sync-interval seconds (backing off, with \
            jitter, from a peer that is down) and delivers the electronic-service outbox. Slow clients are closed \
            (--idle-timeout; a body must bring 1 KiB per 10 s), and past --max-git-processes or \
            --max-requests-per-peer a request gets 429 with Retry-After. SIGTERM or Ctrl-C stops taking \
            connections, lets the requests in flight finish, and ends the background work cleanly.
            """
    )
    @OptionGroup var node: NodeOptions
    @Option(help: "Address and port to listen on (port 0 picks a free one).") var listen = "127.0.0.1:8470"
    @Option(name: .customLong("sync-interval"), help: "Seconds between syncs with each peer (0: never).")
    var syncInterval = 60
    @Option(name: .customLong("max-request-mib"), help: "Largest request body (a push) accepted, in MiB.")
    var maxRequestMiB = 512
    @Flag(
        inversion: .prefixedNo,
        help: "Serve HTTPS with the node's certificate (default: on beyond loopback, where it is required).")
    var tls: Bool? = nil
    @Option(
        name: .customLong("max-backoff"),
        help: "Longest wait, in seconds, between syncs with a peer that keeps failing (the wait doubles up to it).")
    var maxBackoff = 900
    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may send nothing before it is closed.")
    var idleTimeout = 15
    @Flag(
        name: .customLong("no-batch"),
        help: "Do not offer the batched fetch: peers then fetch each case over git's smart HTTP (for comparison).")
    var noBatch = false
    @Option(
        name: .customLong("archive-after"),
        help: """
            Days after which a concluded case (closed, withdrawn, rejected) is stored as one archive file; checked \
            daily, when the other cases are also compacted (0: neither). An archived case opens as usual, expanded \
            on first use.
            """)
    var archiveAfter = 90
    @Option(name: .customLong("max-git-processes"), help: "git processes serving peers at once; more get 429.")
    var maxGitProcesses = 16
    @Option(name: .customLong("max-requests-per-peer"), help: "Requests one peer may have in flight; more get 429.")
    var maxRequestsPerPeer = 8
    @Option(
        name: .customLong("log-level"),
        help: "Least important log events written to stderr: debug, info, warning, error.")
    var logLevel: String = "info"
    @Option(
        name: .customLong("desk-listen"),
        help:
            "Also serve the desk (the browser workplace) on HOST:PORT, or PORT on 127.0.0.1; never the peers' address.")
    var deskListen: String?

    func run() async throws {
        let log = ServeLog.logger("docket.serve", level: logLevel)
        let opened = try node.open()
        // What a killed server or sync left half received (a pushed stream, a quarantine, a staging repository).
        opened.replication.clearDeadIncoming()
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw DocketError(
                .invalidInput, key: "server.listen-format", zh: "--listen 应为 HOST:PORT 格式，如 127.0.0.1:8470。",
                en: "--listen must be HOST:PORT, e.g. 127.0.0.1:8470.")
        }
        let host = String(listen[..<colon])
        let useTLS = tls ?? !PeerBook.isLoopback(host)
        guard useTLS || PeerBook.isLoopback(host) else {
            throw DocketError(
                .notAllowed, key: "server.plain-http-beyond-loopback",
                zh: "监听本机以外的地址（\(host)）时必须使用 TLS；请去掉 --no-tls。",
                en: "Listening beyond loopback (\(host)) requires TLS; drop --no-tls.")
        }
        let identity: NodeTLSIdentity?
        if useTLS {
            let served = try opened.servedTLSIdentity()
            identity = served
            log.info(
                "serving TLS",
                metadata: [
                    "fingerprint": "\(served.fingerprint)",
                    "valid_until": "\(UTCTime.displayWithZone(served.notValidAfter))",
                ])
        } else {
            identity = nil
        }
        let hooks = try GitHooks.install(
            in: opened.paths.root.appendingPathComponent("hooks"), executable: GitHooks.currentExecutable)
        let server = NodeServer(
            node: opened, backend: GitHTTPBackend(maxRequestBytes: Int64(maxRequestMiB) * 1024 * 1024),
            hooksPath: hooks,
            admission: Admission(
                limits: .init(gitProcesses: maxGitProcesses, requestsPerPeer: maxRequestsPerPeer)),
            offersBatch: !noBatch)
        let scheme = useTLS ? "https" : "http"
        let app = Application(
            router: server.router(),
            server: try NodeServer.httpServer(
                identity: identity, deadlines: ConnectionDeadlines(idle: .seconds(Int64(idleTimeout))),
                onSlowClient: { log.warning("closed a slow client (body under 1 KiB per 10 s)") }),
            configuration: .init(address: .hostname(host, port: port), serverName: "docket"),
            onServerRunning: { channel in
                print("listening on \(scheme)://\(host):\(channel.localAddress?.port ?? port)")
                fflush(stdout)
            },
            logger: log)
        // Syncing and delivery block on git, SQLite and child processes: a thread of their own keeps them off the
        // server's executors.
        let stop = StopFlag()
        log.info(
            "serving",
            metadata: ["node": "\(opened.config.nodeId)", "listen": "\(listen)", "sync_interval_s": "\(syncInterval)"])
        let finished = DispatchSemaphore(value: 0)
        let background = Thread {
            Self.backgroundWork(
                opened, syncInterval: syncInterval, maxBackoff: maxBackoff, archiveAfter: archiveAfter, stop: stop,
                log: log)
            finished.signal()
        }
        background.start()
        // SIGTERM and SIGINT end runService gracefully: no new connections, the requests in flight finish.
        defer {
            stop.set()
            // A sync or delivery under way finishes its step (each is safe to cut, but a clean end leaves no holds).
            if finished.wait(timeout: .now() + 60) == .timedOut {
                log.warning("background work did not finish within 60 s; stopping anyway")
            }
            log.info("stopped")
        }
        try await DeskService.run(
            peers: app, peersListen: listen, deskListen: deskListen, node: opened, log: log,
            deadlines: ConnectionDeadlines(idle: .seconds(Int64(idleTimeout))))
    }

    /// The daily sweep: archives the cases concluded more than `archiveAfter` days ago, compacts the others; a case
    /// that fails is logged with its reason and the others go on.
    static func tidyCaseStorage(_ node: Node, archiveAfter: Int, log: Logger) {
        do {
            let cutoff = Date().addingTimeInterval(-Double(archiveAfter) * 86400)
            let swept = try node.archiveConcluded(before: cutoff)
            if swept.archived + swept.busy > 0 {
                log.info("archived", metadata: ["count": "\(swept.archived)", "busy": "\(swept.busy)"])
            }
            for failure in swept.failed { log.error("archiving failed", metadata: ["reason": "\(failure)"]) }
        } catch {
            log.error("archive sweep failed", metadata: ["reason": "\(error)"])
        }
        do {
            let swept = try node.compactCases()
            if swept.compacted > 0 { log.info("compacted", metadata: ["count": "\(swept.compacted)"]) }
            for failure in swept.failed { log.error("compacting failed", metadata: ["reason": "\(failure)"]) }
        } catch {
            log.error("compaction sweep failed", metadata: ["reason": "\(error)"])
        }
    }

    final class StopFlag: Sendable {
        private let stopped = Mutex(false)
        func set() { stopped.withLock { $0 = true } }
        var isSet: Bool { stopped.withLock { $0 } }
    }

    /// Syncs with each peer on its own schedule (doubling the wait, with jitter, while a peer is down, up to
    /// `maxBackoff`) and delivers the outbox every 10 seconds, until stopped. Every failure is logged with its reason,
    /// one line per event, and each sync is in the sync log (`docket sync status`). Once a day (the first time an
    /// hour after start) it archives the cases concluded more than `archiveAfter` days ago and compacts the others.
    static func backgroundWork(
        _ node: Node, syncInterval: Int, maxBackoff: Int, archiveAfter: Int, stop: StopFlag, log: Logger
    ) {
        var nextSync: [String: Date] = [:]
        var failures: [String: Int] = [:]
        // Not at start: a restarted server first catches up with its peers.
        var nextArchiveSweep = Date().addingTimeInterval(3600)
        while !stop.isSet {
            if archiveAfter > 0, nextArchiveSweep <= Date() {
                nextArchiveSweep = Date().addingTimeInterval(24 * 3600)
                tidyCaseStorage(node, archiveAfter: archiveAfter, log: log)
            }
            do {
                let report = try node.outbox.deliver()
                if report.delivered > 0 {
                    log.info("delivered", metadata: ["count": "\(report.delivered)", "waiting": "\(report.waiting)"])
                }
                for failure in report.failures {
                    log.warning(
                        "delivery failed, will retry",
                        metadata: ["service": "\(failure.id)", "reason": "\(failure.reason)"])
                }
            } catch {
                log.error("delivery pass failed", metadata: ["reason": "\(error)"])
            }
            if syncInterval > 0 {
                let peers: [Peer]
                do { peers = try node.peers.all().filter { $0.url != nil } } catch {
                    log.error("cannot read the peer list", metadata: ["reason": "\(error)"])
                    peers = []
                }
                let due = peers.filter { (nextSync[$0.nodeId] ?? .distantPast) <= Date() }
                // The peers due are synced at once (two at a time); their reports are then logged one by one.
                for (peer, report) in zip(due, node.replication.sync(with: due.map(\.nodeId))) {
                    let failed = !report.errors.isEmpty
                    failures[peer.nodeId] = failed ? (failures[peer.nodeId] ?? 0) + 1 : 0
                    let base = min(
                        Double(syncInterval) * pow(2, Double(min(failures[peer.nodeId] ?? 0, 16))),
                        Double(max(syncInterval, maxBackoff)))
                    let wait = base * Double.random(in: 0.8...1.2)
                    nextSync[peer.nodeId] = Date().addingTimeInterval(wait)
                    let metadata: Logger.Metadata = [
                        "peer": "\(peer.nodeId)", "fetched": "\(report.fetched)", "pushed": "\(report.pushed)",
                        "refused": "\(report.refused.count)", "declined": "\(report.declined.count)",
                        "next_in_s": "\(Int(wait))",
                    ]
                    if failed {
                        log.warning(
                            "sync failed",
                            metadata: metadata.merging(["errors": "\(report.errors.joined(separator: " | "))"]) { $1 })
                    } else if report.fetched + report.pushed + report.refused.count + report.declined.count > 0 {
                        log.info("synced", metadata: metadata)
                    } else {
                        log.debug("nothing to sync", metadata: metadata)
                    }
                    for line in report.refused {
                        log.warning("refused by peer", metadata: ["peer": "\(peer.nodeId)", "reason": "\(line)"])
                    }
                    for line in report.declined {
                        log.warning("declined here", metadata: ["peer": "\(peer.nodeId)", "reason": "\(line)"])
                    }
                }
            }
            // Wake every half second: a peer due soon is not kept waiting for the outbox's 10-second rhythm.
            let nextDue = nextSync.values.min() ?? .distantFuture
            let pause = max(0.5, min(10, nextDue.timeIntervalSinceNow))
            for _ in 0..<Int(pause * 2) where !stop.isSet { Thread.sleep(forTimeInterval: 0.5) }
        }
    }
}
