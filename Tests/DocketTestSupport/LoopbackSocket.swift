import Foundation

#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
private let streamSocket = SOCK_STREAM
#endif

/// A plain TCP socket on 127.0.0.1, for tests that speak to a server below HTTP (a slow client, a relay). Closed
/// when this object goes away.
public final class LoopbackSocket: @unchecked Sendable {
    public let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// A listening socket on a free port.
    public static func listen() throws -> (socket: LoopbackSocket, port: UInt16) {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw TestFailure("Could not create a socket.") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && Glibc.listen(fd, 128) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { close(fd); throw TestFailure("Could not listen on a loopback port.") }
        return (LoopbackSocket(fd: fd), UInt16(bigEndian: address.sin_port))
    }

    /// A connection to `port` on 127.0.0.1.
    public static func connect(port: UInt16) throws -> LoopbackSocket {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw TestFailure("Could not create a socket.") }
        var address = loopback(port: port)
        let connected = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                Glibc.connect(fd, raw, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { close(fd); throw TestFailure("Could not connect to 127.0.0.1:\(port).") }
        return LoopbackSocket(fd: fd)
    }

    /// The next accepted connection, or nil once the listening socket is shut.
    public func accept() -> LoopbackSocket? {
        let client = Glibc.accept(fd, nil, nil)
        return client >= 0 ? LoopbackSocket(fd: client) : nil
    }

    /// Writes all of `bytes`; false when the peer has closed the connection.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    public func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    /// Up to `count` bytes; empty when the peer closed the connection (or it failed).
    public func read(upTo count: Int = 65_536) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count, 0) }
        return got > 0 ? Array(buffer[..<got]) : []
    }

    /// Whether the peer has closed the connection: a read that waits at most `timeout` seconds sees its end.
    public func isClosedByPeer(waiting timeout: TimeInterval) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) <= 0
    }

    /// Stops both directions (wakes a thread blocked in `accept` or `read`).
    public func shut() { shutdown(fd, Int32(SHUT_RDWR)) }

    deinit { close(fd) }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
