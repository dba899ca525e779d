import CGit2
import Foundation

/// A new file written in pieces (a bundle, by the pack builder's callback) or whole (`Repository.writeFile`),
/// closed whole — synced if asked — or removed.
final class FileSink {
    let path: String
    private var fd: Int32
    private(set) var written = 0
    private(set) var failure: GitError?

    /// Creates the file (refusing an existing one) with `mode`.
    init(creating path: String, mode: mode_t = 0o444) throws {
        self.path = path
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw GitError(
                code: -1, function: "open", message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            guard n > 0 else {
                let error = GitError(
                    code: -1, function: "write", message: "cannot write \(path): \(String(cString: strerror(errno)))")
                failure = error
                throw error
            }
            done += n
        }
        written += bytes.count
    }

    func close(syncing: Bool) throws {
        defer { Glibc.close(fd); fd = -1 }
        guard !syncing || fsync(fd) == 0 else {
            throw GitError(
                code: -1, function: "fsync", message: "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    func abandon() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
        unlink(path)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }
}
