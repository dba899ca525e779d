import CGit2
import Foundation

/// A person or node and an instant, as git records them in a commit.
public struct GitSignature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since 1970 (UTC; Docket always writes offset 0).
    public var time: Int64

    public init(name: String, email: String, time: Int64) {
        self.name = name; self.email = email; self.time = time
    }
}

/// A commit as read back: its tree, parents, author and committer, message and the signature header, if any.
public struct CommitInfo: Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: GitSignature
    public let committer: GitSignature
    public let message: String
    /// The value of the signature header and the exact bytes it signs, when the commit carries one.
    public let signature: (value: String, signedData: [UInt8])?
}

extension Repository {
    /// The commit header that carries Docket's node signature. Not `gpgsig`, so gpg-aware tools leave it alone.
    public static let signatureHeader = "docketsig"

    /// Creates a commit object (no reference moves). `sign` receives the exact bytes of the unsigned commit and
    /// returns the one-line value of the signature header; the commit is stored with that header.
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], author: GitSignature, committer: GitSignature,
        message: String, sign: ([UInt8]) throws -> String
    ) throws -> ObjectID {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try withCommitInputs(tree: tree, parents: parents, author: author, committer: committer) {
            treeObject, parents, authorSig, committerSig in
            try check(
                "git_commit_create_buffer",
                git_commit_create_buffer(
                    &buffer, pointer, authorSig, committerSig, "UTF-8", message, treeObject,
                    parents.count, parents.baseAddress))
        }
        let content = Array(UnsafeRawBufferPointer(start: buffer.ptr, count: buffer.size))
        let signature = try sign(content)
        precondition(!signature.contains("\n"), "a signature header value is one line")
        var out = git_oid()
        var contentString = content
        contentString.append(0)
        try contentString.withUnsafeBufferPointer { bytes in
            try bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                try check(
                    "git_commit_create_with_signature",
                    git_commit_create_with_signature(&out, pointer, text, signature, Repository.signatureHeader))
            }
        }
        return ObjectID(out)
    }

    private func makeSignature(_ signature: GitSignature) throws -> UnsafeMutablePointer<git_signature>? {
        var out: UnsafeMutablePointer<git_signature>?
        try check(
            "git_signature_new", git_signature_new(&out, signature.name, signature.email, git_time_t(signature.time), 0)
        )
        return out
    }

    /// Reads a commit, with its signature header when present.
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var oid = id.oid
        var commit: OpaquePointer?
        try check("git_commit_lookup", git_commit_lookup(&commit, pointer, &oid))
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0).pointee) }
        func signature(_ sig: UnsafePointer<git_signature>?) -> GitSignature {
            guard let sig else { return GitSignature(name: "", email: "", time: 0) }
            return GitSignature(
                name: String(cString: sig.pointee.name), email: String(cString: sig.pointee.email),
                time: Int64(sig.pointee.when.time))
        }
        var signatureBuffer = git_buf(), signedBuffer = git_buf()
        defer { git_buf_dispose(&signatureBuffer); git_buf_dispose(&signedBuffer) }
        let extracted = git_commit_extract_signature(
            &signatureBuffer, &signedBuffer, pointer, &oid, Repository.signatureHeader)
        var signed: (String, [UInt8])?
        if extracted == 0 {
            let value = String(
                decoding: UnsafeRawBufferPointer(start: signatureBuffer.ptr, count: signatureBuffer.size), as: UTF8.self
            )
            signed = (value, Array(UnsafeRawBufferPointer(start: signedBuffer.ptr, count: signedBuffer.size)))
        } else if extracted != GIT_ENOTFOUND.rawValue {
            try check("git_commit_extract_signature", extracted)
        }
        return CommitInfo(
            id: id, tree: ObjectID(git_commit_tree_id(commit).pointee), parents: parents,
            author: signature(git_commit_author(commit)), committer: signature(git_commit_committer(commit)),
            message: git_commit_message(commit).map { String(cString: $0) } ?? "", signature: signed)
    }

    /// Commit ids reachable from `tip`, newest first (topological, then by time), at most `limit` of them.
    public func history(from tip: ObjectID, limit: Int = .max) throws -> [ObjectID] {
        try walk(from: tip, hiding: [], sorting: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue, limit: limit)
    }

    private func walk(from tip: ObjectID, hiding hidden: [ObjectID], sorting: UInt32, limit: Int) throws -> [ObjectID] {
        var walker: OpaquePointer?
        try check("git_revwalk_new", git_revwalk_new(&walker, pointer))
        defer { git_revwalk_free(walker) }
        try check("git_revwalk_sorting", git_revwalk_sorting(walker, sorting))
        var start = tip.oid
        try check("git_revwalk_push", git_revwalk_push(walker, &start))
        for id in hidden {
            var oid = id.oid
            try check("git_revwalk_hide", git_revwalk_hide(walker, &oid))
        }
        var result: [ObjectID] = []
        var oid = git_oid()
        while result.count < limit {
            let status = git_revwalk_next(&oid, walker)
            if status == GIT_ITEROVER.rawValue { break }
            try check("git_revwalk_next", status)
            result.append(ObjectID(oid))
        }
        return result
    }
}

extension Repository {
    /// Creates an unsigned commit object (no reference moves). Docket's own writes are always signed; this is
    /// for measuring the cost of signing and for tools.
    public func createUnsignedCommit(
        tree: ObjectID, parents: [ObjectID], author: GitSignature, committer: GitSignature,
        message: String
    ) throws -> ObjectID {
        var out = git_oid()
        try withCommitInputs(tree: tree, parents: parents, author: author, committer: committer) {
            treeObject, parents, authorSig, committerSig in
            try check(
                "git_commit_create",
                git_commit_create(
                    &out, pointer, nil, authorSig, committerSig, "UTF-8", message, treeObject,
                    parents.count, parents.baseAddress))
        }
        return ObjectID(out)
    }

    /// Looks up the tree and parents and makes the signatures a commit needs, lends them to `body`, frees them.
    private func withCommitInputs(
        tree: ObjectID, parents: [ObjectID], author: GitSignature, committer: GitSignature,
        _ body: (
            OpaquePointer?, UnsafeMutableBufferPointer<OpaquePointer?>,
            UnsafeMutablePointer<git_signature>?, UnsafeMutablePointer<git_signature>?
        ) throws -> Void
    ) throws {
        var treeOID = tree.oid
        var treeObject: OpaquePointer?
        try check("git_tree_lookup", git_tree_lookup(&treeObject, pointer, &treeOID))
        defer { git_tree_free(treeObject) }
        var parentObjects: [OpaquePointer?] = []
        defer { parentObjects.forEach { git_commit_free($0) } }
        for parent in parents {
            var oid = parent.oid
            var commit: OpaquePointer?
            try check("git_commit_lookup", git_commit_lookup(&commit, pointer, &oid))
            parentObjects.append(commit)
        }
        let authorSig = try makeSignature(author)
        defer { git_signature_free(authorSig) }
        let committerSig = try makeSignature(committer)
        defer { git_signature_free(committerSig) }
        try parentObjects.withUnsafeMutableBufferPointer { try body(treeObject, $0, authorSig, committerSig) }
    }
}

extension Repository {
    /// Commits reachable from `tip` but from none of `hidden` (commits a push brings that the repository did
    /// not have), oldest first.
    public func commits(from tip: ObjectID, hiding hidden: [ObjectID]) throws -> [ObjectID] {
        // One commit made on the one hidden — what a sync mostly brings — needs no walk: whatever else `tip`
        // reaches, its parent reaches.
        if hidden.count == 1, tip != hidden[0], let commit = try? commit(tip), !commit.parents.isEmpty,
            commit.parents.allSatisfy({ $0 == hidden[0] })
        {
            return [tip]
        }
        return try walk(
            from: tip, hiding: hidden, sorting: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue, limit: .max)
    }
}

extension Repository {
    /// Every best common ancestor of two commits (more than one in a criss-cross history), sorted by id so that
    /// every node sees them in the same order; empty when the histories share nothing.
    public func mergeBases(_ a: ObjectID, _ b: ObjectID) throws -> [ObjectID] {
        var one = a.oid, two = b.oid
        var array = git_oidarray()
        let result = git_merge_bases(&array, pointer, &one, &two)
        if result == GIT_ENOTFOUND.rawValue { return [] }
        try check("git_merge_bases", result)
        defer { git_oidarray_dispose(&array) }
        return (0..<array.count).map { ObjectID(array.ids[$0]) }.sorted { $0.hex < $1.hex }
    }

    /// The bytes of every file of a tree, by path.
    public func files(inTree id: ObjectID) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, blob) in try blobs(inTree: id) { files[path] = try readBlob(blob) }
        return files
    }
}
