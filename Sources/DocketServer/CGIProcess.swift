import Dispatch
import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// A CGI program running in its own process group, with its stdin, stdout and stderr on pipes we own.
///
/// Guarantees:
/// - Blocking pipe I/O happens on this process's own serial dispatch queues, never on an event loop or on the
///   Swift concurrency pool; each pipe end is closed on its queue (or when the object goes), so never while a
///   read or write on it is in flight.
/// - At most one stdout chunk (`readChunkBytes`) is read ahead of the consumer: stdout is pulled, not pushed.
/// - When the program exits, whatever else is left in its process group is killed before the program is reaped
///   (after `terminate()`, once the group had its grace to finish), and signals go to the group only while the
///   leader is unreaped, so a recycled pid is never hit.
/// - stderr is drained continuously (a chatty program never blocks on it), keeping at most `stderrLimit` bytes.
final class CGIProcess: @unchecked Sendable {
    /// The size of one read from stdout: the pipe's own capacity, so one read usually empties it.
    static let readChunkBytes = 64 * 1024
    /// How much of stderr is kept for the log.
    static let stderrLimit = 16 * 1024
    /// How long `terminate()` lets the program end by itself (on end of input or a closed stdout) before SIGTERM.
    static let gentleGrace: DispatchTimeInterval = .seconds(1)
    /// How long `terminate()` waits after SIGTERM before SIGKILL.
    static let terminationGrace: DispatchTimeInterval = .seconds(2)

    enum SpawnError: Error { case pipe(Int32), spawn(Int32) }
    /// Writing to stdin failed; `EPIPE` means the program stopped reading.
    struct WriteError: Error { let errno: Int32 }
    /// Reading stdout failed with this errno.
    struct ReadError: Error { let errno: Int32 }

    let pid: pid_t
    private let stdinFD: Int32
    private let stdoutFD: Int32
    private let stdinQueue: DispatchQueue
    private let stdoutQueue: DispatchQueue
    private let lock = NSLock()
    // Guarded by `lock`.
    private var exitCodeValue: Int32?  // set when the leader exits (still a zombie, so its pid stays reserved)
    private var reaped = false  // set once the zombie is gone: from then on `-pid` may name someone else's group
    private var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    private var stdinClosed = false
    private var stdoutClosed = false
    private var terminationDeadline: DispatchTime?

    private init(pid: pid_t, stdinFD: Int32, stdoutFD: Int32) {
        self.pid = pid
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        stdinQueue = DispatchQueue(label: "docket.cgi.\(pid).stdin")
        stdoutQueue = DispatchQueue(label: "docket.cgi.\(pid).stdout")
    }

    deinit {
        // Every queued read, write and the reaper hold `self`, so nothing can be using these ends any more.
        if !stdinClosed { _ = close(stdinFD) }
        if !stdoutClosed { _ = close(stdoutFD) }
    }

    /// Starts `executable` with exactly `environment` (nothing inherited). `onStderr` receives the kept part of
    /// stderr once it is closed, if the program wrote anything.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      onStderr: @escaping @Sendable (String) -> Void) throws -> CGIProcess {
        _ = ignoreSIGPIPE
        let stdin = try makePipe(), stdout = try makePipe(), stderr = try makePipe()
        let childEnds = [stdin.read, stdout.write, stderr.write]
        let ourEnds = [stdin.write, stdout.read, stderr.read]
        defer { childEnds.forEach { _ = close($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        // Nothing of the server (sockets, databases, other requests' pipes) may leak into git or its hooks.
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group: terminating the request ends git, upload-pack, pack-objects and hooks together.
        posix_spawnattr_setpgroup(&attributes, 0)
        // The server ignores SIGPIPE and its threads may block signals; git and hooks expect the defaults.
        var defaults = sigset_t(), emptyMask = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            ourEnds.forEach { _ = close($0) }
            throw SpawnError.spawn(result)
        }
        let process = CGIProcess(pid: pid, stdinFD: stdin.write, stdoutFD: stdout.read)
        GitHTTPBackendActivity.recorder.started(pid)
        process.startReaper()
        drainStderr(fd: stderr.read, pid: pid, onStderr: onStderr)
        return process
    }

    // MARK: stdin

    /// Writes all of `buffer` to the program's stdin; throws `WriteError(EPIPE)` once it stops reading.
    func writeStdin(_ buffer: ByteBuffer) async throws {
        let fd = stdinFD
        let failure: Int32? = await withCheckedContinuation { continuation in
            stdinQueue.async {
                if self.lock.withLock({ self.stdinClosed }) { return continuation.resume(returning: EPIPE) }
                continuation.resume(returning: buffer.withUnsafeReadableBytes { Self.writeAll(fd, $0) })
            }
        }
        if let failure { throw WriteError(errno: failure) }
    }

    /// Closes stdin after any queued write, so the program sees end of input. Idempotent.
    func closeStdin() {
        stdinQueue.async {
            let shouldClose = self.lock.withLock { () -> Bool in
                defer { self.stdinClosed = true }
                return !self.stdinClosed
            }
            if shouldClose { _ = close(self.stdinFD) }
        }
    }

    // MARK: stdout

    /// The next chunk of stdout (at most `readChunkBytes`), or nil at end of output.
    func readStdout() async throws -> ByteBuffer? {
        let fd = stdoutFD
        let result: Result<ByteBuffer?, ReadError> = await withCheckedContinuation { continuation in
            stdoutQueue.async {
                if self.lock.withLock({ self.stdoutClosed }) { return continuation.resume(returning: .success(nil)) }
                var buffer = ByteBufferAllocator().buffer(capacity: Self.readChunkBytes)
                var readErrno: Int32 = 0
                let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.readChunkBytes) { space in
                    var count: Int
                    repeat { count = read(fd, space.baseAddress, Self.readChunkBytes) } while count < 0 && errno == EINTR
                    if count < 0 { readErrno = errno; return 0 }
                    return count
                }
                if readErrno != 0 { return continuation.resume(returning: .failure(ReadError(errno: readErrno))) }
                continuation.resume(returning: .success(count == 0 ? nil : buffer))
            }
        }
        return try result.get()
    }

    /// Closes our end of stdout after any in-flight read; the program gets EPIPE if it writes more. Idempotent.
    func closeStdout() {
        stdoutQueue.async {
            let shouldClose = self.lock.withLock { () -> Bool in
                defer { self.stdoutClosed = true }
                return !self.stdoutClosed
            }
            if shouldClose { _ = close(self.stdoutFD) }
        }
    }

    // MARK: lifetime

    /// True once the program has exited.
    var hasExited: Bool { lock.withLock { exitCodeValue != nil } }

    /// Waits for the program to exit; returns its exit code, or 128 + signal if a signal ended it.
    func exitCode() async -> Int32 {
        await withCheckedContinuation { continuation in
            lock.withLock {
                if let exitCodeValue { continuation.resume(returning: exitCodeValue) } else { exitWaiters.append(continuation) }
            }
        }
    }

    /// Ends the program, gently first: closes stdin at once (a receive-pack cut short then fails by itself and,
    /// exiting normally, removes its quarantine) and, with `discardOutput`, stdout too (a program still writing a
    /// response nobody reads dies of SIGPIPE). Whatever of the process group is still running after
    /// `gentleGrace` gets SIGTERM, and SIGKILL after `terminationGrace` more. Idempotent; safe after exit.
    func terminate(discardOutput: Bool) {
        closeStdin()
        if discardOutput { closeStdout() }
        let signalAt = DispatchTime.now() + Self.gentleGrace
        let first = lock.withLock { () -> Bool in
            guard terminationDeadline == nil else { return false }
            terminationDeadline = signalAt + Self.terminationGrace
            return true
        }
        guard first else { return }
        DispatchQueue.global().asyncAfter(deadline: signalAt) {
            self.lock.withLock { if !self.reaped { _ = kill(-self.pid, SIGTERM) } }
        }
        DispatchQueue.global().asyncAfter(deadline: signalAt + Self.terminationGrace) {
            self.lock.withLock { if !self.reaped { _ = kill(-self.pid, SIGKILL) } }
        }
    }

    /// Waits on its own queue until the leader exits and reports it at once; then, with the zombie still holding
    /// the group id, lets a terminated group finish its own cleanup (until the grace period ends), kills whatever
    /// is left of the group, and only then reaps the leader.
    private func startReaper() {
        let pid = self.pid
        DispatchQueue(label: "docket.cgi.\(pid).reaper").async {
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
            let status = info._sifields._sigchld.si_status
            let code = info.si_code == CLD_EXITED ? status : 128 + status
            let waiters = self.lock.withLock { () -> [CheckedContinuation<Int32, Never>] in
                self.exitCodeValue = code
                defer { self.exitWaiters = [] }
                return self.exitWaiters
            }
            waiters.forEach { $0.resume(returning: code) }
            // After a normal exit git has waited for its children; after SIGTERM they may still be cleaning up.
            if let deadline = self.lock.withLock({ self.terminationDeadline }) {
                while Self.groupHasOtherMembers(pid), DispatchTime.now() < deadline { usleep(20_000) }
            }
            self.lock.withLock {
                _ = kill(-pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                self.reaped = true
            }
            GitHTTPBackendActivity.recorder.exited(pid)
        }
    }

    /// Whether any process other than the (exited) leader is still in the process group `group`.
    private static func groupHasOtherMembers(_ group: pid_t) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for entry in entries {
            guard let pid = Int32(entry), pid != group,
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "(comm)": state, ppid, pgrp.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, Int32(fields[2]) == group { return true }
        }
        return false
    }

    // MARK: helpers

    /// Reads stderr to its end on its own queue, keeping the first `stderrLimit` bytes, then closes it.
    private static func drainStderr(fd: Int32, pid: pid_t, onStderr: @escaping @Sendable (String) -> Void) {
        DispatchQueue(label: "docket.cgi.\(pid).stderr").async {
            var kept: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                if kept.count < stderrLimit { kept += chunk[0..<min(count, stderrLimit - kept.count)] }
            }
            _ = close(fd)
            if !kept.isEmpty { onStderr(String(decoding: kept, as: UTF8.self)) }
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        // O_CLOEXEC from the start: a concurrent spawn elsewhere must not inherit our ends (or git never sees EOF).
        let result = pipe2Function.map { $0(&fds, O_CLOEXEC) } ?? {
            let result = pipe(&fds)
            if result == 0 { fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) } }
            return result
        }()
        guard result == 0 else { throw SpawnError.pipe(errno) }
        return (fds[0], fds[1])
    }

    /// Writing to a pipe whose reader has gone must be an EPIPE error, not the death of the server.
    /// (SwiftNIO does the same on Linux; ignoring it twice is harmless.)
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    // glibc's GNU-only functions are not visible to Swift's Glibc module; look them up once.
    private typealias CloseFromFunction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias Pipe2Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let addCloseFrom: CloseFromFunction? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: CloseFromFunction.self) }
    private static let pipe2Function: Pipe2Function? = dlsym(dlopen(nil, RTLD_NOW), "pipe2")
        .map { unsafeBitCast($0, to: Pipe2Function.self) }
}
