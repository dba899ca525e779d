import DocketCore
import Foundation

#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
private let streamSocket = SOCK_STREAM
#endif

/// A browser as far as the bench needs one: HTTP/1.1 over one kept-alive TCP connection to a loopback port,
/// cookies kept by name. Blocking and minimal on purpose, so what is timed is the server, not a client library
/// (Foundation's URLSession adds milliseconds of its own per request on Linux).
final class BenchHTTPClient {
    /// One answer.
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    private let port: UInt16
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    /// Cookies by name, as the server set them.
    private(set) var cookies: [String: String] = [:]

    /// A client of `127.0.0.1:PORT` (given as `HOST:PORT`).
    init(hostPort: String) throws {
        guard let port = UInt16(hostPort.split(separator: ":").last ?? "") else {
            throw CourtBench.failure("address \(hostPort)")
        }
        self.port = port
    }

    deinit { if fd >= 0 { close(fd) } }

    func get(_ path: String) throws -> Response { try send("GET", path, body: nil) }

    /// A form post (application/x-www-form-urlencoded).
    func post(_ path: String, form: [(String, String)]) throws -> Response {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let text = form.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try send("POST", path, body: Array(text.utf8))
    }

    private func send(_ method: String, _ path: String, body: [UInt8]?) throws -> Response {
        if fd < 0 { try connect() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: keep-alive\r\n"
        if !cookies.isEmpty {
            head += "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: "; ") + "\r\n"
        }
        if let body {
            head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n"
        }
        let bytes = Array((head + "\r\n").utf8) + (body ?? [])
        try write(bytes)
        let response = try readResponse()
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard let cookie = pair.first else { continue }
            let content = pair.count > 1 ? String(pair[1]) : ""
            if content.isEmpty || value.lowercased().contains("max-age=0") {
                cookies[String(cookie)] = nil
            } else {
                cookies[String(cookie)] = content
            }
        }
        if response.header("Connection")?.lowercased() == "close" { close(fd); fd = -1; buffer = [] }
        return response
    }

    private func connect() throws {
        fd = socket(AF_INET, streamSocket, 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard fd >= 0, connected else { throw CourtBench.failure("connect to 127.0.0.1:\(port)") }
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw CourtBench.failure("send to 127.0.0.1:\(port)") }
            sent += n
        }
    }

    /// Reads more bytes into the buffer; false at the end of the stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n >= 0 else { throw CourtBench.failure("recv from 127.0.0.1:\(port)") }
        buffer += chunk[0..<n]
        return n > 0
    }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 10) {
                let line = buffer[..<index]
                buffer.removeFirst(index + 1)
                return String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
            }
            guard try fill() else { throw CourtBench.failure("connection closed in the headers") }
        }
    }

    private func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw CourtBench.failure("connection closed in the body") }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func readResponse() throws -> Response {
        let statusLine = try readLine()
        guard let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else {
            throw CourtBench.failure("status line \(statusLine)")
        }
        var headers: [(String, String)] = []
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = Response(status: status, headers: headers, body: [])
        if let length = response.header("Content-Length").flatMap(Int.init) {
            response.body = try readBytes(length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            while true {
                let size = Int(try readLine().split(separator: ";")[0], radix: 16) ?? 0
                if size == 0 { _ = try readLine(); break }
                response.body += try readBytes(size)
                _ = try readLine()
            }
        }
        return response
    }
}
