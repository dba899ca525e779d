import CGit2
import Foundation

/// A git repository opened through libgit2: the only door to libgit2 in Docket.
///
/// One instance is used by one thread at a time (libgit2's rule); open another instance for another thread.
/// Every method either does what it says or throws `GitError`, leaving the repository as it was.
public final class Repository {
    let pointer: OpaquePointer
    /// The repository's folder (a bare repository's git directory).
    public let path: String
    /// Whatever the opener holds while this repository is in use (a lock that keeps a case from being archived
    /// under it), released with the repository.
    public var lease: AnyObject?
    /// The references of a repository read from an archive's objects alone (`readArchive`), which has no
    /// reference store of its own; nil for every other repository.
    var fixedReferences: [String: ObjectID]?

    init(pointer: OpaquePointer, path: String) {
        self.pointer = pointer
        self.path = path
    }

    deinit { git_repository_free(pointer) }

    /// Makes libgit2 ready; safe to call any number of times from any thread.
    public static func initializeLibrary() {
        _ = libraryReady
    }

    private static let libraryReady: Bool = {
        git_libgit2_init()
        // Docket's files belong to whoever runs the node; git's ownership check only gets in the way of services.
        _ = docket_git_set_owner_validation(0)
        _ = docket_git_clear_config_search_paths()
        // libgit2 keeps every pack file it has read open, by default without limit; a server reading many cases
        // would run out of file descriptors.
        _ = docket_git_set_mwindow_file_limit(256)
        _ = docket_git_register_tcp_stream()
        return true
    }()

    /// Opens an existing repository at exactly `path` (no search upwards).
    public static func open(_ path: String) throws -> Repository {
        initializeLibrary()
        var pointer: OpaquePointer?
        try check(
            "git_repository_open_ext",
            git_repository_open_ext(
                &pointer, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_BARE.rawValue, nil))
        return Repository(pointer: pointer!, path: path)
    }

    // MARK: Blobs

    /// Stores bytes as a blob and returns its id (the same bytes always give the same id).
    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check(
                "git_blob_create_from_buffer",
                git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count))
        }
        return ObjectID(oid)
    }

    /// The bytes of a blob.
    public func readBlob(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.oid
        var blob: OpaquePointer?
        try check("git_blob_lookup", git_blob_lookup(&blob, pointer, &oid))
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// The content of any object exactly as stored (a tree's or a commit's own bytes, which libgit2's parsed views
    /// normalize), for checks of its shape.
    public func rawContent(of id: ObjectID) throws -> [UInt8] {
        try rawObjects([id])[0].content
    }

    /// The size of a blob without reading it.
    public func blobSize(_ id: ObjectID) throws -> Int64 {
        var oid = id.oid
        var blob: OpaquePointer?
        try check("git_blob_lookup", git_blob_lookup(&blob, pointer, &oid))
        defer { git_blob_free(blob) }
        return Int64(git_blob_rawsize(blob))
    }

    /// True when the object is in the repository.
    public func contains(_ id: ObjectID) -> Bool {
        var oid = id.oid
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0 else { return false }
        defer { git_odb_free(odb) }
        return git_odb_exists(odb, &oid) != 0
    }
}
