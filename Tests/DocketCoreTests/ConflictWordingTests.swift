import DocketCore
import Testing

/// Issue 17: a conflict said in people's words — the party by role and name, the field by its name, each side by
/// its node's name, values as people read them — the same for the desk and the kiosk's administrator.
@Suite struct ConflictWordingTests {
    let t = HybridTimestamp(milliseconds: 1_000)

    func file() -> CaseFile {
        CaseFile(
            record: CaseRecord(
                uid: "c1", title: "张伟诉李四民间借贷纠纷", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷",
                claimAmountFen: 100_000_00, claims: "还款", status: .accepted, caseNumber: nil, filedAt: t,
                filedBy: "firm-a", updatedAt: t, updatedBy: "firm-a"),
            parties: [
                PartyRecord(
                    id: "px6hwtg1e85n7", role: .plaintiff, name: "张伟", idNumber: nil, idKind: nil, phone: nil,
                    email: nil, representative: nil, updatedAt: t, updatedBy: "firm-a"),
                PartyRecord(
                    id: "pdef", role: .defendant, name: "李四", idNumber: nil, idKind: nil, phone: nil, email: nil,
                    representative: nil, updatedAt: t, updatedBy: "firm-a"),
            ], documents: [], timeline: [])
    }

    func conflict(path: String, field: String, _ court: JSONValue, _ firm: JSONValue) -> ConflictRecord {
        ConflictRecord(
            id: "c0123456789abcdef", caseUID: "c1", path: path, field: field,
            values: [
                .init(node: "court-lixia", value: court, updatedAt: t),
                .init(node: "firm-dacheng", value: firm, updatedAt: t),
            ],
            winner: "court-lixia", needsReview: true, openedAt: t, updatedAt: t, updatedBy: "court-lixia")
    }

    let names = ["court-lixia": "济南市历下区人民法院", "firm-dacheng": "律师事务所 firm-dacheng"]

    @Test func aPartysPhoneReadsAsThePartyAndTheField() {
        let described = ConflictWording.describe(
            conflict(
                path: "parties/px6hwtg1e85n7.json", field: "phone", .string("13800138000"), .string("13900139000")),
            in: file(), nodeNames: names, language: .chinese)
        #expect(described.heading == "原告张伟 · 手机号码")
        #expect(described.sides.map(\.nodeName) == ["济南市历下区人民法院", "律师事务所 firm-dacheng"])
        #expect(described.sides.map(\.value) == ["13800138000", "13900139000"])
        #expect(described.sides.map(\.node) == ["court-lixia", "firm-dacheng"])
        let english = ConflictWording.describe(
            conflict(path: "parties/pdef.json", field: "representative.phone", .string("1"), .null),
            in: file(), nodeNames: [:], language: .english)
        #expect(english.heading == "Defendant 李四 · representative's mobile number")
        #expect(english.sides.map(\.nodeName) == ["court-lixia", "firm-dacheng"])
        #expect(english.sides.last?.value == "(none)")
    }

    @Test func amountsAreYuanIDNumbersMaskedUnknownThingsShownAsStored() {
        let amount = ConflictWording.describe(
            conflict(path: "case.json", field: "claimAmountFen", .int(15_000_000), .int(12_000_000)),
            in: file(), nodeNames: names, language: .chinese)
        #expect(amount.heading == "案件 · 诉讼标的额")
        #expect(amount.sides.map(\.value) == ["150000.00元", "120000.00元"])
        let id = ConflictWording.describe(
            conflict(path: "parties/px6hwtg1e85n7.json", field: "idNumber", .string("11010519491231002X"), .null),
            in: file(), nodeNames: names, language: .chinese)
        #expect(id.sides.first?.value == "110***********002X")
        #expect(id.sides.last?.value == "（无）")
        // A party the case does not hold (yet), and a field without a name: nothing hidden, nothing invented.
        let unknown = ConflictWording.describe(
            conflict(path: "parties/pgone.json", field: "nickname", .bool(true), .bool(false)),
            in: nil, nodeNames: names, language: .chinese)
        #expect(unknown.heading == "当事人pgone · nickname")
        #expect(unknown.sides.map(\.value) == ["是", "否"])
    }
}
