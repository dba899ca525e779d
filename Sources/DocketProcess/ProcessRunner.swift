import Foundation
import Synchronization

/// What a finished program left: its exit status and everything it wrote.
public struct ProcessOutcome: Sendable {
    public var status: Int32
    public var output: Data
    public var error: Data

    public var succeeded: Bool { status == 0 }
    /// Standard output as UTF-8 text.
    public var outputText: String { String(decoding: output, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    public var errorText: String { String(decoding: error, as: UTF8.self) }
}

/// Runs a program to its end. The one way Docket and its tests run a child process: standard output and standard
/// error are read at the same time, and standard input is written from its own thread, so no pipe can fill up
/// and leave the child and this process waiting on each other.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` (environment: this process's, with `environment` laid over it; input:
    /// written to the child's standard input, then closed). Throws only when the program cannot be started.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        currentDirectory: URL? = nil, input: Data? = nil
    ) throws -> ProcessOutcome {
        _ = pipeSignalIgnored
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        process.standardInput = stdin ?? FileHandle.nullDevice
        try process.run()
        if let stdin, let input {
            Thread.detachNewThread {
                // A child that exits without reading everything closes the pipe: the write fails, nothing else.
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let errors = PipeReader(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = errors.wait()
        process.waitUntilExit()
        return ProcessOutcome(status: process.terminationStatus, output: output, error: error)
    }

    /// A child that stops reading its input would otherwise kill this process with SIGPIPE on the next write.
    private static let pipeSignalIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: Sendable {
    private let data = Mutex<Data?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread {
            let read = handle.readDataToEndOfFile()
            self.data.withLock { $0 = read }
            self.done.signal()
        }
    }

    /// Everything read, once the writer closed the pipe.
    func wait() -> Data {
        done.wait()
        return data.withLock { $0 ?? Data() }
    }
}
