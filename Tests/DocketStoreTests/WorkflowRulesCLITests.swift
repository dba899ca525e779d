import DocketCore
import DocketStore
import DocketTestSupport
import Foundation
import Testing

/// Issue 15 through the real `docket` binary on real nodes: amended claims and their fee, duplicate filings and the
/// filer's withdrawal, hearings that never collide, refunds racing, an outbox that says why, lockouts an
/// administrator can lift, services that hold, documents in Chinese, errors a person understands.
@Suite struct WorkflowRulesCLITests {
    /// `docket <args> --data <node>`.
    func docket(_ t: TestNode, _ args: String...) throws -> (status: Int32, output: String, error: String) {
        try TestNode.run(TestNode.docketBinary, args + ["--data", t.data.path])
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A step that must succeed.
    @discardableResult
    func ok(_ t: TestNode, _ args: String...) throws -> String {
        let result = try TestNode.run(TestNode.docketBinary, args + ["--data", t.data.path])
        guard result.status == 0 else { throw TestFailure("docket \(args.joined(separator: " ")): \(result.error)") }
        return result.output
    }

    /// An accepted case whose plaintiff agreed to e-mail service: uid, number, plaintiff and defendant ids.
    func acceptedCase(
        _ t: TestNode, judge: String = "王法官"
    ) throws -> (uid: String, number: String, plaintiff: String, defendant: String) {
        let uid = try t.fileCase().record.uid
        let file = try t.node.caseFile(uid)
        let plaintiff = file.parties.first { $0.role == .plaintiff }!.id,
            defendant = file.parties.first { $0.role == .defendant }!.id
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.editParty(
                file, party: plaintiff, set: [("email", "zhang@example.com"), ("serviceConsent", "written")],
                today: Node.today(), by: actor)
        }
        return (uid, try t.node.accept(uid, judge: judge, clerk: "李书记员").caseNumber, plaintiff, defendant)
    }

    func workingDay(_ t: TestNode, _ offset: Int) throws -> String {
        try t.node.holidayCalendar().firstWorkingDay(onOrAfter: Node.today().adding(days: offset)).description
    }

    func text(_ t: TestNode, _ uid: String, title: String) throws -> String {
        let doc = try #require(try t.node.caseFile(uid).documents.last { $0.title == title }, "no \(title)")
        return String(decoding: try t.node.document(uid, id: doc.id).1, as: UTF8.self)
    }

    @Test func aRaisedClaimIsAssessedWithItsNoticeAndPaidOnItsOwn() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        try ok(t, "pay", c.number, "--method", "counter", "--reference", "POS-1")
        let requested = try json(
            try ok(
                t, "claims", "amend", c.number, "--party", "张三丰", "--amount", "250000", "--reason", "增加借款本金", "--json"))
        let id = try #require((requested as? [String: Any])?["id"] as? String)
        let queue = try #require(try json(try ok(t, "requests", "--json")) as? [[String: Any]])
        #expect(
            queue.count == 1 && queue[0]["id"] as? String == id
                && (queue[0]["summary"] as? String)?.contains("变更诉讼请求") == true)
        let decided = try ok(t, "claims", "decide", c.number, id, "--grant")
        #expect(decided.contains("1750.00"), "\(decided)")
        #expect(
            try json(try ok(t, "requests", "--json")) as? [Any] != nil
                && (try json(try ok(t, "requests", "--json")) as! [Any]).isEmpty)
        let notice = try text(t, c.uid, title: "补交诉讼费用通知书")
        for part in ["250000.00元", "第二十一条", "5050.00", "1750.00", c.number] {
            #expect(notice.contains(part), "\(part) in \(notice)")
        }
        #expect(notice.firstRange(of: #/[A-Za-z]{2,}/#) == nil, "wholly Chinese: \(notice)")
        let file = try t.node.caseFile(c.uid)
        let supplement = try #require(file.payments.first { $0.kind == .assessment && $0.assessmentId != nil })
        let paid = try ok(
            t, "pay", c.number, "--method", "counter", "--reference", "POS-2", "--assessment", supplement.id)
        #expect(paid.contains("已缴费") && paid.contains("1750.00"), "\(paid)")
        #expect(try t.node.caseFile(c.uid).fees.outstanding == .zero)
        let again = try docket(t, "pay", c.number, "--method", "counter", "--reference", "POS-3")
        #expect(again.status != 0 && again.error.contains("Nothing is owed"), "\(again.error)")
        // After acceptance the amount changes only this way: a direct edit is refused.
        let edit = try docket(t, "case", "edit", c.number, "--set", "claimAmount=300000")
        #expect(edit.status != 0 && edit.error.contains("docket claims amend"), "\(edit.error)")
    }

    @Test func aDuplicateFilingIsFlaggedAndTheFilerWithdrawsIt() throws {
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        let filing = firm.root.appendingPathComponent("filing.json")
        try TestNode.filing.write(to: filing, atomically: true, encoding: .utf8)
        let first = try ok(firm, "case", "new", "--from", filing.path, "--json")
        let noPeer = try docket(firm, "case", "new", "--from", filing.path)
        #expect(noPeer.status != 0 && noPeer.error.contains("already filed the same case"), "\(noPeer.error)")
        let second = try docket(firm, "case", "new", "--from", filing.path, "--allow-duplicate", "--json")
        #expect(
            second.status == 0 && second.error.contains("no peer of this node serves court 鲁0102"),
            "the filer learns the filing waits: \(second.error)")
        let uid = try #require((try json(second.output) as? [String: Any])?["uid"] as? String)
        #expect(
            try firm.node.duplicates(of: try FilingInput.parse(Array(TestNode.filing.utf8), today: Node.today())).count
                == 2)
        let withdrawn = try ok(firm, "filing", "withdraw", uid)
        #expect(withdrawn.contains("已撤回立案申请"))
        let file = try firm.node.caseFile(uid)
        #expect(
            file.record.status == .withdrawn && file.documents.isEmpty && file.timeline.last?.kind == "filing-withdrawn"
        )
        _ = first

        // The clerk's review queue flags the same filing made twice by one filer.
        let court = try TestNode()
        let a = try court.fileCase().record.uid, b = try court.fileCase().record.uid
        let rows = try #require(try json(try ok(court, "filing", "list", "--json")) as? [[String: Any]])
        let flagged = rows.first { $0["uid"] as? String == b }?["possibleDuplicates"] as? [String]
        #expect(flagged == [FilingNumber.of(uid: a)])
        // Nobody but the filer (or the court) withdraws a filing under review.
        let other = try TestNode(role: .firm, nodeId: "firm-b")
        #expect(throws: DocketError.self) { _ = try other.node.withdraw(uid) }  // not its case at all
    }

    @Test func hearingsNeverShareACourtroomOrAJudgeAndKeepToCourtHours() throws {
        let t = try TestNode()
        let a = try acceptedCase(t, judge: "王法官"), b = try acceptedCase(t, judge: "赵法官")
        let day = try workingDay(t, 7)
        try ok(t, "hearing", "schedule", a.number, "--at", "\(day) 09:00", "--until", "11:00", "--place", "第三法庭")
        let room = try docket(t, "hearing", "schedule", b.number, "--at", "\(day) 10:00", "--place", "第三法庭")
        #expect(room.status != 0 && room.error.contains("第三法庭") && room.error.contains(a.number), "\(room.error)")
        let judge = try docket(
            t, "hearing", "schedule", b.number, "--at", "\(day) 10:00", "--place", "第五法庭", "--judge", "王法官")
        #expect(judge.status != 0 && judge.error.contains("王法官"), "\(judge.error)")
        let night = try docket(t, "hearing", "schedule", b.number, "--at", "\(day) 03:00", "--mode", "online")
        #expect(night.status != 0 && night.error.contains("outside the court's hours"), "\(night.error)")
        let sunday = try t.node.holidayCalendar().firstWorkingDay(onOrAfter: Node.today().adding(days: 7))
        var rest = sunday
        while try t.node.holidayCalendar().isWorkingDay(rest) { rest = rest.adding(days: 1) }
        let onRest = try docket(t, "hearing", "schedule", b.number, "--at", "\(rest) 09:30", "--mode", "online")
        #expect(onRest.status != 0 && onRest.error.contains("休息日"), "\(onRest.error)")
        let overridden =
            try json(
                try ok(
                    t, "hearing", "schedule", b.number, "--at", "\(rest) 09:30", "--mode", "online",
                    "--outside-hours", "当事人在境外，经各方同意", "--json")) as? [String: Any]
        #expect(overridden?["outsideHoursReason"] as? String == "当事人在境外，经各方同意")
        // Once A's hearing is cancelled, its courtroom is free.
        let hearingA = try #require(try t.node.caseFile(a.uid).hearings.first?.id)
        try ok(t, "hearing", "cancel", a.number, hearingA, "--reason", "原告申请延期")
        try ok(t, "hearing", "schedule", b.number, "--at", "\(day) 10:00", "--place", "第三法庭")
        #expect(
            try t.node.services.hearingSlots(from: try LocalDate(parsing: day), to: try LocalDate(parsing: day))
                .map(\.caseUID) == [b.uid])
    }

    @Test func twoProcessesRefundingAtOnceRefundOnce() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        try ok(t, "pay", c.number, "--method", "counter", "--reference", "POS-1")
        try ok(t, "filing", "withdraw", c.number)
        // Six processes start together; each checks the rules inside its write, so exactly one refund is written.
        let results = try (0..<6).map { _ -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestNode.docketBinary)
            process.arguments = ["refund", c.number, "--reason", "withdrawn", "--data", t.data.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }.map { process -> Int32 in
            process.waitUntilExit(); return process.terminationStatus
        }
        #expect(results.filter { $0 == 0 }.count == 1, "\(results)")
        let fees = try t.node.caseFile(c.uid).fees
        #expect(fees.refunds.count == 1 && fees.refunding == .yuan(1650))
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func theOutboxKeepsEveryMessageAndSaysWhy() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        let notice = try #require(try t.node.caseFile(c.uid).documents.first { $0.title == "受理案件通知书" }?.id)
        try ok(t, "config", "set", "mail.command", "echo 'mailbox full' >&2; exit 75")
        let sent = try ok(t, "service", "send", c.number, notice, "--to", "张三丰")
        #expect(sent.contains("Queued 1"))
        #expect(try t.node.caseFile(c.uid).timeline.last?.summary.contains("尚未发送") == true, "queued is not served")
        let failed = try ok(t, "service", "deliver")
        #expect(failed.contains("failed 1") && failed.contains("mailbox full"), "\(failed)")
        let listed = try #require(try json(try ok(t, "service", "outbox", "--json")) as? [[String: Any]])
        #expect(
            listed.count == 1 && listed[0]["state"] as? String == "retrying"
                && (listed[0]["lastError"] as? String)?.contains("mailbox full") == true)
        #expect((listed[0]["nextAttemptAt"] as? String)?.hasSuffix("+08:00") == true)
        let record = try #require(try t.node.caseFile(c.uid).services.first)
        #expect(record.failure?.contains("mailbox full") == true && record.servedAt == nil)
        #expect(
            try t.node.caseFile(c.uid).timeline.contains {
                $0.summary.contains("未成功") && $0.summary.contains("mailbox full")
            })

        // A case that cannot be read for a moment: the message stays, with the reason.
        let repo = t.node.paths.repository(ofCase: c.uid)
        let aside = repo.deletingLastPathComponent().appendingPathComponent("aside.git")
        try FileManager.default.moveItem(at: repo, to: aside)
        _ = try t.node.outbox.retry()
        _ = try t.node.outbox.deliver()
        let kept = try t.node.outbox.messages()
        #expect(kept.count == 1 && kept[0].lastError?.contains("could not be read") == true)
        try FileManager.default.moveItem(at: aside, to: repo)

        let mailbox = t.root.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
        try ok(t, "config", "set", "mail.command", "cat > '\(mailbox.path)'/m.eml")
        let retried = try ok(t, "service", "outbox", "--retry-all")
        #expect(retried.contains("delivered 1"), "\(retried)")
        let served = try #require(try t.node.caseFile(c.uid).services.first)
        #expect(served.servedAt != nil && served.failure == nil)
        let certificate = try text(t, c.uid, title: "电子送达凭证（受理案件通知书）")
        #expect(
            certificate.contains("UTC+08:00") && certificate.contains("北京时间") && !certificate.contains("Z（"),
            "\(certificate)")
        #expect(
            certificate.firstRange(of: #/\d{4}-\d\d-\d\dT/#) == nil, "no ISO UTC times in a certificate: \(certificate)"
        )
        #expect(try t.node.caseFile(c.uid).timeline.contains { $0.summary.contains("已通过电子邮件发送至张三丰") })
    }

    @Test func lockoutsAreByCaseAndSourceAndAnAdministratorLiftsThem() throws {
        let t = try TestNode()
        let c = try acceptedCase(t), other = try acceptedCase(t)
        for _ in 0..<5 {
            _ = try docket(
                t, "query", "--case", c.number, "--id", "370102198503121233", "--code", "000000", "--source", "lobby-1")
        }
        let locked = try docket(
            t, "query", "--case", other.number, "--id", "370102198503121233", "--code", "000000", "--source", "lobby-1")
        #expect(
            locked.status != 0 && locked.error.contains("No case matches"),
            "another case at the same terminal is not locked: \(locked.error)")
        let list = try #require(try json(try ok(t, "query", "lockouts", "--json")) as? [[String: Any]])
        #expect(
            list.count == 1 && list[0]["scope"] as? String == "case-at-source"
                && list[0]["source"] as? String == "lobby-1")
        #expect((list[0]["until"] as? String)?.hasSuffix("+08:00") == true)
        let wrongSource = try docket(t, "query", "unlock", "--case", c.number, "--source", "lobby-2")
        #expect(wrongSource.output.contains("Nothing was locked"))
        #expect(try ok(t, "query", "unlock", "--case", c.number, "--source", "lobby-1").contains("Lifted"))
        #expect(try (json(try ok(t, "query", "lockouts", "--json")) as? [Any])?.isEmpty == true)
    }

    @Test func enforcementAndPreservationCasesAreAcceptedAsWhatTheyAre() throws {
        let t = try TestNode()
        let enforcement = try t.fileCase(
            TestNode.filing.replacingOccurrences(of: "\"caseType\": \"civil\"", with: "\"caseType\": \"enforcement\"")
        ).record.uid
        let accepted = try json(try ok(t, "filing", "accept", enforcement, "--json")) as? [String: Any]
        #expect(
            (accepted?["caseNumber"] as? String)?.contains("执") == true && accepted?["feeFen"] as? Int == 0
                && accepted?["procedure"] == nil)
        #expect(try t.node.caseFile(enforcement).fees.assessments.isEmpty)
        let notice = try text(t, enforcement, title: "受理案件通知书")
        #expect(notice.contains("不预交") && notice.contains("执行后交纳") && !notice.contains("普通程序"), "\(notice)")
        let badProcedure = try docket(
            t, "filing", "accept",
            try t.fileCase(
                TestNode.filing.replacingOccurrences(
                    of: "\"caseType\": \"civil\"",
                    with: "\"caseType\": \"enforcement\"")
            ).record.uid,
            "--procedure", "simple")
        #expect(badProcedure.status != 0 && badProcedure.error.contains("not tried under a procedure"))

        let preservation = try t.fileCase(
            TestNode.filing.replacingOccurrences(of: "\"caseType\": \"civil\"", with: "\"caseType\": \"preservation\"")
        ).record.uid
        let pre = try json(try ok(t, "filing", "accept", preservation, "--json")) as? [String: Any]
        #expect((pre?["caseNumber"] as? String)?.contains("财保") == true)
        let preNotice = try text(t, preservation, title: "受理案件通知书")
        #expect(
            preNotice.contains("申请保全费") && !preNotice.contains("受理费") && !preNotice.contains("普通程序"), "\(preNotice)")
        #expect(
            try t.node.services.deadlines(case: preservation, overdueAt: nil, withinDays: nil).allSatisfy {
                !$0.name.hasPrefix("trial")
            },
            "no trial time limit for a preservation case")
    }

    @Test func servicesHold() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        try ok(t, "pay", c.number, "--method", "counter", "--reference", "POS-1")
        // Extensions: decided for the future, corrected by the court with a record.
        let ext = try #require(
            (try json(
                try ok(
                    t, "hotline", "extension", c.number, "--party", "张三丰", "--what", "举证期限", "--reason", "证据在外地",
                    "--json")) as? [String: Any])?["id"] as? String)
        try ok(
            t, "hotline", "decide", c.number, ext, "--until", Node.today().adding(days: 20).description, "--reason",
            "准许")
        let past = try docket(
            t, "hotline", "correct", c.number, ext, "--until", Node.today().adding(days: -1).description, "--reason",
            "笔误")
        #expect(past.status != 0 && past.error.contains("already past"))
        try ok(
            t, "hotline", "correct", c.number, ext, "--until", Node.today().adding(days: 25).description, "--reason",
            "笔误更正")
        let corrected = try #require(try t.node.caseFile(c.uid).filing(ext))
        #expect(
            corrected.court["newDate"] == Node.today().adding(days: 25).description
                && corrected.court["corrections"]?.contains("笔误更正") == true)
        #expect(
            try t.node.services.deadlines(case: c.uid, overdueAt: nil, withinDays: nil).contains {
                $0.name == "extended" && $0.lastDay == Node.today().adding(days: 25)
            })

        // Reception slots: in the future, in court hours, never below their bookings.
        let day = try workingDay(t, 5)
        #expect(
            try docket(t, "petition", "slot", "--at", "\(Node.today().adding(days: -1)) 09:00").error.contains(
                "already begun"))
        #expect(try docket(t, "petition", "slot", "--at", "\(day) 03:00").error.contains("court's hours"))
        try ok(t, "petition", "slot", "--at", "\(day) 09:00", "--capacity", "2")
        let slot = "\(day.replacingOccurrences(of: "-", with: ""))-0900"
        try ok(t, "petition", "book", c.number, "--slot", slot, "--party", "张三丰")
        try ok(t, "petition", "book", c.number, "--slot", slot, "--party", "李四")
        let shrink = try docket(t, "petition", "slot", "--at", "\(day) 09:00", "--capacity", "1")
        #expect(shrink.status != 0 && shrink.error.contains("already holds 2"), "\(shrink.error)")

        // Mediation settled: the statement, served on the parties who agreed, and half the fee back.
        let mediation = try #require(
            (try json(try ok(t, "mediation", "request", c.number, "--party", "张三丰", "--json")) as? [String: Any])?["id"]
                as? String)
        try ok(t, "mediation", "consent", c.number, mediation, "--party", "李四")
        try ok(t, "mediation", "assign", c.number, mediation, "--mediator", "调解员刘")
        let agreement = t.root.appendingPathComponent("调解协议.txt")
        try Data("一、被告李四于2026年12月31日前偿还原告张三丰借款100000元。\n二、原告放弃其他诉讼请求。\n".utf8).write(to: agreement)
        try ok(t, "mediation", "agreement", c.number, mediation, "--file", agreement.path)
        try ok(t, "mediation", "sign", c.number, mediation, "--party", "张三丰")
        try ok(t, "mediation", "sign", c.number, mediation, "--party", "李四")
        let concluded = try ok(t, "mediation", "conclude", c.number, mediation, "--settled")
        #expect(concluded.contains("1650.00"), "\(concluded)")
        let statement = try text(t, c.uid, title: "民事调解书")
        #expect(
            statement.contains("偿还原告张三丰借款100000元") && statement.contains("签收后") && statement.contains("减半收取1650.00元"))
        let file = try t.node.caseFile(c.uid)
        #expect(file.record.status == .closed && file.fees.refunding == .yuan(1650))
        let statementID = try #require(file.filing(mediation)?.court["statementDocumentId"])
        #expect(
            file.services.contains { $0.documentId == statementID && $0.partyId == c.plaintiff },
            "served on the party who agreed")
    }

    @Test func aPreSuitPreservationHoldsOnlyOnTheApplicantsGuaranteeAndARealSuit() throws {
        let t = try TestNode()
        let uid = try t.fileCase(
            TestNode.filing.replacingOccurrences(of: "\"caseType\": \"civil\"", with: "\"caseType\": \"preservation\"")
        ).record.uid
        let number = try t.node.accept(uid).caseNumber
        try ok(t, "pay", number, "--method", "counter", "--reference", "POS-1")
        let id = try #require(
            (try json(
                try ok(
                    t, "preservation", "apply", number, "--party", "张三丰", "--amount", "100000",
                    "--property", "被申请人名下工商银行账户存款", "--json")) as? [String: Any])?["id"] as? String)
        try ok(t, "preservation", "fee", number, id)
        try ok(t, "preservation", "confirm-fee", number, id)
        let theirs = try docket(
            t, "guarantee", "apply", number, "--preservation", id, "--party", "李四", "--amount", "100000", "--form",
            "cash")
        #expect(theirs.status != 0 && theirs.error.contains("given by its applicant"), "\(theirs.error)")
        let refused = try docket(t, "preservation", "rule", number, id, "--grant", "--reason", "")
        #expect(refused.status != 0 && refused.error.contains("guarantee"))
        let guarantee = try #require(
            (try json(
                try ok(
                    t, "guarantee", "apply", number, "--preservation", id, "--party", "张三丰", "--amount", "100000",
                    "--form", "cash", "--json")) as? [String: Any])?["id"] as? String)
        try ok(t, "guarantee", "pay", number, guarantee, "--reference", "CASH-1")
        try ok(t, "guarantee", "accept", number, guarantee)
        try ok(t, "preservation", "rule", number, id, "--grant", "--reason", "申请符合法律规定")
        let ruling = try text(t, uid, title: "民事裁定书（财产保全）")
        for part in [number, "第一百零四条", "三十日内", "复议一次", "100000.00元", "被申请人名下工商银行账户存款"] {
            #expect(ruling.contains(part), "\(part)")
        }
        let nonsense = try docket(t, "preservation", "suit", number, id, "--case-number", "nonsense")
        #expect(nonsense.status != 0 && nonsense.error.contains("not a case number"))
        let unknown = try docket(
            t, "preservation", "suit", number, id, "--case-number", "（\(Node.today().year)）鲁0102民初999号")
        #expect(unknown.status != 0 && unknown.error.contains("no case"))
        #expect(
            try t.node.services.deadlines(case: uid, overdueAt: nil, withinDays: nil).contains {
                $0.name == "pre-suit-preservation-lapse"
            })
        let suit = try t.node.accept(try t.fileCase().record.uid).caseNumber
        try ok(t, "preservation", "suit", number, id, "--case-number", suit)
        #expect(
            try !t.node.services.deadlines(case: uid, overdueAt: nil, withinDays: nil).contains {
                $0.name == "pre-suit-preservation-lapse"
            })
    }

    @Test func errorsSayWhatAPersonNeeds() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        try ok(t, "case", "edit", c.number, "--party", "李四", "--set", "phone=13900139000")
        #expect(try t.node.caseFile(c.uid).party(c.defendant)?.phone == "13900139000")
        let unknown = try docket(t, "case", "edit", c.number, "--party", "王五", "--set", "phone=13900139000")
        #expect(
            unknown.error.contains("张三丰") && unknown.error.contains("李四"), "the parties are listed: \(unknown.error)")
        try ok(t, "pay", c.number, "--method", "counter", "--reference", "POS-1")
        let sync = try docket(t, "sync")
        #expect(sync.status != 0 && sync.error.contains("no peer to sync with"))
        // A hearing collision after a merge is a conflict the clerk resolves with plain text.
        let day = try workingDay(t, 7)
        try ok(t, "hearing", "schedule", c.number, "--at", "\(day) 09:00", "--place", "第三法庭")
        let other = try acceptedCase(t)
        try t.node.updateCase(other.uid) { file, actor in
            // As a second court node would have scheduled it offline: same room, same time.
            try CaseActions.scheduleHearing(
                file, id: "hclash", mode: .inPerson, startsAt: try LocalDateTime(parsing: "\(day) 10:00"),
                place: "第三法庭", today: Node.today(), notice: nil, side: .court, by: actor)
        }
        let opened = try t.node.services.openHearingConflicts()
        #expect(opened.count == 1 && opened[0].caseUID == other.uid)
        // Plain text, not JSON: the clerk moves the later hearing to the afternoon.
        let resolved = try ok(t, "conflicts", "resolve", opened[0].id, "--value", "\(day)T14:00")
        #expect(resolved.contains("\(day)T14:00"), "\(resolved)")
        #expect(try t.node.caseFile(other.uid).hearing("hclash")?.startsAt.description == "\(day)T14:00")
    }

    /// Every notice the demo court generates reads wholly in Chinese: no English words, no ISO dates or UTC times.
    @Test func generatedNoticesAreWhollyChinese() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try TestNode.run(TestNode.docketBinary, ["demo", "--data", root.path])
        #expect(made.status == 0, "\(made.error)")
        let node = try Node.open(at: root)
        var checked = 0
        for summary in try node.listCases() {
            let file = try node.caseFile(summary.uid)
            for doc in file.documents where doc.addedBy == node.config.nodeId && doc.title.hasSuffix("通知书") {
                let text = String(decoding: try node.document(summary.uid, id: doc.id).1, as: UTF8.self)
                #expect(text.firstRange(of: #/[A-Za-z]{2,}/#) == nil, "\(doc.title): \(text)")
                #expect(
                    text.firstRange(of: #/\d{4}-\d\d-\d\d/#) == nil, "\(doc.title) writes dates in Chinese: \(text)")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    @Test func oneEnforcementApplicationPerApplicantAndJudgmentAcrossCases() throws {
        let t = try TestNode()
        let filing = TestNode.filing.replacingOccurrences(
            of: "\"caseType\": \"civil\"", with: "\"caseType\": \"enforcement\"")
        let a = try t.fileCase(filing).record.uid, b = try t.fileCase(filing).record.uid
        try ok(
            t, "enforcement", "apply", a, "--party", "张三丰", "--judgment", "（2025）鲁0102民初9号", "--effective",
            "2025-06-01", "--amount", "1000")
        let twice = try docket(
            t, "enforcement", "apply", b, "--party", "张三丰", "--judgment", "(2025)鲁0102民初9号", "--effective", "2025-06-01"
        )
        #expect(
            twice.status != 0 && twice.error.contains("already applied")
                && twice.error.contains(FilingNumber.of(uid: a)), "\(twice.error)")
        let late = try ok(
            t, "enforcement", "apply", b, "--party", "张三丰", "--judgment", "（2022）鲁0102民初3号", "--effective", "2022-01-10"
        )
        #expect(late.contains("Warning") && late.contains("届满"), "\(late)")
    }
}
