import Foundation

/// Reads a small file whole with plain POSIX calls.
///
/// Foundation's `String(contentsOf:encoding:)` keeps about 4 KB for good on every read of a file whose size the
/// file system reports as 0 (heaptrack: 1.23 MB over 300 reads of an empty write journal): an empty journal, and
/// every file under `/proc`. The node reads the journals on each archive or compaction of a case, and `/proc` on
/// each git request it serves, so a long-running process grew by that much each time.
public enum SmallFile {
    /// The file's bytes as UTF-8 text (invalid sequences replaced), or nil when it cannot be read.
    public static func text(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk[0..<n]
        }
    }
}
