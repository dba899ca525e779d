import Foundation
import Testing

@testable import DocketKiosk

/// Chinese input in the pure core: pinyin typed into a text field composes through the engine, numbered candidates
/// choose, Backspace and Esc edit and cancel the composition, 中/英 switches; fields take only what they can hold.
@Suite struct InputMethodTests {
    /// Welcome → 自助立案 → civil → a cause → the plaintiff form, name focused.
    static func toPlaintiff(_ d: inout Driver) {
        d.send(.character("1"), .character("1"), .enter)
        d.type("民间借贷纠纷"); d.send(.enter)
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff")))
    }

    @Test func pinyinChosenByNumberFillsTheField() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("zhangsan")
        #expect(d.state.value("filing.plaintiff", "name") == "")
        #expect(d.state.input.composition?.preedit == "zhangsan")
        let screen = d.screenText
        #expect(screen.contains("[ zhangsan"))
        #expect(screen.contains("1.张三 2.张 3.章 4.长 5.涨"))
        #expect(screen.contains("中文输入"))
        d.send(.character("1"))
        #expect(d.state.value("filing.plaintiff", "name") == "张三")
        #expect(!d.state.input.isComposing)
        #expect(d.screenText.contains("[ 张三"))
    }

    @Test func aPartialChoiceKeepsComposingAndBackspaceTakesItBack() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("zhangsan")
        d.send(.character("2"))  // 张, "san" left
        #expect(d.state.input.composition?.preedit == "张san")
        #expect(d.state.input.composition?.candidates.first == "三")
        d.send(.backspace)  // the choice is taken back
        #expect(d.state.input.composition?.preedit == "zhangsan")
        d.send(.backspace)  // then letters go
        #expect(d.state.input.composition?.preedit == "zhangsa")
        d.type("n"); d.send(.character(" "))  // Space takes the first
        #expect(d.state.value("filing.plaintiff", "name") == "张三")
    }

    @Test func escCancelsTheCompositionBeforeLeavingTheField() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("li"); d.send(.character("1")); d.type("si")
        d.send(.escape)
        #expect(!d.state.input.isComposing)
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff")), "the first Esc only drops the composition")
        #expect(d.state.value("filing.plaintiff", "name") == "李")
        d.send(.escape)
        #expect(d.state.screen == .form(FormState(id: "filing.case", focus: 1)))
    }

    @Test func backspacingEveryLetterClosesTheComposition() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("wu"); d.send(.backspace, .backspace)
        #expect(!d.state.input.isComposing && d.state.input.composition == nil)
        d.send(.backspace)  // now Backspace edits the field again
        #expect(d.state.value("filing.plaintiff", "name") == "")
    }

    @Test func pagesAndNumbersOnlyForWhatIsShown() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("zhang")
        #expect(d.screenText.contains("-/= 翻页"))
        d.send(.character("="))
        #expect(d.state.input.composition?.candidates == ["账", "帐"])
        d.send(.character("3"))  // only two on this page: nothing happens
        #expect(d.state.input.isComposing)
        d.send(.character("2"))
        #expect(d.state.value("filing.plaintiff", "name") == "帐")
        d.type("zhang"); d.send(.down, .up, .character("1"))  // arrows page too, while composing
        #expect(d.state.value("filing.plaintiff", "name") == "帐张")
    }

    @Test func enterTakesTheLettersAsTypedAndTheModeKeySwitches() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("abc"); d.send(.enter)
        #expect(d.state.value("filing.plaintiff", "name") == "abc")
        #expect(
            d.state.screen == .form(FormState(id: "filing.plaintiff")), "Enter ended the composition, not the field")
        d.type("wang"); d.send(.toggleInputMode)  // switching keeps the letters as typed
        #expect(d.state.value("filing.plaintiff", "name") == "abcwang" && !d.state.input.chinese)
        #expect(d.screenText.contains("英文输入"))
        d.type("x")
        #expect(d.state.value("filing.plaintiff", "name") == "abcwangx")
        d.send(.toggleInputMode); d.type("wu1")
        #expect(d.state.value("filing.plaintiff", "name") == "abcwangx五")
    }

    @Test func punctuationEndsTheCompositionWithItsFirstCandidate() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("lisi·")
        #expect(d.state.value("filing.plaintiff", "name") == "李四·")
    }

    @Test func withoutAnEngineLettersGoInAsTyped() throws {
        var d = try Driver()
        Self.toPlaintiff(&d)
        d.type("zhang")
        #expect(d.state.value("filing.plaintiff", "name") == "zhang")
        #expect(!d.screenText.contains("中文输入"), "no 中/英 indicator when there is no input method")
    }

    @Test func codeFieldsNeverComposeAndNormaliseWhatIsTyped() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.type("张三"); d.send(.enter, .enter)
        d.type("１１０１０５１９４９１２３１００２x")  // full-width digits, a lower-case x
        #expect(d.state.value("filing.plaintiff", "idNumber") == "11010519491231002X")
        d.send(.backspace); d.type("中")
        #expect(d.state.value("filing.plaintiff", "idNumber") == "11010519491231002")
        #expect(d.screenText.contains("此项只能填写数字和字母。"))
        d.type("X"); d.send(.enter)
        d.type("138-0013-8000a")
        #expect(d.state.value("filing.plaintiff", "phone") == "13800138000")
    }

    @Test func amountsDropThousandsSeparatorsAndTakeFullWidthDigits() throws {
        var d = try Driver(engine: TableInputMethod())
        d.fillFiling(amount: "")
        d.send(.escape)  // back from the review to the claims form
        d.send(.up); d.type("１００,０００。５0")
        #expect(d.state.value("filing.claims", "amount") == "100000.50")
        d.type(".")
        #expect(d.screenText.contains("金额只能填写数字和小数点。"))
    }

    @Test func aFullFieldSaysSoInsteadOfSwallowingKeys() throws {
        var d = try Driver(engine: TableInputMethod())
        Self.toPlaintiff(&d)
        d.send(.toggleInputMode)
        d.type(String(repeating: "a", count: 21))
        #expect(d.state.value("filing.plaintiff", "name").count == 20)
        #expect(d.screenText.contains("已达字数上限 20/20"))
        d.send(.backspace)
        #expect(!d.screenText.contains("已达字数上限"))
    }

    @Test func englishModeSpeaksEnglishAboutInput() throws {
        var d = try Driver(language: .en, engine: TableInputMethod())
        Self.toPlaintiff(&d)
        #expect(!d.state.input.chinese, "an English visit starts with letters as typed")
        #expect(d.screenText.contains("Letters as typed (Ctrl+Space/F2)"))
        d.send(.toggleInputMode); d.type("zhang")
        #expect(d.screenText.contains("-/= more"))
    }
}
