import DocketCore
import DocketGit
import DocketStore
import DocketSync
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// The HTTP face of a node: `GET /health`, the changes feed, and every case repository over git's smart-HTTP
/// protocol (served by `git http-backend`), all behind peer authentication and the visibility rules.
///
/// A case the peer may not see answers 404, exactly like a case that does not exist.
public struct NodeServer: Sendable {
    let node: Node
    let backend: GitHTTPBackend
    /// Where the git hooks that check pushes live (`core.hooksPath` for every request).
    let hooksPath: String
    /// The pushes in flight, so that what a cut-off push leaves in a repository is cleared once none is running.
    let pushes = PushesInFlight()
    /// The bounds on git processes and on each peer's requests in flight.
    public let admission: Admission
    /// Whether peers may fetch many cases in one request (`BatchStream`); off, they fetch each over git.
    public let offersBatch: Bool

    public init(
        node: Node, backend: GitHTTPBackend = GitHTTPBackend(), hooksPath: String, admission: Admission = Admission(),
        offersBatch: Bool = true
    ) {
        self.node = node; self.backend = backend; self.hooksPath = hooksPath; self.admission = admission
        self.offersBatch = offersBatch
    }

    /// A place for one request of `peer`, or the 429 that turns it away.
    enum Admitted { case admitted(Admission.Ticket), busy(Response) }

    func admit(_ peer: Peer, git: Bool) -> Admitted {
        switch admission.admit(peer: peer.nodeId, git: git) {
        case .success(let ticket): .admitted(ticket)
        case .failure(let refused): .busy(refused.response(retryAfter: admission.limits.retryAfter))
        }
    }

    /// The routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get(RouterPath(SyncRoute.health)) { _, _ in "ok\n" }
        router.get(RouterPath(SyncRoute.changes)) { request, _ in try await self.changes(request) }
        router.post(RouterPath(SyncRoute.batchFetch)) { request, _ in try await self.batchFetch(request) }
        router.post(RouterPath(SyncRoute.batchPush)) { request, _ in try await self.batchPush(request) }
        router.post(RouterPath(SyncRoute.paymentCallback)) { request, _ in try await self.paymentCallback(request) }
        router.get(RouterPath(SyncRoute.gitPattern)) { request, _ in try await self.git(request) }
        router.post(RouterPath(SyncRoute.gitPattern)) { request, _ in try await self.git(request) }
        return router
    }

    /// The peer a request authenticates as: `Authorization: Bearer <token>` (Docket) or HTTP Basic with the token
    /// as password (stock git). Nil when missing or not valid (a removed peer's token included).
    func peer(of request: Request) async throws -> Peer? {
        guard let header = request.headers[.authorization] else { return nil }
        let node = self.node, presented = WireHeader.token(fromAuthorization: header) ?? ""
        return try await offload { try node.peers.authenticate(token: presented) }
    }

    static func challenge() -> Response {
        Response(
            status: .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"Docket\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "A peer token is required.\n")))
    }

    static func notFound() -> Response {
        Response(status: .notFound, body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found.\n")))
    }

    func changes(_ request: Request) async throws -> Response {
        guard let peer = try await peer(of: request) else { return Self.challenge() }
        let ticket: Admission.Ticket
        switch admit(peer, git: false) {
        case .admitted(let admitted): ticket = admitted
        case .busy(let response): return response
        }
        defer { ticket.release() }
        let since = request.uri.queryParameters.get("since").flatMap { Int64($0) } ?? 0
        let node = self.node
        var feed = try await offload { () -> ChangesFeed in
            var feed = try node.changes(for: peer, since: since)
            feed.announcements = node.announcementsTipForFeed()
            return feed
        }
        if offersBatch { feed.batch = BatchStream.version }
        let data = try JSONEncoder().encode(feed)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func git(_ request: Request) async throws -> Response {
        guard let peer = try await peer(of: request) else { return Self.challenge() }
        // Every git request runs a git process (or answers 404 at once): admitted against both bounds, released
        // when git and all it started are gone.
        let ticket: Admission.Ticket
        switch admit(peer, git: true) {
        case .admitted(let admitted): ticket = admitted
        case .busy(let response): return response
        }
        let uid: String, rest: String
        switch SyncRoute.gitTarget(request.uri.path) {
        case .announcements(let court, let rest)?:
            return try await announcements(request, peer: peer, court: court, rest: rest, ticket: ticket)
        case .caseRepository(let caseUID, let path)?: (uid, rest) = (caseUID, path)
        case nil:
            ticket.release()
            return Self.notFound()
        }
        let pushing = rest == "git-receive-pack" || request.uri.queryParameters.get("service") == "git-receive-pack"
        let node = self.node
        let access = try await offload { () -> CaseAccess in
            if try node.peer(peer, canSee: uid) { return .visible }
            // A filer's first push of a new case is staged apart and moved into place only once it is taken.
            let onDisk = FileManager.default.fileExists(atPath: node.paths.repository(ofCase: uid).path)
            guard pushing, !onDisk, node.peerMayFile(peer) else { return .hidden }
            return .newCase
        }
        var environment = [
            "DOCKET_DATA": node.paths.root.path, "DOCKET_PEER": peer.nodeId, "DOCKET_CASE": uid,
            "GIT_CONFIG_COUNT": "4",
            "GIT_CONFIG_KEY_0": "core.hooksPath", "GIT_CONFIG_VALUE_0": hooksPath,
            "GIT_CONFIG_KEY_1": "receive.denyDeletes", "GIT_CONFIG_VALUE_1": "true",
            // git's own object checks (malformed trees, '..' and '.git' entries) before our hook runs.
            "GIT_CONFIG_KEY_2": "receive.fsckObjects", "GIT_CONFIG_VALUE_2": "true",
            "GIT_CONFIG_KEY_3": "receive.autogc", "GIT_CONFIG_VALUE_3": "false",
        ]
        switch access {
        case .hidden:
            ticket.release()
            return Self.notFound()
        case .visible:
            // Opened through the node while git works in it, the lease the repository holds keeps the case from
            // being archived under git. A push expands an archived case; a fetch or clone reads it from a copy, and
            // it stays archived.
            let opened = try await offload {
                guard let repository = pushing ? try node.repository(uid) : try node.readCase(uid) else {
                    throw node.caseNotFound(uid)
                }
                return OpenedCase(repository: repository)
            }
            let repository = URL(fileURLWithPath: opened.repository.path)
            let finish: (@Sendable () -> Void)? = pushing && rest == "git-receive-pack" ? pushes.begin(repository) : nil
            return try await backend.respond(
                to: request, projectRoot: repository.deletingLastPathComponent().path,
                pathInfo: "/\(repository.lastPathComponent)/\(rest)", remoteUser: peer.nodeId,
                extraEnvironment: environment,
                onFinish: {
                    finish?()
                    withExtendedLifetime(opened) { ticket.release() }
                })
        case .newCase where rest != "git-receive-pack":
            // The advertisement of a repository that does not exist yet: an empty one that nobody writes to.
            let empty = try await offload { try NodeServer.emptyRepository(node) }
            return try await backend.respond(
                to: request, projectRoot: empty.deletingLastPathComponent().path,
                pathInfo: "/\(empty.lastPathComponent)/\(rest)", remoteUser: peer.nodeId,
                extraEnvironment: environment, onFinish: { ticket.release() })
        case .newCase:
            let staged = try await offload { try NodeServer.stage(uid, in: node) }
            environment["DOCKET_STAGED"] = "1"
            return try await backend.respond(
                to: request, projectRoot: staged.deletingLastPathComponent().path,
                pathInfo: "/\(staged.lastPathComponent)/git-receive-pack", remoteUser: peer.nodeId,
                extraEnvironment: environment,
                onFinish: {
                    // Taken: post-receive moved it into place. Refused, cut off or lost to another push: gone.
                    try? FileManager.default.removeItem(at: staged)
                    ticket.release()
                })
        }
    }

    /// How a peer may reach a case repository.
    enum CaseAccess { case visible, newCase, hidden }

    /// A case repository kept open (with its lease) until git has answered; used by one request at a time.
    struct OpenedCase: @unchecked Sendable { let repository: Repository }

    /// A fresh bare repository under `<data>/incoming/` for the first push of case `uid`.
    static func stage(_ uid: String, in node: Node) throws -> URL {
        let url = node.paths.incoming.appendingPathComponent("\(uid).\(UUID().uuidString.prefix(8).lowercased()).git")
        try FileManager.default.createDirectory(at: node.paths.incoming, withIntermediateDirectories: true)
        _ = try Repository.create(bareAt: url.path)
        return url
    }

    /// The empty repository whose advertisement a first push reads (made once; never pushed to).
    static func emptyRepository(_ node: Node) throws -> URL {
        let url = node.paths.incoming.appendingPathComponent("empty.git")
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent("HEAD").path) {
            try FileManager.default.createDirectory(at: node.paths.incoming, withIntermediateDirectories: true)
            do { _ = try Repository.create(bareAt: url.path) } catch
                where FileManager.default.fileExists(atPath: url.path)
            {}
        }
        return url
    }
}

extension NodeServer {
    /// The QR payment service's "paid" callback. Not a peer: it proves itself by the HMAC-SHA256 signature over the
    /// body with the shared secret (payments.qr.secret). A bad signature changes nothing and answers 401.
    func paymentCallback(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let bytes = Array(body.readableBytesView)
        let signature = request.headers[HTTPField.Name(PaymentCallback.signatureHeaderName)!]
        let node = self.node
        let secret = node.setting(.qrSecret)
        do {
            let payment = try await offload {
                try node.payments.acceptCallback(body: bytes, signature: signature, secret: secret)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"state\":\"\(payment.state?.rawValue ?? "")\"}\n"))
            )
        } catch let error as DocketError {
            return error.httpResponse()
        }
    }

    /// A court's announcements repository: every peer of this court may read (clone, fetch) it; nobody pushes to it
    /// over the network — the court publishes on its own node.
    func announcements(
        _ request: Request, peer: Peer, court: String, rest: String, ticket: Admission.Ticket
    ) async throws -> Response {
        let pushing = rest == "git-receive-pack" || request.uri.queryParameters.get("service") == "git-receive-pack"
        let repo = node.paths.announcements(ofCourt: court)
        guard !pushing, court == node.config.courtCode, FileManager.default.fileExists(atPath: repo.path) else {
            ticket.release()
            return Self.notFound()
        }
        return try await backend.respond(
            to: request, projectRoot: repo.deletingLastPathComponent().path, pathInfo: "/\(court).git/\(rest)",
            remoteUser: nil, extraEnvironment: ["DOCKET_DATA": node.paths.root.path, "DOCKET_PEER": peer.nodeId],
            onFinish: { ticket.release() })
    }
}

/// Runs blocking work (SQLite, libgit2) on NIO's thread pool, off the server's event loops and the Swift
/// concurrency pool.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
