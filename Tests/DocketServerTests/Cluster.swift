import DocketCore
import DocketProcess
import DocketTestSupport
import Foundation

/// Real nodes in temporary folders, driven through the real `docket` binary; the court runs `docket serve` on a
/// free loopback port. Everything is removed and every process stopped when the cluster goes away.
final class Cluster {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-cluster-\(UUID().uuidString)")
    private(set) var server: Process?
    private(set) var port = 0
    /// Whether the court serves HTTPS (`docket serve --tls`) and the firms pin its certificate.
    private(set) var tls = false
    /// The court's desk, when started with one.
    private(set) var deskPort: Int?
    /// Every server this cluster started.
    private var others: [Process] = []

    static var binary: String { Binaries.docket }

    init() throws { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }

    deinit {
        for process in others where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: root)
    }

    func data(_ node: String) -> String { root.appendingPathComponent(node).path }
    var url: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }
    /// The court's certificate fingerprint (`docket node --json`).
    func fingerprint(_ node: String = "court") throws -> String {
        (try json(node, ["node"]) as! [String: Any])["tlsFingerprint"] as! String
    }
    /// The court's certificate file, which stock git trusts through `GIT_SSL_CAINFO`.
    var courtCertificate: String { data("court") + "/tls/node.crt" }

    /// Runs a command; returns status, stdout, stderr.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], cwd: String? = nil
    ) throws -> (status: Int32, out: String, err: String) {
        let outcome = try ProcessRunner.run(
            executable, arguments,
            environment: ["GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"].merging(environment) { $1 },
            currentDirectory: cwd.map { URL(fileURLWithPath: $0) })
        return (outcome.status, outcome.outputText, outcome.errorText)
    }

    /// `docket <args> --data <node>`; throws with stderr when it fails.
    @discardableResult
    func docket(_ node: String, _ args: [String]) throws -> String {
        let result = try Self.run(Self.binary, args + ["--data", data(node)])
        guard result.status == 0 else {
            throw TestFailure(
                "docket \(args.joined(separator: " ")) on \(node) failed (\(result.status)): \(result.err)\(result.out)"
            )
        }
        return result.out
    }

    func json(_ node: String, _ args: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try docket(node, args + ["--json"]).utf8))
    }

    /// A court and firms (and lobby kiosk nodes), registered as peers of the court; the court serving.
    func start(
        firms: [String], kiosks: [String] = [], maxRequestMiB: Int = 512, tls: Bool = false,
        serveArguments: [String] = [], desk: Bool = false
    ) throws -> [String: String] {
        self.tls = tls
        try docket(
            "court",
            ["init", "--role", "court", "--node-id", "court-lixia", "--name", "历下区人民法院", "--court-code", "鲁0102"])
        let courtKey = (try json("court", ["node"]) as! [String: Any])["publicKey"] as! String
        var tokens: [String: String] = [:]
        for (node, role) in firms.map({ ($0, "firm") }) + kiosks.map({ ($0, "kiosk") }) {
            try docket(
                node,
                [
                    "init", "--role", role, "--node-id", node, "--name",
                    role == "firm" ? "\(node) 律师事务所" : "\(node) 自助终端",
                ])
            let key = (try json(node, ["node"]) as! [String: Any])["publicKey"] as! String
            tokens[node] =
                (try json("court", ["peer", "invite", node, "--role", role, "--public-key", key]) as! [String: Any])[
                    "token"] as? String
        }
        try startServer(maxRequestMiB: maxRequestMiB, arguments: serveArguments, desk: desk)
        let pin = tls ? ["--fingerprint", try fingerprint()] : []
        for firm in firms + kiosks {
            try docket(
                firm,
                [
                    "peer", "add", "court-lixia", "--url", url, "--role", "court", "--court-code", "鲁0102",
                    "--public-key", courtKey, "--token", tokens[firm]!,
                ] + pin)
        }
        return tokens
    }

    /// Starts the court's server (again); `samePort` keeps the port it had, so that its peers find it.
    func startServer(
        maxRequestMiB: Int = 512, arguments: [String] = [], samePort: Bool = false, desk: Bool = false
    ) throws {
        let (process, port, deskPort) = try serve(
            "court", maxRequestMiB: maxRequestMiB, arguments: (tls ? ["--tls"] : []) + arguments,
            port: samePort ? self.port : 0, desk: desk)
        server = process
        self.port = port
        self.deskPort = deskPort
    }

    /// Runs `docket serve` for `node` on a free loopback port; stopped when the cluster goes away.
    func serve(
        _ node: String, maxRequestMiB: Int = 512, arguments: [String] = [], port: Int = 0
    ) throws -> (Process, Int) {
        let (process, port, _) = try serve(
            node, maxRequestMiB: maxRequestMiB, arguments: arguments, port: port, desk: false)
        return (process, port)
    }

    /// `docket serve` for `node`, with the desk on a free loopback port of its own when `desk` (its port third).
    func serve(
        _ node: String, maxRequestMiB: Int = 512, arguments: [String] = [], port: Int = 0, desk: Bool
    ) throws -> (Process, Int, Int?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments =
            [
                "serve", "--listen", "127.0.0.1:\(port)", "--sync-interval", "0", "--max-request-mib",
                String(maxRequestMiB),
                "--data", data(node),
            ] + arguments + (desk ? ["--desk-listen", "127.0.0.1:0"] : [])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        others.append(process)
        // The first lines say where it listens (the peers' address, and the desk's).
        var port: Int?, deskPort: Int?
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, port == nil || (desk && deskPort == nil) {
            var line = Data()
            while Date() < deadline {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line.append(byte)
            }
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("listening on http://127.0.0.1:") || text.hasPrefix("listening on https://127.0.0.1:") {
                port = Int(text.split(separator: ":").last ?? "")
            } else if text.hasPrefix("desk on http://127.0.0.1:") {
                deskPort = Int(text.split(separator: ":").last ?? "")
            } else {
                throw TestFailure("docket serve did not start: \(text)")
            }
        }
        guard let port else { throw TestFailure("docket serve did not say where it listens") }
        return (process, port, deskPort)
    }

    func stopServer() {
        guard let server, server.isRunning else { return }
        server.terminate()
        server.waitUntilExit()
    }

    func git(
        _ args: [String], cwd: String? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, out: String, err: String) {
        try Self.run("/usr/bin/git", args, environment: ["HOME": root.path].merging(environment) { $1 }, cwd: cwd)
    }

    /// The public key a node's `docket node --json` prints.
    func publicKey(_ node: String) throws -> String {
        (try json(node, ["node"]) as! [String: Any])["publicKey"] as! String
    }

    /// Connects `firm` to the court again at `url`, pinning `fingerprints` (none: plain HTTP).
    func repoint(_ firm: String, token: String, url: String, fingerprints: [String]) throws {
        try docket(
            firm,
            [
                "peer", "add", "court-lixia", "--url", url, "--role", "court", "--court-code", "鲁0102",
                "--public-key", try publicKey("court"), "--token", token,
            ] + fingerprints.flatMap { ["--fingerprint", $0] })
    }

    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "买卖合同纠纷", "claimAmount": "150000.00", "claims": "支付货款",
         "parties": [{"role": "plaintiff", "name": "济南鲁信商贸有限公司", "representative": {"name": "王律师", "firm": "FIRM"}},
                     {"role": "defendant", "name": "李四", "idNumber": "11010519491231002X"}]}
        """

    func file(on firm: String) throws -> String {
        let path = root.appendingPathComponent("filing-\(UUID().uuidString).json")
        try Self.filing.replacingOccurrences(of: "FIRM", with: firm).write(to: path, atomically: true, encoding: .utf8)
        // Each call files another case of the same content: not the duplicate the CLI warns about.
        return (try json(firm, ["case", "new", "--from", path.path, "--allow-duplicate"]) as! [String: Any])["uid"]
            as! String
    }
}
