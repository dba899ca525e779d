import CGit2
import Foundation

/// What became of a push: per remote reference, nil when the remote took it, else git's short reason; and what
/// the remote said on its side band (`remote: …` lines, where a hook explains a refusal).
public struct PushResults: Sendable, Equatable {
    public var references: [String: String?] = [:]
    public var remoteMessages = ""

    /// The first refusal, with the remote's explanation when it gave one.
    public var refusal: String? {
        guard let reason = references.values.compactMap({ $0 }).first else { return nil }
        let said = remoteMessages.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return said.isEmpty ? reason : "\(reason): \(said.joined(separator: "\n"))"
    }
}

extension Repository {
    /// Fetches `refspecs` (e.g. `+refs/heads/main:refs/peers/court/main`) from `url`, sending `headers` with every
    /// HTTP request (Docket sends `Authorization: Bearer …`). Throws on any transport or protocol failure; a pack
    /// that does not verify is refused by libgit2's indexer and nothing is stored.
    ///
    /// Over TLS, `certificateCheck` (given the peer's leaf certificate, DER) decides alone: it returns why the
    /// certificate is refused, or nil to take it; libgit2's own verdict from the system's authorities counts for
    /// nothing. Without a check, libgit2 decides.
    public func fetch(
        from url: String, refspecs: [String], headers: [String], certificateCheck: CertificateCheck? = nil
    ) throws {
        let remote = try detachedRemote(url)
        defer { git_remote_free(remote) }
        var options = git_fetch_options()
        try check("git_fetch_options_init", git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)))
        let context = RemoteContext(check: certificateCheck)
        let payload = Unmanaged.passRetained(context)
        defer { payload.release() }
        options.callbacks.payload = payload.toOpaque()
        options.callbacks.certificate_check = RemoteContext.certificateCheck
        // A peer answers where it was asked: no redirect may move the transfer to another host or scheme.
        options.follow_redirects = GIT_REMOTE_REDIRECT_NONE
        options.prune = GIT_FETCH_NO_PRUNE
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        try withStringArray(headers) { headerArray in
            options.custom_headers = headerArray
            try withStringArray(refspecs) { specs in
                var specs = specs
                try check("git_remote_fetch", git_remote_fetch(remote, &specs, &options, "docket fetch"))
            }
        }
    }

    /// Pushes `refspecs` to `url` and reports, per remote reference, whether the remote took it. A refusal by the
    /// remote's hook is a result, not an error; a transport failure throws.
    public func push(
        to url: String, refspecs: [String], headers: [String], certificateCheck: CertificateCheck? = nil
    ) throws -> PushResults {
        let remote = try detachedRemote(url)
        defer { git_remote_free(remote) }
        var options = git_push_options()
        try check("git_push_options_init", git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)))
        let collector = RemoteContext(check: certificateCheck)
        let payload = Unmanaged.passRetained(collector)
        defer { payload.release() }
        options.callbacks.payload = payload.toOpaque()
        options.callbacks.certificate_check = RemoteContext.certificateCheck
        options.follow_redirects = GIT_REMOTE_REDIRECT_NONE
        options.callbacks.push_update_reference = { refname, status, data in
            guard let data, let refname else { return 0 }
            let collector = Unmanaged<RemoteContext>.fromOpaque(data).takeUnretainedValue()
            collector.results.references[String(cString: refname)] = status.map { String(cString: $0) }
            return 0
        }
        options.callbacks.sideband_progress = { text, length, data in
            guard let data, let text, length > 0 else { return 0 }
            let collector = Unmanaged<RemoteContext>.fromOpaque(data).takeUnretainedValue()
            if collector.results.remoteMessages.utf8.count < 16_384 {
                collector.results.remoteMessages += String(
                    decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self)
            }
            return 0
        }
        try withStringArray(headers) { headerArray in
            options.custom_headers = headerArray
            try withStringArray(refspecs) { specs in
                var specs = specs
                try check("git_remote_push", git_remote_push(remote, &specs, &options))
            }
        }
        return collector.results
    }

    /// An in-memory remote for `url`. It skips `url.*.insteadOf` rewriting: Docket's URLs are its own, and
    /// libgit2 1.5.1 leaks the rewrite's regex data (~340 KB) on every remote, which a syncing server would
    /// accumulate without limit (libgit2 #6382).
    private func detachedRemote(_ url: String) throws -> OpaquePointer? {
        var options = git_remote_create_options()
        try check(
            "git_remote_create_options_init",
            git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)))
        options.repository = pointer
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        var remote: OpaquePointer?
        try check("git_remote_create_with_opts", git_remote_create_with_opts(&remote, url, &options))
        return remote
    }

    /// True when `descendant` has `ancestor` in its history (a commit is not its own descendant).
    public func isDescendant(_ descendant: ObjectID, of ancestor: ObjectID) throws -> Bool {
        if hasParent(descendant, ancestor) { return true }
        var d = descendant.oid, a = ancestor.oid
        let result = git_graph_descendant_of(pointer, &d, &a)
        try check("git_graph_descendant_of", result)
        return result == 1
    }

    /// Where commit `a` stands against commit `b`, one commit made on top of the other — what a sync mostly finds
    /// — answered from the commits' parents either way round before libgit2's graph search, which allocates a walk
    /// and a queue for any question, however near the answer.
    public func ancestry(of a: ObjectID, against b: ObjectID) throws -> Ancestry {
        if a == b { return .same }
        if hasParent(a, b) { return .ahead }
        if hasParent(b, a) { return .behind }
        if try isDescendant(a, of: b) { return .ahead }
        return try isDescendant(b, of: a) ? .behind : .diverged
    }

    /// True when `parent` is one of `commit`'s parents (false when `commit` cannot be read).
    private func hasParent(_ commit: ObjectID, _ parent: ObjectID) -> Bool {
        var c = commit.oid, p = parent.oid
        var found: OpaquePointer?
        guard git_commit_lookup(&found, pointer, &c) == 0 else { return false }
        defer { git_commit_free(found) }
        return (0..<git_commit_parentcount(found)).contains { git_oid_equal(git_commit_parent_id(found, $0), &p) != 0 }
    }

    /// Makes objects in another object folder readable through this handle (git's quarantine during a push).
    public func addObjectAlternate(_ objectsPath: String) throws {
        var odb: OpaquePointer?
        try check("git_repository_odb", git_repository_odb(&odb, pointer))
        defer { git_odb_free(odb) }
        try check("git_odb_add_disk_alternate", git_odb_add_disk_alternate(odb, objectsPath))
    }

    /// The names of every reference, e.g. `refs/heads/main`, `refs/peers/court/main`.
    public func referenceNames() throws -> [String] {
        var array = git_strarray()
        try check("git_reference_list", git_reference_list(&array, pointer))
        defer { git_strarray_dispose(&array) }
        return (0..<array.count).compactMap { array.strings[$0].map { String(cString: $0) } }
    }
}

/// Decides on a TLS peer's leaf certificate (DER bytes): why it is refused, or nil to take it.
public typealias CertificateCheck = @Sendable (_ der: [UInt8]) -> String?

/// What libgit2's callbacks of one fetch or push share: the certificate check, and a push's results.
private final class RemoteContext {
    let check: CertificateCheck?
    var results = PushResults()

    init(check: CertificateCheck?) { self.check = check }

    /// Hands an X.509 certificate to the context's check (libgit2's `valid` counts for nothing then); anything else
    /// (an SSH host key) is refused. Without a check libgit2 decides (`GIT_PASSTHROUGH`).
    static let certificateCheck: git_transport_certificate_check_cb = { cert, _, _, payload in
        guard let cert, let payload else { return GIT_ECERTIFICATE.rawValue }
        let context = Unmanaged<RemoteContext>.fromOpaque(payload).takeUnretainedValue()
        guard let check = context.check else { return GIT_PASSTHROUGH.rawValue }
        guard cert.pointee.cert_type == GIT_CERT_X509 else { return GIT_ECERTIFICATE.rawValue }
        let x509 = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_x509.self).pointee
        guard let data = x509.data else { return GIT_ECERTIFICATE.rawValue }
        let der = Array(UnsafeRawBufferPointer(start: data, count: x509.len))
        if let refusal = check(der) {
            git_error_set_str(Int32(GIT_ERROR_SSL.rawValue), refusal)
            return GIT_ECERTIFICATE.rawValue
        }
        return 0
    }
}

/// Lends libgit2 a `git_strarray` of C strings for the duration of `body`.
func withStringArray<T>(_ strings: [String], _ body: (git_strarray) throws -> T) rethrows -> T {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    var mutable = pointers
    return try mutable.withUnsafeMutableBufferPointer { buffer in
        try body(git_strarray(strings: buffer.baseAddress, count: buffer.count))
    }
}

/// How one commit's history stands against another's (`Repository.ancestry(of:against:)`).
public enum Ancestry: Sendable {
    /// The same commit.
    case same
    /// The other is in its history.
    case ahead
    /// It is in the other's history.
    case behind
    /// Neither is in the other's history.
    case diverged
}
