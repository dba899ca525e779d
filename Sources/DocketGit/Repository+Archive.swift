import CGit2
import Foundation

/// The archive form of a repository: one file, a git bundle (version 2: its references, then one pack of every
/// object they reach), in the repository's own place. A repository costs at least seven inodes (git and libgit2
/// both need `HEAD`, `objects/` and `refs/`; then the pack folder, pack and index); its archive costs one, and stock
/// git still reads it (`git clone <path>`, `git bundle list-heads <path>`).
///
/// Going to and from the archive swaps the two forms in one step (`rename_exchange`), so the path always names a
/// whole repository or a whole archive, even across a crash; what a crash can leave is the other form under a
/// temporary name beside it (`.archive-*`, `.new-*`), which `removeArchiveLeftovers` clears.
extension Repository {
    static let bundleSignature = "# v2 git bundle\n"

    /// True when `path` holds a repository's archive form (a file where the repository's folder would be).
    public static func isArchive(at path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Every direct reference this repository holds, by name (`HEAD` and other symbolic references left out).
    public func references() throws -> [String: ObjectID] {
        if let fixedReferences { return fixedReferences }
        var iterator: OpaquePointer?
        try check("git_reference_iterator_new", git_reference_iterator_new(&iterator, pointer))
        defer { git_reference_iterator_free(iterator) }
        var found: [String: ObjectID] = [:]
        var name: UnsafePointer<CChar>?
        while true {
            let result = git_reference_next_name(&name, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check("git_reference_next_name", result)
            guard let name else { continue }
            let text = String(cString: name)
            if let id = try reference(text) { found[text] = id }
        }
        return found
    }

    /// Writes `references` (which must be this repository's) and every object they reach as a new git bundle file
    /// at `path`, synced to disk before it returns unless `syncing` is false. Returns the file's size in bytes.
    public func writeBundle(_ references: [String: ObjectID], to path: String, syncing: Bool = true) throws -> Int {
        guard !references.isEmpty else {
            throw GitError(code: -1, function: "writeBundle", message: "\(self.path) has no references to archive")
        }
        let builder = try packBuilder(from: Array(Set(references.values)), hiding: [])
        defer { git_packbuilder_free(builder) }
        let sink = try FileSink(creating: path)
        do {
            // HEAD as well, as `git bundle create` writes it: `git clone` of the archive then checks out `main`.
            let head = references["refs/heads/main"].map { "\($0.hex) HEAD\n" } ?? ""
            let lines = references.sorted { $0.key < $1.key }.map { "\($0.value.hex) \($0.key)\n" }.joined() + head
            try sink.write(Array((Self.bundleSignature + lines + "\n").utf8))
            let result = git_packbuilder_foreach(
                builder,
                { buffer, size, payload in
                    let sink = Unmanaged<FileSink>.fromOpaque(payload!).takeUnretainedValue()
                    return (try? sink.write(UnsafeRawBufferPointer(start: buffer, count: size))) == nil ? -1 : 0
                }, Unmanaged.passUnretained(sink).toOpaque())
            if let failure = sink.failure { throw failure }
            try check("git_packbuilder_foreach", result)
            try sink.close(syncing: syncing)
            return sink.written
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Replaces the repository at `path` by its archive form, keeping the references `keep` accepts; returns the
    /// archive's size in bytes. The caller keeps writers away meanwhile; should a reference move anyway, nothing
    /// changes and this throws.
    @discardableResult
    public static func archive(at path: String, keeping keep: (String) -> Bool) throws -> Int {
        let repository = try open(path)
        let references = try repository.references().filter { keep($0.key) }
        let staging = temporaryName(beside: path, prefix: ".archive-")
        let size = try repository.writeBundle(references, to: staging)
        do {
            // The folder goes once swapped out: the archive must expand again, as every reader will expand it
            // (libgit2's indexer checking every object, each reference naming a commit), before it replaces it.
            let check = temporaryName(beside: path, prefix: ".new-")
            defer { try? FileManager.default.removeItem(atPath: check) }
            try expandArchive(at: staging, building: check, sharedHEAD: nil)
            try swapIn(staging, at: path) {
                try repository.references().filter { keep($0.key) } != references
            }
        } catch {
            unlink(staging)
            throw error
        }
        return size
    }

    /// Replaces the archive at `path` by the repository it holds (`HEAD` linked to `sharedHEAD` as `create` does).
    public static func expandArchive(at path: String, sharedHEAD: String?) throws {
        let staging = temporaryName(beside: path, prefix: ".new-")
        try expandArchive(at: path, building: staging, sharedHEAD: sharedHEAD)
        do {
            // The archive is deleted once swapped out: what replaces it must be on disk first.
            try syncTree(staging)
            try swapIn(staging, at: path)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Rewrites the repository at `path` in the layout of a new case — one pack of every object the references
    /// `keep` accepts reach, those references in `packed-refs`, nothing loose — and swaps it in as `archive` does.
    /// Every commit adds a pack and its index (2 inodes) and the first move of a reference its folder and file (2);
    /// this takes a case back to 7. The caller keeps writers away; should a reference move anyway, nothing changes
    /// and this throws.
    public static func compact(at path: String, sharedHEAD: String?, keeping keep: (String) -> Bool) throws {
        let repository = try open(path)
        let references = try repository.references().filter { keep($0.key) }
        let bundle = temporaryName(beside: path, prefix: ".archive-")
        defer { unlink(bundle) }
        _ = try repository.writeBundle(references, to: bundle, syncing: false)
        let staging = temporaryName(beside: path, prefix: ".new-")
        try expandArchive(at: bundle, building: staging, sharedHEAD: sharedHEAD)
        do {
            // The old folder is deleted once swapped out: the new one must be on disk first.
            try syncTree(staging)
            try swapIn(staging, at: path) { try repository.references().filter { keep($0.key) } != references }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// True when the repository at `path` is in the layout `compact` makes: one pack, no loose references.
    public static func isCompact(at path: String) -> Bool {
        let manager = FileManager.default
        guard let packs = try? manager.contentsOfDirectory(atPath: path + "/objects/pack"),
            let refs = try? manager.contentsOfDirectory(atPath: path + "/refs")
        else { return false }
        let objects = (try? manager.contentsOfDirectory(atPath: path + "/objects")) ?? []
        return packs.filter { $0.hasSuffix(".pack") }.count <= 1 && refs.isEmpty && objects == ["pack"]
    }

    /// Makes a repository at `folder` (a new path) from the archive at `path`, which stays as it is: a reader's
    /// copy, to be removed when read.
    public static func expandArchive(at path: String, into folder: String) throws -> Repository {
        try expandArchive(at: path, building: folder, sharedHEAD: nil)
        return try open(folder)
    }

    /// The objects of the archive at `path` (which stays as it is), for reading only: its pack indexed into
    /// `folder` (a new path, made here: the pack and its index, no repository around them) and read through an
    /// object database of that pack alone. The repository has no reference store: `reference(_:)` answers from the
    /// bundle's header, and nothing can be written. About a fifth of what `expandArchive(at:into:)` costs, for readers
    /// of records (reindex) that need no stock git. The caller removes `folder` once the repository is gone.
    public static func readArchive(at path: String, into folder: String) throws -> Repository {
        let (source, references, rest) = try openArchive(at: path)
        defer { try? source.close() }
        guard mkdir(folder, 0o755) == 0 else {
            throw GitError(
                code: -1, function: "mkdir", message: "cannot make \(folder): \(String(cString: strerror(errno)))")
        }
        do {
            let pack = try feedPack(from: source, startingWith: rest, into: PackIntake(selfContainedInto: folder))
            let repository = try wrapping(packIndex: "\(folder)/pack-\(pack).idx", path: folder)
            try checkCommits(references, in: repository, archive: path)
            repository.fixedReferences = references
            return repository
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// A repository of nothing but the objects of the pack whose index is at `packIndex`, with no reference store.
    private static func wrapping(packIndex: String, path: String) throws -> Repository {
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check("git_odb_backend_one_pack", git_odb_backend_one_pack(&backend, packIndex))
        var odb: OpaquePointer?
        let made = git_odb_new(&odb)
        if made != 0 { backend?.pointee.free(backend) }
        try check("git_odb_new", made)
        defer { git_odb_free(odb) }  // the repository keeps its own reference
        try add(backend, to: odb, priority: 1)
        var pointer: OpaquePointer?
        try check("git_repository_wrap_odb", git_repository_wrap_odb(&pointer, odb))
        return Repository(pointer: pointer!, path: path)
    }

    /// Removes what an archiving, an expansion or a creation cut short by a process that is no longer running left
    /// beside the repositories in `folder` (their temporary names carry the process's id).
    public static func removeArchiveLeftovers(in folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names {
            guard let prefix = [".archive-", ".new-"].first(where: { name.hasPrefix($0) }),
                let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Builds the repository an archive holds at `folder`: the layout, the pack through libgit2's indexer (which
    /// checks every object and that the pack is whole), then `packed-refs`, once each reference's commit is there.
    private static func expandArchive(at path: String, building folder: String, sharedHEAD: String?) throws {
        let (source, references, rest) = try openArchive(at: path)
        defer { try? source.close() }
        do {
            try writeLayout(in: folder, initialBranch: "main", sharedHEAD: sharedHEAD)
            let repository = try open(folder)
            _ = try feedPack(
                from: source, startingWith: rest,
                into: PackIntake(into: folder + "/objects/pack", checkingAgainst: repository))
            try checkCommits(references, in: repository, archive: path)
            try repository.writePackedReferences(references)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// The archive at `path` opened and its header read: the file (at the pack's bytes after `rest`), and its
    /// references, `HEAD` left out.
    private static func openArchive(at path: String) throws -> (FileHandle, [String: ObjectID], Data) {
        guard let source = FileHandle(forReadingAtPath: path) else {
            throw GitError(code: -3, function: "openArchive", message: "cannot read the archive \(path)")
        }
        do {
            let (references, rest) = try readBundleHeader(source, path: path)
            return (source, references.filter { $0.key != "HEAD" }, rest)
        } catch {
            try? source.close()
            throw error
        }
    }

    /// Feeds an archive's pack (`rest`, then the file to its end) to `intake` and commits it; returns the pack's name.
    private static func feedPack(from source: FileHandle, startingWith rest: Data, into intake: PackIntake) throws
        -> String
    {
        try rest.withUnsafeBytes { try intake.append($0) }
        while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try intake.append($0) }
        }
        return try intake.commit().name
    }

    /// Every reference of an archive must name a commit its pack holds.
    private static func checkCommits(_ references: [String: ObjectID], in repository: Repository, archive path: String)
        throws
    {
        if let missing = references.first(where: { repository.objectType($0.value) != "commit" }) {
            throw GitError(code: -3, function: "readArchive", message: "\(path): \(missing.key) names a missing commit")
        }
    }

    /// Reads a bundle's header: its references, and the bytes read past it (the start of the pack).
    private static func readBundleHeader(_ source: FileHandle, path: String) throws -> ([String: ObjectID], Data) {
        var buffer = Data()
        let malformed = GitError(code: -1, function: "readBundleHeader", message: "\(path) is not a Docket archive")
        while true {
            if let end = buffer.range(of: Data("\n\n".utf8)) {
                let header = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                var lines = header.split(separator: "\n", omittingEmptySubsequences: false)
                guard lines.first.map({ $0 + "\n" }) == Substring(bundleSignature) else { throw malformed }
                lines.removeFirst()
                var references: [String: ObjectID] = [:]
                for line in lines {
                    // A prerequisite ("-<id>") would make the archive depend on objects kept elsewhere.
                    let parts = line.split(separator: " ", maxSplits: 1)
                    guard parts.count == 2, let id = ObjectID(hex: String(parts[0])) else { throw malformed }
                    references[String(parts[1])] = id
                }
                return (references, buffer[end.upperBound...])
            }
            guard buffer.count < 1 << 20, let more = try source.read(upToCount: 64 << 10), !more.isEmpty else {
                throw malformed
            }
            buffer.append(more)
        }
    }

    /// Swaps `replacement` (on disk whole) into `path` in one step, unless `moved` says a reference moved meanwhile
    /// (then nothing changes and this throws); then removes the old form, now at `replacement`'s name, once the swap
    /// itself is on disk — else it is left for `removeArchiveLeftovers`.
    private static func swapIn(
        _ replacement: String, at path: String, unless moved: () throws -> Bool = { false }
    ) throws {
        if try moved() {
            throw GitError(code: movedMeanwhile, function: "swapIn", message: "\(path) changed meanwhile")
        }
        try exchange(replacement, path)
        if (try? syncFolder(of: path)) != nil { try? FileManager.default.removeItem(atPath: replacement) }
    }

    static func temporaryName(beside path: String, prefix: String) -> String {
        (path as NSString).deletingLastPathComponent + "/\(prefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    }

    private static func exchange(_ one: String, _ other: String) throws {
        guard docket_rename_exchange(one, other) == 0 else {
            throw GitError(
                code: -1, function: "rename_exchange",
                message: "cannot swap \(one) and \(other): \(String(cString: strerror(errno)))")
        }
    }

    /// Syncs every file and folder under `folder` (itself included) to disk.
    private static func syncTree(_ folder: String) throws {
        var paths = [folder]
        if let below = FileManager.default.enumerator(atPath: folder) {
            for case let name as String in below { paths.append(folder + "/" + name) }
        }
        // Files before the folders that name them, the deepest folders first.
        for path in paths.reversed() { try sync(path) }
    }

    /// Makes the swap of a folder's entries durable before the old form is deleted.
    private static func syncFolder(of path: String) throws {
        try sync((path as NSString).deletingLastPathComponent)
    }

    private static func sync(_ path: String) throws {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            if fd >= 0 { close(fd) }
            throw GitError(code: -1, function: "fsync", message: "cannot sync \(path): \(reason)")
        }
        close(fd)
    }

    /// The code of the `GitError` thrown when a reference moved while its repository was being archived or
    /// compacted (nothing was changed): the caller tries another time.
    public static let movedMeanwhile: Int32 = -14
}
