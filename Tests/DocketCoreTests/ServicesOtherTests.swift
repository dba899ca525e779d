import Testing

@testable import DocketCore

@Suite struct ServicesOtherTests {
    @Test func enforcementIsItsOwnCaseAfterAnEffectiveJudgmentWithoutPrepaidFee() throws {
        let effective = try LocalDate(parsing: "2026-11-20")
        let civil = try ServicesTree()
        expectRefusal("its own enforcement case") {
            _ = try CaseActions.applyEnforcement(
                try civil.file, id: "fenf", applicant: "pa", judgmentCaseNumber: "（2026）鲁0102民初1号",
                judgmentEffectiveOn: effective, amount: .yuan(150_000), today: FilingInputTests.today, by: civil.actor()
            )
        }
        let tree = try ServicesTree(caseType: "enforcement")
        expectRefusal("only after it is effective") {
            _ = try CaseActions.applyEnforcement(
                try tree.file, id: "fenf", applicant: "pa", judgmentCaseNumber: "（2026）鲁0102民初1号",
                judgmentEffectiveOn: FilingInputTests.today.adding(days: 1), amount: nil,
                today: FilingInputTests.today, by: tree.actor())
        }
        try tree.run { file, actor in
            try CaseActions.applyEnforcement(
                file, id: "fenf", applicant: "pa", judgmentCaseNumber: "（2026）鲁0102民初1号",
                judgmentEffectiveOn: effective, amount: .yuan(150_000), today: FilingInputTests.today, by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.acceptEnforcement(file, id: "fenf", side: .court, by: actor)
        }
        let filing = try #require(try tree.file.filing("fenf"))
        let fee = try CaseActions.enforcementFee(.yuan(150_000)).feeFen
        let payments = try tree.file.payments
        #expect(filing.state == .accepted && filing.feeFen == fee)
        #expect(filing.court["feePrepaid"] == "false" && payments.isEmpty)
        try tree.run { file, actor in
            try CaseActions.submitPropertyLead(
                file, id: "flead", enforcementId: "fenf", applicant: "pa", description: "被执行人名下车辆鲁A12345", by: actor)
        }
        #expect(try tree.file.filings(relatedTo: "fenf").map(\.id) == ["flead"])

        // Objection filed on 2026-09-16 (Shanghai): 15 days end on 10-01, a holiday, so 10-08.
        tree.at(1_789_524_000_000)  // 2026-09-16T02:00Z
        try tree.run { file, actor in
            try CaseActions.fileObjection(
                file, id: "fobj", applicant: "pb", enforcementId: "fenf", act: "查封车辆", reason: "车辆属案外人所有", by: actor)
        }
        let review = try #require(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).first {
                $0.name == "enforcement-objection-review"
            })
        #expect(
            review.lastDay.description == "2026-10-08" && review.basis == "CPL (2023) art. 236"
                && review.owner == "court")
        let after = try LocalDateTime(parsing: "2026-10-09T00:00"),
            before = try LocalDateTime(parsing: "2026-10-08T23:59")
        #expect(review.isOverdue(at: after) && !review.isOverdue(at: before))
        try tree.run("court-1") { file, actor in
            try CaseActions.decideObjection(
                file, id: "fobj", upheld: false, reason: "理由不成立", ruling: nil, side: .court, by: actor)
        }
        #expect(
            !ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).contains {
                $0.name == "enforcement-objection-review"
            })
    }

    @Test func hotlineExtensionAndMessageReachTheTimeline() throws {
        let tree = try ServicesTree()
        try tree.run { file, actor in
            try CaseActions.requestExtension(
                file, id: "fext", applicant: "pa", what: "举证期限", reason: "证据在外地调取", by: actor)
        }
        expectRefusal("new date") {
            _ = try CaseActions.decideExtension(
                try tree.file, id: "fext", grant: true, newDate: nil, reason: "", side: .court,
                by: tree.actor("court-1"))
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.decideExtension(
                file, id: "fext", grant: true, newDate: try LocalDate(parsing: "2026-12-20"), reason: "理由正当",
                side: .court, by: actor)
        }
        try tree.run { file, actor in
            try CaseActions.messageJudge(file, id: "fmsg", from: "pa", message: "请问何时开庭？", by: actor)
        }
        expectRefusal("Only a court node") {
            _ = try CaseActions.answerMessage(try tree.file, id: "fmsg", answer: "下月", side: .party, by: tree.actor())
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.answerMessage(file, id: "fmsg", answer: "预计12月中旬", side: .court, by: actor)
        }
        let summaries = try tree.file.timeline.map(\.summary)
        #expect(
            summaries.contains("准予延期至2026-12-20") && summaries.contains("张三给法官留言：请问何时开庭？")
                && summaries.contains("法官答复：预计12月中旬"))
        expectRefusal("cannot become answered") {
            _ = try CaseActions.answerMessage(
                try tree.file, id: "fmsg", answer: "again", side: .court, by: tree.actor("court-1"))
        }
    }

    @Test func appraisalFeeIsRecordedNotCollected() throws {
        let tree = try ServicesTree()
        try tree.run { file, actor in
            try CaseActions.applyAppraisal(file, id: "fapp", applicant: "pa", matters: "房屋质量", by: actor)
        }
        expectRefusal("cannot become in-progress") {
            _ = try CaseActions.moveFiling(
                try tree.file, id: "fapp", to: .inProgress, side: .court, summary: "", by: tree.actor("court-1"))
        }
        let due = FilingInputTests.today.adding(days: 30)
        try tree.run("court-1") { file, actor in
            try CaseActions.selectAppraisalInstitution(
                file, id: "fapp", institution: "某司法鉴定中心", reportDue: due, side: .court, by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.moveFiling(file, id: "fapp", to: .inProgress, side: .court, summary: "鉴定中", by: actor)
        }
        // The institution's deadline is in the register while the appraisal runs.
        let owed = try #require(
            CaseDeadlines.open(in: try tree.file, periods: ServicesTree.periods).first { $0.name == "appraisal-report" }
        )
        #expect(owed.lastDay == due && owed.owner == "institution" && owed.basis.contains("art. 32"))
        try tree.run("court-1") { file, actor in
            try CaseActions.fileAppraisalReport(
                file, id: "fapp", report: ServicesTree.document("drep", "鉴定意见书", "结论……", actor: actor),
                fee: .yuan(8_000), side: .court, by: actor)
        }
        let filing = try #require(try tree.file.filing("fapp"))
        #expect(filing.state == .reportFiled && filing.feeFen == 800_000 && filing.court["feePaidTo"] == "某司法鉴定中心")
        let after = try tree.file
        #expect(after.payments.isEmpty && after.document("drep") != nil)
    }

    @Test func caseFileReadsFilingsAndHearingsBack() throws {
        let tree = try ServicesTree()
        try tree.run { file, actor in try CaseActions.requestMediation(file, id: "fmed", applicant: "pa", by: actor) }
        try tree.run("court-1") { file, actor in
            try CaseActions.scheduleHearing(
                file, id: "h1", mode: .online, startsAt: try LocalDateTime(parsing: "2026-12-10T09:30"),
                place: nil, today: FilingInputTests.today, notice: nil, side: .court, by: actor)
        }
        #expect(CaseFile.isRecordPath("filings/fmed.json") && CaseFile.isRecordPath("hearings/h1.json"))
        #expect(!CaseFile.isRecordPath("filings/x/meta.json"))
        #expect(MergePolicy().mergesFieldByField("filings/fmed.json"))
        let file = try tree.file
        #expect(file.filings.map(\.id) == ["fmed"] && file.hearings.map(\.id) == ["h1"])
        #expect(try FilingRecord.decode(try file.filings[0].canonicalBytes()) == file.filings[0])
        let value = try file.filings[0].jsonValue()
        #expect(value["courtState"] == .null && value["feeFen"] == .null)
        // Court-owned fields come from the schema.
        #expect(
            try #require(ServicesTree.schemas["docket.filing/1"]).courtOwnedFields == ["courtState", "feeFen", "court"])
        #expect(
            try #require(ServicesTree.schemas["docket.hearing/1"]).courtOwnedFields.isSuperset(of: [
                "state", "startsAt", "endsAt", "judge",
            ]))
    }

    @Test func workingDayPeriodsSkipHolidaysAndCountMakeUpDays() throws {
        let periods = ServicesTree.periods
        // 2026-09-30 + 3 working days: 10-01…10-07 holiday, 10-08 Thu, 10-09 Fri, 10-10 make-up Saturday.
        let result = try periods.lastDay(from: try LocalDate(parsing: "2026-09-30"), workingDays: 3)
        #expect(result.lastDay.description == "2026-10-10")
        // An ordinary week: Friday + 2 working days is Tuesday.
        #expect(
            try periods.lastDay(from: try LocalDate(parsing: "2026-11-27"), workingDays: 2).lastDay.description
                == "2026-12-01")
        expectRefusal("at least 1 working day") {
            _ = try periods.lastDay(from: try LocalDate(parsing: "2026-11-27"), workingDays: 0)
        }
    }
}

/// Issue 14: the rest of the timetable in the register — an extension granted (never to a past day), enforcement
/// accepted, an objection decided, a petition, a refund due.
@Suite struct TimetableEntriesTests {
    @Test func grantedExtensionsEnforcementObjectionsPetitionsAndRefundsAreTracked() throws {
        let tree = try ServicesTree(caseType: "enforcement")
        let today = tree.actor().time.shanghai.date
        try tree.run { file, actor in
            try CaseActions.requestExtension(
                file, id: "fext", applicant: "pa", what: "举证期限", reason: "证据在外地", by: actor)
        }
        expectRefusal("already past") {
            _ = try CaseActions.decideExtension(
                try tree.file, id: "fext", grant: true, newDate: today.adding(days: -1), reason: "",
                side: .court, by: tree.actor("court-1"))
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.decideExtension(
                file, id: "fext", grant: true, newDate: today.adding(days: 20), reason: "准许", side: .court, by: actor)
        }
        try tree.run { file, actor in
            try CaseActions.applyEnforcement(
                file, id: "fenf", applicant: "pa", judgmentCaseNumber: "（2026）鲁0102民初1号",
                judgmentEffectiveOn: today.adding(days: -30), amount: .yuan(1000), today: today, by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.acceptEnforcement(file, id: "fenf", side: .court, by: actor)
        }
        try tree.run { file, actor in
            try CaseActions.fileObjection(
                file, id: "fobj", applicant: "pb", enforcementId: "fenf", act: "查封", reason: "超标的", by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.decideObjection(
                file, id: "fobj", upheld: false, reason: "不成立", ruling: nil, side: .court, by: actor)
        }
        try tree.run { file, actor in
            try CaseActions.submitPetition(file, id: "fpet", partyId: "pb", petitioner: "李四", text: "申诉", by: actor)
        }
        try tree.run("court-1") { file, actor in
            let refund = PaymentRecord(
                id: "r1", kind: .refund, amountFen: 5000, state: .refundRequested,
                dueDate: today.adding(days: 15).description,
                reason: "overpaid", at: actor.time, by: actor.node)
            return try CaseActions.recordPayment(file, refund, existing: nil, summary: nil, by: actor)
        }
        let open = CaseDeadlines.open(in: try tree.file, periods: ServicesTree.periods)
        let byName = Dictionary(grouping: open, by: \.name)
        #expect(
            byName["extended"]?.first?.lastDay == today.adding(days: 20) && byName["extended"]?.first?.owner == "pa")
        #expect(
            byName["enforcement-notice"]?.first?.owner == "court"
                && byName["enforcement-conclusion"]?.first?.lastDay ?? today >= today.adding(months: 6))
        #expect(byName["objection-reconsideration"]?.first?.basis.contains("236") == true)
        #expect(byName["petition-acknowledgement"]?.first?.lastDay ?? today >= today.adding(days: 15))
        #expect(byName["refund"]?.first?.lastDay == today.adding(days: 15) && byName["refund"]?.first?.owner == "court")
        #expect(open.allSatisfy { !$0.basis.isEmpty })
    }
}
