import Foundation
import Testing

@testable import DocketCore

/// Issue 15, the pure rules: fees as assessments with supplements, payments and refunds decided on the case they
/// are applied to, amended claims, hearings that cannot collide, documents wholly in Chinese.
@Suite struct WorkflowRulesTests {
    static let today = FilingInputTests.today

    /// The tree's case (张三 v 李四, claim 150000.00) accepted under `procedure`, its fee assessed as `facc`.
    static func accepted(_ tree: ServicesTree, procedure: Procedure = .ordinary) throws {
        try tree.run("court-1") { file, actor in
            let fee = try FilingReview.fee(file.record, procedure: procedure)
            let acceptance = Acceptance(
                caseNumber: try CaseNumber(parsing: "（2026）鲁0102民初7号"), procedure: procedure, feeKind: .property,
                fee: fee, acceptedOn: today, feeDue: today.adding(days: 8), judge: "王法官", clerk: "李书记员",
                clerkPhone: nil, queryCodeHashes: [:], assessmentID: "facc", notices: [])
            return try CaseActions.accept(file, acceptance, by: actor)
        }
    }

    /// A paid counter payment of `fen` towards `assessment`.
    static func paid(_ tree: ServicesTree, _ fen: Int64, towards assessment: String?, id: String) throws {
        try tree.run("court-1") { file, actor in
            let payment = PaymentRecord(
                id: id, kind: .payment, amountFen: fen, state: .paid, assessmentId: assessment, method: "counter",
                reference: "POS-\(id)", at: actor.time, by: actor.node)
            return try CaseActions.recordPayment(file, payment, existing: nil, summary: nil, by: actor)
        }
    }

    @Test func aRaisedClaimAddsASupplementaryAssessmentToTheSameFee() throws {
        let tree = try ServicesTree()
        try Self.accepted(tree)
        try Self.paid(tree, 330_000, towards: "facc", id: "y1")
        #expect(try tree.file.fees.outstanding == .zero)

        expectRefusal("Only a plaintiff") {
            _ = try CaseActions.requestClaimAmendment(
                try tree.file, id: "famd", applicant: "pb", amount: .yuan(250_000), claims: nil,
                reason: "利息", by: tree.actor())
        }
        expectRefusal("Nothing to amend") {
            _ = try CaseActions.requestClaimAmendment(
                try tree.file, id: "famd", applicant: "pa", amount: .yuan(150_000), claims: nil,
                reason: "利息", by: tree.actor())
        }
        try tree.run { file, actor in
            try CaseActions.requestClaimAmendment(
                file, id: "famd", applicant: "pa", amount: .yuan(250_000), claims: "偿还借款250000元",
                reason: "增加借款本金", by: actor)
        }
        #expect(try tree.file.filing("famd")?.kind.awaiting(in: .submitted) == .court, "it waits in the clerk's queue")
        expectRefusal("already waiting") {
            _ = try CaseActions.requestClaimAmendment(
                try tree.file, id: "famd2", applicant: "pa", amount: .yuan(300_000), claims: nil,
                reason: "再次", by: tree.actor())
        }
        let fee = try AmendedFee.compute(
            try tree.file, newAmount: .yuan(250_000), supplementID: "fsup", decidedOn: Self.today,
            periods: ServicesTree.periods, at: tree.actor("court-1").time, by: "court-1")
        // 250000: 50 + 90000 × 2.5 % + 100000 × 2 % + 50000 × 1.5 % = 5050.00 against 3300.00 assessed.
        #expect(fee.before == .yuan(3300) && fee.after == .yuan(5050) && fee.supplement?.amountFen == 175_000)
        #expect(fee.supplement?.assessmentId == "facc" && fee.refund == nil && fee.lowered.isEmpty)
        expectRefusal("Only a court node") {
            _ = try CaseActions.decideClaimAmendment(
                try tree.file, id: "famd", grant: true, reason: "", fee: fee, notice: nil, refundID: "r1",
                side: .party, by: tree.actor())
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.decideClaimAmendment(
                file, id: "famd", grant: true, reason: "", fee: fee, notice: nil, refundID: "r1",
                side: .court, by: actor)
        }
        let file = try tree.file
        #expect(file.record.claimAmountFen == 25_000_000 && file.record.claims == "偿还借款250000元")
        #expect(file.fees.outstanding == .yuan(1750) && file.fees.outstanding(ofFeeOf: "fsup") == .yuan(1750))
        #expect(file.fees.firstUnpaid?.id == "fsup" && file.fees.dueDate?.description == fee.supplement?.dueDate)
        #expect(file.filing("famd")?.state == .granted && file.filing("famd")?.court["assessmentId"] == "fsup")
        // Paying "what is owed" now pays the supplement, and only it.
        let plan = try CaseActions.planPayment(file, amount: nil, assessment: nil)
        #expect(plan.amount == .yuan(1750) && plan.assessment.id == "fsup")
        expectRefusal("more than the 1750.00") {
            _ = try CaseActions.planPayment(file, amount: .yuan(1751), assessment: "fsup")
        }
    }

    @Test func aReducedClaimLowersTheFeeAndRefundsWhatWasPaidBeyondIt() throws {
        let tree = try ServicesTree()
        try Self.accepted(tree)
        try Self.paid(tree, 330_000, towards: "facc", id: "y1")
        try tree.run { file, actor in
            try CaseActions.requestClaimAmendment(
                file, id: "famd", applicant: "pa", amount: .yuan(100_000), claims: nil, reason: "部分已还", by: actor)
        }
        let fee = try AmendedFee.compute(
            try tree.file, newAmount: .yuan(100_000), supplementID: "fsup", decidedOn: Self.today,
            periods: ServicesTree.periods, at: tree.actor("court-1").time, by: "court-1")
        // 100000: 50 + 90000 × 2.5 % = 2300.00; 3300.00 was paid, 1000.00 comes back.
        #expect(fee.after == .yuan(2300) && fee.supplement == nil && fee.lowered.map(\.amountFen) == [230_000])
        #expect(fee.refund?.amount == .yuan(1000) && fee.refund?.basis.first?.contains("第二十一条") == true)
        try tree.run("court-1") { file, actor in
            try CaseActions.decideClaimAmendment(
                file, id: "famd", grant: true, reason: "", fee: fee, notice: nil, refundID: "r1",
                side: .court, by: actor)
        }
        let file = try tree.file
        #expect(
            file.fees.assessed == .yuan(2300) && file.fees.refunding == .yuan(1000)
                && file.fees.refundable == .yuan(2300))
        #expect(file.payments.first { $0.id == "r1" }?.reason == RefundGround.amended.rawValue)
    }

    @Test func refundRulesAreDecidedOnTheCaseTheyAreAppliedTo() throws {
        let tree = try ServicesTree()
        try Self.accepted(tree)
        try Self.paid(tree, 330_000, towards: "facc", id: "y1")
        var withdrawn = try CaseRecord.decode(tree.files["case.json"]!)
        withdrawn.status = .withdrawn
        tree.files["case.json"] = try withdrawn.canonicalBytes()
        // Two refunds planned on the same snapshot: the second, applied to the case after the first, is refused.
        let snapshot = try tree.file
        let first = try CaseActions.requestRefund(
            snapshot, id: "r1", ground: .withdrawn, effectiveOn: Self.today, periods: ServicesTree.periods,
            by: tree.actor("court-1"))
        for (path, bytes) in first.files { tree.files[path] = bytes ?? nil }
        expectRefusal("already requested") {
            _ = try CaseActions.requestRefund(
                try tree.file, id: "r2", ground: .withdrawn, effectiveOn: Self.today, periods: ServicesTree.periods,
                by: tree.actor("court-1"))
        }
        #expect(try tree.file.fees.refunding == .yuan(1650))
        expectRefusal("Nothing was overpaid") {
            _ = try CaseActions.requestRefund(
                try tree.file, id: "r3", ground: .overpaid, effectiveOn: Self.today, periods: ServicesTree.periods,
                by: tree.actor("court-1"))
        }
    }

    @Test func aPaymentAgainstAnAssessmentPaysThatAssessmentOnly() throws {
        let tree = try ServicesTree()
        try Self.accepted(tree)
        try tree.run { file, actor in
            try CaseActions.applyPreservation(
                file, id: "fpres", applicant: "pa", amount: .yuan(100_000), property: "账户存款", reason: "",
                urgent: false, by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.assessPreservationFee(
                file, id: "fpres", assessmentId: "fpf", due: Self.today.adding(days: 7), side: .court, by: actor)
        }
        let file = try tree.file
        // Preservation of 100000.00: 30 + 99000 × 1 % = 1020.00, beside the 3300.00 acceptance fee.
        #expect(file.fees.outstanding == .yuan(4320))
        let plan = try CaseActions.planPayment(file, amount: nil, assessment: "fpf")
        #expect(plan.amount == .yuan(1020) && plan.assessment.id == "fpf")
        expectRefusal("no fee assessment") { _ = try CaseActions.planPayment(file, amount: nil, assessment: "nope") }
        try Self.paid(tree, 102_000, towards: "fpf", id: "y1")
        expectRefusal("it is paid") { _ = try CaseActions.planPayment(try tree.file, amount: nil, assessment: "fpf") }
        #expect(try tree.file.fees.outstanding(ofFeeOf: "facc") == .yuan(3300))
    }

    @Test func feeStepsForNoticesAreWhollyChinese() throws {
        let requests = [
            FeeRequest(kind: .property, amount: .yuan(2_500_000), simple: true, mediated: true),
            FeeRequest(kind: .divorce, amount: .yuan(300_000)), FeeRequest(kind: .personality, amount: .yuan(120_000)),
            FeeRequest(kind: .preservation, amount: .yuan(10_000_000)), FeeRequest(kind: .enforcement),
            FeeRequest(kind: .paymentOrder, amount: .yuan(90_000)),
            FeeRequest(kind: .bankruptcy, amount: .yuan(900_000_000)),
            FeeRequest(kind: .labor, amount: .yuan(5)),
            FeeRequest(kind: .property, amount: .yuan(1), exemption: .specialProcedure),
        ]
        for request in requests {
            let quote = try FeeSchedule.standard.quote(request)
            #expect(quote.chineseBasis.count == quote.basis.count)
            for line in quote.chineseBasis {
                #expect(!line.contains { $0.isASCII && $0.isLetter }, "\(request.kind): \(line)")
            }
        }
    }

    @Test func aCourtroomOrAJudgeIsNeverTakenTwice() throws {
        func slot(
            _ c: String, _ h: String, _ at: String, _ until: String, place: String?, judge: String?,
            mode: HearingMode = .inPerson,
            ms: Int64
        ) throws -> HearingSlot {
            HearingSlot(
                caseUID: c, caseNumber: "（2026）鲁0102民初\(c)号", hearingId: h, mode: mode,
                startsAt: try LocalDateTime(parsing: at),
                endsAt: try LocalDateTime(parsing: until), place: place, judge: judge,
                createdAt: HybridTimestamp(milliseconds: ms), node: "court-1")
        }
        let a = try slot("1", "h1", "2026-12-10T09:00", "2026-12-10T11:00", place: "第三法庭", judge: "王法官", ms: 1)
        let sameRoom = try slot("2", "h2", "2026-12-10T10:30", "2026-12-10T12:00", place: "第三法庭", judge: "赵法官", ms: 2)
        let sameJudgeOnline = try slot(
            "3", "h3", "2026-12-10T10:00", "2026-12-10T10:30", place: "https://room", judge: "王法官", mode: .online, ms: 3
        )
        let after = try slot("4", "h4", "2026-12-10T11:00", "2026-12-10T12:00", place: "第三法庭", judge: "王法官", ms: 4)
        #expect(sameRoom.clash(with: a)?.chinese.contains("第三法庭") == true)
        #expect(sameJudgeOnline.clash(with: a)?.chinese.contains("审判员王法官") == true)
        #expect(after.clash(with: a) == nil, "back to back is fine")
        let pairs = HearingSlot.collisions([after, sameJudgeOnline, sameRoom, a])
        #expect(pairs.map { "\($0.kept.hearingId)>\($0.lost.hearingId)" } == ["h1>h2", "h1>h3"])
        let conflict = HearingSlot.conflictRecord(kept: a, lost: sameRoom)
        #expect(conflict.caseUID == "2" && conflict.path == "hearings/h2.json" && conflict.needsReview)
        #expect(
            conflict.id == HearingSlot.conflictRecord(kept: a, lost: sameRoom).id, "every node writes the same record")

        let calendar = HolidayCalendarTests.shipped, hours = CourtHours.standard
        let sunday = try LocalDateTime(parsing: "2026-12-06T03:00")
        #expect(
            hours.problem(from: sunday, to: sunday.adding(minutes: 60), calendar: calendar)?.contains("Sunday") == true)
        let night = try LocalDateTime(parsing: "2026-12-08T03:00")
        #expect(
            hours.problem(from: night, to: night.adding(minutes: 60), calendar: calendar)?.contains("outside") == true)
        let late = try LocalDateTime(parsing: "2026-12-08T16:30")
        #expect(hours.problem(from: late, to: late.adding(minutes: 120), calendar: calendar)?.contains("17:30") == true)
        let fine = try LocalDateTime(parsing: "2026-12-08T09:30")
        #expect(hours.problem(from: fine, to: fine.adding(minutes: 120), calendar: calendar) == nil)
        expectRefusal("08:30-12:00") { _ = try CourtHours(parsing: "9-5") }
    }

    @Test func scheduleRefusesCollisionsAndHoursUnlessTheCourtSaysWhy() throws {
        let tree = try ServicesTree()
        try Self.accepted(tree)
        let busy = [
            HearingSlot(
                caseUID: "other", caseNumber: "（2026）鲁0102民初1号", hearingId: "hx", mode: .inPerson,
                startsAt: try LocalDateTime(parsing: "2026-12-10T09:00"),
                endsAt: try LocalDateTime(parsing: "2026-12-10T11:00"),
                place: "第三法庭", judge: "赵法官")
        ]
        expectRefusal("第三法庭 is taken") {
            _ = try CaseActions.scheduleHearing(
                try tree.file, id: "h1", mode: .inPerson, startsAt: try LocalDateTime(parsing: "2026-12-10T10:00"),
                place: "第三法庭", today: Self.today, busy: busy, calendar: HolidayCalendarTests.shipped,
                notice: nil, side: .court, by: tree.actor("court-1"))
        }
        let sunday = try LocalDateTime(parsing: "2026-12-06T03:00")
        expectRefusal("outside the court's hours") {
            _ = try CaseActions.scheduleHearing(
                try tree.file, id: "h1", mode: .online, startsAt: sunday, place: nil, today: Self.today,
                busy: busy, calendar: HolidayCalendarTests.shipped, notice: nil, side: .court, by: tree.actor("court-1")
            )
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.scheduleHearing(
                file, id: "h1", mode: .online, startsAt: sunday, place: nil, today: Self.today, busy: busy,
                calendar: HolidayCalendarTests.shipped, outsideHoursReason: "涉外当事人时差，经各方同意", notice: nil,
                side: .court, by: actor)
        }
        let hearing = try #require(try tree.file.hearing("h1"))
        #expect(hearing.outsideHoursReason == "涉外当事人时差，经各方同意" && hearing.judge == "王法官")
    }

    @Test func rulingsAreCompleteChineseDocuments() throws {
        let tree = try ServicesTree(caseType: "preservation")
        try tree.run { file, actor in
            try CaseActions.applyPreservation(
                file, id: "fpres", applicant: "pa", amount: .yuan(100_000), property: "被申请人名下工商银行账户存款",
                reason: "防止转移财产", urgent: true, by: actor)
        }
        expectRefusal("given by its applicant") {
            _ = try CaseActions.applyGuarantee(
                try tree.file, id: "fg", preservationId: "fpres", applicant: "pb", amount: .yuan(100_000),
                form: "cash", guarantor: nil, by: tree.actor())
        }
        try tree.run { file, actor in
            try CaseActions.applyGuarantee(
                file, id: "fg", preservationId: "fpres", applicant: "pa", amount: .yuan(100_000), form: "insurance",
                guarantor: "某财产保险公司", by: actor)
        }
        var file = try tree.file
        file.filings = file.filings.map {
            var f = $0; if f.id == "fg" { f.state = .accepted }; return f
        }
        let signature = CourtRulings.Signature(court: "济南市历下区人民法院", date: Self.today, judge: "王法官", clerk: "李书记员")
        let ruling = CourtRulings.preservation(
            file, try #require(file.filing("fpres")), grant: true, reason: "", fee: .yuan(1020), signature: signature)
        for part in [
            "民事裁定书", "申请人：张三", "被申请人：李四", "100000.00元", "被申请人名下工商银行账户存款", "保险保单（某财产保险公司出具）提供担保100000.00元",
            "第一百零四条", "三十日内", "五日内向本院申请复议一次", "二〇二六年十一月二十九日", "审判员　王法官", "申请保全费1020.00元",
        ] {
            #expect(ruling.contains(part), "missing \(part)")
        }
        #expect(!ruling.contains("370102198503121233"), "the ID number is masked")
        #expect(
            ruling.firstRange(of: #/[A-Za-z]{2,}/#) == nil,
            "wholly Chinese (an ID number's check letter X aside):\n\(ruling)")
        let statement = CourtRulings.mediationStatement(
            file,
            FilingRecord(
                id: "fm", kind: .mediation, applicantPartyId: "pa",
                at: HybridTimestamp(milliseconds: 0), by: "court-1"),
            agreementText: "一、被告于2026年12月31日前偿还100000元。", halvedFee: .yuan(1650), signature: signature)
        #expect(statement.contains("民事调解书") && statement.contains("签收后，即具有法律效力") && statement.contains("减半收取1650.00元"))
        #expect(statement.firstRange(of: #/[A-Za-z]{2,}/#) == nil, "\(statement)")
    }

    @Test func enforcementChecksItsJudgmentApplicantAndPeriod() throws {
        let tree = try ServicesTree(caseType: "enforcement")
        let today = Self.today
        expectRefusal("not the case number") {
            _ = try CaseActions.applyEnforcement(
                try tree.file, id: "fe", applicant: "pa", judgmentCaseNumber: "xyz", judgmentEffectiveOn: today,
                amount: .yuan(1000), today: today, by: tree.actor())
        }
        expectRefusal("applied for by the creditor") {
            _ = try CaseActions.applyEnforcement(
                try tree.file, id: "fe", applicant: "pb", judgmentCaseNumber: "（2023）鲁0102民初9号",
                judgmentEffectiveOn: today.adding(days: -10), amount: .yuan(1000), today: today, by: tree.actor())
        }
        try tree.run { file, actor in
            try CaseActions.applyEnforcement(
                file, id: "fe", applicant: "pa", judgmentCaseNumber: "(2023)鲁0102民初9号",
                judgmentEffectiveOn: today.adding(years: -3), amount: .yuan(1000), today: today, by: actor)
        }
        let filing = try #require(try tree.file.filing("fe"))
        #expect(
            filing.details["judgmentCaseNumber"] == "（2023）鲁0102民初9号"
                && filing.details["limitationWarning"]?.contains("届满") == true)
        expectRefusal("already applied") {
            _ = try CaseActions.applyEnforcement(
                try tree.file, id: "fe2", applicant: "pa", judgmentCaseNumber: "（2023）鲁0102民初9号",
                judgmentEffectiveOn: today.adding(years: -3), amount: nil, today: today, by: tree.actor())
        }
        expectRefusal("once the application is accepted") {
            _ = try CaseActions.submitPropertyLead(
                try tree.file, id: "fl", enforcementId: "fe", applicant: "pa", description: "车辆", by: tree.actor())
        }
    }

    @Test func chineseDatesAndDuplicateKeys() throws {
        #expect(try LocalDate(parsing: "2026-12-07").chineseFormal == "二〇二六年十二月七日")
        #expect(try LocalDate(parsing: "2030-10-31").chineseFormal == "二〇三〇年十月三十一日")
        #expect(try LocalDate(parsing: "2026-01-20").chinese == "2026年1月20日")
        #expect(UTCTime.beijingChinese(iso: "2026-12-04T03:44:49.717Z") == "2026年12月4日11时44分49秒（北京时间，"
            + "UTC+08:00）")
        let input = try FilingInput.parse(Array(FilingInputTests.valid.utf8), today: Self.today)
        let file = try ServicesTree().file
        #expect(FilingKey.of(input) == FilingKey.of(file), "the filing and the case it made share a key")
        var other = input
        other.claimAmount = .yuan(150_001)
        #expect(FilingKey.of(other) != FilingKey.of(input))
    }
}
