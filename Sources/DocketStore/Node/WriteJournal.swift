import DocketProcess
import Foundation
import Synchronization

/// The cases this process is writing, kept in `<data>/journal/<pid>` so that whoever opens the node after this
/// process died can finish its work: a case named there may have a commit that is not indexed yet.
///
/// One small file per process, rewritten in place (no new file per write), because the write path files one
/// repository per case and every extra file-system object there costs more than the rest of the work.
final class WriteJournal: Sendable {
    private let folder: URL
    private let fd: Int32
    /// The cases in flight and how many writers each, and how long the file is (a shorter list is padded with
    /// empty lines to it rather than truncated: one system call per rewrite; readers skip empty lines). The file is
    /// rewritten under the same lock.
    private let inFlight = Mutex<(writers: [String: Int], length: Int)>(([:], 0))
    private let path: String

    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(String(getpid())).path
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Notes that `uid` is being written from now until `finish(uid)`.
    func begin(_ uid: String) { begin([uid]) }

    func finish(_ uid: String) { finish([uid]) }

    /// Notes that each of `uids` is being written from now until `finish(uids)`: one rewrite of the file for all.
    func begin(_ uids: [String]) {
        inFlight.withLock { state in
            for uid in uids { state.writers[uid, default: 0] += 1 }
            persist(&state)
        }
    }

    func finish(_ uids: [String]) {
        inFlight.withLock { state in
            for uid in uids {
                if let count = state.writers[uid], count > 1 { state.writers[uid] = count - 1 } else {
                    state.writers[uid] = nil
                }
            }
            persist(&state)
        }
    }

    private func persist(_ state: inout (writers: [String: Int], length: Int)) {
        var bytes = Array(state.writers.keys.sorted().map { $0 + "\n" }.joined().utf8)
        if bytes.count < state.length {
            bytes += Array(repeating: UInt8(ascii: "\n"), count: state.length - bytes.count)
        }
        state.length = bytes.count
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The cases the journals of running processes (this one included) name.
    static func liveUIDs(in folder: URL) -> Set<String> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var uids: Set<String> = []
        for name in names {
            guard let pid = Int32(name), pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH else { continue }
            let text = SmallFile.text(folder.appendingPathComponent(name).path) ?? ""
            uids.formUnion(text.split(separator: "\n").map(String.init))
        }
        return uids
    }

    /// The journals of processes that are gone: their pid and the cases they may have left unindexed.
    static func orphans(in folder: URL) -> [(pid: Int32, file: URL, uids: [String])] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.compactMap { name in
            guard let pid = Int32(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { return nil }
            let file = folder.appendingPathComponent(name)
            let text = SmallFile.text(file.path) ?? ""
            return (pid, file, text.split(separator: "\n").map(String.init))
        }
    }
}
