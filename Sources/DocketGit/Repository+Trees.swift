import CGit2
import Foundation

/// One change to a tree: put a blob at a path (creating folders) or remove the path.
public enum TreeEdit: Sendable {
    case upsert(path: String, blob: ObjectID)
    case remove(path: String)

    var path: String {
        switch self {
        case .upsert(let p, _), .remove(let p): return p
        }
    }
}

/// One entry of a tree.
public struct TreeEntry: Sendable, Equatable {
    public enum Kind: Sendable { case blob, tree, other }
    public let name: String
    public let id: ObjectID
    public let kind: Kind
    /// git's file mode: 0o100644 a regular file, 0o100755 an executable, 0o120000 a symlink, 0o040000 a folder,
    /// 0o160000 a gitlink (submodule).
    public let mode: UInt32

    /// True for a plain, non-executable file: the only kind of file a case tree holds.
    public var isRegularFile: Bool { kind == .blob && mode == 0o100644 }
}

extension Repository {
    /// The id of the empty tree, written into the repository.
    public func emptyTree() throws -> ObjectID {
        var builder: OpaquePointer?
        try check("git_treebuilder_new", git_treebuilder_new(&builder, pointer, nil))
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try check("git_treebuilder_write", git_treebuilder_write(&oid, builder))
        return ObjectID(oid)
    }

    /// A new tree: `base` (or the empty tree) with `edits` applied; intermediate folders are made and emptied
    /// folders disappear. Paths are relative and use `/`.
    public func updateTree(_ base: ObjectID?, applying edits: [TreeEdit]) throws -> ObjectID {
        let baseID = try base ?? emptyTree()
        var baseOID = baseID.oid
        var tree: OpaquePointer?
        try check("git_tree_lookup", git_tree_lookup(&tree, pointer, &baseOID))
        defer { git_tree_free(tree) }
        guard !edits.isEmpty else { return baseID }
        // libgit2 wants C strings that outlive the call.
        let paths = edits.map { strdup($0.path)! }
        defer { paths.forEach { free($0) } }
        var updates = zip(edits, paths).map { edit, path -> git_tree_update in
            var update = git_tree_update()
            update.path = UnsafePointer(path)
            switch edit {
            case .upsert(_, let blob):
                update.action = GIT_TREE_UPDATE_UPSERT
                update.id = blob.oid
                update.filemode = GIT_FILEMODE_BLOB
            case .remove:
                update.action = GIT_TREE_UPDATE_REMOVE
            }
            return update
        }
        var out = git_oid()
        try check("git_tree_create_updated", git_tree_create_updated(&out, pointer, tree, updates.count, &updates))
        return ObjectID(out)
    }

    /// The entries of one tree, in git's order.
    public func entries(ofTree id: ObjectID) throws -> [TreeEntry] {
        var oid = id.oid
        var tree: OpaquePointer?
        try check("git_tree_lookup", git_tree_lookup(&tree, pointer, &oid))
        defer { git_tree_free(tree) }
        let count = git_tree_entrycount(tree)
        var result: [TreeEntry] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            let entry = git_tree_entry_byindex(tree, index)
            let kind: TreeEntry.Kind
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_BLOB: kind = .blob
            case GIT_OBJECT_TREE: kind = .tree
            default: kind = .other
            }
            result.append(
                TreeEntry(
                    name: String(cString: git_tree_entry_name(entry)),
                    id: ObjectID(git_tree_entry_id(entry).pointee), kind: kind,
                    mode: UInt32(git_tree_entry_filemode(entry).rawValue)))
        }
        return result
    }

    /// Every blob under a tree as path → blob id, descending only into folders `descend` accepts
    /// (given the folder's path) and keeping only blobs `keep` accepts.
    public func blobs(
        inTree id: ObjectID, descend: (String) -> Bool = { _ in true },
        keep: (String) -> Bool = { _ in true }
    ) throws -> [String: ObjectID] {
        var result: [String: ObjectID] = [:]
        func walk(_ tree: ObjectID, prefix: String) throws {
            for entry in try entries(ofTree: tree) {
                let path = prefix + entry.name
                switch entry.kind {
                case .blob: if keep(path) { result[path] = entry.id }
                case .tree: if descend(path) { try walk(entry.id, prefix: path + "/") }
                case .other: continue
                }
            }
        }
        try walk(id, prefix: "")
        return result
    }

    /// The blob at `path` in a tree, or nil when there is none.
    public func blob(at path: String, inTree id: ObjectID) throws -> ObjectID? {
        var oid = id.oid
        var tree: OpaquePointer?
        try check("git_tree_lookup", git_tree_lookup(&tree, pointer, &oid))
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, tree, path)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check("git_tree_entry_bypath", result)
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return ObjectID(git_tree_entry_id(entry).pointee)
    }
}
