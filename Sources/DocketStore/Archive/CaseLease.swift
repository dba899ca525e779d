import DocketCore
import Foundation

/// A lock on what a case's place on disk holds — its repository's folder or its archive — taken with `flock` on
/// that folder or file. Everyone who opens the case through the node holds a shared lease for as long as the
/// repository is in use (`Repository.lease`); changing the case's form takes it exclusively. So a case is never
/// archived while a process reads or writes it, and never expanded twice at once. Released when dropped, or when
/// the process dies (the kernel drops `flock` locks with their files).
final class CaseLease {
    private let fd: Int32
    /// True when the lease is on an archive (a file), false on a repository's folder.
    let isArchive: Bool
    /// A reader's expanded copy of an archive, removed with the lease.
    var temporaryCopy: String?

    /// Thrown by `take(_:exclusive:waiting:)` without waiting, when someone else holds the case.
    struct Busy: Error {}

    private init(fd: Int32, isArchive: Bool) {
        self.fd = fd
        self.isArchive = isArchive
    }

    deinit {
        if let temporaryCopy { try? FileManager.default.removeItem(atPath: temporaryCopy) }
        close(fd)
    }

    /// Locks whatever `path` names now; nil when nothing is there. Should the form change between opening and
    /// locking (the lock then holds the old form, no longer in place), it opens the new one and locks again.
    /// Without `waiting`, throws `Busy` instead of waiting for another holder.
    static func take(_ path: String, exclusive: Bool, waiting: Bool = true) throws -> CaseLease? {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                if errno == ENOENT { return nil }
                throw failure("open", path)
            }
            var result: Int32
            repeat {
                result = flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | (waiting ? 0 : LOCK_NB))
            } while result != 0 && errno == EINTR
            if result != 0 {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK { throw Busy() }
                throw failure("flock", path, code: code)
            }
            var held = stat(), now = stat()
            fstat(fd, &held)
            if stat(path, &now) == 0, now.st_ino == held.st_ino, now.st_dev == held.st_dev {
                return CaseLease(fd: fd, isArchive: (held.st_mode & S_IFMT) == S_IFREG)
            }
            close(fd)
        }
    }

    private static func failure(_ call: String, _ path: String, code: Int32 = errno) -> DocketError {
        DocketError(
            .internal, key: "case.lock-failed", zh: "无法锁定案件库\(path)（系统错误 \(code)）。",
            en: "Cannot lock the case repository \(path): \(call): \(String(cString: strerror(code))).")
    }
}
