import DocketCore
import DocketGit

/// Reads the domain view of a case out of a tree.
public enum CaseReader {
    /// The records of a tree (document bytes are not read).
    public static func caseFile(in repo: Repository, tree: ObjectID) throws -> CaseFile {
        try CaseFile(files: try recordFiles(in: repo, tree: tree))
    }

    /// The bytes of the record files of a tree, by path.
    public static func recordFiles(in repo: Repository, tree: ObjectID) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, blob) in try repo.blobs(inTree: tree, keep: CaseFile.isRecordPath) {
            files[path] = try repo.readBlob(blob)
        }
        return files
    }
}
