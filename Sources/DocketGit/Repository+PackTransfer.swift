import CGit2
import Foundation

extension Repository {
    /// The object type of `id` when this repository holds it, without reading its content; nil when it does not.
    public func objectType(_ id: ObjectID) -> String? {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0 else { return nil }
        defer { git_odb_free(odb) }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        guard git_odb_read_header(&size, &type, odb, &oid) == 0 else { return nil }
        return String(cString: git_object_type2string(type))
    }

    /// A pack (version 2, with its SHA-1 trailer) of every object reachable from `tip` that is not reachable from
    /// any of `hiding`, built in this process by libgit2's pack builder; nil when there is nothing to send.
    ///
    /// `hiding` must name commits this repository holds: libgit2 quietly sends everything when one is missing, so
    /// the caller keeps only those `objectType` says are commits. Deltas stay within the pack (never thin), so the
    /// receiver needs nothing but the hidden commits' history to index it.
    public func packBytes(from tip: ObjectID, hiding: [ObjectID]) throws -> (bytes: [UInt8], objects: Int)? {
        let builder = try packBuilder(from: [tip], hiding: hiding)
        defer { git_packbuilder_free(builder) }
        let count = git_packbuilder_object_count(builder)
        guard count > 0 else { return nil }
        var buffer = git_buf()
        try check("git_packbuilder_write_buf", git_packbuilder_write_buf(&buffer, builder))
        defer { git_buf_dispose(&buffer) }
        let bytes = buffer.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: buffer.size)) } ?? []
        return (bytes, count)
    }

    /// A pack builder (the caller frees it) holding every object reachable from `tips` and not from `hiding`.
    /// One thread: a server builds one case per connection on a thread of its own, and a sweep one case at a time.
    func packBuilder(from tips: [ObjectID], hiding: [ObjectID]) throws -> OpaquePointer? {
        var builder: OpaquePointer?
        try check("git_packbuilder_new", git_packbuilder_new(&builder, pointer))
        do {
            git_packbuilder_set_threads(builder, 1)
            var walk: OpaquePointer?
            try check("git_revwalk_new", git_revwalk_new(&walk, pointer))
            defer { git_revwalk_free(walk) }
            for tip in tips {
                var oid = tip.oid
                try check("git_revwalk_push", git_revwalk_push(walk, &oid))
            }
            for hidden in hiding {
                var oid = hidden.oid
                try check("git_revwalk_hide", git_revwalk_hide(walk, &oid))
            }
            try check("git_packbuilder_insert_walk", git_packbuilder_insert_walk(builder, walk))
            return builder
        } catch {
            git_packbuilder_free(builder)
            throw error
        }
    }

    /// Moves a pack that `PackIntake` wrote into `folder` into this repository's object store: the pack first, the
    /// index last, so readers (who find packs by their index) see all of it or none.
    public func adoptPack(named name: String, from folder: String) throws {
        let target = path + "/objects/pack"
        for ext in ["pack", "idx"] {
            let from = "\(folder)/pack-\(name).\(ext)", to = "\(target)/pack-\(name).\(ext)"
            guard rename(from, to) == 0 else {
                throw GitError(
                    code: -1, function: "rename",
                    message: "cannot move \(from) into the repository: \(String(cString: strerror(errno)))")
            }
        }
    }
}

extension Repository {
    /// An object database of the packs in `objects/pack` and the loose objects of `objects`, each pack read
    /// through a backend of its own that never looks for new packs. The caller frees it.
    static func objectsAsTheyAre(in objects: String) throws -> OpaquePointer {
        var odb: OpaquePointer?
        try check("git_odb_new", git_odb_new(&odb))
        do {
            var loose: UnsafeMutablePointer<git_odb_backend>?
            try check("git_odb_backend_loose", git_odb_backend_loose(&loose, objects, -1, 0, 0, 0))
            try add(loose, to: odb, priority: 1)
            let packs = (try? FileManager.default.contentsOfDirectory(atPath: objects + "/pack")) ?? []
            for index in packs where index.hasPrefix("pack-") && index.hasSuffix(".idx") {
                var pack: UnsafeMutablePointer<git_odb_backend>?
                try check("git_odb_backend_one_pack", git_odb_backend_one_pack(&pack, objects + "/pack/" + index))
                try add(pack, to: odb, priority: 2)
            }
            return odb!
        } catch {
            git_odb_free(odb)
            throw error
        }
    }

    /// Gives `backend` to `odb`, or frees it when the database does not take it.
    static func add(_ backend: UnsafeMutablePointer<git_odb_backend>?, to odb: OpaquePointer?, priority: Int32) throws {
        let added = git_odb_add_backend(odb, backend, priority)
        if added != 0 { backend?.pointee.free(backend) }
        try check("git_odb_add_backend", added)
    }
}

/// Writes a pack received from a peer into a folder of its own, indexing it as it arrives, with libgit2's indexer
/// verifying it: each object's checksum, the pack's trailer, and that every object it names is either in the pack
/// or in `checkingAgainst` (the case repository it is for). Nothing reaches the repository itself: the caller
/// checks the history first (the folder can be made readable with `Repository.addObjectAlternate`), then moves the
/// files in with `Repository.adoptPack`. A pack never committed is deleted by libgit2 when the intake ends.
public final class PackIntake {
    private let indexer: OpaquePointer
    private let odb: OpaquePointer?
    private var progress = git_indexer_progress()
    /// The folder the pack and its index are written to.
    public let folder: String

    /// Starts an intake into `folder` (created when missing), verifying against `repository`'s objects as they
    /// are when it starts.
    ///
    /// The indexer asks whether each object it takes, and each it names, is held already. libgit2 answers a
    /// repository's "no" only after reading its folder of packs again — and a pack brought to a case is made of
    /// objects it does not hold. So the indexer is given an object database of the packs and loose objects there
    /// are now, which has nothing to read again.
    public convenience init(into folder: String, checkingAgainst repository: Repository) throws {
        Repository.initializeLibrary()
        let odb = try Repository.objectsAsTheyAre(in: repository.path + "/objects")
        do { try self.init(into: folder, odb: odb, verify: true) } catch {
            git_odb_free(odb)
            throw error
        }
    }

    /// An intake of a pack that must hold every object it names (no thin pack), into `folder`; the
    /// indexer checks every object's bytes and the pack's checksum, and no more (`verify` off: objects a tree or
    /// commit names are not looked up until read).
    convenience init(selfContainedInto folder: String) throws {
        Repository.initializeLibrary()
        try self.init(into: folder, odb: nil, verify: false)
    }

    /// Takes over `odb` (freed with the intake: the indexer keeps it without a reference of its own).
    private init(into folder: String, odb: OpaquePointer?, verify: Bool) throws {
        self.folder = folder
        self.odb = odb
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var options = git_indexer_options()
        try check("git_indexer_options_init", git_indexer_options_init(&options, UInt32(GIT_INDEXER_OPTIONS_VERSION)))
        options.verify = verify ? 1 : 0
        var indexer: OpaquePointer?
        try check("git_indexer_new", git_indexer_new(&indexer, folder, 0o444, odb, &options))
        self.indexer = indexer!
    }

    deinit {
        git_indexer_free(indexer)
        git_odb_free(odb)
    }

    /// Feeds the next bytes of the pack.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        try check("git_indexer_append", git_indexer_append(indexer, base, bytes.count, &progress))
    }

    /// Ends the pack: checks it whole and writes its index. Returns the pack's name (`pack-<name>.pack`) and how many
    /// objects it holds. Throws for a truncated or damaged pack, or one naming objects nobody holds.
    public func commit() throws -> (name: String, objects: Int) {
        try check("git_indexer_commit", git_indexer_commit(indexer, &progress))
        return (String(cString: git_indexer_name(indexer)), Int(progress.indexed_objects))
    }

    /// Bytes received so far.
    public var receivedBytes: Int { Int(progress.received_bytes) }
}
