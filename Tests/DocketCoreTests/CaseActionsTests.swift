import DocketCore
import Testing

@Suite struct CaseActionsTests {
    let actor = Actor(node: "firm-a", name: "wang", time: HybridTimestamp(milliseconds: 1_795_940_484_123))

    func filed() throws -> (CaseFile, CaseChange) {
        let input = try FilingInput.parse(Array(FilingInputTests.valid.utf8), today: FilingInputTests.today)
        return try CaseActions.file(input, uid: "01kb5s2q3r4t5v6w7x8y9z0a1b", partyIDs: ["pa", "pb"], by: actor)
    }

    @Test func filingWritesRecordPartiesAndOneTimelineEntry() throws {
        let (file, change) = try filed()
        #expect(
            Set(change.files.keys) == [
                "case.json", "parties/pa.json", "parties/pb.json",
                "docket/20261129T082124123Z0000-firm-a.json",
            ])
        #expect(file.record.status == .submitted && file.record.caseNumber == nil)
        let rebuilt = try CaseFile(files: change.files.compactMapValues { $0 })
        #expect(rebuilt == file)
    }

    @Test func editRefusesCourtFieldsAndNoOps() throws {
        let (file, _) = try filed()
        #expect(throws: DocketError.self) { _ = try CaseActions.edit(file, set: [("status", "accepted")], by: actor) }
        #expect(throws: DocketError.self) { _ = try CaseActions.edit(file, set: [("cause", "民间借贷纠纷")], by: actor) }
        let change = try CaseActions.edit(file, set: [("claimAmount", "200000")], by: actor)
        let record = try CaseRecord.decode(change.files["case.json"]!!)
        #expect(record.claimAmountFen == 20_000_000)
    }

    @Test func partyEditChecksThePhone() throws {
        let (file, _) = try filed()
        #expect(throws: DocketError.self) {
            _ = try CaseActions.editParty(
                file, party: "pa", set: [("phone", "555")], today: FilingInputTests.today, by: actor)
        }
        let change = try CaseActions.editParty(
            file, party: "pb", set: [("phone", "+86 139 0000 0000")],
            today: FilingInputTests.today, by: actor)
        #expect(try PartyRecord.decode(change.files["parties/pb.json"]!!).phone == "13900000000")
    }
}
