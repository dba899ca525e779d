import DocketProcess
import Foundation

/// A real browser for tests: Debian's headless Chromium driven by `chromedriver` over W3C WebDriver (JSON over HTTP
/// on a loopback port). One browser per instance, with its own profile folder; `quit()` (or deinit) ends both.
public final class WebDriver {
    public static let chromedriver = "/usr/bin/chromedriver"
    public static let chromium = "/usr/bin/chromium"

    /// Whether this machine has the browser (the Makefile installs `chromium` and `chromium-driver`).
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromedriver)
            && FileManager.default.isExecutableFile(atPath: chromium)
    }

    let driver: Process
    let port: UInt16
    let profile: URL
    public private(set) var session = ""

    /// Starts chromedriver on a free port and opens a headless browser window of `width`×`height`.
    public init(width: Int = 1280, height: Int = 900, language: String = "zh-CN") throws {
        port = UInt16(try FreePort.pick())
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("docket-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: Self.chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(20)
        while ((try? call("GET", "/status"))?["value"] as? [String: Any])?["ready"] as? Bool != true {
            guard Date() < deadline else {
                quit()
                throw TestFailure("chromedriver did not start on port \(port)")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": Self.chromium,
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=\(width),\(height)", "--lang=\(language)", "--user-data-dir=\(profile.path)",
                            "--no-first-run", "--disable-extensions",
                        ],
                        "prefs": ["intl.accept_languages": language],
                    ],
                ]
            ]
        ]
        let created = try call("POST", "/session", capabilities)
        guard let id = (created["value"] as? [String: Any])?["sessionId"] as? String else {
            quit()
            throw TestFailure("no WebDriver session: \(created)")
        }
        session = id
    }

    deinit { quit() }

    /// Closes the browser and stops chromedriver.
    public func quit() {
        if !session.isEmpty { _ = try? call("DELETE", "/session/\(session)") }
        session = ""
        // SIGKILL: chromedriver inherits the test runner's blocked signals (SIGTERM among them); the browser is closed
        // above.
        if driver.isRunning {
            kill(driver.processIdentifier, SIGKILL)
            driver.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: Pages

    public func open(_ url: String) throws { _ = try command("POST", "url", ["url": url]) }
    public var url: String { get throws { try command("GET", "url") as? String ?? "" } }
    public var title: String { get throws { try command("GET", "title") as? String ?? "" } }
    public var source: String { get throws { try command("GET", "source") as? String ?? "" } }

    /// The first element matching a CSS selector, or nil.
    public func find(_ css: String) throws -> Element? {
        let found = try call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let value = found["value"] as? [String: Any], let id = value.values.first as? String,
            value["error"] == nil
        else { return nil }
        return Element(driver: self, id: id)
    }

    /// Every element matching a CSS selector.
    public func findAll(_ css: String) throws -> [Element] {
        let found = try command("POST", "elements", ["using": "css selector", "value": css]) as? [[String: Any]] ?? []
        return found.compactMap { $0.values.first as? String }.map { Element(driver: self, id: $0) }
    }

    /// Waits (polling) until `css` matches, up to `timeout` seconds.
    @discardableResult
    public func wait(for css: String, timeout: TimeInterval = 20) throws -> Element {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let element = try find(css) { return element }
            guard Date() < deadline else {
                throw TestFailure("no \(css) after \(timeout) s at \((try? url) ?? "?"):\n\((try? text("body")) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Waits until the page's visible text contains `text`.
    public func wait(forText text: String, in css: String = "body", timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !((try? self.text(css)) ?? "").contains(text) {
            guard Date() < deadline else {
                throw TestFailure(
                    "no “\(text)” in \(css) after \(timeout) s at \((try? url) ?? "?"):\n"
                        + "\((try? self.text("body")) ?? "")"
                )
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// The visible text of the first element matching `css`.
    public func text(_ css: String) throws -> String { try wait(for: css, timeout: 5).text }

    /// Types into the field `css` (cleared first).
    public func type(_ css: String, _ text: String) throws {
        let field = try wait(for: css)
        try field.clear()
        try field.send(text)
    }

    /// Clicks the element `css`.
    public func click(_ css: String) throws { try wait(for: css).click() }

    /// Runs a script in the page and returns its value.
    @discardableResult
    public func execute(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "execute/sync", ["script": script, "args": arguments])
    }

    /// Runs an asynchronous script in the page (its last argument is the callback that ends it) and returns the
    /// value passed to the callback: for `fetch` from the page, with the page's own cookies.
    @discardableResult
    public func executeAsync(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "execute/async", ["script": script, "args": arguments])
    }

    /// The browser's cookies for the current page (name, value, httpOnly, sameSite, …).
    public func cookies() throws -> [[String: Any]] { try command("GET", "cookie") as? [[String: Any]] ?? [] }

    /// A PNG of the window.
    public func screenshot() throws -> Data {
        guard let text = try command("GET", "screenshot") as? String, let data = Data(base64Encoded: text) else {
            throw TestFailure("no screenshot")
        }
        return data
    }

    /// An element of the page.
    public struct Element {
        let driver: WebDriver
        let id: String

        public var text: String { (try? driver.command("GET", "element/\(id)/text") as? String) ?? "" }
        public func click() throws { _ = try driver.command("POST", "element/\(id)/click", [:]) }
        public func clear() throws { _ = try driver.command("POST", "element/\(id)/clear", [:]) }
        public func send(_ text: String) throws {
            _ = try driver.command("POST", "element/\(id)/value", ["text": text])
        }
        public func attribute(_ name: String) throws -> String? {
            try driver.command("GET", "element/\(id)/attribute/\(name)") as? String
        }
    }

    // MARK: The protocol

    @discardableResult
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let answer = try call(method, "/session/\(session)/\(path)", body)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw TestFailure("WebDriver \(path): \(error): \(value["message"] ?? "")")
        }
        return answer["value"]
    }

    /// `WEBDRIVER_TRACE=FILE` appends every WebDriver call (and how long it took) to FILE, to see where a test waits.
    static let trace = ProcessInfo.processInfo.environment["WEBDRIVER_TRACE"]

    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        let started = Date()
        defer {
            if let trace = Self.trace,
                let handle = FileHandle(forWritingAtPath: trace)
                    ?? {
                        FileManager.default.createFile(atPath: trace, contents: nil)
                        return FileHandle(forWritingAtPath: trace)
                    }()
            {
                handle.seekToEndOfFile()
                let what =
                    body.flatMap { try? JSONSerialization.data(withJSONObject: $0) }
                    .map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? ""
                handle.write(
                    Data("\(String(format: "%.2f", -started.timeIntervalSinceNow)) s \(method) \(path) \(what)\n".utf8))
                try? handle.close()
            }
        }
        // A plain socket, not URLSession: chromedriver writes headers as `Content-Length:251` (no space), which
        // Foundation's HTTP client on Linux refuses ("Failed writing header").
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let socket = try LoopbackSocket.connect(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(payload.count)\r\n\r\n"
        guard socket.write(Array(head.utf8) + Array(payload)) else { throw TestFailure("WebDriver \(path): not sent") }
        // chromedriver keeps the connection open whatever the request says: read the head, then Content-Length bytes.
        var answer: [UInt8] = []
        var end: Range<Int>?
        while end == nil {
            let chunk = socket.read()
            guard !chunk.isEmpty else { throw TestFailure("WebDriver \(path): no answer") }
            answer += chunk
            end = answer.firstRange(of: Array("\r\n\r\n".utf8))
        }
        let headers = String(decoding: answer[..<end!.lowerBound], as: UTF8.self).lowercased()
        let length =
            headers.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        while answer.count - end!.upperBound < length {
            let chunk = socket.read()
            guard !chunk.isEmpty else { throw TestFailure("WebDriver \(path): answer cut short") }
            answer += chunk
        }
        let object = try JSONSerialization.jsonObject(with: Data(answer[end!.upperBound...]))
        return object as? [String: Any] ?? [:]
    }
}
/// A free TCP port on the loopback address (bound once and released).
public enum FreePort {
    public static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw TestFailure("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
