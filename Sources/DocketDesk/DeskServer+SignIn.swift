import DocketCore
import Foundation
import Hummingbird

/// Signing in and out, and the language switch.
extension DeskServer {
    /// The sign-in form. Its CSRF token is a random value in a SameSite cookie and in the form (no session yet).
    func signInPage(_ request: Request) async -> Response {
        let visit = await self.visit(request)
        if visit.session != nil { return redirect("/") }
        return signInForm(visit, next: request.uri.queryParameters.get("next") ?? "")
    }

    func signInForm(
        _ visit: DeskVisit, next: String, error: DocketError? = nil, status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        let token = DeskAccounts.randomToken()
        let page = pages.render(
            "signin",
            ["signinToken": token, "next": Self.safeNext(next), "error": error?.message(in: visit.language) as Any],
            visit: visit, title: visit.say("登录", "Sign in"))
        return html(page, status: status, cookies: [DeskCookie.make(DeskCookie.signInCSRF, token)])
    }

    func signIn(_ request: Request) async -> Response {
        let visit = await self.visit(request)
        let form: DeskForm
        do {
            form = try DeskForm.parse(
                try await request.body.collect(upTo: 64 * 1024), contentType: request.headers[.contentType])
        } catch { return errorPage(error, visit) }
        guard let sent = form["signinToken"], let cookie = request.cookies[DeskCookie.signInCSRF]?.value,
            Self.constantTimeEqual(sent, cookie)
        else {
            return errorPage(
                DocketError(
                    .notAllowed, key: "desk.csrf-refused", zh: "登录表单已失效或来源不明，请刷新登录页后重试。",
                    en: "The sign-in form has expired or did not come from this desk; reload the sign-in page and "
                        + "try again."), visit)
        }
        let name = form["name"] ?? "", password = form.fields.first { $0.name == "password" }?.value ?? ""
        let accounts = self.accounts, source = visit.source
        do {
            let session = try await offload { try accounts.signIn(name: name, password: password, source: source) }
            let next = Self.safeNext(form["next"] ?? "")
            return redirect(
                next.isEmpty ? "/" : next,
                cookies: [
                    DeskCookie.make(DeskCookie.session, session.token), DeskCookie.expired(DeskCookie.signInCSRF),
                ])
        } catch let error as DocketError {
            return signInForm(visit, next: form["next"] ?? "", error: error, status: Self.status(of: error.kind))
        } catch { return errorPage(error, visit) }
    }

    /// Ends the session (its row is deleted, so the old cookie opens nothing) and clears the cookie.
    func signOut(_ request: Request) async -> Response {
        await action(request, .readCases) { _, _, session in
            let accounts = self.accounts
            try await offload { try accounts.signOut(token: session.token) }
            return self.redirect("/signin", cookies: [DeskCookie.expired(DeskCookie.session)])
        }
    }

    /// `/language?to=en&back=/cases` sets the language cookie and goes back.
    func switchLanguage(_ request: Request) -> Response {
        let english = request.uri.queryParameters.get("to") == "en"
        let back = Self.safeNext(request.uri.queryParameters.get("back") ?? "/")
        return redirect(
            back.isEmpty ? "/" : back,
            cookies: [DeskCookie.make(DeskCookie.language, english ? "en" : "zh", maxAge: 365 * 24 * 3600)])
    }

    /// Only a path of this desk is a place to go back to (never another site: `//host` or `http:`).
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\n") else { return "" }
        return next
    }
}
