import CGit2
import Foundation

extension Repository {
    /// Runs `body`, which writes objects and returns a commit, with a second handle on this repository whose
    /// object writes are held in memory; then stores that commit and whatever its tree holds that `baseTree` does
    /// not as one pack (two files) instead of one loose file (and often one new folder) each. Nothing reaches the
    /// disk if `body` throws. Objects written in `body` are readable through the handle it gets.
    ///
    /// The handle is separate because libgit2 cannot take the in-memory store out of an object database again:
    /// this instance keeps writing loose objects as usual.
    public func writingOnePack(over baseTree: ObjectID?, _ body: (Repository) throws -> ObjectID) throws -> ObjectID {
        let batch = try Repository.open(path)
        var odb: OpaquePointer?
        try check("git_repository_odb", git_repository_odb(&odb, batch.pointer))
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check("git_mempack_new", git_mempack_new(&backend))
        try check("git_odb_add_backend", git_odb_add_backend(odb, backend, 999))
        let commit = try body(batch)
        try batch.storePack(of: commit, over: baseTree, into: path + "/objects/pack")
        return commit
    }

    /// Stores `commit` and every object under its tree that is not under `baseTree` as one pack in `folder`.
    /// The index is written last and under a temporary name first: git and libgit2 find packs by their index, so
    /// readers see the whole pack or none of it.
    func storePack(of commit: ObjectID, over baseTree: ObjectID?, into folder: String) throws {
        let pack = try PackFile(try objectsAdded(by: commit, over: baseTree))
        let packPath = folder + "/pack-\(pack.name).pack", indexPath = folder + "/pack-\(pack.name).idx"
        // The same name is the same content: already stored.
        if access(indexPath, F_OK) == 0 { return }
        try Repository.writeFile(packPath, pack.pack, mode: 0o444, replacing: true)
        let staging = folder + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).idx"
        try Repository.writeFile(staging, pack.index, mode: 0o444, replacing: false)
        guard rename(staging, indexPath) == 0 else {
            unlink(staging)
            throw GitError(code: -1, function: "rename", message: "cannot store \(indexPath): \(String(cString: strerror(errno)))")
        }
    }

    /// `commit`, its tree, and every tree and blob under that tree which is not at the same place under
    /// `baseTree`, each once, with their contents. Folders that did not change are not entered, so a commit that
    /// touches one record of a case with many documents costs a handful of objects, not the whole case.
    func objectsAdded(by commit: ObjectID, over baseTree: ObjectID?) throws -> [PackFile.Object] {
        var ids: [ObjectID] = [commit]
        var seen: Set<ObjectID> = [commit]
        func walk(_ tree: ObjectID, base: ObjectID?) throws {
            guard tree != base, seen.insert(tree).inserted else { return }
            ids.append(tree)
            let before = try base.map { try Dictionary(entries(ofTree: $0).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
            for entry in try entries(ofTree: tree) {
                let old = before[entry.name]
                if old?.id == entry.id { continue }
                switch entry.kind {
                case .tree: try walk(entry.id, base: old?.kind == .tree ? old?.id : nil)
                case .blob: if seen.insert(entry.id).inserted { ids.append(entry.id) }
                case .other: continue
                }
            }
        }
        try walk(try treeID(ofCommit: commit), base: baseTree)
        return try rawObjects(ids)
    }

    private func treeID(ofCommit id: ObjectID) throws -> ObjectID {
        var oid = id.oid
        var commit: OpaquePointer?
        try check("git_commit_lookup", git_commit_lookup(&commit, pointer, &oid))
        defer { git_commit_free(commit) }
        return ObjectID(git_commit_tree_id(commit).pointee)
    }

    private func rawObjects(_ ids: [ObjectID]) throws -> [PackFile.Object] {
        var odb: OpaquePointer?
        try check("git_repository_odb", git_repository_odb(&odb, pointer))
        defer { git_odb_free(odb) }
        return try ids.map { id in
            var oid = id.oid
            var object: OpaquePointer?
            try check("git_odb_read", git_odb_read(&object, odb, &oid))
            defer { git_odb_object_free(object) }
            let size = git_odb_object_size(object)
            let content = size == 0 ? [] : Array(UnsafeRawBufferPointer(start: git_odb_object_data(object), count: size))
            return PackFile.Object(id: id, type: git_odb_object_type(object), content: content)
        }
    }

    /// Writes a whole file with plain POSIX calls (Foundation's `Data.write` syncs every file to disk; git itself
    /// does not sync these files either). Without `replacing`, refuses an existing file.
    static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t, replacing: Bool) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (replacing ? O_TRUNC : O_EXCL), mode)
        guard fd >= 0 else { throw GitError(code: -1, function: "open", message: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            guard n > 0 else { throw GitError(code: -1, function: "write", message: "cannot write \(path): \(String(cString: strerror(errno)))") }
            written += n
        }
    }
}
