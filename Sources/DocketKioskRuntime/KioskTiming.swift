import Foundation

/// Appends the kiosk's own latency figures to a file for `docket bench kiosk`: one `first-frame <unix seconds>`
/// line when the first frame is on screen, one `input-method <seconds>` line when the input method is ready (seconds
/// after the first frame; on a first start that includes deploying it), then one `key <microseconds>` line per key,
/// from reading the key to the refreshed screen.
public final class KioskTiming {
    private let handle: FileHandle

    /// Opens (creating or appending to) the file at `path`.
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func firstFrame() { write("first-frame \(Date().timeIntervalSince1970)") }

    func inputMethodReady(after seconds: TimeInterval) { write("input-method \(seconds)") }

    func keyHandled(since start: DispatchTime) {
        write("key \((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000)")
    }

    private func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }
}
