import Foundation
import Testing

@testable import DocketKiosk

/// The cause of action is picked from the official list by number or pinyin initials, never typed free.
@Suite struct CausePickerTests {
    /// Welcome → 自助立案 → civil, the cause field focused.
    static func toCause(_ d: inout Driver) {
        d.send(.character("1"), .character("1"), .enter)
        #expect(d.state.screen == .form(FormState(id: "filing.case", focus: 1)))
    }

    @Test func initialsFindTheCauseAndEnterTakesIt() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toCause(&d)
        #expect(d.screenText.contains("输入案由编号或拼音首字母查找"))
        d.type("mjjd")
        #expect(!d.state.input.isComposing, "letters in a cause field are initials, not pinyin to compose")
        #expect(d.screenText.contains("> 108(3) 民间借贷纠纷"))
        d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "民间借贷纠纷")
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff")), "taking the cause submits the last field")
    }

    @Test func numbersFindByTheListsNumberAndArrowsChoose() throws {
        var d = try Driver()
        Self.toCause(&d)
        d.type("411"); d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "机动车交通事故责任纠纷")
        d.send(.escape)  // back to the cause, chosen
        #expect(d.screenText.contains("[ 411 机动车交通事故责任纠纷"))
        d.type("108")
        #expect(d.screenText.contains("> 108 借款合同纠纷") && d.screenText.contains("  108(3) 民间借贷纠纷"))
        d.send(.down, .down, .enter)
        #expect(d.state.value("filing.case", "cause") == "民间借贷纠纷")
    }

    @Test func escClearsTheSearchThenLeavesAndBackspaceUnchooses() throws {
        var d = try Driver()
        Self.toCause(&d)
        d.type("lhjf")
        d.send(.escape)
        #expect(
            d.state.screen == .form(FormState(id: "filing.case", focus: 1))
                && d.state.value("filing.case", "cause") == "")
        d.type("lhjf"); d.send(.enter)
        d.send(.escape); d.send(.backspace)
        #expect(d.state.value("filing.case", "cause") == "", "Backspace with nothing searched drops the chosen cause")
        d.send(.enter)
        #expect(d.screenText.contains("此项必填"))
        d.send(.escape)
        #expect(d.state.screen == .welcome(selection: 0), "with nothing searched, Esc leaves the form")
        #expect(d.state.values.isEmpty, "and back on Welcome the flow is forgotten")
    }

    @Test func nothingFoundSaysSoAndOddKeysAreRefused() throws {
        var d = try Driver()
        Self.toCause(&d)
        d.type("xyzq")
        #expect(d.screenText.contains("没有找到"))
        d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "")
        for _ in 0..<4 { d.send(.backspace) }
        d.type("-")
        #expect(d.screenText.contains("请按数字键选择一项") == false && d.state.value("filing.case", "cause#query") == "")
    }

    @Test func englishShowsTheGlossAndFilesTheChineseName() throws {
        var d = try Driver(language: .en)
        Self.toCause(&d)
        d.type("fwzl")
        #expect(d.screenText.contains("> 116(2) Lease of a house or flat"))
        d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "房屋租赁合同纠纷")
    }
}

/// The case number is entered by its parts: the year, the kiosk's own court, the type by its number, the serial —
/// or a filing number for a case not yet numbered.
@Suite struct CaseNumberEntryTests {
    @Test func partsComposeTheNumberWithTheKiosksCourt() throws {
        var d = try Driver()
        d.send(.character("3"))
        #expect(d.screenText.contains("[ （[2026]）鲁0102民初号 ]"))
        #expect(d.screenText.contains("年份（默认今年）"))
        d.send(.enter)  // this year
        #expect(d.screenText.contains("1 民初  2 民特  3 执  4 执保"))
        d.send(.character("3"))  // 执
        d.type("0")  // no leading zero
        #expect(d.screenText.contains("只能填写数字") && d.state.value("query", "caseNumber") == "")
        d.type("１２3a")  // full-width digits count, letters do not
        #expect(d.state.value("query", "caseNumber") == "（2026）鲁0102执123号")
        d.send(.backspace, .backspace, .backspace, .backspace)  // past the serial's start: back to the type
        d.send(.character("1")); d.type("45")
        #expect(d.state.value("query", "caseNumber") == "（2026）鲁0102民初45号")
        d.send(.enter)
        #expect(d.state.screen == .form(FormState(id: "query", focus: 1)))
    }

    @Test func anotherYearAndAFilingNumber() throws {
        var d = try Driver()
        d.send(.character("3"))
        d.type("2025"); d.send(.character("1")); d.type("7")  // four digits move on by themselves
        #expect(d.state.value("query", "caseNumber") == "（2025）鲁0102民初7号")
        d.send(.backspace, .backspace); d.send(.character("9"))  // the last type: a filing number
        d.type("7k3qf-m2zxa")
        #expect(d.state.value("query", "caseNumber") == "7K3QF-M2ZXA")
        #expect(d.screenText.contains("[ 立案编号 [7K3QF-M2ZXA] ]"))
        d.send(.enter)
        #expect(d.state.screen == .form(FormState(id: "query", focus: 1)))
    }

    @Test func anEmptySerialIsRefusedOnEnter() throws {
        var d = try Driver(language: .en)
        d.send(.character("3"))
        d.send(.enter, .enter, .enter)
        #expect(d.state.screen == .form(FormState(id: "query", focus: 0, showError: true, part: 2)))
        #expect(d.screenText.contains("Enter the case serial or the filing number."))
    }
}
