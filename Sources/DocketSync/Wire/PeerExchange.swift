import DocketCore
import DocketStore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One GET (or a batched fetch's POST) to a peer, on a connection of its own. Over HTTPS the connection is taken only
/// when `CertificatePins` takes the leaf certificate (pinned fingerprint, within its validity) — whatever authority
/// signed it, and even when none did; plain HTTP is the caller's to allow (loopback only). No redirect is followed,
/// so a token never travels anywhere but where it was sent. The answer (status and body) comes back within the
/// timeout, or an error says why not.
enum PeerExchange {
    static func get(
        _ url: URL, headers: [(String, String)], pins: CertificatePins, timeout: TimeInterval
    ) throws -> (status: Int, body: Data) {
        let body = BodyBuffer()
        let status = try exchange(
            url, method: .GET, headers: headers, body: nil, pins: pins, timeout: timeout,
            sink: { body.data.append($0); return true })
        return (status, body.data)
    }

    /// One POST of `body`, its answer written to `file` as it arrives (a batch stream may be large: it never sits
    /// in memory), at most `limit` bytes of it. `timeout` is how long the peer may stay silent, not the whole
    /// exchange. `download`, when given, hears the status as soon as the head arrives and each byte count written,
    /// for a reader following the file. Returns the status.
    static func post(
        _ url: URL, headers: [(String, String)], body: [UInt8], pins: CertificatePins, timeout: TimeInterval,
        into file: FileHandle, limit: Int, download: BatchDownload? = nil
    ) throws -> Int {
        let written = ByteCount()
        // A cut after the answer began still answers: the file holds what came, and its reader says where it ended.
        return try exchange(
            url, method: .POST, headers: headers, body: body, pins: pins, timeout: timeout, idle: true,
            partialIsAnswer: true, onHead: { download?.answered($0) },
            sink: { chunk in
                // Past `limit` (or a disk that fills) the answer is cut here: a peer cannot fill this node's disk.
                let total = written.add(chunk.count)
                guard total <= limit, (try? file.write(contentsOf: chunk)) != nil else { return false }
                download?.wrote(total)
                return true
            })
    }

    /// The request, with the answer's body passed to `sink` on the connection's event loop as it comes.
    private static func exchange(
        _ url: URL, method: HTTPMethod, headers: [(String, String)], body: [UInt8]?, pins: CertificatePins,
        timeout: TimeInterval, idle: Bool = false, partialIsAnswer: Bool = false,
        onHead: @escaping @Sendable (Int) -> Void = { _ in }, sink: @escaping @Sendable (Data) -> Bool
    ) throws -> Int {
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
        let answer = group.any().makePromise(of: Int.self)
        let mismatch = PinMismatch()
        let activity = Activity()
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
                    try channel.pipeline.syncOperations.addHandler(
                        ResponseCollector(
                            answer: answer, onHead: onHead, sink: sink, partialIsAnswer: partialIsAnswer,
                            onActivity: { activity.touch() }))
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
        let uri = url.path + (url.query.map { "?" + $0 } ?? "")
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
        head.headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        // Silence for `timeout` ends the exchange; with `idle`, every chunk of the answer starts the count again.
        let silence = TimeAmount.milliseconds(Int64(timeout * 1000))
        let tick = TimeAmount.milliseconds(200)
        let watch = channel.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            if activity.silentFor(longerThan: silence, counting: idle) {
                answer.fail(
                    DocketError(
                        .unavailable, key: "peer.timeout", zh: "\(host)在\(Int(timeout))秒内未响应。",
                        en: "\(host) did not answer within \(Int(timeout)) s."))
            }
        }
        defer { watch.cancel() }
        do {
            return try answer.futureResult.wait()
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

/// Passes one HTTP response's body to a sink and completes the promise with its status at the end (or with the
/// channel's error).
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let answer: EventLoopPromise<Int>
    /// Hears the status when the head arrives.
    private let onHead: @Sendable (Int) -> Void
    /// Takes each chunk of the body; false ends the exchange there, as a cut.
    private let sink: @Sendable (Data) -> Bool
    private let onActivity: () -> Void
    /// A body cut short still completes the answer with its status (the sink has what came).
    private let partialIsAnswer: Bool
    private var status = 0

    init(
        answer: EventLoopPromise<Int>, onHead: @escaping @Sendable (Int) -> Void,
        sink: @escaping @Sendable (Data) -> Bool, partialIsAnswer: Bool, onActivity: @escaping () -> Void
    ) {
        self.answer = answer; self.onHead = onHead; self.sink = sink; self.partialIsAnswer = partialIsAnswer
        self.onActivity = onActivity
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        onActivity()
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            onHead(status)
        case .body(let buffer):
            if !sink(Data(buffer.readableBytesView)) { context.close(promise: nil) }
        case .end: answer.succeed(status)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if partialIsAnswer, status != 0 { answer.succeed(status) } else { answer.fail(error) }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if partialIsAnswer, status != 0 {
            answer.succeed(status)
            return
        }
        answer.fail(
            DocketError(
                .unavailable, key: "peer.closed", zh: "对方节点在应答前关闭了连接。",
                en: "The peer closed the connection before answering."))
    }
}

/// Bytes of an answer taken so far.
private final class ByteCount: @unchecked Sendable {
    // Counted on the connection's event loop only.
    private var total = 0

    /// Adds `count`; the new total.
    func add(_ count: Int) -> Int {
        total += count
        return total
    }
}

/// An answer's body gathered in memory (a GET's small JSON).
private final class BodyBuffer: @unchecked Sendable {
    // Appended on the connection's event loop only, read after the answer's future completed.
    var data = Data()
}

/// When the peer last sent anything, for the silence timeout.
private final class Activity: @unchecked Sendable {
    // Touched and read on the connection's event loop only.
    private let started = NIODeadline.now()
    private var last = NIODeadline.now()

    func touch() { last = .now() }

    /// Silent longer than `limit`: since the last byte when `counting` activity, else since the start.
    func silentFor(longerThan limit: TimeAmount, counting: Bool) -> Bool {
        NIODeadline.now() - (counting ? last : started) > limit
    }
}
