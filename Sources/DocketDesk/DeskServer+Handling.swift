import DocketCore
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How every page and form of the desk is handled: the visit (session, language), the role check, the CSRF
/// check, the node's work off the event loop as the signed-in person, and errors as readable pages.
extension DeskServer {
    /// Who asks, in which language, for what.
    func visit(_ request: Request) async -> DeskVisit {
        let english = request.cookies[DeskCookie.language]?.value == "en"
        var path = request.uri.path
        if let query = request.uri.query, !query.isEmpty { path += "?" + query }
        let token = request.cookies[DeskCookie.session]?.value
        let accounts = self.accounts
        let session = try? await token.asyncFlatMap { token in try await offload { try accounts.session(token: token) }
        }
        return DeskVisit(
            session: session ?? nil, english: english, path: path,
            source: "desk", nodeName: node.config.name)
    }

    /// A page of HTML, never cached, never framed by another site, never sniffed as another type.
    func html(_ text: String, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        var response = Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .init("X-Content-Type-Options")!: "nosniff", .init("X-Frame-Options")!: "SAMEORIGIN",
                .init("Content-Security-Policy")!:
                    "default-src 'self'; object-src 'self'; frame-ancestors 'self'; "
                    + "form-action 'self'; base-uri 'none'",
                .init("Referrer-Policy")!: "same-origin",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// 303 See Other to `location` (after a form: the browser then asks for it with GET).
    func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// An error as a page in the visitor's language, with the status its kind gives.
    func errorPage(_ error: any Error, _ visit: DeskVisit) -> Response {
        let docket = DocketError.wrapping(error, zh: "工作台出错", en: "The desk failed")
        let status = DeskServer.status(of: docket.kind)
        let page = pages.render(
            "error",
            [
                "message": docket.message(in: visit.language), "key": docket.key,
                "status": "\(status.code)", "back": visit.session == nil ? "/signin" : "/",
            ], visit: visit, title: visit.say("无法办理", "Not done"))
        return html(page, status: status)
    }

    /// The HTTP status of a kind of failure (as the peers' API answers).
    static func status(of kind: DocketError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .notAllowed: .forbidden
        case .invalidInput: .unprocessableContent
        case .unauthorized: .unauthorized
        case .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .internal: .internalServerError
        }
    }

    /// A page for the signed-in: without a session it sends the browser to sign in (and back afterwards); without
    /// the permission it answers the refusal page (403).
    func page(
        _ request: Request, _ permission: DeskPermission,
        _ body: @escaping @Sendable (DeskVisit, DeskSession) async throws -> Response
    ) async -> Response {
        let visit = await self.visit(request)
        guard let session = visit.session else {
            return redirect(
                "/signin?next=" + (visit.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        guard permission.allows(session.user.role) else {
            return errorPage(permission.refusal(for: session.user.role), visit)
        }
        do { return try await body(visit, session) } catch { return errorPage(error, visit) }
    }

    /// A form sent by the signed-in: the session, the permission and the form's CSRF token are checked before
    /// anything is read or done. A request without a session or with a wrong token changes nothing.
    func action(
        _ request: Request, _ permission: DeskPermission,
        _ body: @escaping @Sendable (DeskForm, DeskVisit, DeskSession) async throws -> Response
    ) async -> Response {
        let visit = await self.visit(request)
        guard let session = visit.session else {
            return errorPage(
                DocketError(
                    .unauthorized, key: "desk.signed-out", zh: "您尚未登录或登录已失效，请重新登录。",
                    en: "You are not signed in, or your session has ended; please sign in again."), visit)
        }
        let form: DeskForm
        do {
            let body = try await request.body.collect(upTo: maxBodyBytes)
            form = try DeskForm.parse(body, contentType: request.headers[.contentType])
        } catch {
            return errorPage(
                error as? DocketError
                    ?? DocketError(
                        .invalidInput, key: "desk.form-too-large",
                        zh: "提交的内容过大（上限\(maxBodyBytes / 1024 / 1024) MiB）。",
                        en: "What was sent is too large (at most \(maxBodyBytes / 1024 / 1024) MiB)."), visit)
        }
        guard let token = form["csrf"], Self.constantTimeEqual(token, session.csrf) else {
            return errorPage(
                DocketError(
                    .notAllowed, key: "desk.csrf-refused",
                    zh: "该请求缺少有效的表单校验码，未予办理。请从工作台页面重新提交。",
                    en: "The request did not carry this session's form token and was not carried out. Send it again "
                        + "from a desk page."), visit)
        }
        guard permission.allows(session.user.role) else {
            return errorPage(permission.refusal(for: session.user.role), visit)
        }
        do { return try await body(form, visit, session) } catch { return errorPage(error, visit) }
    }

    /// Runs node work off the event loop with the signed-in person as the author of every commit it makes.
    func work<T>(_ session: DeskSession, _ body: @escaping @Sendable (Node) throws -> T) async throws -> T {
        let node = self.node, name = session.user.name
        return try await offload { HandOver(try node.acting(as: name) { try body(node) }) }.value
    }

    /// Reads from the node off the event loop.
    func read<T>(_ body: @escaping @Sendable (Node) throws -> T) async throws -> T {
        let node = self.node
        return try await offload { HandOver(try body(node)) }.value
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// A value made on a pool thread and handed to the request's task once, never shared: page values are plain
/// dictionaries (`[String: Any]`, what Mustache renders), which cannot be declared Sendable.
struct HandOver<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
