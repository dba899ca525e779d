import DocketProcess
import Foundation
import Hummingbird

#if canImport(Glibc)
import Glibc
#endif

/// A CGI program running in its own process group, with its stdin, stdout and stderr on pipes we own.
///
/// Guarantees:
/// - Blocking pipe I/O runs on this process's own threads (`BlockingWorker`), never on an event loop, the Swift
///   concurrency pool or libdispatch's capped pool. Each pipe end is closed by the last job on its worker, so
///   never while a read or write on it is in flight, and exactly once (also when this object goes away).
/// - stdout is pulled, not pushed: nothing is read ahead of the consumer beyond the one chunk it asked for.
/// - stderr is drained continuously (a chatty program never blocks on it), keeping at most `stderrLimit` bytes.
/// - When the program exits, whatever else is left in its process group is killed before the program is reaped
///   (after `terminate()`, once the group has had its grace to finish by itself); signals go to the group only
///   while the leader is unreaped, so a recycled pid is never hit.
final class CGIProcess: @unchecked Sendable {
    /// The size of one read from stdout: the pipe's own capacity, so one read usually empties it.
    static let readChunkBytes = 64 * 1024
    /// How much of stderr is kept for the log.
    static let stderrLimit = 16 * 1024
    /// How long `terminate()` lets the program end by itself (on end of input or a closed stdout) before SIGTERM.
    static let gentleGrace: DispatchTimeInterval = .seconds(1)
    /// How long `terminate()` waits after SIGTERM before SIGKILL.
    static let terminationGrace: DispatchTimeInterval = .seconds(2)

    /// Writing to stdin failed; `EPIPE` means the program stopped reading.
    struct WriteError: Error { let errno: Int32 }
    /// Reading stdout failed with this errno.
    struct ReadError: Error { let errno: Int32 }

    let pid: pid_t
    private let stdinFD: Int32
    private let stdoutFD: Int32
    private let stdinWorker: BlockingWorker
    private let stdoutWorker: BlockingWorker
    private let lock = NSLock()
    // Guarded by `lock`.
    private var exitCodeValue: Int32?  // set when the leader exits (still a zombie, so its pid stays reserved)
    private var reaped = false  // set once the zombie is gone: from then on `-pid` may name someone else's group
    private var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    private var terminationDeadline: DispatchTime?

    /// Starts `executable` with exactly `environment` (nothing inherited). `onStderr` receives the kept part of
    /// stderr once it is closed, if the program wrote anything; `onReaped` runs once the program and everything
    /// left of its process group are gone, on every path (normal exit, refusal, termination).
    init(
        executable: String, arguments: [String], environment: [String: String],
        onStderr: @escaping @Sendable (String) -> Void, onReaped: (@Sendable () -> Void)? = nil
    ) throws {
        let program = try ProgramSpawn.start(executable: executable, arguments: arguments, environment: environment)
        pid = program.pid
        stdinFD = program.stdin
        stdoutFD = program.stdout
        stdinWorker = BlockingWorker(name: "cgi\(pid) in")
        stdoutWorker = BlockingWorker(name: "cgi\(pid) out")
        GitHTTPBackendActivity.recorder.started(pid)
        Self.drainStderr(fd: program.stderr, pid: pid, onStderr: onStderr)
        startReaper(onReaped: onReaped)
    }

    deinit {
        // No job holds `self`, so these run after whatever is still queued; refused if already closed.
        let stdinFD = self.stdinFD, stdoutFD = self.stdoutFD
        stdinWorker.submitLast { _ = close(stdinFD) }
        stdoutWorker.submitLast { _ = close(stdoutFD) }
    }

    // MARK: pipes

    /// Writes all of `buffer` to the program's stdin; throws `WriteError(EPIPE)` once it stops reading or
    /// stdin has been closed.
    func writeStdin(_ buffer: ByteBuffer) async throws {
        let fd = stdinFD
        let failure = await stdinWorker.run { buffer.withUnsafeReadableBytes { Self.writeAll(fd, $0) } }
        switch failure {
        case .none: throw WriteError(errno: EPIPE)  // closed before this write
        case .some(.none): return
        case .some(.some(let code)): throw WriteError(errno: code)
        }
    }

    /// Closes stdin after any queued write, so the program sees end of input. Idempotent.
    func closeStdin() {
        let fd = stdinFD
        stdinWorker.submitLast { _ = close(fd) }
    }

    /// The next chunk of stdout (at most `readChunkBytes`), or nil at end of output or once stdout is closed.
    func readStdout() async throws -> ByteBuffer? {
        let fd = stdoutFD
        guard let result = await stdoutWorker.run({ Self.readChunk(fd) }) else { return nil }
        return try result.get()
    }

    /// Closes our end of stdout after any in-flight read; the program gets EPIPE if it writes more. Idempotent.
    func closeStdout() {
        let fd = stdoutFD
        stdoutWorker.submitLast { _ = close(fd) }
    }

    // MARK: lifetime

    /// Waits for the program to exit; returns its exit code, or 128 + signal if a signal ended it.
    func exitCode() async -> Int32 {
        await withCheckedContinuation { continuation in
            lock.withLock {
                if let exitCodeValue {
                    continuation.resume(returning: exitCodeValue)
                } else {
                    exitWaiters.append(continuation)
                }
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

    /// Waits on a thread of its own until the leader exits and reports it at once; then, with the zombie still
    /// holding the group id, lets a terminated group finish its own cleanup (until the SIGKILL deadline), kills
    /// whatever is left of the group, and only then reaps the leader.
    private func startReaper(onReaped: (@Sendable () -> Void)?) {
        let pid = self.pid
        BlockingWorker.detach(name: "cgi\(pid) wait") {
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
            // After a normal exit git has waited for its children; after `terminate()` they may still be at work.
            if let deadline = self.lock.withLock({ self.terminationDeadline }) {
                while Self.groupHasOtherMembers(pid), DispatchTime.now() < deadline { usleep(20_000) }
            }
            self.lock.withLock {
                _ = kill(-pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                self.reaped = true
            }
            onReaped?()
            GitHTTPBackendActivity.recorder.exited(pid)
        }
    }

    // MARK: helpers

    /// Whether any process other than the (exited) leader is still in the process group `group`.
    private static func groupHasOtherMembers(_ group: pid_t) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for entry in entries {
            guard let pid = Int32(entry), pid != group,
                let stat = SmallFile.text("/proc/\(entry)/stat"),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "(comm)": state, ppid, pgrp.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, Int32(fields[2]) == group { return true }
        }
        return false
    }

    /// Reads stderr to its end on a thread of its own, keeping the first `stderrLimit` bytes, then closes it.
    private static func drainStderr(fd: Int32, pid: pid_t, onStderr: @escaping @Sendable (String) -> Void) {
        BlockingWorker.detach(name: "cgi\(pid) err") {
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

    private static func readChunk(_ fd: Int32) -> Result<ByteBuffer?, ReadError> {
        var buffer = ByteBufferAllocator().buffer(capacity: readChunkBytes)
        var readErrno: Int32 = 0
        let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: readChunkBytes) { space in
            var count: Int
            repeat { count = read(fd, space.baseAddress, readChunkBytes) } while count < 0 && errno == EINTR
            if count < 0 { readErrno = errno; return 0 }
            return count
        }
        if readErrno != 0 { return .failure(ReadError(errno: readErrno)) }
        return .success(count == 0 ? nil : buffer)
    }

    /// nil when everything was written, else the errno that stopped it.
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
}
