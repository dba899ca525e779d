import Foundation
import Synchronization

/// A TCP relay on a free loopback port that forwards every connection to `target` and keeps every byte it carried,
/// each way — what someone on the network path would capture. It can also be slow (a delay before each chunk it
/// forwards), to stand for a peer on a poor line. Stops, closing its connections, when `stop` is called or it goes
/// away.
public final class TCPRelay: Sendable {
    public let port: UInt16
    private let listener: LoopbackSocket
    private let captured = Mutex<(toServer: [UInt8], toClient: [UInt8])>(([], []))
    private let connections = Mutex<[LoopbackSocket]>([])
    private let delay = Mutex<TimeInterval>(0)
    private let cut = Mutex<(marker: String, after: Int)?>(nil)

    public init(to target: UInt16) throws {
        let (listener, port) = try LoopbackSocket.listen()
        self.listener = listener
        self.port = port
        Thread.detachNewThread { [weak self, listener] in
            while let client = listener.accept() {
                guard let self else { return }
                guard let server = try? LoopbackSocket.connect(port: target) else { continue }
                self.connections.withLock { $0 += [client, server] }
                let matched = MatchFlag()
                self.pump(from: client, to: server, toServer: true, matched: matched)
                self.pump(from: server, to: client, toServer: false, matched: matched)
            }
        }
    }

    /// Every byte the clients sent and the server answered, so far.
    public var toServer: [UInt8] { captured.withLock { $0.toServer } }
    public var toClient: [UInt8] { captured.withLock { $0.toClient } }

    /// Waits `seconds` before forwarding each chunk from now on (0: at once).
    public func setDelay(_ seconds: TimeInterval) { delay.withLock { $0 = seconds } }

    /// From now on, the answer on a connection whose request contains `marker` is cut off after `bytes` bytes (both
    /// sides closed), as a line that fails mid-transfer.
    public func cutAnswers(to marker: String, after bytes: Int) { cut.withLock { $0 = (marker, bytes) } }

    /// Closes the listening socket and every connection.
    public func stop() {
        listener.shut()
        for connection in connections.withLock({ $0 }) { connection.shut() }
    }

    deinit { stop() }

    private func pump(
        from source: LoopbackSocket, to destination: LoopbackSocket, toServer: Bool, matched: MatchFlag
    ) {
        Thread.detachNewThread { [weak self] in
            var forwarded = 0
            while true {
                var chunk = source.read()
                guard !chunk.isEmpty, let self else { break }
                let wait = self.delay.withLock { $0 }
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                let cut = self.cut.withLock { $0 }
                if toServer, let cut, chunk.contains(bytes: cut.marker) { matched.value.withLock { $0 = true } }
                var ending = false
                if !toServer, let cut, matched.value.withLock({ $0 }), forwarded + chunk.count >= cut.after {
                    chunk = Array(chunk.prefix(max(0, cut.after - forwarded)))
                    ending = true
                }
                forwarded += chunk.count
                self.captured.withLock {
                    if toServer { $0.toServer += chunk } else { $0.toClient += chunk }
                }
                if !destination.write(chunk) || ending { break }
            }
            destination.shut()
            source.shut()
        }
    }
}

/// Whether a connection's request matched the cut's marker (shared by its two pumps).
final class MatchFlag: Sendable {
    let value = Mutex(false)
}

extension [UInt8] {
    /// Whether `needle` occurs in these bytes.
    public func contains(bytes needle: some StringProtocol) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, count >= pattern.count else { return false }
        var index = 0
        while index <= count - pattern.count {
            if self[index] == pattern[0], Array(self[index..<(index + pattern.count)]) == pattern { return true }
            index += 1
        }
        return false
    }
}
