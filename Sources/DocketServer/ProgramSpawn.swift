import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started by `ProgramSpawn.start`: its pid (also its process group id) and our ends of its pipes.
struct SpawnedProgram: Sendable {
    let pid: pid_t
    /// Write end of its stdin.
    let stdin: Int32
    /// Read end of its stdout.
    let stdout: Int32
    /// Read end of its stderr.
    let stderr: Int32
}

/// Starts a program with `posix_spawn` the way a server must: in its own process group, with only the
/// environment given, default signal handling, and none of the server's file descriptors.
enum ProgramSpawn {
    enum Failure: Error { case pipe(Int32), spawn(Int32) }

    /// Starts `executable` with exactly `environment` (nothing inherited) and pipes for stdin, stdout, stderr.
    /// All our pipe ends are close-on-exec, so a concurrent spawn elsewhere never inherits them (a leaked stdin
    /// write end would keep git from ever seeing the end of its input).
    static func start(executable: String, arguments: [String], environment: [String: String]) throws -> SpawnedProgram {
        _ = ignoreSIGPIPE
        let stdin = try makePipe()
        let stdout: (read: Int32, write: Int32), stderr: (read: Int32, write: Int32)
        do { stdout = try makePipe() } catch { closeAll([stdin.read, stdin.write]); throw error }
        do { stderr = try makePipe() } catch {
            closeAll([stdin.read, stdin.write, stdout.read, stdout.write]); throw error
        }
        defer { closeAll([stdin.read, stdout.write, stderr.write]) }  // the child's ends, ours no more after spawn

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
        // Own process group: ending the request ends git, upload-pack, pack-objects and hooks together.
        posix_spawnattr_setpgroup(&attributes, 0)
        // The server ignores SIGPIPE and its threads may block signals; git and hooks expect the defaults.
        var defaults = sigset_t(), emptyMask = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            closeAll([stdin.write, stdout.read, stderr.read])
            throw Failure.spawn(result)
        }
        return SpawnedProgram(pid: pid, stdin: stdin.write, stdout: stdout.read, stderr: stderr.read)
    }

    private static func closeAll(_ fds: [Int32]) { fds.forEach { _ = close($0) } }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        let result =
            pipe2Function.map { $0(&fds, O_CLOEXEC) }
            ?? {
                let result = pipe(&fds)
                if result == 0 { fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) } }
                return result
            }()
        guard result == 0 else { throw Failure.pipe(errno) }
        return (fds[0], fds[1])
    }

    /// Writing to a pipe whose reader has gone must be an EPIPE error, not the death of the server.
    /// (SwiftNIO does the same on Linux; ignoring it twice is harmless.)
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    // glibc's GNU-only functions are not visible to Swift's Glibc module; look them up once.
    private typealias CloseFromFunction =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias Pipe2Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let addCloseFrom: CloseFromFunction? = dlsym(
        dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np"
    )
    .map { unsafeBitCast($0, to: CloseFromFunction.self) }
    private static let pipe2Function: Pipe2Function? = dlsym(dlopen(nil, RTLD_NOW), "pipe2")
        .map { unsafeBitCast($0, to: Pipe2Function.self) }
}
