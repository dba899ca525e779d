import ArgumentParser
import DocketCore
import DocketServer
import DocketStore
import DocketSync
import Foundation
import Hummingbird

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve this node to its peers (git over HTTP, the changes feed) and keep syncing.",
        discussion: """
        Peers authenticate with the token `docket peer invite` gave them (Bearer, or HTTP Basic with the token as \
        password for stock git: git clone http://x:TOKEN@host:8470/git/cases/<uid>.git). Pushes are checked by \
        git's own pre-receive hook before anything is stored. The node also syncs with the peers it connects to \
        every --sync-interval seconds (backing off, with jitter, from a peer that is down) and delivers the \
        electronic-service outbox.
        """
    )
    @OptionGroup var node: NodeOptions
    @Option(help: "Address and port to listen on (port 0 picks a free one).") var listen = "127.0.0.1:8470"
    @Option(name: .customLong("sync-interval"), help: "Seconds between syncs with each peer (0: never).") var syncInterval = 60
    @Option(name: .customLong("max-request-mib"), help: "Largest request body (a push) accepted, in MiB.") var maxRequestMiB = 512

    func run() async throws {
        let opened = try node.open()
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw DocketError("--listen must be HOST:PORT, e.g. 127.0.0.1:8470.")
        }
        let host = String(listen[..<colon])
        let hooks = try GitHooks.install(in: opened.paths.root.appendingPathComponent("hooks"), executable: GitHooks.currentExecutable)
        let server = NodeServer(node: opened, backend: GitHTTPBackend(maxRequestBytes: Int64(maxRequestMiB) * 1024 * 1024), hooksPath: hooks)
        let app = Application(
            router: server.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "docket"),
            onServerRunning: { channel in
                print("listening on http://\(host):\(channel.localAddress?.port ?? port)")
                fflush(stdout)
            })
        // Syncing and delivery block on git, SQLite and child processes: a thread of their own keeps them off the
        // server's executors.
        let stop = StopFlag()
        let background = Thread { Self.backgroundWork(opened, syncInterval: syncInterval, stop: stop) }
        background.start()
        defer { stop.set() }
        try await app.runService()
    }

    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        func set() { lock.lock(); stopped = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
    }

    /// Syncs with each peer on its own schedule (doubling the wait, with jitter, while a peer is down) and delivers
    /// the outbox every 10 seconds, until stopped.
    static func backgroundWork(_ node: Node, syncInterval: Int, stop: StopFlag) {
        var nextSync: [String: Date] = [:]
        var failures: [String: Int] = [:]
        while !stop.isSet {
            _ = try? node.deliverOutbox()
            if syncInterval > 0 {
                for peer in (try? node.peers().filter { $0.url != nil }) ?? [] where (nextSync[peer.nodeId] ?? .distantPast) <= Date() {
                    let report = node.sync(with: peer.nodeId)
                    let failed = !report.errors.isEmpty
                    failures[peer.nodeId] = failed ? (failures[peer.nodeId] ?? 0) + 1 : 0
                    let base = Double(syncInterval) * pow(2, Double(min(failures[peer.nodeId] ?? 0, 6)))
                    nextSync[peer.nodeId] = Date().addingTimeInterval(base * Double.random(in: 0.8...1.2))
                }
            }
            for _ in 0..<20 where !stop.isSet { Thread.sleep(forTimeInterval: 0.5) }
        }
    }
}
