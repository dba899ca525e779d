import CGit2
import Foundation

extension Repository {
    /// Creates an empty bare repository whose HEAD names `refs/heads/<initialBranch>`; refuses an existing one.
    ///
    /// It lays out only what git needs (gitrepository-layout: HEAD, config, objects/pack, refs/heads) rather than
    /// calling `git_repository_init`, which also probes the file system's features by creating and removing
    /// files: a node makes one repository per case, so that probing would dominate filing a case.
    public static func create(bareAt path: String, initialBranch: String = "main") throws -> Repository {
        try placeNewLayout(at: path) { staging in
            try writeLayout(in: staging, initialBranch: initialBranch)
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
        bareAt path: String, initialBranch: String = "main",
        firstCommit build: (Repository) throws -> ObjectID
    ) throws -> ObjectID {
        let memory = try inMemory()
        let commit = try build(memory)
        try placeNewLayout(at: path) { staging in
            try writeLayout(in: staging, initialBranch: initialBranch)
            try memory.storePack(of: commit, over: nil, into: staging + "/objects/pack", unseen: true)
            try writeFile(staging + "/refs/heads/" + initialBranch, Array((commit.hex + "\n").utf8), mode: 0o644)
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
        let staging = parent + "/.new-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
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

    private static func writeLayout(in staging: String, initialBranch: String) throws {
        for folder in ["", "/objects", "/objects/pack", "/refs", "/refs/heads"]
        where mkdir(staging + folder, 0o755) != 0 {
            throw GitError(
                code: -1, function: "mkdir",
                message: "cannot make \(staging + folder): \(String(cString: strerror(errno)))")
        }
        try writeFile(staging + "/HEAD", Array("ref: refs/heads/\(initialBranch)\n".utf8), mode: 0o644)
        try writeFile(
            staging + "/config",
            Array("[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n".utf8), mode: 0o644)
    }
}
