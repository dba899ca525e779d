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
        #expect(d.screenText.contains("> 103(3) 民间借贷纠纷"))
        d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "民间借贷纠纷")
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff")), "taking the cause submits the last field")
    }

    @Test func numbersFindByTheListsNumberAndArrowsChoose() throws {
        var d = try Driver()
        Self.toCause(&d)
        d.type("374"); d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "机动车交通事故责任纠纷")
        d.send(.escape)                                         // back to the cause, chosen
        #expect(d.screenText.contains("[ 374 机动车交通事故责任纠纷"))
        d.type("103")
        #expect(d.screenText.contains("> 103 借款合同纠纷") && d.screenText.contains("  103(3) 民间借贷纠纷"))
        d.send(.down, .down, .enter)
        #expect(d.state.value("filing.case", "cause") == "民间借贷纠纷")
    }

    @Test func escClearsTheSearchThenLeavesAndBackspaceUnchooses() throws {
        var d = try Driver()
        Self.toCause(&d)
        d.type("lhjf")
        d.send(.escape)
        #expect(d.state.screen == .form(FormState(id: "filing.case", focus: 1)) && d.state.value("filing.case", "cause") == "")
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
        #expect(d.screenText.contains("> 111(2) Lease of a house or flat"))
        d.send(.enter)
        #expect(d.state.value("filing.case", "cause") == "房屋租赁合同纠纷")
    }
}
