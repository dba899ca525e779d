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
    ///
    /// In a repository others can see, both files are written under temporary names and renamed, the index last:
    /// git and libgit2 find packs by their index, so readers see the whole pack or none of it, and a second writer
    /// of the same pack (same name, same bytes) never truncates one being read. `unseen` (a repository still being
    /// made under a temporary name) writes them in place.
    func storePack(of commit: ObjectID, over baseTree: ObjectID?, into folder: String, unseen: Bool = false) throws {
        try storePack(try PackFile(try objectsAdded(by: commit, over: baseTree)), into: folder, unseen: unseen)
    }

    /// Writes `pack` and its index into `folder` (see `storePack(of:over:into:unseen:)`).
    func storePack(_ pack: PackFile, into folder: String, unseen: Bool = false) throws {
        let packPath = folder + "/pack-\(pack.name).pack", indexPath = folder + "/pack-\(pack.name).idx"
        if unseen {
            try Repository.writeFile(packPath, pack.pack, mode: 0o444)
            try Repository.writeFile(indexPath, pack.index, mode: 0o444)
            return
        }
        // The same name is the same content: already stored.
        if access(indexPath, F_OK) == 0 { return }
        try Repository.writeFile(packPath, pack.pack, mode: 0o444, renamingFrom: folder)
        try Repository.writeFile(indexPath, pack.index, mode: 0o444, renamingFrom: folder)
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
            let before =
                try base.map {
                    try Dictionary(entries(ofTree: $0).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                } ?? [:]
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

    func rawObjects(_ ids: [ObjectID]) throws -> [PackFile.Object] {
        var odb: OpaquePointer?
        try check("git_repository_odb", git_repository_odb(&odb, pointer))
        defer { git_odb_free(odb) }
        return try ids.map { id in
            var oid = id.oid
            var object: OpaquePointer?
            try check("git_odb_read", git_odb_read(&object, odb, &oid))
            defer { git_odb_object_free(object) }
            let size = git_odb_object_size(object)
            let content =
                size == 0 ? [] : Array(UnsafeRawBufferPointer(start: git_odb_object_data(object), count: size))
            return PackFile.Object(id: id, type: git_odb_object_type(object), content: content)
        }
    }

    /// Writes a new file with plain POSIX calls (Foundation's `Data.write` syncs every file to disk; git itself
    /// does not sync these files either); refuses an existing file. With `renamingFrom`, the bytes go to a
    /// temporary file in that folder first and replace `path` whole.
    static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t, renamingFrom folder: String? = nil) throws {
        let target = folder.map { $0 + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))" } ?? path
        let sink = try FileSink(creating: target, mode: mode)
        do {
            try sink.write(bytes)
            try sink.close(syncing: false)
        } catch {
            sink.abandon()
            throw error
        }
        if target != path, rename(target, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(target)
            throw GitError(code: -1, function: "rename", message: "cannot store \(path): \(reason)")
        }
    }
}
