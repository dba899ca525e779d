import Testing

@testable import DocketKiosk

/// Lines broken as people read them: whole English words, and Chinese by its line-breaking rules.
@Suite struct LineBreakerTests {
    @Test func englishWrapsAtWordBoundaries() {
        let lines = LineBreaker.lines("The payment service did not answer; please ask at the counter.", width: 20)
        #expect(lines == ["The payment service", "did not answer;", "please ask at the", "counter."])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(
            LineBreaker.lines("supercalifragilistic", width: 8) == ["supercal", "ifragili", "stic"],
            "a word longer than a line is cut")
    }

    @Test func noLineStartsWithClosingPunctuationOrEndsWithOpening() {
        // 12 columns: six characters fill the line; "。" would open the next, so it takes "费" along.
        #expect(LineBreaker.lines("请到窗口缴费。谢谢", width: 12) == ["请到窗口缴", "费。谢谢"])
        #expect(LineBreaker.lines("金额一二（三千元）", width: 10) == ["金额一二", "（三千元）"], "（ never ends a line")
        for text in ["该案件没有待缴费用。 Nothing is owed on this case.", "您的申请可能已经提交，请勿重复提交，"
            + "请到窗口核实。"] {
            for width in 8...30 {
                for line in LineBreaker.lines(text, width: width) {
                    #expect(DisplayWidth.of(line) <= width, "\(line) at \(width)")
                    if let first = line.first {
                        #expect(!LineBreaker.noStart.contains(first), "\"\(line)\" at \(width)")
                    }
                    if let last = line.last { #expect(!LineBreaker.noEnd.contains(last), "\"\(line)\" at \(width)") }
                }
            }
        }
    }

    @Test func aMaskedIDNumberStaysOnOneLine() {
        let lines = LineBreaker.lines("欧阳明  370***********1233", width: 20)
        #expect(lines == ["欧阳明", "370***********1233"])
    }

    @Test func newlinesAreKept() {
        #expect(LineBreaker.lines("一\n\n二", width: 10) == ["一", "", "二"])
    }
}
