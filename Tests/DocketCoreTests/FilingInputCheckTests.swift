import DocketCore
import Testing

/// Issue 17: a filing's problems are found all at once (the desk's form shows them together), each naming its field,
/// in the document's order; `parse` still throws the first.
@Suite struct FilingInputCheckTests {
    let today = try! LocalDate(year: 2026, month: 12, day: 1)

    @Test func everyProblemOfEveryFieldAndPartyAtOnce() {
        let bytes = Array(
            """
            {"court": "鲁0102", "caseType": "civil", "claimAmount": "12abc",
             "parties": [{"role": "plaintiff", "name": "张伟", "idNumber": "110105194912310021", "phone": "12345"},
                         {"role": "defendant", "name": "李四", "email": "nope"},
                         {"role": "witness", "name": "王五"}]}
            """.utf8)
        let (input, problems) = FilingInput.check(bytes, today: today)
        #expect(input == nil)
        #expect(
            problems.map(\.key) == [
                "filing.field-required", "filing.claim-amount-invalid", "party.id-number-invalid",
                "party.phone-invalid",
                "party.email-invalid", "filing.party-role-invalid",
            ], "\(problems.map(\.english))")
        #expect(problems[0].english == "cause is required.")
        #expect(problems[2].english.hasPrefix("parties[0].idNumber"))
        #expect(problems[4].english.hasPrefix("parties[1].email"))
        #expect(throws: problems[0]) { try FilingInput.parse(bytes, today: today) }
    }

    @Test func aGoodFilingHasNoProblems() throws {
        let bytes = Array(
            """
            {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "1000.00",
             "parties": [{"role": "plaintiff", "name": "张伟"}, {"role": "defendant", "name": "李四"},
                         {"role": "defendant", "name": "某公司", "kind": "organisation"}]}
            """.utf8)
        let (input, problems) = FilingInput.check(bytes, today: today)
        #expect(problems.isEmpty)
        #expect(input?.parties.count == 3)
        #expect(input?.title == "张伟诉李四、某公司民间借贷纠纷")
    }
}
