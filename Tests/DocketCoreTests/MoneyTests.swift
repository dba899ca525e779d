import DocketCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("150000.00", Int64(15_000_000)), ("150000", 15_000_000), ("0.5", 50), ("0.05", 5), (" 12.3 ", 1230),
    ])
    func parsesYuan(text: String, fen: Int64) throws {
        #expect(try Fen(parsingYuan: text).value == fen)
    }

    @Test(arguments: ["-1", "1.234", "1e5", "1,000", "", "abc", ".5", "5.", "１２"])
    func refusesBadAmounts(text: String) {
        #expect(throws: DocketError.self) { _ = try Fen(parsingYuan: text) }
    }

    @Test func formatsTwoDecimals() {
        #expect(Fen(330_000).yuanString == "3300.00")
        #expect(Fen(5).yuanString == "0.05")
        #expect(Fen(-150).yuanString == "-1.50")
    }
}
