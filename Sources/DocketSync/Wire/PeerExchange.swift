import DocketCore
import DocketStore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One GET to a peer, on a connection of its own. Over HTTPS the connection is taken only when `CertificatePins`
/// takes the leaf certificate (pinned fingerprint, within its validity) — whatever authority signed it, and even
/// when none did; plain HTTP is the caller's to allow (loopback only). No redirect is followed, so a token never
/// travels anywhere but where it was sent. The answer (status and body) comes back within the timeout, or an error
/// says why not.
enum PeerExchange {
    static func get(
        _ url: URL, headers: [(String, String)], pins: CertificatePins, timeout: TimeInterval
    ) throws -> (status: Int, body: Data) {
        guard url.scheme == "https" || url.scheme == "http", let host = url.host else {
            throw DocketError(
                .invalidInput, key: "peer.url-invalid", zh: "\(url.absoluteString)不是 http(s) 地址。",
                en: "\(url.absoluteString) is not an http(s) URL.")
        }
        let secure = url.scheme == "https"
        if secure, pins.fingerprints.isEmpty, let refusal = pins.refusal(der: [], host: host) { throw refusal }
        var configuration = TLSConfiguration.makeClientConfiguration()
        // The pin decides, not a CA and not the host name: the custom callback below replaces both checks.
        configuration.certificateVerification = .noHostnameVerification
        configuration.minimumTLSVersion = .tlsv12
        let context = secure ? try NIOSSLContext(configuration: configuration) : nil
        let group = MultiThreadedEventLoopGroup.singleton
        let answer = group.any().makePromise(of: (Int, Data).self)
        let mismatch = PinMismatch()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(timeout * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        let tls = try NIOSSLClientHandler(
                            context: context, serverHostname: isIPAddress(host) ? nil : host
                        ) { chain, verdict in
                            let leaf = chain.first.flatMap { try? $0.toDERBytes() } ?? []
                            if let refusal = pins.refusal(der: leaf, host: host) {
                                mismatch.refusal = refusal
                                verdict.succeed(.failed)
                            } else {
                                verdict.succeed(.certificateVerified)
                            }
                        }
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector(answer: answer))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.connect(host: host, port: url.port ?? (secure ? 443 : 80)).wait()
        } catch {
            // Every promise must be completed, or NIO stops the process: nobody will answer this one now.
            answer.fail(error)
            throw DocketError(
                .unavailable, key: "peer.unreachable", zh: "无法连接\(host)：\(error)", en: "Cannot reach \(host): "
                    + "\(error)")
        }
        defer { _ = channel.close(mode: .all) }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: url.path + (url.query.map { "?" + $0 } ?? ""))
        head.headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            answer.fail(
                DocketError(
                    .unavailable, key: "peer.timeout", zh: "\(host)在\(Int(timeout))秒内未响应。",
                    en: "\(host) did not answer within \(Int(timeout)) s."))
        }
        defer { deadline.cancel() }
        do {
            let (status, body) = try answer.futureResult.wait()
            return (status, body)
        } catch let error as DocketError {
            throw error
        } catch {
            if let refusal = mismatch.refusal { throw refusal }
            throw DocketError(
                .unavailable, key: "peer.unreachable", zh: "无法连接\(host)：\(error)", en: "Cannot reach \(host): "
                    + "\(error)")
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":")
    }
}

/// Why the certificate was refused, for the error.
private final class PinMismatch: @unchecked Sendable {
    // Written once on the event loop before the handshake fails, read after the answer's future failed.
    var refusal: DocketError?
}

/// Collects one HTTP response and completes the promise with it (or with the channel's error).
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let answer: EventLoopPromise<(Int, Data)>
    private var status = 0
    private var body = Data()

    init(answer: EventLoopPromise<(Int, Data)>) { self.answer = answer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer): body.append(contentsOf: buffer.readableBytesView)
        case .end: answer.succeed((status, body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        answer.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        answer.fail(
            DocketError(
                .unavailable, key: "peer.closed", zh: "对方节点在应答前关闭了连接。",
                en: "The peer closed the connection before answering."))
    }
}
