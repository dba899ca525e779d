import DocketStore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import NIOSSL

/// How long a client may take: Hummingbird's idle timeout (nothing read for that long — a head that never
/// completes, a stalled body, a TLS handshake that never starts — closes the connection) and the slow-body floor.
public struct ConnectionDeadlines: Sendable {
    public var idle: TimeAmount
    public var bodyWindow: TimeAmount
    public var bodyMinimumBytes: Int

    public init(idle: TimeAmount = .seconds(15), bodyWindow: TimeAmount = .seconds(10), bodyMinimumBytes: Int = 1024) {
        self.idle = idle; self.bodyWindow = bodyWindow; self.bodyMinimumBytes = bodyMinimumBytes
    }
}

extension NodeServer {
    /// A server TLS configuration that presents the node's own certificate (TLS 1.2 at least). Clients do not
    /// present certificates: peers prove themselves with their token, inside the encrypted link.
    static func tlsConfiguration(_ identity: NodeTLSIdentity) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [
                .certificate(try NIOSSLCertificate(bytes: Array(identity.certificatePEM.utf8), format: .pem))
            ],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// HTTP/1.1 with the connection deadlines, inside TLS with the node's certificate when `identity` is given.
    /// `onSlowClient` runs each time the slow-body guard closes a connection.
    public static func httpServer(
        identity: NodeTLSIdentity?, deadlines: ConnectionDeadlines = ConnectionDeadlines(),
        onSlowClient: @escaping @Sendable () -> Void = {}
    ) throws -> HTTPServerBuilder {
        let http = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [
                    SlowBodyGuard(
                        window: deadlines.bodyWindow, minimumBytes: deadlines.bodyMinimumBytes, onClose: onSlowClient)
                ],
                idleTimeout: deadlines.idle))
        guard let identity else { return http }
        return try .tls(http, tlsConfiguration: try tlsConfiguration(identity))
    }
}
