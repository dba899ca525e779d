import DocketCore
import DocketGit

/// Reads the domain view of a case out of a tree.
enum CaseReader {
    /// The records of a tree (document bytes are not read).
    static func caseFile(in repo: Repository, tree: ObjectID) throws -> CaseFile {
        let blobs = try repo.blobs(inTree: tree, keep: CaseFile.isRecordPath)
        var files: [String: [UInt8]] = [:]
        for (path, blob) in blobs { files[path] = try repo.readBlob(blob) }
        return try CaseFile(files: files)
    }
}
