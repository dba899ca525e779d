import DocketCore
import DocketDesk
import DocketStore
import DocketSync
import Foundation
import HummingbirdTesting
import Testing

/// Issue 17, the firm's and the court's services in the desk: the inbox with reached and read times, fee payment by
/// QR code, transcript signing, announcements and the hearing calendar — each over the node's own steps.
extension DeskRouteTests {
    @Test func theInboxShowsWhenAServedDocumentReachedTheFirmAndOpeningItRecordsTheReading() async throws {
        let pair = try await DeskPair(court: [], firm: [("chen", .lawyer)])
        let uid = try pair.acceptedCase()
        let court = pair.court.node
        let file = try court.caseFile(uid)
        let plaintiff = try #require(file.parties.first { $0.role == .plaintiff })
        let notice = try #require(file.documents.first)
        _ = try court.outbox.serve(uid, documentId: notice.id, to: [plaintiff.id], channel: .email)
        try court.set(.mailCommand, to: "cat > /dev/null")
        #expect(try court.outbox.deliver().delivered == 1)
        try DeskPair.carry(uid, from: court, to: pair.firm.node)
        let service = try #require(try pair.firm.node.caseFile(uid).services.first)
        let reached = try #require(service.reachedAt.flatMap(UTCTime.milliseconds(parsingISO:)))

        try await pair.firm.app.test(.router) { raw in
            let browser = DeskClient(raw)
            try await browser.signIn("chen")
            let inbox = try await browser.get("/inbox")
            #expect(inbox.status == .ok)
            let row = try #require(inbox.element("data-service=\"\(service.id)\"", tag: "tr"))
            #expect(row.contains(notice.title) && row.contains("张伟"))
            let shown = UTCTime.displayWithZone(Date(timeIntervalSince1970: Double(reached) / 1000))
            #expect(row.contains("<td class=\"reached\">\(shown)</td>"), "\(row)")
            #expect(row.contains("<td class=\"read\"></td>") && row.contains("未读"))
            #expect(inbox.body.contains("北京时间"))

            let opened = try await browser.get("/cases/\(uid)/documents/\(notice.id)")
            #expect(opened.status == .ok)
            let read = try #require(try pair.firm.node.caseFile(uid).services.first?.readAt)
            #expect(try pair.firm.lastAuthor(uid) == "chen <chen@firm-a>")
            let readShown = UTCTime.displayWithZone(
                Date(timeIntervalSince1970: Double(UTCTime.milliseconds(parsingISO: read)!) / 1000))
            let after = try await browser.get("/inbox")
            let readRow = try #require(after.element("data-service=\"\(service.id)\"", tag: "tr"))
            #expect(readRow.contains("<td class=\"read\">\(readShown)</td>") && !readRow.contains("未读"))
            browser.cookies["docket_desk_lang"] = "en"
            let english = try await browser.get("/inbox")
            let number = try pair.firm.node.caseFile(uid).record.caseNumber ?? ""
            let data = [pair.firm.node.config.name, number, file.record.title, notice.title, "张伟"]
            #expect(english.body.contains("Reached the firm"))
            #expect(english.chinese(except: data).isEmpty, "\(english.chinese(except: data))")
            // Opening it again records nothing more.
            let tip = try pair.firm.node.repository(uid).reference("refs/heads/main")
            _ = try await browser.get("/cases/\(uid)/documents/\(notice.id)")
            #expect(try pair.firm.node.repository(uid).reference("refs/heads/main") == tip)
        }
    }

    @Test func theFeePageShowsAQRCodeAndShowsPaidOnceTheCourtRecordsThePayment() async throws {
        let gateway = FakeQRGateway(.pending(payURL: "https://pay.example/p/DK1", expiresAt: nil))
        let pair = try await DeskPair(court: [], firm: [("chen", .lawyer)], qrGateway: { _ in gateway })
        let uid = try pair.acceptedCase()
        let number = try #require(try pair.firm.node.caseFile(uid).record.caseNumber)
        try await pair.firm.app.test(.router) { raw in
            let browser = DeskClient(raw)
            try await browser.signIn("chen")
            #expect(try await browser.get("/cases/\(uid)").body.contains("href=\"/cases/\(uid)/fee\""))
            let owed = try await browser.get("/cases/\(uid)/fee")
            #expect(owed.body.contains("data-state=\"owed\"") && owed.body.contains("id=\"start-qr\""))
            #expect(owed.element("id=\"counter-reference\"", tag: "strong") == number)

            let started = try await browser.post("/cases/\(uid)/fee/qr", [("csrf", owed.field("csrf")!)])
            #expect(started.status == .seeOther)
            let awaiting = try await browser.get(started.location!)
            #expect(awaiting.body.contains("data-state=\"awaiting\"") && awaiting.body.contains("data-refresh"))
            let svg = try #require(awaiting.element("id=\"fee-qr\"", tag: "div"))
            // A real code: the top-left finder pattern's first module sits just inside the quiet zone.
            #expect(svg.hasPrefix("<svg") && svg.contains("<path d=\"M4 4h1v1h-1z"))
            #expect(awaiting.body.contains("https://pay.example/p/DK1"))
            let payment = try #require(try pair.firm.node.payments.qrInFlight(uid)?.payment)
            #expect(try pair.firm.lastAuthor(uid) == "chen <chen@firm-a>")

            // Paid on the phone: the service says so, the court has not recorded it yet.
            gateway.answer = .paid(reference: "txn_desk_9", details: [:])
            let confirming = try await browser.get("/cases/\(uid)/fee")
            #expect(confirming.body.contains("data-state=\"confirming\"") && confirming.body.contains("txn_desk_9"))
            #expect(!confirming.body.contains("id=\"fee-paid\""))

            // The case reaches the court, which asks the service itself and records the money; then back.
            try DeskPair.carry(uid, from: pair.firm.node, to: pair.court.node)
            let recorded = try pair.court.node.payments.confirmForeignQR(uid, gateway: gateway)
            #expect(recorded.map(\.id) == [payment.id] && recorded.first?.state == .paid)
            try DeskPair.carry(uid, from: pair.court.node, to: pair.firm.node)
            let paid = try await browser.get("/cases/\(uid)/fee")
            #expect(paid.body.contains("data-state=\"paid\"") && paid.body.contains("id=\"fee-paid\""))
            #expect(paid.body.contains("txn_desk_9") && !paid.body.contains("<svg"))
            browser.cookies["docket_desk_lang"] = "en"
            let english = try await browser.get("/cases/\(uid)/fee")
            #expect(english.body.contains("The fee is paid and recorded by the court."))
            let data = [pair.firm.node.config.name, number, try pair.firm.node.caseFile(uid).record.title]
            #expect(english.chinese(except: data).isEmpty, "\(english.chinese(except: data))")
        }
    }

    @Test func aLawyerSignsTheTranscriptAndTheJudgeSeesWhoSignedAndWhen() async throws {
        let pair = try await DeskPair(court: [("zhao", .judge)], firm: [("chen", .lawyer), ("xiao", .assistant)])
        let uid = try pair.acceptedCase()
        let court = pair.court.node
        let today = Node.today()
        let startsAt = try LocalDateTime(date: today.adding(days: -5), hour: 9, minute: 30)
        let hearing = try court.services.scheduleHearing(
            uid, mode: .inPerson, startsAt: startsAt, place: "第一法庭", judge: "赵法官",
            outsideHoursReason: "测试：过去的庭审", today: today.adding(days: -10)
        ).hearing
        _ = try court.services.fileTranscript(
            uid, hearing: hearing.id, heldOn: startsAt.date, name: "庭审笔录.txt", bytes: Array("庭审笔录全文".utf8))
        _ = try court.peers.invite("firm-a", role: .firm, publicKey: pair.firm.node.key.publicKeyBase64)
        try DeskPair.carry(uid, from: court, to: pair.firm.node)
        let plaintiff = try #require(try court.caseFile(uid).parties.first { $0.role == .plaintiff })

        try await pair.firm.app.test(.router) { raw in
            let assistant = DeskClient(raw)
            try await assistant.signIn("xiao")
            #expect(!(try await assistant.get("/cases/\(uid)")).body.contains("class=\"card no-print sign-form\""))
            let refused = try await assistant.post(
                "/cases/\(uid)/hearings/\(hearing.id)/sign",
                [("csrf", try await assistant.csrf()), ("party", plaintiff.id)])
            #expect(refused.status == .forbidden && refused.body.contains("不能签名确认庭审笔录"))

            let lawyer = DeskClient(raw)
            try await lawyer.signIn("chen")
            let page = try await lawyer.get("/cases/\(uid)")
            #expect(page.body.contains("action=\"/cases/\(uid)/hearings/\(hearing.id)/sign\""))
            #expect(page.body.contains("<option value=\"\(plaintiff.id)\">张伟</option>"))
            let signed = try await lawyer.post(
                "/cases/\(uid)/hearings/\(hearing.id)/sign",
                [("csrf", page.field("csrf")!), ("party", plaintiff.id), ("method", "sign")])
            #expect(signed.status == .seeOther, "\(signed.body.prefix(600))")
            #expect(try pair.firm.lastAuthor(uid) == "chen <chen@firm-a>")
        }
        try DeskPair.carry(uid, from: pair.firm.node, to: court)
        let signature = try #require(try court.caseFile(uid).hearing(hearing.id)?.signatures[plaintiff.id])
        #expect(signature.node == "firm-a" && signature.method == "sign")

        try await pair.court.app.test(.router) { raw in
            let judge = DeskClient(raw)
            try await judge.signIn("zhao")
            let page = try await judge.get("/cases/\(uid)")
            let row = try #require(page.element("data-party=\"\(plaintiff.id)\"", tag: "tr"))
            #expect(row.contains("张伟") && row.contains("签名") && row.contains("签名有效"), "\(row)")
            #expect(row.contains(UTCTime.displayWithZone(signature.signedAt.date)))
            #expect(page.body.contains("<span class=\"unsigned\">李四</span>"))
            #expect(!page.body.contains("sign-form"), "a judge signs for nobody")
        }
    }

    @Test func anAnnouncementPublishedAtTheCourtIsReadOnTheFirmAndALawyerCannotPublish() async throws {
        let pair = try await DeskPair(court: [("admin", .courtAdmin), ("wangli", .clerk)], firm: [("chen", .lawyer)])
        try await pair.court.app.test(.router) { raw in
            let admin = DeskClient(raw)
            try await admin.signIn("admin")
            let form = try await admin.get("/announcements")
            #expect(form.body.contains("id=\"publish-button\""))
            let published = try await admin.post(
                "/announcements",
                [
                    ("csrf", form.field("csrf")!), ("title", "元旦假期安排"), ("body", "1月1日立案大厅暂停开放。"),
                    ("from", ""), ("until", ""), ("language", ""),
                ])
            #expect(published.status == .seeOther)
            let clerk = DeskClient(raw)
            try await clerk.signIn("wangli")
            let seen = try await clerk.get("/announcements")
            #expect(seen.body.contains("元旦假期安排") && seen.body.contains("1月1日立案大厅暂停开放。"))
        }
        let record = try #require(try pair.court.node.currentAnnouncements().first)
        #expect(record.updatedBy == "court-lixia")
        let repo = try pair.court.node.announcementsRepository(court: "鲁0102")!
        #expect(try repo.commit(try repo.reference("refs/heads/main")!).author.name == "admin")

        // Sync carries the court's announcements repository to the firm (fetched as `pullAnnouncements` does).
        let theirs = try #require(try pair.firm.node.announcementsRepository(court: "鲁0102", creating: true))
        try theirs.fetch(
            from: pair.court.node.paths.announcements(ofCourt: "鲁0102").path,
            refspecs: ["+refs/heads/main:refs/heads/main"], headers: [])
        try await pair.firm.app.test(.router) { raw in
            let lawyer = DeskClient(raw)
            try await lawyer.signIn("chen")
            let page = try await lawyer.get("/announcements")
            #expect(page.body.contains("元旦假期安排") && !page.body.contains("id=\"publish-button\""))
            let refused = try await lawyer.post(
                "/announcements", [("csrf", page.field("csrf")!), ("title", "律所公告"), ("body", "不应发布")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("您的角色（律师）不能发布公告"))
            lawyer.cookies["docket_desk_lang"] = "en"
            let english = try await lawyer.get("/announcements")
            #expect(english.body.contains("<h1>Announcements</h1>"))
            let data = [pair.firm.node.config.name, "鲁0102", "元旦假期安排", "1月1日立案大厅暂停开放。"]
            #expect(english.chinese(except: data).isEmpty, "\(english.chinese(except: data))")
        }
        #expect(try pair.court.node.currentAnnouncements().count == 1)
        #expect(try pair.firm.node.currentAnnouncements().map(\.title) == ["元旦假期安排"])
    }

    @Test func aScheduledHearingAppearsInItsCourtroomColumnAtItsBeijingTime() async throws {
        let bench = try await DeskBench(role: .court, users: [("wangli", .clerk)])
        let uid = try bench.fileCase()
        _ = try bench.node.accept(uid, judge: "赵法官")
        let day = Node.today().adding(days: 7)
        let hearing = try bench.node.services.scheduleHearing(
            uid, mode: .inPerson, startsAt: try LocalDateTime(date: day, hour: 9, minute: 30), place: "第三法庭",
            judge: "赵法官", outsideHoursReason: "测试"
        ).hearing
        let number = try #require(try bench.node.caseFile(uid).record.caseNumber)
        try await bench.app.test(.router) { raw in
            let clerk = DeskClient(raw)
            try await clerk.signIn("wangli")
            #expect(try await clerk.get("/").body.contains("href=\"/calendar\""))
            #expect(try await clerk.get("/cases/\(uid)").body.contains("href=\"/calendar?week=\(day)\""))
            let week = try await clerk.get("/calendar?week=\(day)")
            #expect(week.status == .ok && week.body.contains("北京时间（UTC+08:00）"))
            let cell = try #require(week.element("data-column=\"第三法庭\" data-day=\"\(day)\""))
            #expect(cell.contains("<time>09:30–11:30</time>") && cell.contains(number), "\(cell)")
            let neighbour = day.adding(days: day.weekday == .sunday ? -1 : 1)
            let otherDay = week.element("data-column=\"第三法庭\" data-day=\"\(neighbour)\"")
            #expect(otherDay?.contains("09:30") == false)
            let byJudge = try await clerk.get("/calendar?week=\(day)&by=judge")
            #expect(byJudge.element("data-column=\"赵法官\" data-day=\"\(day)\"")?.contains("09:30") == true)
            clerk.cookies["docket_desk_lang"] = "en"
            let english = try await clerk.get("/calendar?week=\(day)")
            #expect(english.body.contains("Beijing time (UTC+08:00)"))
            let data = [bench.node.config.name, number, "第三法庭", "赵法官"]
            #expect(english.chinese(except: data).isEmpty, "\(english.chinese(except: data))")
            clerk.cookies["docket_desk_lang"] = nil
            // The week before is empty; cancelled, the hearing leaves the calendar.
            #expect(try await clerk.get("/calendar?week=\(day.adding(days: -7))").body.contains("本周没有排期的庭审"))
            _ = try bench.node.services.cancelHearing(uid, hearing: hearing.id, reason: "测试")
            #expect(try await clerk.get("/calendar?week=\(day)").element("data-column=\"第三法庭\"") == nil)
        }
    }
}
