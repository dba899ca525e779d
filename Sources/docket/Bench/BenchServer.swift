import DocketCore
import Foundation

/// `docket serve` of a node as a child process (this same binary) on a free loopback port, optionally with the desk
/// on another free loopback port; stop() ends it.
final class BenchServer {
    private let process = Process()
    private(set) var hostPort = ""
    /// Where the desk listens (`HOST:PORT`), when it was asked for.
    private(set) var deskHostPort: String?
    /// Whether it serves HTTPS with the node's own certificate.
    let tls: Bool
    var url: String { "\(tls ? "https" : "http")://\(hostPort)" }
    var pid: Int32 { process.processIdentifier }

    init(data: URL, log: URL, tls: Bool = false, desk: Bool = false, arguments: [String] = []) throws {
        self.tls = tls
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: Self.ownBinary)
        process.arguments =
            ["serve", "--listen", "127.0.0.1:0", "--sync-interval", "0", "--data", data.path]
            + (tls ? ["--tls"] : []) + (desk ? ["--desk-listen", "127.0.0.1:0"] : []) + arguments
        // A file, not a pipe: nobody reads the server's output after the first line, and a full pipe would stall it.
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let prefix = "listening on \(tls ? "https" : "http")://", deskPrefix = "desk on http://"
        let deadline = Date().addingTimeInterval(60)
        var text = ""
        while Date() < deadline, process.isRunning {
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n")
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) {
                hostPort = String(line.dropFirst(prefix.count))
                if let line = lines.first(where: { $0.hasPrefix(deskPrefix) }) {
                    deskHostPort = String(line.dropFirst(deskPrefix.count))
                }
                if !desk || deskHostPort != nil { return }
            }
            usleep(20_000)
        }
        stop()
        throw DocketError(
            .unavailable, key: "bench.serve-not-started", zh: "docket serve 未能启动：\(text.suffix(2_000))",
            en: "docket serve did not start: \(text.suffix(2_000))")
    }

    /// This program's own executable (the bench runs `docket serve` and other commands from the same build). A
    /// binary rebuilt while the bench runs reads as "… (deleted)": the new one at the same path is taken.
    static var ownBinary: String {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return CommandLine.arguments[0]
        }
        return path.hasSuffix(" (deleted)") ? String(path.dropLast(" (deleted)".count)) : path
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The server's peak resident memory so far (VmHWM), in MiB.
    func peakMemoryMiB() -> Double { Self.memoryMiB("VmHWM", pid: pid) }

    /// The server's resident memory now (VmRSS), in MiB.
    func residentMemoryMiB() -> Double { Self.memoryMiB("VmRSS", pid: pid) }

    /// CPU time the server has used so far (user and system, from /proc/PID/stat), in seconds.
    func cpuSeconds() -> Double {
        // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A `kB` line of /proc/PID/status (VmRSS, VmHWM), in MiB; 0 when it cannot be read.
    static func memoryMiB(_ field: String, pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb / 1024
    }
}
