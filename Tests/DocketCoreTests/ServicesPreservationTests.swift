import Testing

@testable import DocketCore

@Suite struct ServicesPreservationTests {
    @Test func stateMachineNamesCourtMovesAndRefusesUnknownMoves() throws {
        #expect(FilingKind.preservation.requiresCourt(from: .feePaid, to: .granted))
        #expect(!FilingKind.preservation.requiresCourt(from: .granted, to: .reconsiderationRequested))
        #expect(FilingKind.preservation.transition(from: .reconsidered, to: .reconsiderationRequested) == nil)
        expectRefusal("cannot become granted") {
            try FilingKind.preservation.checkMove(from: .applied, to: .granted, side: .court)
        }
        expectRefusal("Only a court node") {
            try FilingKind.preservation.checkMove(from: .feePaid, to: .granted, side: .party)
        }
        try FilingKind.preservation.checkMove(from: .feePaid, to: .granted, side: .court)
        for kind in FilingKind.allCases {
            #expect(!kind.isFinal(kind.initialState), "\(kind) starts in a final state")
        }
    }

    @Test func inSuitPreservationFromApplicationToReconsideration() throws {
        let tree = try ServicesTree()
        try tree.run { file, actor in
            try CaseActions.applyPreservation(
                file, id: "fpres", applicant: "pa", amount: .yuan(150_000), property: "被告名下招商银行账户",
                reason: "防止转移财产", urgent: false, by: actor)
        }
        var filing = try #require(try tree.file.filing("fpres"))
        #expect(filing.state == .applied && !filing.flag("preSuit") && filing.amountFen == 15_000_000)

        // Fee: only a court assesses; it follows Decree 481 art. 14(2): 30 + 1% of 999,000 yuan... capped at 5000.
        expectRefusal("Only a court node") {
            _ = try CaseActions.assessPreservationFee(
                try tree.file, id: "fpres", assessmentId: "a1", due: FilingInputTests.today,
                side: .party, by: tree.actor())
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.assessPreservationFee(
                file, id: "fpres", assessmentId: "a1", due: FilingInputTests.today.adding(days: 7),
                side: .court, by: actor)
        }
        let fee = try CaseActions.preservationFee(.yuan(150_000)).feeFen
        #expect(try tree.file.filing("fpres")?.feeFen == fee)
        #expect(try tree.file.fees.assessed == Fen(fee))
        expectRefusal("not paid yet") {
            _ = try CaseActions.confirmPreservationFee(try tree.file, id: "fpres", side: .party, by: tree.actor())
        }
        try tree.run { file, actor in
            try CaseActions.recordPayment(
                file,
                PaymentRecord(
                    id: "p1", kind: .payment, amountFen: fee, state: .paid, assessmentId: "a1",
                    method: "qr", at: actor.time, by: actor.node),
                existing: nil, summary: "缴费", by: actor)
        }
        try tree.run { file, actor in try CaseActions.confirmPreservationFee(file, id: "fpres", side: .party, by: actor)
        }

        // The ruling is the court's, with its document; a firm is refused with a clear message.
        let ruling = ServicesTree.document("druling", "民事裁定书（保全）", "裁定如下……", actor: tree.actor("court-1"))
        expectRefusal("Only a court node can rule") {
            _ = try CaseActions.rulePreservation(
                try tree.file, id: "fpres", grant: true, reason: "", ruling: ruling, side: .party, by: tree.actor())
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.rulePreservation(
                file, id: "fpres", grant: true, reason: "符合条件", ruling: ruling, side: .court, by: actor)
        }
        filing = try #require(try tree.file.filing("fpres"))
        #expect(
            filing.state == .granted && filing.courtState == .granted && filing.court["rulingDocumentId"] == "druling")
        #expect(try tree.file.document("druling") != nil)

        // One reconsideration only.
        try tree.run { file, actor in
            try CaseActions.requestReconsideration(
                file, id: "fpres", party: "pb", reason: "超标的保全", side: .party, by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.decideReconsideration(
                file, id: "fpres", grant: true, reason: "维持",
                ruling: ServicesTree.document("drecon", "复议决定书", "维持", actor: actor),
                side: .court, by: actor)
        }
        expectRefusal("only once") {
            _ = try CaseActions.requestReconsideration(
                try tree.file, id: "fpres", party: "pb", reason: "again", side: .party, by: tree.actor())
        }
        let timeline = try tree.file.timeline.map(\.summary)
        #expect(timeline.contains("裁定准予财产保全") && timeline.contains("李四对保全裁定申请复议"))
    }

    @Test func preSuitPreservationNeedsTheFullGuaranteeAndLapsesWithoutSuit() throws {
        let tree = try ServicesTree(caseType: "preservation")
        try tree.run { file, actor in
            try CaseActions.applyPreservation(
                file, id: "fpres", applicant: "pa", amount: .yuan(100_000), property: "房产一套",
                reason: "情况紧急", urgent: false, by: actor)
        }
        #expect(try tree.file.filing("fpres")?.flag("preSuit") == true)
        #expect(try tree.file.filing("fpres")?.flag("urgent") == true)  // pre-suit: always 48 h
        expectRefusal("full amount") {
            _ = try CaseActions.applyGuarantee(
                try tree.file, id: "fguar", preservationId: "fpres", applicant: "pa", amount: .yuan(30_000),
                form: "insurance", guarantor: "某保险公司", by: tree.actor())
        }
        try tree.run { file, actor in
            try CaseActions.applyGuarantee(
                file, id: "fguar", preservationId: "fpres", applicant: "pa", amount: .yuan(100_000),
                form: "insurance", guarantor: "某保险公司", by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.assessPreservationFee(
                file, id: "fpres", assessmentId: "a1", due: FilingInputTests.today, side: .court, by: actor)
        }
        let fee = try #require(try tree.file.filing("fpres")?.feeFen)
        try tree.run { file, actor in
            try CaseActions.recordPayment(
                file,
                PaymentRecord(
                    id: "p1", kind: .payment, amountFen: fee, state: .paid, assessmentId: "a1",
                    at: actor.time, by: actor.node), existing: nil, summary: nil, by: actor)
        }
        // No ruling deadline runs while the application waits for its fee: it is not yet taken in.
        #expect(
            !ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).contains {
                $0.name == "preservation-urgent"
            })
        try tree.run { file, actor in try CaseActions.confirmPreservationFee(file, id: "fpres", side: .party, by: actor)
        }
        // Ruling deadline: 48 hours from the next whole hour after the fee was paid (not from the filing).
        let ruling = try #require(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).first {
                $0.name == "preservation-urgent"
            })
        #expect(ruling.deadline != nil && ruling.basis.contains("104") && ruling.owner == "court")
        let paid = try #require(try tree.file.filing("fpres")?.enteredAt(.feePaid)).shanghai
        #expect(ruling.deadline == paid.nextWholeHour.adding(hours: 48), "\(ruling.rule)")

        let doc = ServicesTree.document("druling", "裁定书", "准予", actor: tree.actor("court-1"))
        expectRefusal("guarantee of the full amount") {
            _ = try CaseActions.rulePreservation(
                try tree.file, id: "fpres", grant: true, reason: "", ruling: doc, side: .court,
                by: tree.actor("court-1"))
        }
        try tree.run { file, actor in
            try CaseActions.payGuarantee(file, id: "fguar", reference: "POL-1", side: .party, by: actor)
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.acceptGuarantee(
                file, id: "fguar", document: ServicesTree.document("dpolicy", "诉讼保全责任保险保单", "保单", actor: actor),
                side: .court, by: actor)
        }
        #expect(try tree.file.document("dpolicy")?.isInDossier == true)
        try tree.run("court-1") { file, actor in
            try CaseActions.rulePreservation(
                file, id: "fpres", grant: true, reason: "", ruling: doc, side: .court, by: actor)
        }
        // Granted on 2026-11-29 (Shanghai): the applicant must sue by 2026-12-29 (a Tuesday).
        let lapse = try #require(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).first {
                $0.name == "pre-suit-preservation-lapse"
            })
        #expect(
            lapse.lastDay.description == "2026-12-29" && lapse.basis == "CPL (2023) art. 104"
                && lapse.owner == "applicant")
        expectRefusal("until 2026-12-29") {
            _ = try CaseActions.lapsePreservation(
                try tree.file, id: "fpres", today: FilingInputTests.today.adding(days: 10),
                periods: ServicesTree.periods, side: .court, by: tree.actor("court-1"))
        }
        // Only the court confirms the suit, and only a suit on the merits keeps the preservation (issue 15).
        let suit = try CaseNumber(parsing: "（2026）鲁0102民初1号")
        expectRefusal("Only a court node") {
            _ = try CaseActions.recordSuit(
                try tree.file, id: "fpres", suit: suit, known: true, side: .party, by: tree.actor())
        }
        expectRefusal("not a first-instance suit") {
            _ = try CaseActions.recordSuit(
                try tree.file, id: "fpres", suit: try CaseNumber(parsing: "（2026）鲁0102执1号"), known: true,
                side: .court, by: tree.actor("court-1"))
        }
        #expect(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).contains {
                $0.name == "pre-suit-preservation-lapse"
            })
        try tree.run("court-1") { file, actor in
            try CaseActions.recordSuit(file, id: "fpres", suit: suit, known: true, side: .court, by: actor)
        }
        #expect(
            !ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).contains {
                $0.name == "pre-suit-preservation-lapse"
            })
    }

    @Test func inSuitGuaranteeIsAtMostThirtyPercent() throws {
        #expect(GuaranteeRule.range(preservationFen: 1_000_000, preSuit: false) == 1...300_000)
        expectRefusal("at most 30 %") {
            try GuaranteeRule.check(Fen(300_001), preservationFen: 1_000_000, preSuit: false)
        }
        try GuaranteeRule.check(Fen(300_000), preservationFen: 1_000_000, preSuit: false)
        try GuaranteeRule.check(Fen(1_000_000), preservationFen: 1_000_000, preSuit: true)
        expectRefusal("full amount") {
            try GuaranteeRule.check(Fen(999_999), preservationFen: 1_000_000, preSuit: true)
        }
    }
}
