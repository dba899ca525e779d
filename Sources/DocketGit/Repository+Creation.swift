import CGit2
import Foundation

extension Repository {
    /// Creates an empty bare repository whose HEAD names `refs/heads/<initialBranch>`; refuses an existing one.
    ///
    /// It lays out only what git and libgit2 need to recognise a repository — `HEAD`, `objects/pack`, `refs` —
    /// rather than calling `git_repository_init`, which also probes the file system's features by creating and
    /// removing files: a node makes one repository per case, so that probing would dominate filing a case, and
    /// every file is an inode (a court holds 100,000 cases). No `config`: git infers a bare repository, libgit2 is
    /// always told (`open`), and the defaults serve. No `refs/heads`: a first commit's branch is written to
    /// `packed-refs`. `HEAD` is a hard link to one file per folder of repositories (`.HEAD`, which git and libgit2
    /// replace by renaming, never write through), so it costs no inode of its own.
    ///
    /// With `sharedHEAD` (a file's path on the same file system), `HEAD` is a hard link to that file, made on first
    /// use: one for many repositories that live for good, as a node's cases do. Without, a file of its own.
    public static func create(
        bareAt path: String, initialBranch: String = "main", sharedHEAD: String? = nil
    ) throws -> Repository {
        try placeNewLayout(at: path) { staging in
            try writeLayout(in: staging, initialBranch: initialBranch, sharedHEAD: sharedHEAD)
        }
        return try open(path)
    }

    /// Creates a bare repository whose branch `initialBranch` holds the one commit `build` makes, and returns
    /// that commit. Refuses an existing repository.
    ///
    /// `build` writes into a repository held in memory; its objects are then stored as one pack, and the branch
    /// written, before the repository is renamed into place: others see no repository or a complete one, and
    /// nothing is left behind when `build` throws. Unlike writing into an opened repository, no object costs a
    /// look-up on disk (libgit2 checks the object database for every object it writes).
    public static func create(
        bareAt path: String, initialBranch: String = "main", sharedHEAD: String? = nil,
        firstCommit build: (Repository) throws -> ObjectID
    ) throws -> ObjectID {
        let memory = try inMemory()
        let commit = try build(memory)
        try placeNewLayout(at: path) { staging in
            try writeLayout(in: staging, initialBranch: initialBranch, sharedHEAD: sharedHEAD)
            try memory.storePack(of: commit, over: nil, into: staging + "/objects/pack", unseen: true)
            let refs = packedReferencesHeader + "\(commit.hex) refs/heads/\(initialBranch)\n"
            try writeFile(staging + "/packed-refs", Array(refs.utf8), mode: 0o644)
        }
        return commit
    }

    /// A repository with no folder: objects written to it stay in memory (libgit2's mempack backend).
    static func inMemory() throws -> Repository {
        initializeLibrary()
        var odb: OpaquePointer?
        try check("git_odb_new", git_odb_new(&odb))
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check("git_mempack_new", git_mempack_new(&backend))
        // From here the object database owns the backend.
        try check("git_odb_add_backend", git_odb_add_backend(odb, backend, 1))
        var repository: OpaquePointer?
        try check("git_repository_wrap_odb", git_repository_wrap_odb(&repository, odb))
        return Repository(pointer: repository!, path: "")
    }

    /// Makes a repository's files under a temporary name beside `path` with `fill`, then renames it to `path`,
    /// so that a half-made repository is never seen; refuses when `path` exists.
    private static func placeNewLayout(at path: String, _ fill: (String) throws -> Void) throws {
        initializeLibrary()
        let parent = (path as NSString).deletingLastPathComponent
        if mkdir(parent, 0o755) != 0, errno != EEXIST {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        let staging = temporaryName(beside: path, prefix: ".new-")
        do {
            try fill(staging)
            guard rename(staging, path) == 0 else {
                throw GitError(code: -4, function: "create", message: "\(path) already exists")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// The first line of a `packed-refs` file as git writes it (its readers may then search it by halves).
    static let packedReferencesHeader = "# pack-refs with: peeled fully-peeled sorted \n"

    static func writeLayout(in staging: String, initialBranch: String, sharedHEAD: String?) throws {
        for folder in ["", "/objects", "/objects/pack", "/refs"] where mkdir(staging + folder, 0o755) != 0 {
            throw GitError(
                code: -1, function: "mkdir",
                message: "cannot make \(staging + folder): \(String(cString: strerror(errno)))")
        }
        let head = "ref: refs/heads/\(initialBranch)\n"
        if let sharedHEAD, initialBranch == "main" {
            try linkSharedHEAD(at: staging + "/HEAD", content: head, shared: sharedHEAD)
        } else {
            try writeFile(staging + "/HEAD", Array(head.utf8), mode: 0o644)
        }
    }

    /// Makes `path` a hard link to `shared` (made on first use), or, where a link cannot be made (another file
    /// system, the link limit), a file of its own.
    private static func linkSharedHEAD(at path: String, content: String, shared: String) throws {
        if link(shared, path) == 0 { return }
        if errno == ENOENT {
            // Made whole under a temporary name and renamed into place: two makers at once both end with one file.
            let folder = (shared as NSString).deletingLastPathComponent
            if mkdir(folder, 0o755) != 0, errno != EEXIST {
                return try writeFile(path, Array(content.utf8), mode: 0o644)
            }
            try? writeFile(shared, Array(content.utf8), mode: 0o444, renamingFrom: folder)
            if link(shared, path) == 0 { return }
        }
        try writeFile(path, Array(content.utf8), mode: 0o644)
    }
}
