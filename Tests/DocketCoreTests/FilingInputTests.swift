import DocketCore
import Testing

@Suite struct FilingInputTests {
    static let today = try! LocalDate(year: 2026, month: 11, day: 29)

    static let valid = """
        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "150000.00",
         "claims": "判令被告偿还借款本金150000元",
         "parties": [
           {"role": "plaintiff", "name": "张三", "idNumber": "370102198503121233", "phone": "13800138000",
            "email": "zhangsan@example.com", "representative": {"name": "王律师", "firm": "firm-a"}},
           {"role": "defendant", "name": "李四", "idNumber": "11010519491231002x"}
         ]}
        """

    @Test func parsesAFilingAndNamesTheCase() throws {
        let input = try FilingInput.parse(Array(Self.valid.utf8), today: Self.today)
        #expect(input.claimAmount == Fen(15_000_000))
        #expect(input.title == "张三诉李四民间借贷纠纷")
        #expect(input.parties[1].idNumber == "11010519491231002X")
        #expect(input.parties[1].idKind == "resident-id")
        #expect(input.parties[0].representative?.firm == "firm-a")
    }

    @Test(arguments: [
        ("\"claimAmount\": \"150000.00\"", "\"claimAmount\": \"150000.001\"", "claimAmount"),
        ("\"claimAmount\": \"150000.00\"", "\"claimAmount\": 150000.5", "whole numbers"),
        ("\"idNumber\": \"370102198503121233\"", "\"idNumber\": \"370102198503121234\"", "parties[0].idNumber"),
        ("\"phone\": \"13800138000\"", "\"phone\": \"12345\"", "parties[0].phone"),
        ("\"email\": \"zhangsan@example.com\"", "\"email\": \"not-an-address\"", "parties[0].email"),
        ("\"role\": \"defendant\"", "\"role\": \"plaintiff\"", "at least one plaintiff and one defendant"),
        ("\"role\": \"defendant\"", "\"role\": \"judge\"", "parties[1].role"),
        ("\"caseType\": \"civil\"", "\"caseType\": \"war\"", "caseType"),
        ("\"court\": \"鲁0102\", ", "", "court is required"),
    ])
    func refusesBadFieldsNamingThem(find: String, replace: String, mention: String) {
        let text = Self.valid.replacingOccurrences(of: find, with: replace)
        #expect {
            _ = try FilingInput.parse(Array(text.utf8), today: Self.today)
        } throws: { error in
            (error as? DocketError)?.message.contains(mention) == true
        }
    }

    @Test func anInvalidIDNumberIsNeverEchoedInFull() {
        let text = Self.valid.replacingOccurrences(of: "370102198503121233", with: "370102198503121234")
        do {
            _ = try FilingInput.parse(Array(text.utf8), today: Self.today)
            Issue.record("should have failed")
        } catch {
            #expect(!"\(error)".contains("370102198503121234"))
        }
    }

    @Test func theServiceAddressAndTheFactsBecomeFieldsOfTheRecords() throws {
        let text = Self.valid
            .replacingOccurrences(of: "\"claims\": ", with: "\"facts\": \"2025年3月被告借款，到期未还。\", \"claims\": ")
            .replacingOccurrences(of: "\"name\": \"李四\"", with: "\"name\": \"李四\", \"address\": \" 济南市市中区经四路2号 \"")
        let input = try FilingInput.parse(Array(text.utf8), today: Self.today)
        #expect(input.facts == "2025年3月被告借款，到期未还。")
        #expect(input.parties[1].address == "济南市市中区经四路2号" && input.parties[0].address == nil)
        let actor = Actor(node: "kiosk-1", name: "自助终端", time: HybridTimestamp(milliseconds: 1_000))
        let (file, change) = try CaseActions.file(
            input, uid: "01m90000000000000000000000", partyIDs: ["pa", "pb"], by: actor)
        #expect(file.record.facts == input.facts && file.parties[1].address == "济南市市中区经四路2号")
        // What is written is what is read back: the fields travel in the records, not only in the complaint.
        #expect(change.value(at: "parties/pb.json")?["address"] == .string("济南市市中区经四路2号"))
        #expect(change.value(at: "case.json")?["facts"] == .string("2025年3月被告借款，到期未还。"))
        // A filing without them writes records exactly as before (no empty fields appear).
        let plain = try CaseActions.file(
            try FilingInput.parse(Array(Self.valid.utf8), today: Self.today), uid: "01m90000000000000000000000",
            partyIDs: ["pa", "pb"], by: actor)
        #expect(plain.1.value(at: "case.json")?["facts"] == nil)
        #expect(plain.1.value(at: "parties/pb.json")?["address"] == nil)
    }

    @Test func anAddressOnSeveralLinesIsRefusedNamingTheParty() {
        let text = Self.valid.replacingOccurrences(
            of: "\"name\": \"李四\"", with: "\"name\": \"李四\", \"address\": \"济南市\\n经四路\"")
        #expect {
            _ = try FilingInput.parse(Array(text.utf8), today: Self.today)
        } throws: { error in
            (error as? DocketError)?.message.contains("parties[1].address") == true
        }
    }
}
