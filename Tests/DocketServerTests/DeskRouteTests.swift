import DocketCore
import DocketDesk
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 17: the desk's rules in process (HummingbirdTesting): cookies, sign-in and lockout, CSRF, roles, sign-out,
/// the signed-in person as commit author, every filing error at once, pages wholly in one language.
@Suite struct DeskRouteTests {
    @Test func signInSetsHttpOnlySameSiteCookiesAndSignOutEndsTheSession() async throws {
        let bench = try await DeskBench(role: .court, users: [("wangli", .clerk)])
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            let first = try await browser.get("/")
            #expect(first.status == .seeOther)
            #expect(first.location?.hasPrefix("/signin") == true)
            let form = try await browser.get("/signin")
            #expect(
                browser.lastSetCookies.contains {
                    $0.hasPrefix("docket_desk_signin=") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict")
                })
            #expect(form.field("signinToken") != nil)
            let signedIn = try await browser.post(
                "/signin",
                [("signinToken", form.field("signinToken")!), ("name", "wangli"), ("password", DeskBench.password)])
            #expect(signedIn.status == .seeOther)
            let session = browser.lastSetCookies.first { $0.hasPrefix("docket_desk=") }
            #expect(session?.contains("HttpOnly") == true)
            #expect(session?.contains("SameSite=Strict") == true)
            #expect(session?.contains("Path=/") == true)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("待审查立案"))
            // Signing out deletes the session: the old cookie, sent again, opens nothing.
            let oldCookie = browser.cookies["docket_desk"]!
            let out = try await browser.post("/signout", [("csrf", home.field("csrf")!)])
            #expect(out.status == .seeOther)
            #expect(browser.cookies["docket_desk"] == nil)
            browser.cookies["docket_desk"] = oldCookie
            let after = try await browser.get("/")
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix("/signin") == true)
        }
    }

    @Test func wrongPasswordsAreRefusedAndFiveLockTheAccount() async throws {
        let bench = try await DeskBench(role: .court, users: [("wangli", .clerk)])
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            let unknown = try await browser.signIn("nobody", "whatever1")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body.contains("用户名或密码不正确"))
            for _ in 0..<5 {
                let wrong = try await browser.signIn("wangli", "wrong password")
                #expect(wrong.status == .unauthorized)
                #expect(browser.cookies["docket_desk"] == nil)
            }
            // Locked: even the right password is refused, and says so.
            let locked = try await browser.signIn("wangli")
            #expect(locked.status == .serviceUnavailable)
            #expect(locked.body.contains("已被锁定"))
            #expect(browser.cookies["docket_desk"] == nil)
            // A sign-in form sent without its token (another site's form) is refused before the password is looked at.
            let forged = try await browser.post("/signin", [("name", "wangli"), ("password", DeskBench.password)])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func aFormWithoutTheSessionsTokenChangesNothingAndTheClerkIsTheAuthor() async throws {
        let bench = try await DeskBench(role: .court, users: [("wangli", .clerk)])
        let uid = try bench.fileCase()
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            try await browser.signIn("wangli")
            let missing = try await browser.post("/cases/\(uid)/accept", [("procedure", "simple")])
            #expect(missing.status == .forbidden)
            #expect(missing.body.contains("表单校验码"))
            let wrong = try await browser.post(
                "/cases/\(uid)/accept", [("csrf", "not-the-token"), ("procedure", "simple")])
            #expect(wrong.status == .forbidden)
            #expect(try bench.node.caseFile(uid).record.status == .submitted)
            let page = try await browser.get("/cases/\(uid)")
            #expect(page.body.contains("id=\"accept-form\""))
            let accepted = try await browser.post(
                "/cases/\(uid)/accept", [("csrf", page.field("csrf")!), ("procedure", "simple"), ("judge", "赵法官")])
            #expect(accepted.status == .seeOther)
            #expect(accepted.location == "/cases/\(uid)?done=accepted")
            let record = try bench.node.caseFile(uid).record
            #expect(record.status == .accepted)
            #expect(record.judge == "赵法官")
            #expect(try bench.lastAuthor(uid) == "wangli <wangli@court-lixia>")
            let shown = try await browser.get(accepted.location!)
            #expect(shown.body.contains(record.caseNumber!))
            #expect(shown.body.contains("已登记立案"))
        }
        // Outside the desk the node's own operator is the author again.
        _ = try bench.node.addDocument(uid, bytes: Array("证据".utf8), name: "证据目录.txt")
        #expect(try bench.lastAuthor(uid) == "server <server@court-lixia>")
    }

    @Test func aRoleThatMayNotIsRefusedWithAReadablePageInItsLanguage() async throws {
        let bench = try await DeskBench(role: .court, users: [("wangli", .clerk), ("admin", .courtAdmin)])
        let uid = try bench.fileCase()
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            try await browser.signIn("admin")
            let token = try await browser.csrf()
            let refused = try await browser.post("/cases/\(uid)/correct", [("csrf", token), ("items", "补充身份证明")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("您的角色（法院管理员）不能审查立案"))
            #expect(try bench.node.caseFile(uid).record.status == .submitted)
            browser.cookies["docket_desk_lang"] = "en"
            let english = try await browser.post("/cases/\(uid)/correct", [("csrf", token), ("items", "x")])
            #expect(english.status == .forbidden)
            #expect(english.body.contains("Your role (Court administrator) may not review filings"))
        }
    }

    @Test func theDashboardListsFilingsWithTheirClockAndMaterialAwaitingTheJudge() async throws {
        let bench = try await DeskBench(role: .court, users: [("zhao", .judge)])
        let uid = try bench.fileCase()
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            try await browser.signIn("zhao")
            let dashboard = try await browser.get("/")
            #expect(dashboard.body.contains(FilingNumber.of(uid: uid)))
            #expect(dashboard.body.contains("审查期限（7日）"))
            #expect(dashboard.body.contains("天"))
        }
    }

    @Test func theFilingFormShowsEveryErrorAtOnceKeepsTheDraftAndFilesAsTheLawyer() async throws {
        let bench = try await DeskBench(role: .firm, users: [("chen", .lawyer), ("xiao", .assistant)])
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            try await browser.signIn("chen")
            let token = try await browser.csrf()
            var fields: [(String, String)] = [
                ("csrf", token), ("court", "鲁0102"), ("caseType", "civil"), ("cause", ""), ("claimAmount", "12abc"),
                ("claims", "偿还借款"), ("p0.role", "plaintiff"), ("p0.name", "张伟"), ("p0.idNumber", "110105194912310021"),
                ("p0.phone", "12345"), ("p0.rep", "陈律师"), ("p1.role", "defendant"), ("p1.name", "李四"),
                ("p1.email", "not-an-address"), ("intent", "file"),
            ]
            let refused = try await browser.post("/filings", fields)
            #expect(refused.status == .unprocessableContent)
            let problems =
                refused.body.components(separatedBy: "id=\"problems\"").last?
                .components(separatedBy: "</div>").first ?? ""
            for words in ["案由为必填项", "诉讼标的额", "原告1（张伟）证件号码", "原告1（张伟）手机号码", "被告1（李四）电子邮箱"] {
                #expect(problems.contains(words), "missing \(words) in \(problems)")
            }
            #expect(try bench.node.caseCount() == 0)
            // The draft kept what was typed.
            let draft = try #require(refused.field("draft"))
            #expect(!draft.isEmpty)
            #expect(refused.body.contains("value=\"张伟\""))
            // An assistant may prepare, not file.
            let assistant = DeskClient(raw)
            try await assistant.signIn("xiao")
            let notAllowed = try await assistant.post(
                "/filings", [("csrf", try await assistant.csrf()), ("intent", "file")])
            #expect(notAllowed.status == .forbidden)
            // Corrected: filed, by the lawyer, and the draft is gone.
            fields = fields.filter {
                !["cause", "claimAmount", "p0.idNumber", "p0.phone", "p1.email", "draft"].contains($0.0)
            }
            fields += [("cause", "民间借贷纠纷"), ("claimAmount", "50000"), ("p0.phone", "13800138000"), ("draft", draft)]
            let filed = try await browser.post("/filings", fields)
            #expect(
                filed.status == .seeOther,
                "\(filed.body.components(separatedBy: "id=\"problems\"").last?.prefix(800) ?? "")")
            let uid = try #require(
                filed.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            let file = try bench.node.caseFile(uid)
            #expect(file.parties.first { $0.role == .plaintiff }?.representative?.firm == "firm-a")
            #expect(try bench.lastAuthor(uid) == "chen <chen@firm-a>")
            #expect(try DeskDrafts(node: bench.node).drafts(user: "chen").isEmpty)
        }
    }

    @Test func englishPagesAreWhollyEnglishAndEveryWordExistsInBothLanguages() async throws {
        let used = try FileManager.default.contentsOfDirectory(
            atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/DocketDesk/Templates").path)
        var names = Set<String>()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/DocketDesk/Templates")
        for file in used {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let start = rest.range(of: "{{t.") {
                let name = rest[start.upperBound...].prefix { $0 != "}" }
                names.insert(String(name))
                rest = rest[start.upperBound...]
            }
        }
        #expect(names.count > 50)
        for name in names {
            let words = DeskText.words[name]
            #expect(words != nil, "no words for t.\(name)")
            #expect(
                words?.en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } == false,
                "t.\(name) in English has Chinese")
        }
        let bench = try await DeskBench(role: .court, users: [("wangli", .clerk)])
        try await bench.app.test(.router) { raw in
            let browser = DeskClient(raw)
            browser.cookies["docket_desk_lang"] = "en"
            let signIn = try await browser.get("/signin")
            // Only the switch back to Chinese and the node's own name are Chinese on an English page.
            let han = signIn.body.replacingOccurrences(of: "中文", with: "").replacingOccurrences(
                of: bench.node.config.name, with: ""
            )
            .unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }
            #expect(han.isEmpty, "Chinese on the English sign-in page: \(String(String.UnicodeScalarView(han)))")
            try await browser.signIn("wangli")
            let dashboard = try await browser.get("/")
            #expect(dashboard.body.contains("Filings to review"))
            let hanOnDashboard = dashboard.body.replacingOccurrences(of: "中文", with: "")
                .replacingOccurrences(of: bench.node.config.name, with: "")
                .unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }
            #expect(hanOnDashboard.isEmpty)
        }
    }
}
