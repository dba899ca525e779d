import DocketServer
import DocketTestSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A real Hummingbird server on 127.0.0.1 (port 0) routing `/git/{name}.git/**` to a `GitHTTPBackend`.
enum GitBridgeTestServer {
    /// Starts the server, runs `body` with its port, then shuts it down gracefully (also when `body` throws).
    static func with<T: Sendable>(
        backend: GitHTTPBackend, projectRoot: String, remoteUser: String?, extraEnvironment: [String: String] = [:],
        _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
            let name = try context.parameters.require("name")
            let rest = context.parameters.getCatchAll().joined(separator: "/")
            return try await backend.respond(
                to: request, projectRoot: projectRoot, pathInfo: "/\(name).git/\(rest)",
                remoteUser: remoteUser, extraEnvironment: extraEnvironment)
        }
        router.get("/git/{name}.git/**", use: handler)
        router.post("/git/{name}.git/**", use: handler)
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "git-bridge-test")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let server = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw TestFailure("server did not start")
        }
        do {
            let value = try await body(port)
            await group.triggerGracefulShutdown()
            _ = await server.result
            return value
        } catch {
            server.cancel()
            _ = await server.result
            throw error
        }
    }
}

/// The result of one stock-git (or curl, or sh) run.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var succeeded: Bool { status == 0 }
}

/// Runs stock `/usr/bin/git` (and `sh`) as separate processes with an isolated HOME, without blocking a thread.
struct GitCLI: Sendable {
    let home: URL

    init(home: URL) { self.home = home }

    /// Environment for every run: no system config, no prompts, a fixed identity, nothing inherited but PATH.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        ]
        environment.merge(extra) { $1 }
        return environment
    }

    /// `git <arguments>` in `directory`.
    @discardableResult
    func git(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]
    ) async throws
        -> CommandResult
    {
        try await start("/usr/bin/git", arguments, in: directory, environment: extra).finished()
    }

    /// `sh -c script` in `directory`.
    @discardableResult
    func sh(_ script: String, in directory: URL? = nil) async throws -> CommandResult {
        try await start("/bin/sh", ["-c", script], in: directory, environment: [:]).finished()
    }

    /// Like `git`, but throws unless it exits 0; returns trimmed stdout.
    func check(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]
    )
        async throws -> String
    {
        let result = try await git(arguments, in: directory, environment: extra)
        guard result.succeeded else { throw TestFailure("git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts a program; output goes to temporary files (a pipe could fill and stall it).
    func start(
        _ executable: String, _ arguments: [String], in directory: URL?, environment extra: [String: String]
    )
        throws -> RunningCommand
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment(extra)
        if let directory { process.currentDirectoryURL = directory }
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("gitcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let stdout = outputs.appendingPathComponent("stdout"), stderr = outputs.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        let (exits, exitSink) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { process in
            exitSink.yield(process.terminationStatus)
            exitSink.finish()
        }
        try process.run()
        return RunningCommand(pid: process.processIdentifier, exits: exits, outputs: outputs)
    }
}

/// A started program; its output is read once it exits.
struct RunningCommand: Sendable {
    /// Also its process group (Foundation starts children in their own group).
    let pid: Int32
    let exits: AsyncStream<Int32>
    let outputs: URL

    func finished() async throws -> CommandResult {
        var iterator = exits.makeAsyncIterator()
        let status = await iterator.next() ?? -1
        defer { try? FileManager.default.removeItem(at: outputs) }
        let read = { (name: String) in
            (try? String(contentsOf: outputs.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        return CommandResult(status: status, stdout: read("stdout"), stderr: read("stderr"))
    }
}

/// Process-level facts from /proc, for the memory and no-orphans checks.
enum ProcFS {
    /// VmHWM or VmRSS of this process, in bytes.
    static func selfStatus(_ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }

    /// Resets VmHWM to the current RSS (Linux ≥ 4.0), so a later VmHWM is the peak of what happened since.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Names of this process's threads that serve the CGI processes `pids` (named "cgi<pid> …").
    static func bridgeThreads(of pids: Set<Int32>) -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            let name = ((try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return pids.contains { name.hasPrefix("cgi\($0) ") } ? name : nil
        }
    }

    /// Command lines of live processes whose working directory is inside `root` (git's children run there).
    static func processes(workingIn root: String) -> [String] {
        let resolved = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.compactMap { pid in
            guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
                cwd == resolved || cwd.hasPrefix(resolved + "/")
            else { return nil }
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if state.contains(") Z ") { return nil }  // a zombie about to be reaped holds nothing
            let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return "\(pid): " + String(decoding: cmdline.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        }
    }
}
