import DocketCore
import DocketDesk
import DocketServer
import DocketStore
import DocketSync
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `docket serve --desk-listen`: the desk runs beside the peers' server in the same process, on its own address.
enum DeskService {
    /// Runs the peers' application, and the desk's when `deskListen` is given, until SIGTERM or SIGINT. Prints
    /// `desk on http(s)://HOST:PORT` once the desk listens. Beyond loopback the desk is served over TLS with the
    /// node's certificate, as the peers' address is: passwords and session cookies never cross a network in clear.
    static func run(
        peers: some ApplicationProtocol, peersListen: String, deskListen: String?, node: Node, log: Logger,
        deadlines: ConnectionDeadlines
    ) async throws {
        guard let deskListen else { return try await peers.runService() }
        let (host, port) = try address(deskListen)
        if let peersPort = Int(peersListen.split(separator: ":").last ?? ""), peersPort != 0, peersPort == port {
            throw DocketError(
                .invalidInput, key: "desk.same-address",
                zh: "工作台不能与对方节点共用地址（--desk-listen 与 --listen 端口相同）。",
                en: "The desk cannot share the peers' address (--desk-listen uses the port of --listen).")
        }
        let identity = PeerBook.isLoopback(host) ? nil : try node.servedTLSIdentity()
        let scheme = identity == nil ? "http" : "https"
        let desk = try await DeskServer.make(node: node)
        let app = Application(
            router: desk.router(),
            server: try NodeServer.httpServer(identity: identity, deadlines: deadlines),
            configuration: .init(address: .hostname(host, port: port), serverName: "docket-desk"),
            onServerRunning: { channel in
                print("desk on \(scheme)://\(host):\(channel.localAddress?.port ?? port)")
                fflush(stdout)
            },
            logger: log)
        log.info("desk", metadata: ["listen": "\(host):\(port)"])
        let group = ServiceGroup(
            services: [peers, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: log)
        try await group.run()
    }

    /// `HOST:PORT`, or a bare `PORT` on the loopback address.
    static func address(_ text: String) throws -> (String, Int) {
        if let port = Int(text) { return ("127.0.0.1", port) }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
            throw DocketError(
                .invalidInput, key: "desk.listen-format", zh: "--desk-listen 应为 HOST:PORT 或 PORT，如 "
                    + "127.0.0.1:8471。",
                en: "--desk-listen must be HOST:PORT or PORT, e.g. 127.0.0.1:8471.")
        }
        return (String(text[..<colon]), port)
    }
}
