import DocketCore
import DocketStore
import Foundation
import Testing

/// The services of issue 8 through the built `docket` binary on a real court node: each happy path and the refusal
/// a person would run into.
struct ServicesCLITests {
    /// Runs `docket <args> --data <node>`.
    func docket(_ t: TestNode, _ args: String...) throws -> (status: Int32, output: String, error: String) {
        try TestNode.run(TestNode.docketBinary, args + ["--data", t.data.path])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A case accepted by the court: its case number, plaintiff and defendant ids.
    func acceptedCase(_ t: TestNode) throws -> (number: String, plaintiff: String, defendant: String) {
        let file = try t.fileCase()
        let accepted = try t.node.accept(file.record.uid)
        return (
            accepted.caseNumber, file.parties.first { $0.role == .plaintiff }!.id,
            file.parties.first { $0.role == .defendant }!.id
        )
    }

    func day(_ offset: Int) -> String { Node.today().adding(days: offset).description }

    /// The first working day at least `offset` days from today (hearings sit on working days).
    func workingDay(_ t: TestNode, _ offset: Int) throws -> String {
        try t.node.holidayCalendar().firstWorkingDay(onOrAfter: Node.today().adding(days: offset)).description
    }

    /// Runs `docket <args> --data <node>` with the clock moved `days` days ahead (libfaketime's `faketime`), for the
    /// steps that can only come after a date: the transcript of a hearing that has begun.
    func docketLater(
        _ t: TestNode, days: Int, _ args: String...
    ) throws -> (status: Int32, output: String, error: String) {
        try TestNode.run(
            "/usr/bin/faketime", ["-f", "+\(days)d", TestNode.docketBinary] + args + ["--data", t.data.path])
    }

    @Test func hearingNeedsThreeDaysNoticeAndItsTranscriptSignaturesVerify() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        let tooSoon = try docket(t, "hearing", "schedule", c.number, "--at", "\(day(1)) 09:30")
        #expect(tooSoon.status != 0 && tooSoon.error.contains("at least 3 days"))
        #expect(try t.node.caseFile(try t.node.resolveCase(c.number)).hearings.isEmpty)

        let hearingDay = try workingDay(t, 10)
        let scheduled = try docket(
            t, "hearing", "schedule", c.number, "--at", "\(hearingDay) 09:30", "--mode", "online", "--json")
        #expect(scheduled.status == 0, "\(scheduled.error)")
        let hearing = try #require(try json(scheduled.output)["id"] as? String)
        let uid = try t.node.resolveCase(c.number)
        #expect(try t.node.caseFile(uid).documents.contains { $0.title == "在线庭审通知书" })

        let unsigned = try docket(t, "hearing", "sign", c.number, hearing, "--party", c.plaintiff)
        #expect(unsigned.status != 0 && unsigned.error.contains("no transcript"))

        let transcript = t.root.appendingPathComponent("笔录.txt")
        try Data("庭审笔录\n审判长：现在开庭。\n".utf8).write(to: transcript)
        let early = try docket(
            t, "hearing", "transcript", c.number, hearing, "--file", transcript.path, "--held-on", hearingDay)
        #expect(
            early.status != 0 && early.error.contains("once it has begun"),
            "no transcript before the hearing: \(early.error)")
        let daysAhead = Node.today().days(until: try LocalDate(parsing: hearingDay)) + 1
        let filed = try docketLater(
            t, days: daysAhead, "hearing", "transcript", c.number, hearing, "--file", transcript.path, "--held-on",
            hearingDay)
        #expect(filed.status == 0, "\(filed.error)")
        let deadlines = try docket(t, "deadlines", "--case", c.number, "--json")
        #expect(deadlines.output.contains("transcript"), "each party's 5 days to sign are listed")

        #expect(try docket(t, "hearing", "sign", c.number, hearing, "--party", "张三丰").status == 0)
        let twice = try docket(t, "hearing", "sign", c.number, hearing, "--party", c.plaintiff)
        #expect(twice.status != 0 && twice.error.contains("already signed"))
        let verified = try docket(t, "hearing", "verify", c.number, hearing, "--json")
        #expect(
            verified.status == 0 && verified.output.contains("\"valid\" : true")
                && verified.output.contains("370***********1233"))
        #expect(!verified.output.contains("370102198503121233"), "the ID number is bound masked")
    }

    @Test func hearingsAreCourtSteps() throws {
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        let uid = try firm.fileCase().record.uid
        #expect(throws: DocketError.self) {
            _ = try firm.node.services.scheduleHearing(
                uid, mode: .inPerson, startsAt: try LocalDateTime(parsing: "\(try workingDay(firm, 10)) 09:00"),
                place: nil)
        }
    }

    @Test func mediationTakesEffectOnlyWhenEveryPartyHasSigned() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        let requested = try docket(t, "mediation", "request", c.number, "--party", c.plaintiff, "--json")
        #expect(requested.status == 0, "\(requested.error)")
        let id = try #require(try json(requested.output)["id"] as? String)
        let unconsented = try docket(t, "mediation", "assign", c.number, id, "--mediator", "特邀调解员 刘芳")
        #expect(unconsented.status != 0, "no mediator before every party has consented")
        #expect(try docket(t, "mediation", "consent", c.number, id, "--party", c.defendant).status == 0)
        #expect(try docket(t, "mediation", "assign", c.number, id, "--mediator", "特邀调解员 刘芳").status == 0)
        let agreement = t.root.appendingPathComponent("调解协议.txt")
        try Data("被告于2026年12月31日前偿还原告借款150000元。\n".utf8).write(to: agreement)
        #expect(try docket(t, "mediation", "agreement", c.number, id, "--file", agreement.path).status == 0)
        #expect(try docket(t, "mediation", "sign", c.number, id, "--party", c.plaintiff).status == 0)

        let early = try docket(t, "mediation", "conclude", c.number, id, "--settled")
        #expect(early.status != 0 && early.error.lowercased().contains("unsigned"))
        #expect(try docket(t, "mediation", "sign", c.number, id, "--party", c.defendant).status == 0)
        let settled = try docket(t, "mediation", "conclude", c.number, id, "--settled", "--json")
        #expect(settled.status == 0, "\(settled.error)")
        #expect(try t.node.caseFile(try t.node.resolveCase(c.number)).record.status == .closed)
    }

    @Test func aSlotIsNeverDoubleBookedOnOneNode() throws {
        let t = try TestNode()
        let a = try acceptedCase(t), b = try acceptedCase(t)
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        let refused = try TestNode.run(
            TestNode.docketBinary, ["petition", "slot", "--at", "\(day(5)) 09:00", "--data", firm.data.path])
        #expect(refused.status != 0 && refused.error.contains("court"))

        #expect(
            try docket(t, "petition", "slot", "--at", "\(try workingDay(t, 5)) 09:00", "--capacity", "1").status == 0)
        let slots = try docket(t, "petition", "slots", "--json")
        let slot = try #require(
            (try JSONSerialization.jsonObject(with: Data(slots.output.utf8)) as? [[String: Any]])?.first?["id"]
                as? String)
        let petition = try docket(
            t, "petition", "submit", a.number, "--party", a.plaintiff, "--text", "请求复查本案。", "--json")
        #expect(petition.status == 0, "\(petition.error)")
        #expect(try docket(t, "petition", "book", a.number, "--slot", slot, "--party", a.plaintiff).status == 0)
        let full = try docket(t, "petition", "book", b.number, "--slot", slot, "--party", b.plaintiff)
        #expect(full.status != 0, "a second booking of a one-place slot must be refused")
        #expect(try t.node.services.bookings().count == 1)
    }

    @Test func lawyersBookVideoMeetingsThatTheCourtConfirms() throws {
        let t = try TestNode()
        let c = try acceptedCase(t)
        #expect(
            try docket(t, "petition", "slot", "--at", "\(try workingDay(t, 4)) 14:00", "--capacity", "1").status == 0)
        let slot = try workingDay(t, 4).replacingOccurrences(of: "-", with: "") + "-1400"
        let booked = try docket(
            t, "hearing", "meeting", c.number, "--lawyer", "王律师", "--defendant", "李四", "--center", "济南市看守所",
            "--slot", slot, "--json")
        #expect(booked.status == 0, "\(booked.error)")
        let id = try #require(try json(booked.output)["id"] as? String)
        let second = try docket(
            t, "hearing", "meeting", c.number, "--lawyer", "赵律师", "--defendant", "李四", "--center", "济南市看守所", "--slot",
            slot)
        #expect(second.status != 0, "the slot has one place")
        let confirmed = try docket(t, "hearing", "confirm-meeting", c.number, id, "--json")
        #expect(confirmed.status == 0, "\(confirmed.error)")
        let state = try json(confirmed.output)["state"] as? String
        #expect(state == "booked")
    }

    @Test func deadlinesListEveryOpenOneWithItsBasis() throws {
        let t = try TestNode()
        _ = try t.fileCase()
        let c = try acceptedCase(t)
        let all = try docket(t, "deadlines", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(all.output.utf8)) as? [[String: Any]])
        #expect(
            list.contains {
                $0["name"] as? String == "filing-review" && ($0["basis"] as? String)?.contains("126") == true
            })
        #expect(list.contains { $0["name"] as? String == "fee-payment" && $0["caseNumber"] as? String == c.number })
        let overdue =
            try JSONSerialization.jsonObject(with: Data(try docket(t, "deadlines", "--overdue", "--json").output.utf8))
            as? [Any]
        #expect(overdue?.isEmpty == true, "nothing is overdue on cases filed today")
        let soon = try docket(t, "deadlines", "--within", "0d")
        #expect(soon.status == 0 && soon.output.contains("No open deadlines"))
    }
}
