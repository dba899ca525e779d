import Foundation

/// Reads a small file whole with plain POSIX calls.
///
/// Foundation's `String(contentsOf:encoding:)` keeps about 4 KB for good on every read of an empty file
/// (heaptrack: 1.23 MB over 300 reads of an empty write journal), and the node reads the journals on each archive
/// or compaction of a case: a sweep over 100,000 cases grew by some 400 MB. `/proc/<pid>/stat` (whose size also
/// reads 0) is read the same way; `docket serve` measured no growth from it (about 1 KiB per git request before).
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
