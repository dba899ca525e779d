import Foundation

/// The command line of `docket-paysim`, checked before anything listens.
struct SimulatorOptions: Sendable {
    var host = "127.0.0.1"
    /// 0 lets the system pick a free port; the chosen one is printed on stdout.
    var port = 0
    /// Shared with the node: callbacks are signed with it (HMAC-SHA256).
    var secret = ""
    /// Where callbacks go when an order did not name its own `notifyUrl`.
    var notifyURL: URL?
    /// How long an unpaid order waits before it expires.
    var orderTTL: TimeInterval = 900

    static let usage = """
        usage: docket-paysim --listen 127.0.0.1:PORT --secret SECRET [--notify-url URL] [--order-ttl SECONDS]
        """

    /// Reads the arguments; a mistake is reported as one sentence for the person who typed it.
    static func parse(_ arguments: [String]) throws -> SimulatorOptions {
        var options = SimulatorOptions()
        var sawListen = false, sawSecret = false
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            if flag == "--help" || flag == "-h" { throw UsageError(message: usage, exitCode: 0) }
            guard let value = rest.popFirst() else { throw UsageError("\(flag) needs a value.") }
            switch flag {
            case "--listen":
                guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]),
                    (0...65535).contains(port), colon != value.startIndex
                else { throw UsageError("--listen takes HOST:PORT, for example 127.0.0.1:0, not \"\(value)\".") }
                options.host = String(value[..<colon])
                options.port = port
                sawListen = true
            case "--secret":
                guard !value.isEmpty else { throw UsageError("--secret must not be empty.") }
                options.secret = value
                sawSecret = true
            case "--notify-url":
                guard let url = URL(string: value), url.scheme == "http" || url.scheme == "https", url.host != nil
                else { throw UsageError("--notify-url must be an http(s) URL, not \"\(value)\".") }
                options.notifyURL = url
            case "--order-ttl":
                guard let seconds = Double(value), seconds > 0, seconds.isFinite
                else { throw UsageError("--order-ttl takes a positive number of seconds, not \"\(value)\".") }
                options.orderTTL = seconds
            default:
                throw UsageError("Unknown option \(flag).\n\(usage)")
            }
        }
        guard sawListen else { throw UsageError("--listen is required.\n\(usage)") }
        guard sawSecret else { throw UsageError("--secret is required.\n\(usage)") }
        return options
    }
}

/// A command-line mistake: printed to stderr, then the process exits with `exitCode`.
struct UsageError: Error {
    var message: String
    var exitCode: Int32 = 2

    init(_ message: String) { self.message = message }
    init(message: String, exitCode: Int32) { self.message = message; self.exitCode = exitCode }
}

/// Log lines go to stderr so that stdout carries only the one `listening on …` line a test reads.
func log(_ message: String) {
    FileHandle.standardError.write(Data("docket-paysim: \(message)\n".utf8))
}
