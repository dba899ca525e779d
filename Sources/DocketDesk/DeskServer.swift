import DocketCore
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// The desk: the browser workplace of a node's clerks, judges and administrators (court) or lawyers and assistants
/// (firm), served on its own address apart from the peers' API. Server-rendered pages; every form carries the
/// session's CSRF token; every step goes through the node's own API (the same domain steps, policy and write path
/// as the CLI), run as the signed-in person (`Node.acting(as:)`), so that person is the author of its commits.
public struct DeskServer: Sendable {
    public let node: Node
    public let accounts: DeskAccounts
    let pages: DeskPages
    let drafts: DeskDrafts
    /// The largest request body taken (a filing with its uploads), in bytes.
    let maxBodyBytes: Int
    /// The QR payment service fees are paid through: the node's configured one (`payments.qr.url`) unless given.
    let qrGateway: @Sendable (Node) throws -> any PaymentGateway

    /// A desk for `node`; `passwordCost` is bcrypt's cost for accounts made through it; `qrGateway` the payment
    /// service for QR payments (by default the node's configured one).
    public init(
        node: Node, pages: DeskPages, passwordCost: UInt8 = 12, maxBodyBytes: Int = 64 * 1024 * 1024,
        qrGateway: @escaping @Sendable (Node) throws -> any PaymentGateway = { try $0.payments.qrGateway() }
    ) {
        self.node = node
        self.accounts = DeskAccounts(node: node, cost: passwordCost)
        self.pages = pages
        self.drafts = DeskDrafts(node: node)
        self.maxBodyBytes = maxBodyBytes
        self.qrGateway = qrGateway
    }

    /// Loads the templates and makes the desk.
    public static func make(node: Node, passwordCost: UInt8 = 12) async throws -> DeskServer {
        DeskServer(node: node, pages: try await DeskPages.load(), passwordCost: passwordCost)
    }

    /// Every route of the desk.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/static/:file") { request, context in try self.staticFile(context) }
        router.get("/signin") { request, _ in await self.signInPage(request) }
        router.post("/signin") { request, _ in await self.signIn(request) }
        router.post("/signout") { request, _ in await self.signOut(request) }
        router.get("/language") { request, _ in self.switchLanguage(request) }
        router.get("/") { request, _ in await self.home(request) }
        router.get("/search") { request, _ in await self.search(request) }
        router.get("/cases") { request, _ in await self.caseList(request) }
        router.get("/cases/:uid") { request, context in await self.casePage(request, context) }
        router.get("/cases/:uid/documents/:doc") { request, context in await self.documentPage(request, context) }
        router.get("/cases/:uid/documents/:doc/raw") { request, context in await self.documentBytes(request, context) }
        router.post("/cases/:uid/accept") { request, context in await self.accept(request, context) }
        router.post("/cases/:uid/correct") { request, context in await self.correct(request, context) }
        router.post("/cases/:uid/reject") { request, context in await self.reject(request, context) }
        router.post("/cases/:uid/resubmit") { request, context in await self.resubmit(request, context) }
        router.post("/cases/:uid/material") { request, context in await self.submitMaterial(request, context) }
        router.post("/cases/:uid/material/:doc") { request, context in await self.reviewMaterial(request, context) }
        router.post("/cases/:uid/pay") { request, context in await self.payAtCounter(request, context) }
        router.post("/cases/:uid/refund") { request, context in await self.refund(request, context) }
        router.get("/filings/new") { request, _ in await self.filingForm(request) }
        router.post("/filings") { request, _ in await self.submitFiling(request) }
        router.get("/conflicts") { request, _ in await self.conflictList(request) }
        router.get("/conflicts/:id") { request, context in await self.conflictPage(request, context) }
        router.post("/conflicts/:id/resolve") { request, context in await self.resolveConflict(request, context) }
        router.post("/lockouts/lift") { request, _ in await self.liftLockout(request) }
        router.get("/sync") { request, _ in await self.syncPage(request) }
        router.post("/sync") { request, _ in await self.syncNow(request) }
        router.get("/inbox") { request, _ in await self.inbox(request) }
        router.get("/cases/:uid/fee") { request, context in await self.feePage(request, context) }
        router.post("/cases/:uid/fee/qr") { request, context in await self.startQRPayment(request, context) }
        router.post("/cases/:uid/hearings/:hearing/sign") { request, context in
            await self.signTranscript(request, context)
        }
        router.get("/announcements") { request, _ in await self.announcementsPage(request) }
        router.post("/announcements") { request, _ in await self.publishAnnouncement(request) }
        router.post("/announcements/:id/withdraw") { request, context in
            await self.withdrawAnnouncement(request, context)
        }
        router.get("/calendar") { request, _ in await self.calendarPage(request) }
        return router
    }

    func staticFile(_ context: BasicRequestContext) throws -> Response {
        let name = context.parameters.get("file") ?? ""
        guard ["desk.css", "desk.js"].contains(name),
            let url = Bundle.module.url(forResource: "Static/\(name)", withExtension: nil),
            let data = try? Data(contentsOf: url)
        else { return Response(status: .notFound) }
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Runs blocking node work (git, SQLite) on NIO's thread pool, off the server's event loops.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
