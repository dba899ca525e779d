import DocketCore
import DocketSchemas
import Foundation
import Testing

/// The authority policy's judge on single steps, in the domain: who may move a request, change a field, add a
/// document, act for a party.
@Suite struct AuthorityJudgeTests {
    static let judge: AuthorityJudge = {
        let schemas = try! DocketSchemas.files(in: "records").filter { $0.hasSuffix(".schema.json") }
            .map { try! JSONSchema(try! JSONParser.parse(Array(try! DocketSchemas.data("records/" + $0)))) }
        return AuthorityJudge(environment: JudgeEnvironment(schemas: schemas))
    }()
    static let court = Participant(nodeId: "court-1", role: .court, courtCode: "鲁0102")
    static let firmA = Participant(nodeId: "firm-a", role: .firm, courtCode: nil)
    static let firmB = Participant(nodeId: "firm-b", role: .firm, courtCode: nil)
    static let kiosk = Participant(nodeId: "kiosk-1", role: .kiosk, courtCode: "鲁0102")
    static let otherCourt = Participant(nodeId: "court-2", role: .court, courtCode: "鲁0103")

    func standing(_ status: CaseStatus = .accepted) -> CaseStanding {
        CaseStanding(
            uid: "01m90000000000000000000000", court: "鲁0102", filedBy: "firm-a", status: status,
            representatives: ["pa": "firm-a", "pb": "firm-b"])
    }

    func step(_ before: some Record, _ after: some Record, path: String) throws -> FileStep {
        FileStep(path: path, before: try before.jsonValue(), after: try after.jsonValue())
    }

    func stamped(_ filing: FilingRecord, by node: String) -> FilingRecord {
        var copy = filing
        copy.updatedBy = node
        return copy
    }

    @Test func aCourtMoveIsTheCourtsAndAPartyMoveTheSideItBelongsTo() throws {
        let t = HybridTimestamp(milliseconds: 1_000)
        var filing = FilingRecord(id: "fpres", kind: .preservation, applicantPartyId: "pa", at: t, by: "firm-a")
        filing.state = .feePaid
        var granted = filing
        granted.state = .granted
        // A firm cannot grant its own preservation.
        let forged = Self.judge.judge(
            try step(filing, stamped(granted, by: "firm-a"), path: filing.path), by: Self.firmA, standing: standing())
        #expect(forged.contains { $0.field == "state" && $0.english.contains("firm-a may not change state") })
        // The court can; a court of another court code cannot.
        #expect(
            Self.judge.judge(
                try step(filing, stamped(granted, by: "court-1"), path: filing.path), by: Self.court,
                standing: standing()
            ).isEmpty)
        #expect(
            !Self.judge.judge(
                try step(filing, stamped(granted, by: "court-2"), path: filing.path), by: Self.otherCourt,
                standing: standing()
            ).isEmpty)
        // Reconsideration belongs to the party asking: firm B for its client, not firm A for firm B's client.
        var asked = granted
        asked.state = .reconsiderationRequested
        asked.details["reconsiderationBy"] = "pb"
        asked.details["reconsiderationReason"] = "超标的"
        #expect(
            Self.judge.judge(
                try step(granted, stamped(asked, by: "firm-b"), path: filing.path), by: Self.firmB, standing: standing()
            ).isEmpty)
        #expect(
            !Self.judge.judge(
                try step(granted, stamped(asked, by: "firm-a"), path: filing.path), by: Self.firmA, standing: standing()
            ).isEmpty)
        // A lobby terminal of the court acts for whichever party unlocked the case.
        #expect(
            Self.judge.judge(
                try step(granted, stamped(asked, by: "kiosk-1"), path: filing.path), by: Self.kiosk,
                standing: standing()
            ).isEmpty)
    }

    @Test func theFilersRightsEndWithTheReviewOnEitherSide() throws {
        let t = HybridTimestamp(milliseconds: 1_000)
        let record = CaseRecord(
            uid: standing().uid, title: "甲诉乙", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷",
            claimAmountFen: 100, claims: "还款", status: .submitted, caseNumber: nil, filedAt: t, filedBy: "firm-a",
            updatedAt: t, updatedBy: "firm-a")
        var edited = record
        edited.claims = "还款及利息"
        let change = try step(record, edited, path: "case.json")
        #expect(Self.judge.judge(change, by: Self.firmA, standing: standing(.submitted)).isEmpty)
        #expect(!Self.judge.judge(change, by: Self.firmB, standing: standing(.submitted)).isEmpty, "not the filer")
        var stale = standing(.submitted)
        stale.receiverStatus = .accepted
        #expect(
            Self.judge.judge(change, by: Self.firmA, standing: stale).first?.english.contains(
                "firm-a may not change claims") == true,
            "made on an older state than the receiver's")
        // The filer's resubmission and the court's number.
        var corrected = record
        corrected.status = .correctionRequested
        var resubmitted = corrected
        resubmitted.status = .submitted
        #expect(
            Self.judge.judge(
                try step(corrected, resubmitted, path: "case.json"), by: Self.firmA,
                standing: standing(.correctionRequested)
            ).isEmpty)
        var numbered = record
        numbered.caseNumber = "（2026）鲁0102民初1号"
        #expect(
            !Self.judge.judge(
                try step(record, numbered, path: "case.json"), by: Self.firmA, standing: standing(.submitted)
            ).isEmpty)
    }

    @Test func aPartysSideKeepsItsServiceAddressAndTheFactsAreTheFilersUntilAcceptance() throws {
        let t = HybridTimestamp(milliseconds: 1_000)
        var party = PartyRecord(
            id: "pa", role: .plaintiff, name: "张三", idNumber: nil, idKind: nil, phone: nil, email: nil,
            representative: Representative(name: "王律师", firm: "firm-a"), updatedAt: t, updatedBy: "firm-a")
        party.address = "济南市历下区泉城路1号"
        var moved = party
        moved.address = "济南市市中区经四路2号"
        moved.updatedBy = "firm-a"
        let addressChange = try step(party, moved, path: "parties/pa.json")
        #expect(Self.judge.judge(addressChange, by: Self.firmA, standing: standing(.accepted)).isEmpty)
        #expect(
            Self.judge.judge(addressChange, by: Self.firmB, standing: standing(.accepted)).first?.english.contains(
                "address") == true, "firm B does not act for party pa")

        let record = CaseRecord(
            uid: standing().uid, title: "甲诉乙", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷",
            claimAmountFen: 100, claims: "还款", status: .submitted, caseNumber: nil, filedAt: t, filedBy: "firm-a",
            updatedAt: t, updatedBy: "firm-a")
        var withFacts = record
        withFacts.facts = "2025年3月借款，到期未还。"
        let factsChange = try step(record, withFacts, path: "case.json")
        #expect(Self.judge.judge(factsChange, by: Self.firmA, standing: standing(.submitted)).isEmpty)
        #expect(
            Self.judge.judge(factsChange, by: Self.firmA, standing: standing(.accepted)).first?.english.contains(
                "firm-a may not change facts") == true)
        var byCourt = withFacts
        byCourt.updatedBy = "court-1"
        #expect(
            Self.judge.judge(
                try step(record, byCourt, path: "case.json"), by: Self.court, standing: standing(.accepted)
            ).isEmpty)
    }

    @Test func materialAfterAcceptanceWaitsForReviewAndNamesItsParty() throws {
        let t = HybridTimestamp(milliseconds: 1_000)
        var meta = DocumentMeta(
            id: "dx1", name: "证据.pdf", title: "证据", size: 3, sha256: String(repeating: "a", count: 64),
            mediaType: "application/pdf", addedAt: t, addedBy: "firm-b")
        func add(_ meta: DocumentMeta, by who: Participant, _ status: CaseStatus = .accepted) throws -> [PolicyRefusal]
        {
            Self.judge.judge(
                FileStep(path: meta.metaPath, before: nil, after: try meta.jsonValue()), by: who,
                standing: standing(status))
        }
        #expect(!(try add(meta, by: Self.firmB)).isEmpty, "straight into the dossier")
        meta.review = "pending"
        meta.submittedBy = "pb"
        #expect(try add(meta, by: Self.firmB).isEmpty)
        meta.submittedBy = "pa"
        #expect(!(try add(meta, by: Self.firmB)).isEmpty, "for the other side's party")
        meta.review = "approved"
        meta.addedBy = "firm-a"
        #expect(!(try add(meta, by: Self.firmA)).isEmpty, "approved by itself")
    }

    @Test func fieldsNoRuleNamesCannotBeChangedAndBookkeepingGoesWithAChange() throws {
        let t = HybridTimestamp(milliseconds: 1_000)
        let party = PartyRecord(
            id: "pa", role: .plaintiff, name: "甲", idNumber: nil, idKind: nil, phone: "13800138000", email: nil,
            representative: Representative(name: "王律师", firm: "firm-a"), updatedAt: t, updatedBy: "firm-a")
        var restamped = party
        restamped.updatedAt = HybridTimestamp(milliseconds: 2_000)
        restamped.updatedBy = "firm-b"
        let stampOnly = Self.judge.judge(
            try step(party, restamped, path: "parties/pa.json"), by: Self.firmB, standing: standing())
        #expect(stampOnly.contains { $0.english.contains("changes only") })
        var phone = party
        phone.phone = "13900139000"
        phone.updatedBy = "firm-b"
        #expect(
            !Self.judge.judge(try step(party, phone, path: "parties/pa.json"), by: Self.firmB, standing: standing())
                .isEmpty)
        phone.updatedBy = "firm-a"
        #expect(
            Self.judge.judge(try step(party, phone, path: "parties/pa.json"), by: Self.firmA, standing: standing())
                .isEmpty)
        var moved = party
        moved.id = "pz"
        #expect(
            Self.judge.judge(try step(party, moved, path: "parties/pa.json"), by: Self.court, standing: standing())
                .contains { $0.field == "id" }, "nobody, not even the court, changes a record's id")
    }

    /// `readAt` is written as null until read: the party's side may add it (its firm's desk, a kiosk), once.
    @Test func thePartysSideRecordsAReadingOnceAndNoOtherSideMay() throws {
        let t = HybridTimestamp(milliseconds: 1_000)
        let served = ServiceRecord(
            id: "s1", documentId: "d1", documentTitle: "受理通知书", partyId: "pa", channel: .email,
            address: "a@example.cn", addressByParty: true, at: t, by: "court-1")
        #expect(try served.jsonValue()["readAt"]?.isNull == true)
        func read(_ record: ServiceRecord, on day: Int, by node: String) -> ServiceRecord {
            var copy = record
            copy.readAt = "2026-12-0\(day)T02:00:00.000Z"
            copy.updatedBy = node
            copy.updatedAt = HybridTimestamp(milliseconds: 1_000 + Int64(day))
            return copy
        }
        func allowed(_ before: ServiceRecord, _ after: ServiceRecord, by node: Participant) throws -> Bool {
            Self.judge.judge(try step(before, after, path: served.path), by: node, standing: standing()).isEmpty
        }
        let byFirmA = read(served, on: 1, by: "firm-a")
        #expect(try allowed(served, byFirmA, by: Self.firmA))
        #expect(try allowed(served, read(served, on: 1, by: "kiosk-1"), by: Self.kiosk))
        // Not the other party's firm; and once read, the time stays.
        #expect(try !allowed(served, read(served, on: 1, by: "firm-b"), by: Self.firmB))
        #expect(try !allowed(byFirmA, read(byFirmA, on: 2, by: "firm-a"), by: Self.firmA))
    }

    @Test func thePolicyTextNamesEveryKindInOneLanguage() {
        let zh = AuthorityPolicy.standard.text(.chinese).joined(separator: "\n")
        let en = AuthorityPolicy.standard.text(.english).joined(separator: "\n")
        for kind in RecordKind.allCases {
            #expect(zh.contains(kind.place) && zh.contains(kind.chinese))
            #expect(en.contains(kind.place) && en.contains(kind.english))
        }
        for invariant in PolicyInvariant.allCases {
            #expect(zh.contains(invariant.chinese) && en.contains(invariant.english))
        }
        #expect(!en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "the English text holds Chinese")
    }
}
