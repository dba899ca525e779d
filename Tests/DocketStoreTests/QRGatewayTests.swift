import DocketCore
import DocketStore
import DocketTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `qr` gateway against the real `docket-paysim` binary (no in-process mock): orders, idempotency, signed
/// callbacks (captured by a real loopback listener), lost callbacks, an unreachable service, refunds.
@Suite(.serialized)
struct QRGatewayTests {
    static let secret = "paysim-test-secret"

    static func order(_ amountFen: Int64 = 330_000) -> PaymentOrder {
        let number = "T" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20)
        return PaymentOrder(
            merchantOrderNo: number, amountFen: amountFen, description: "（2026）鲁0102民初1号 案件受理费",
            idempotencyKey: "key-" + number)
    }

    @Test func startGivesPendingWithPayURLAndAgainTheSameOrder() throws {
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: nil, timeout: 5)
        let order = Self.order()
        let first = try gateway.start(order)
        guard case .pending(let payURL?, let expiresAt?) = first else { Issue.record("not pending: \(first)"); return }
        #expect(payURL.hasPrefix(sim.baseURL.absoluteString + "/pay/ord_"))
        #expect(expiresAt > Date() && expiresAt < Date().addingTimeInterval(16 * 60))
        // The same order again (a retry after a time-out) is the same order, not a second one.
        #expect(try gateway.start(order) == first)
        #expect(try gateway.poll(order) == first)
        let raw = try HTTP.send("GET", sim.url("v1/orders/\(order.merchantOrderNo)"))
        #expect(
            raw.status == 200 && raw.json["state"] as? String == "pending" && raw.json["payUrl"] as? String == payURL)
    }

    @Test func differentAmountForTheSameOrderNumberIsRefused() throws {
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: nil, timeout: 5)
        let order = Self.order()
        let first = try gateway.start(order)
        var changed = order
        changed.amountFen = 1
        guard case .failed(let reason) = try gateway.start(changed) else { Issue.record("not refused"); return }
        #expect(reason.contains("330000"))
        #expect(try gateway.poll(order) == first)
    }

    @Test func payingIsConfirmedBySignedCallbackAndByPolling() throws {
        let listener = try CallbackListener()
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: listener.url, timeout: 5)
        let order = Self.order()
        _ = try gateway.start(order)
        let paid = try HTTP.send("POST", sim.url("simulate/pay/\(order.merchantOrderNo)"))
        #expect(paid.status == 200 && paid.json["callback"] as? String == "delivered")

        let callback = try #require(listener.waitForRequest(timeout: 5))
        #expect(callback.path == "/notify")
        let signature = callback.headers["x-paysim-signature"]
        #expect(PaymentCallback.verify(body: callback.body, signatureHeader: signature, secret: Self.secret))
        let facts = try PaymentCallback.parse(body: callback.body)
        #expect(facts.merchantOrderNo == order.merchantOrderNo && facts.amountFen == order.amountFen)

        guard case .paid(let reference, let details) = try gateway.poll(order) else {
            Issue.record("poll not paid"); return
        }
        #expect(reference == facts.transactionId && reference.hasPrefix("txn_"))
        #expect(details["paidAt"] == facts.paidAt && details["orderId"]?.hasPrefix("ord_") == true)
        // Starting again after payment reports the payment, not a new order.
        #expect(try gateway.start(order) == .paid(reference: reference, details: details))

        // A tampered body, a wrong secret, a missing or malformed header: refused.
        let tampered = Array(
            String(decoding: callback.body, as: UTF8.self)
                .replacingOccurrences(of: "\"amountFen\":330000", with: "\"amountFen\":1").utf8)
        #expect(tampered != callback.body)
        #expect(!PaymentCallback.verify(body: tampered, signatureHeader: signature, secret: Self.secret))
        #expect(!PaymentCallback.verify(body: callback.body, signatureHeader: signature, secret: "another-secret"))
        #expect(!PaymentCallback.verify(body: callback.body, signatureHeader: nil, secret: Self.secret))
        #expect(
            !PaymentCallback.verify(
                body: callback.body, signatureHeader: signature.map { String($0.dropFirst(7)) }, secret: Self.secret))
        #expect(!PaymentCallback.verify(body: callback.body, signatureHeader: "sha256=zz", secret: Self.secret))
        #expect(!PaymentCallback.verify(body: callback.body, signatureHeader: signature, secret: ""))
    }

    @Test func lostCallbackIsConfirmedByPolling() throws {
        // The callback goes to the simulator's default --notify-url, where nothing listens.
        let sim = try PaySim(notifyURL: URL(string: "http://127.0.0.1:\(try closedPort())/notify")!)
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: nil, timeout: 5)
        let order = Self.order()
        _ = try gateway.start(order)
        let paid = try HTTP.send("POST", sim.url("simulate/pay/\(order.merchantOrderNo)"))
        #expect((paid.json["callback"] as? String)?.hasPrefix("failed") == true)
        guard case .paid(let reference, _) = try gateway.poll(order) else { Issue.record("poll not paid"); return }
        #expect(reference == paid.json["transactionId"] as? String)
    }

    @Test func unreachableServiceIsUnknownNeverFailed() throws {
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: nil, timeout: 5)
        let order = Self.order()
        _ = try gateway.start(order)
        sim.stop()
        for outcome in [
            try gateway.poll(order), try gateway.start(order),
            try gateway.refund(order, amountFen: 100, refundNo: "r-gone"),
        ] {
            guard case .unknown = outcome else { Issue.record("expected unknown, got \(outcome)"); continue }
        }
    }

    @Test func noAnswerWithinTheTimeoutIsUnknown() throws {
        let silent = try ListeningSocket()  // accepts connections (backlog) but never answers
        let gateway = QRGateway(baseURL: URL(string: "http://127.0.0.1:\(silent.port)")!, notifyURL: nil, timeout: 1)
        let began = Date()
        let outcome = try gateway.poll(Self.order())
        guard case .unknown(let reason) = outcome else { Issue.record("expected unknown, got \(outcome)"); return }
        #expect(Date().timeIntervalSince(began) < 4, "\(reason)")
    }

    @Test func refundsAreCappedAndIdempotent() throws {
        let sim = try PaySim()
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: nil, timeout: 5)
        let order = Self.order(10_000)
        guard case .failed = try gateway.refund(order, amountFen: 100, refundNo: "r-early") else {
            Issue.record("a refund of an unknown order was not refused"); return
        }
        _ = try gateway.start(order)
        _ = try HTTP.send("POST", sim.url("simulate/pay/\(order.merchantOrderNo)"))
        guard case .failed = try gateway.refund(order, amountFen: 10_001, refundNo: "r-too-much") else {
            Issue.record("a refund of more than was paid was not refused"); return
        }
        let partial = try gateway.refund(order, amountFen: 4_000, refundNo: "r-1")
        guard case .paid(let reference, let details) = partial else {
            Issue.record("partial refund: \(partial)"); return
        }
        #expect(reference.hasPrefix("rfd_") && details["amountFen"] == "4000")
        // the same refund, not a second
        #expect(try gateway.refund(order, amountFen: 4_000, refundNo: "r-1") == partial)
        guard case .failed = try gateway.refund(order, amountFen: 6_001, refundNo: "r-2") else {
            Issue.record("refunds beyond what is left were not refused"); return
        }
        guard case .paid = try gateway.refund(order, amountFen: 6_000, refundNo: "r-2") else {
            Issue.record("rest"); return
        }
        let raw = try HTTP.send("GET", sim.url("v1/orders/\(order.merchantOrderNo)"))
        #expect(raw.json["refundedFen"] as? Int == 10_000)
    }

    @Test func expiredAndFailedOrders() throws {
        let sim = try PaySim(ttl: 1)
        let gateway = QRGateway(baseURL: sim.baseURL, notifyURL: nil, timeout: 5)
        let late = Self.order(), declined = Self.order()
        _ = try gateway.start(late)
        _ = try gateway.start(declined)
        _ = try HTTP.send("POST", sim.url("simulate/fail/\(declined.merchantOrderNo)"))
        guard case .failed = try gateway.poll(declined) else { Issue.record("declined order not failed"); return }
        Thread.sleep(forTimeInterval: 1.3)
        #expect(try gateway.poll(late) == .expired)
        let pay = try HTTP.send("POST", sim.url("simulate/pay/\(late.merchantOrderNo)"))
        #expect(pay.status == 409)
    }

    @Test func callbackParsingRefusesWhatIsNotAPaidCallback() throws {
        #expect(throws: DocketError.self) { try PaymentCallback.parse(body: Array("not json".utf8)) }
        let failed = #"{"merchantOrderNo":"ABC123","transactionId":"t","amountFen":5,"state":"failed","paidAt":""}"#
        #expect(throws: DocketError.self) { try PaymentCallback.parse(body: Array(failed.utf8)) }
    }
}

// MARK: - Helpers: the simulator process, a loopback listener, plain HTTP

/// The directory holding the built binaries.
private var buildDirectory: URL { URL(fileURLWithPath: Binaries.folder) }

/// A running `docket-paysim` on a free loopback port; terminated when this object goes away, whatever the test did.
final class PaySim {
    let process = Process()
    let baseURL: URL
    private let stdout = Pipe()

    init(notifyURL: URL? = nil, ttl: Double? = nil) throws {
        process.executableURL = buildDirectory.appendingPathComponent("docket-paysim")
        process.arguments =
            ["--listen", "127.0.0.1:0", "--secret", QRGatewayTests.secret]
            + (notifyURL.map { ["--notify-url", $0.absoluteString] } ?? [])
            + (ttl.map { ["--order-ttl", String($0)] } ?? [])
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A watchdog: if no port line comes, kill the process so the read below ends instead of hanging the suite.
        let started = process
        let watchdog = DispatchWorkItem { if started.isRunning { started.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        watchdog.cancel()
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening on "), let url = URL(string: String(text.dropFirst("listening on ".count)))
        else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw TestFailure(
                "docket-paysim did not start (printed \"\(text)\"); is it built in \(buildDirectory.path)?")
        }
        baseURL = url
    }

    func url(_ path: String) -> URL { baseURL.appendingPathComponent(path) }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A plain HTTP request from the test (the payer's phone, or a look at the raw API).
enum HTTP {
    static func send(_ method: String, _ url: URL) throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        final class Box: @unchecked Sendable { var status = 0; var data = Data(); var error: Error? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.data = data ?? Data(); box.error = error
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 15) == .success else { throw TestFailure("\(method) \(url) timed out.") }
        if let error = box.error { throw error }
        return (box.status, (try? JSONSerialization.jsonObject(with: box.data)) as? [String: Any] ?? [:])
    }
}

#if canImport(Glibc)
private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
private let streamSocket = SOCK_STREAM
#endif

/// A TCP socket listening on 127.0.0.1 at a free port; closed when this object goes away.
private final class ListeningSocket {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw TestFailure("Could not create a socket.") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { close(fd); throw TestFailure("Could not listen on a loopback port.") }
        port = UInt16(bigEndian: address.sin_port)
        self.fd = fd
    }

    deinit { close(fd) }
}

/// A loopback port with nothing listening on it (bound, then closed), for a callback that cannot be delivered.
private func closedPort() throws -> UInt16 { try ListeningSocket().port }

/// A tiny HTTP server that records the requests it gets and answers 200, on a background thread that ends (within
/// a tenth of a second) when this object goes away.
final class CallbackListener {
    struct Received { var path: String; var headers: [String: String]; var body: [UInt8] }

    /// Shared with the accept thread, which must not keep the listener itself alive.
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var received: [Received] = []
        var stopped = false
        let arrived = DispatchSemaphore(value: 0)
    }

    private let socket: ListeningSocket
    private let state = State()
    var url: URL { URL(string: "http://127.0.0.1:\(socket.port)/notify")! }

    init() throws {
        socket = try ListeningSocket()
        let fd = socket.fd, state = self.state
        let thread = Thread {
            while true {
                state.lock.lock(); let stopped = state.stopped; state.lock.unlock()
                if stopped { return }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { continue }
                if let request = CallbackListener.serve(connection) {
                    state.lock.lock(); state.received.append(request); state.lock.unlock()
                    state.arrived.signal()
                }
                close(connection)
            }
        }
        thread.start()
    }

    /// The next request, or nil if none came in time.
    func waitForRequest(timeout: TimeInterval) -> Received? {
        guard state.arrived.wait(timeout: .now() + timeout) == .success else { return nil }
        state.lock.lock(); defer { state.lock.unlock() }
        return state.received.removeFirst()
    }

    deinit {
        // Stop the thread before the socket closes, so it never polls a closed (or reused) descriptor.
        state.lock.lock(); state.stopped = true; state.lock.unlock()
        Thread.sleep(forTimeInterval: 0.2)
    }

    /// Reads one HTTP/1.1 request with a Content-Length body and answers 200.
    private static func serve(_ connection: Int32) -> Received? {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        var contentLength = 0
        var head: [String] = []
        while headerEnd == nil || data.count < headerEnd! + 4 + contentLength {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
            if headerEnd == nil, let range = findBlankLine(data) {
                headerEnd = range
                head = String(decoding: data[0..<range], as: UTF8.self).components(separatedBy: "\r\n")
                for line in head.dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2 && parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1]) ?? 0
                    }
                    if parts.count == 2 && parts[0].lowercased() == "expect" {
                        _ = send(connection, "HTTP/1.1 100 Continue\r\n\r\n", 25, 0)
                    }
                }
            }
        }
        let reply = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        _ = send(connection, reply, reply.utf8.count, 0)
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1] }
        }
        let path = head.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        return Received(path: path, headers: headers, body: Array(data[(headerEnd! + 4)...].prefix(contentLength)))
    }

    /// Where the header block ends (the index of "\r\n\r\n").
    private static func findBlankLine(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for index in 0...(data.count - 4)
        where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13 && data[index + 3] == 10 {
            return index
        }
        return nil
    }
}
