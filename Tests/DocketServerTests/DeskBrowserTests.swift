import DocketCore
import DocketProcess
import DocketTestSupport
import Foundation
import Testing

/// Issue 17, done when: in a real browser (Debian's headless Chromium through chromedriver), a lawyer on a firm node
/// files a case with two defendants and an uploaded PDF and syncs; a clerk on the court sees it in the review queue,
/// opens the document and sends a correction; the lawyer resubmits; the clerk accepts, and the case number and fee
/// appear on both; a conflicting edit is resolved side by side; a request without the CSRF token, a wrong role and a
/// wrong password are refused; signing out ends the session. Real nodes: two `docket serve --desk-listen` processes.
///
/// `DESK_SCREENSHOTS=DIR` saves the two screenshots the README shows (the review page and a conflict side by side).
@Suite(.serialized, .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver (make deps)"))
struct DeskBrowserTests {
    static let password = "desk-password-1"

    /// A small real PDF (one page, one line of text).
    static func pdf() -> Data {
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 720 Td (Evidence list) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        for (n, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(n + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    func addUser(_ cluster: Cluster, _ node: String, _ name: String, _ role: String, display: String) throws {
        let outcome = try ProcessRunner.run(
            Cluster.binary,
            ["desk", "user", "add", name, "--role", role, "--display-name", display, "--data", cluster.data(node)],
            input: Data("\(Self.password)\n".utf8))
        guard outcome.status == 0 else { throw TestFailure("desk user add \(name): \(outcome.errorText)") }
    }

    func signIn(_ browser: WebDriver, _ desk: String, _ name: String, password: String = password) throws {
        try browser.open(desk + "/signin")
        try browser.type("#name", name)
        try browser.type("#password", password)
        try browser.click("#signin")
        // The click only starts the navigation: wait for where it lands (signed in, or the error), so that the
        // next `open` is not overtaken by it.
        let deadline = Date().addingTimeInterval(20)
        while try browser.find("#signout") == nil && browser.find("#signin-error") == nil {
            guard Date() < deadline else { throw TestFailure("signing in as \(name) led nowhere") }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func signOut(_ browser: WebDriver) throws {
        try browser.click("#signout")
        try browser.wait(for: "#signin")
    }

    /// Syncs this node from its desk's sync page and waits for the report.
    func syncFromDesk(_ browser: WebDriver, _ desk: String) throws {
        try browser.open(desk + "/sync")
        try browser.click("#sync-now")
        try browser.wait(forText: "同步已完成", timeout: 60)
    }

    /// `fetch` from the page with its cookies: the status and the start of the answer.
    func post(_ browser: WebDriver, _ path: String, _ body: String) throws -> (Int, String) {
        let answer =
            try browser.executeAsync(
                """
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
                                     body: arguments[1], redirect: "manual"})
                  .then(r => r.text().then(t => done([r.status, t]))).catch(e => done([0, String(e)]));
                """, [path, body]) as? [Any]
        return ((answer?.first as? Int) ?? -1, (answer?.last as? String) ?? "")
    }

    func save(_ browser: WebDriver, _ name: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["DESK_SCREENSHOTS"] else { return }
        try browser.screenshot().write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }

    @Test func fileCorrectResubmitAcceptResolveAndTheRefusals() throws {
        let cluster = try Cluster()
        _ = try cluster.start(firms: ["firm-a"], desk: true)
        let court = "http://127.0.0.1:\(try #require(cluster.deskPort))"
        let (_, _, firmDeskPort) = try cluster.serve("firm-a", desk: true)
        let firm = "http://127.0.0.1:\(try #require(firmDeskPort))"
        try addUser(cluster, "firm-a", "chen", "lawyer", display: "陈律师")
        try addUser(cluster, "court", "wangli", "clerk", display: "王丽")
        try addUser(cluster, "court", "admin", "court-admin", display: "管理员")
        let evidence = cluster.root.appendingPathComponent("证据目录.pdf")
        try Self.pdf().write(to: evidence)

        let browser = try WebDriver(width: 1280, height: 1000)
        defer { browser.quit() }

        // The lawyer: a wrong password first, then in; the session cookie is HttpOnly and SameSite=Strict.
        try browser.open(firm + "/")
        try browser.wait(for: "#signin")
        try signIn(browser, firm, "chen", password: "not-my-password")
        try browser.wait(forText: "用户名或密码不正确", in: "#signin-error")
        try signIn(browser, firm, "chen")
        try browser.wait(forText: "我的案件")
        let session = try browser.cookies().first { $0["name"] as? String == "docket_desk" }
        #expect(session?["httpOnly"] as? Bool == true)
        #expect(session?["sameSite"] as? String == "Strict")

        // The filing form: a second defendant added, every field typed, a PDF uploaded.
        try browser.open(firm + "/filings/new")
        try browser.click("#add-defendant")
        try browser.wait(for: "#p2-name")
        try browser.type("#cause", "民间借贷纠纷")
        try browser.type("#claimAmount", "150000")
        try browser.type("#claims", "判令二被告连带偿还借款本金150000元")
        try browser.type("#p0-name", "张伟")
        try browser.type("#p0-idNumber", "370102198503121233")
        try browser.type("#p0-phone", "13800138000")
        try browser.type("#p0-email", "zhangwei@example.com")
        try browser.click("#p0-consent")
        try browser.type("#p0-rep", "陈律师")
        try browser.type("#p1-name", "李四")
        try browser.type("#p1-idNumber", "11010519491231002X")
        try browser.type("#p2-name", "济南鲁信商贸有限公司")
        try browser.click("#p2-kind option[value=organisation]")
        try browser.wait(for: "#documents").send(evidence.path)
        try browser.click("#file-case")
        try browser.wait(forText: "立案材料已提交", in: "#done")
        let filingNumber = try browser.text("#filing-number")
        #expect(try browser.text("#case-status") == "审查中")
        #expect(try browser.text("#parties").contains("济南鲁信商贸有限公司"))
        #expect(try browser.text("#documents").contains("证据目录.pdf"))
        try syncFromDesk(browser, firm)
        try signOut(browser)

        // The clerk: the filing in the review queue, its PDF opened in the browser, one correction notice.
        try signIn(browser, court, "wangli")
        try browser.wait(forText: filingNumber, in: "#filings")
        try browser.click("#filings a")
        try browser.wait(for: "#review")
        #expect(try browser.text("#fee-quote") == "3300.00元")
        // Nothing done yet: no status box (an absent value once showed as "nil").
        #expect(try browser.find("#done") == nil)
        #expect(!(try browser.text("body").contains("nil")))
        try save(browser, "desk-court-review.png")
        try browser.click("a.doc-link[data-name='证据目录.pdf']")
        try browser.wait(for: "object#doc-viewer[type='application/pdf']")
        let raw =
            try browser.executeAsync(
                """
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById("raw-link").href).then(r => r.text().then(t =>
                  done([r.headers.get("content-type"), t.slice(0, 8)])));
                """) as? [String]
        #expect(raw == ["application/pdf", "%PDF-1.4"])
        try browser.execute("history.back()")
        try browser.type("#items", "补充被告济南鲁信商贸有限公司的营业执照\n补充借条原件的复印件")
        try browser.click("#send-correction")
        try browser.wait(forText: "补正通知已发出", in: "#done")
        #expect(try browser.text("#case-status") == "待补正")
        let uid = try #require(try browser.url.split(separator: "/").last?.split(separator: "?").first.map(String.init))

        // A request without the CSRF token, from the signed-in clerk's own page, is refused and changes nothing.
        let (forged, forgedText) = try post(browser, "/cases/\(uid)/reject", "reason=x")
        #expect(forged == 403)
        #expect(forgedText.contains("表单校验码"))
        try signOut(browser)

        // The lawyer resubmits.
        try signIn(browser, firm, "chen")
        try syncFromDesk(browser, firm)
        try browser.open(firm + "/cases/\(uid)")
        try browser.wait(for: "#resubmit")
        try browser.click("#resubmit-button")
        try browser.wait(forText: "已重新提交审查", in: "#done")
        try syncFromDesk(browser, firm)
        try signOut(browser)

        // The clerk accepts: the case number and the fee.
        try signIn(browser, court, "wangli")
        try browser.open(court + "/cases/\(uid)")
        try browser.wait(for: "#accept-form")
        try browser.type("#judge", "赵法官")
        try browser.click("#accept")
        try browser.wait(forText: "已登记立案", in: "#done")
        let caseNumber = try browser.text("#case-number")
        #expect(caseNumber.hasPrefix("（20") && caseNumber.contains("鲁0102民初"))
        #expect(try browser.text("#fee-assessed") == "3300.00元")

        // Wrong role: a clerk may not resolve conflicts (the conflict is made next; the refusal comes first).
        try signOut(browser)
        try signIn(browser, firm, "chen")
        try syncFromDesk(browser, firm)
        try browser.open(firm + "/cases/\(uid)")
        try browser.wait(for: "#case-number")
        #expect(try browser.text("#case-number") == caseNumber)
        #expect(try browser.text("#fee-assessed") == "3300.00元")

        // Both sides change the plaintiff's phone while apart; the firm's sync merges and records the conflict.
        let parties =
            (try cluster.json("court", ["case", "show", uid]) as! [String: Any])["parties"] as! [[String: Any]]
        let plaintiff = parties.first { $0["name"] as? String == "张伟" }!["id"] as! String
        try cluster.docket("court", ["case", "edit", uid, "--party", plaintiff, "--set", "phone=13900000001"])
        try cluster.docket("firm-a", ["case", "edit", uid, "--party", plaintiff, "--set", "phone=13900000002"])
        try syncFromDesk(browser, firm)
        try signOut(browser)

        try signIn(browser, court, "wangli")
        // The work list names the conflict in people's words too.
        try browser.wait(forText: "原告张伟 · 手机号码", in: "#conflicts")
        try browser.open(court + "/conflicts")
        try browser.wait(forText: "原告张伟 · 手机号码")
        try browser.click("a.conflict-link")
        try browser.wait(for: "#sides")
        #expect(try browser.find("#resolve-form") == nil)
        let conflictPath = try browser.url.replacingOccurrences(of: court, with: "")
        let csrf = try #require(try browser.wait(for: "input[name=csrf]").attribute("value"))
        let (wrongRole, wrongRoleText) = try post(browser, conflictPath + "/resolve", "csrf=\(csrf)&choose=court-lixia")
        #expect(wrongRole == 403)
        #expect(wrongRoleText.contains("您的角色（书记员）不能处理合并冲突"))
        try signOut(browser)

        // The court's administrator resolves it side by side, with a note.
        try signIn(browser, court, "admin")
        try browser.open(court + conflictPath)
        try browser.wait(for: "#resolve-form")
        let sides = try browser.text("#sides")
        #expect(sides.contains("13900000001") && sides.contains("13900000002") && sides.contains("历下区人民法院"))
        #expect(sides.contains("律师事务所 firm-a"))
        #expect(try browser.text("#conflict-heading") == "原告张伟 · 手机号码")
        #expect(try browser.find("#resolution") == nil)
        try save(browser, "desk-conflict.png")
        try browser.click(
            ".side[data-node='court-lixia'] ~ form input[value='court-lixia'], #resolve-form input[value='court-lixia']"
        )
        try browser.type("#note", "以法院核实的号码为准")
        try browser.click("#resolve")
        try browser.wait(forText: "冲突已处理", in: "#done")
        let open = try cluster.json("court", ["conflicts", "list"]) as! [Any]
        #expect(open.isEmpty)

        // Signing out ends the session: the desk asks to sign in again.
        try signOut(browser)
        try browser.open(court + "/cases/\(uid)")
        try browser.wait(for: "#signin")
        #expect(try browser.url.contains("/signin"))
    }
}
