import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body trickles: once a request's head has arrived, every `window` in which the
/// server was asking for more must bring at least `minimumBytes` of the body, until the body ends. Hummingbird's idle
/// timeout already closes a connection that sends nothing (a head that never completes, a body that stalls); this
/// closes one that sends a byte now and then to keep a `git http-backend` — and a place under the git-process bound
/// — pinned for as long as it likes.
///
/// Only time spent waiting on the client counts: while git is slow to take the body, the server stops reading
/// (backpressure) and the client is not to blame. A real push over a poor line (64 kbit/s is 8 KB/s) passes easily at
/// the default of 1 KiB per 10 s.
final class SlowBodyGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let window: TimeAmount
    private let minimumBytes: Int
    private let onClose: @Sendable () -> Void
    private var inBody = false
    private var bytesThisWindow = 0
    /// How long, this window, a read was asked for and no data had come yet.
    private var waitedThisWindow = TimeAmount.zero
    private var waitingSince: NIODeadline?
    private var check: Scheduled<Void>?

    /// - Parameter onClose: called when this guard closes a connection (for the server's counters and log).
    init(window: TimeAmount = .seconds(10), minimumBytes: Int = 1024, onClose: @escaping @Sendable () -> Void = {}) {
        self.window = window; self.minimumBytes = minimumBytes; self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        settleWaiting()
        switch unwrapInboundIn(data) {
        case .head:
            inBody = true
            startWindow(context)
        case .body(let buffer):
            bytesThisWindow += buffer.readableBytes
        case .end:
            inBody = false
            stop()
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if inBody, waitingSince == nil { waitingSince = .now() }
        context.read()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stop() }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    private func settleWaiting() {
        if let since = waitingSince {
            waitedThisWindow = waitedThisWindow + (NIODeadline.now() - since)
            waitingSince = nil
        }
    }

    private func stop() {
        check?.cancel()
        check = nil
        waitingSince = nil
    }

    private func startWindow(_ context: ChannelHandlerContext) {
        check?.cancel()
        bytesThisWindow = 0
        waitedThisWindow = .zero
        if waitingSince != nil { waitingSince = .now() }
        check = context.eventLoop.assumeIsolated().scheduleTask(in: window) { [self] in
            check = nil
            if let since = waitingSince { waitedThisWindow = waitedThisWindow + (NIODeadline.now() - since) }
            // Starved for most of the window with too little to show for it: the client is the slow one.
            if bytesThisWindow < minimumBytes, waitedThisWindow.nanoseconds * 2 >= window.nanoseconds {
                onClose()
                context.close(promise: nil)
            } else {
                startWindow(context)
            }
        }
    }
}
