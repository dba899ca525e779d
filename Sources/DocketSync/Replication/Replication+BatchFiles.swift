import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// A new file in `<data>/incoming` (0600) for a batch stream kept on disk — an answer being read, a request
    /// being received — named `<prefix>-<pid>-…` so that what a killed process left is cleared by its pid
    /// (`clearDeadIncoming`). The caller closes and removes it.
    package func spillFile(_ prefix: String, _ suffix: String) throws -> (url: URL, handle: FileHandle) {
        let folder = node.paths.incoming
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased()).\(suffix)"
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forUpdatingAtPath: url.path)
        else {
            throw DocketError(
                .internal, key: "sync.batch-spill", zh: "无法在\(folder.path)中保存同步数据。",
                en: "Cannot keep the sync stream in \(folder.path).")
        }
        return (url, handle)
    }

    /// Indexes the pack bytes `feed` passes (a stream's next `packBytes`, or a span of a stream on disk) into
    /// `folder` with libgit2's indexer, which checks the pack is whole and closed over `repo`'s objects; returns the
    /// pack's name. Every byte of the case is read whatever happens, so the next frame is found where it starts; a
    /// stream that ends first is `BatchStreamBroken`.
    func intakePack(
        of uid: String, into folder: String, checkingAgainst repo: Repository, feed: PackFeed
    ) throws -> String {
        let intake = try PackIntake(into: folder, checkingAgainst: repo)
        var damaged: (any Error)?
        let whole = try feed { chunk in
            guard damaged == nil else { return }
            do { try intake.append(chunk) } catch { damaged = error }
        }
        guard whole else {
            throw BatchStreamBroken(zh: "数据流在案件\(uid)中途中断", en: "the stream ended inside case \(uid)")
        }
        if let damaged { throw damaged }
        return try intake.commit().name
    }

    /// The repository a checked case is taken into. A case this node holds is checked through `Node.readCase`, so
    /// that a refused history leaves an archived case archived: `checked` is then a reader's copy, and the case is
    /// expanded in place only now that it is taken — the copy's lease given up first, as expanding needs the
    /// case's lease alone. A live case is taken into `checked` itself.
    func repositoryToTake(_ uid: String, checked: Repository) throws -> Repository {
        guard checked.path != node.paths.repository(ofCase: uid).path else { return checked }
        checked.lease = nil
        return try node.repository(uid)
    }
}
