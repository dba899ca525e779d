import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server (its own socket) with one window running a command under LANG=C.UTF-8: the real kiosk
/// binary in a real terminal, driven by keys and read back as text — for the end-to-end tests and
/// `docket bench kiosk`. The server is killed with the value.
public final class TmuxSession {
    public let socket: String
    private let environment: [String: String]

    /// Starts `command` in the window; when `statusFile` is given, its exit status is written there when it ends.
    public init(command: [String], statusFile: String? = nil, columns: Int = 80, rows: Int = 24) throws {
        socket = "docket-tmux-\(UUID().uuidString.prefix(8))"
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        environment = env
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let shell = statusFile.map { "\(quoted); echo $? > '\($0)'" } ?? "exec " + quoted
        try run([
            "-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-e", "LANG=C.UTF-8", "-e",
            "LC_ALL=C.UTF-8",
            shell,
        ])
        try run(["set-option", "-g", "remain-on-exit", "on"])
        try run(["set-option", "-g", "history-limit", "5000"])
    }

    deinit {
        _ = try? run(["kill-server"])
        // The server may already have gone (its only pane ended) and left its socket behind.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// Runs `tmux -L <socket> arguments…` and returns its output; throws on a non-zero exit.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: the tmux server that `new-session` forks keeps
    /// every descriptor it inherited, including the one Process watches to learn that its child ended, so
    /// Process would wait for the server to exit.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: out) }
        let status = try Self.spawnAndWait(
            ["/usr/bin/tmux", "-u", "-L", socket] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" }, output: out.path)
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TmuxError(message: "tmux \(arguments.joined(separator: " ")): \(text)") }
        return text
    }

    /// Runs a command to its end without a terminal (output discarded); throws on a non-zero exit.
    public static func runToEnd(_ command: [String]) throws {
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let status = try spawnAndWait(command, environment: environment, output: "/dev/null")
        guard status == 0 else {
            throw TmuxError(message: "\(command.joined(separator: " ")) failed (status \(status))")
        }
    }

    /// posix_spawn and waitpid, stdin from /dev/null, stdout and stderr to `output`. The child starts with every
    /// signal unblocked and at its default: a caller on a dispatch or Swift concurrency thread has most signals
    /// blocked, and a tmux server that inherited that mask would ignore `kill-server` (a SIGTERM) for ever.
    private static func spawnAndWait(_ command: [String], environment: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t(), defaults = sigset_t()
        sigemptyset(&emptyMask)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxError(message: "cannot start \(command[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status
    }

    /// Keys by tmux name ("Enter", "C-c", "Escape", "Tab").
    public func keys(_ names: String...) throws { try run(["send-keys"] + names) }

    /// Literal text, typed character by character.
    public func type(_ text: String) throws { try run(["send-keys", "-l", text]) }

    /// The visible screen.
    public func screen() throws -> String { try run(["capture-pane", "-p"]) }

    /// Everything the pane holds: its scroll history and the screen.
    public func everything() throws -> String { try run(["capture-pane", "-p", "-S", "-", "-E", "-"]) }

    /// Waits until the screen contains `text`; throws with the last screen otherwise.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TmuxError(message: "waited \(timeout) s for \"\(text)\"; the screen shows:\n\(last)")
    }

    /// Closes the window (its program gets SIGHUP, as when a terminal goes away) and waits up to `timeout` seconds for
    /// the program to end, so nothing it still writes races whoever cleans up after it.
    public func close(timeout: TimeInterval = 15) {
        let pid = (try? display("#{pane_pid}")).flatMap { pid_t($0) }
        _ = try? run(["kill-server"])
        guard let pid else { return }
        let deadline = Date().addingTimeInterval(timeout)
        while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    /// Format variables of the pane, e.g. "#{pane_pid}".
    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}

/// tmux refused or timed out, with what it said.
public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
