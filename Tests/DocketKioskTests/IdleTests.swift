import Foundation
import Testing

@testable import DocketKiosk

@Suite struct IdleTests {
    func wiped(_ d: Driver) -> Bool { d.effects.contains { if case .wipeSession = $0 { true } else { false } } }

    @Test func warnsAtTheTimeoutCountsDownAndWipes() throws {
        var d = try Driver()
        d.send(.character("3"))
        d.caseNumber("1")
        d.advance(89)
        #expect(d.state.idleSecondsLeft == nil)
        d.advance(1)
        #expect(d.state.idleSecondsLeft == 30)
        let text = d.screenText
        #expect(text.contains("30 秒后将清除本次输入并返回首页"))
        #expect(text.contains("Your session will be wiped in 30 s."))
        #expect(d.state.idle.warning >= 20)
        d.advance(12)
        #expect(d.state.idleSecondsLeft == 18)
        #expect(!wiped(d))
        d.advance(18)
        #expect(wiped(d))
        #expect(d.state.isPristine)
        #expect(d.state.values.isEmpty)
        #expect(!d.screenText.contains("民初"))
    }

    @Test func anyKeyExtendsAndIsNotTyped() throws {
        var d = try Driver()
        d.send(.character("3"))
        d.caseNumber("12")
        d.advance(95)
        #expect(d.state.idleSecondsLeft != nil)
        d.send(.character("9"))
        #expect(d.state.idleSecondsLeft == nil)
        #expect(d.state.value("query", "caseNumber") == "（2026）鲁0102民初12号")
        d.advance(60)
        #expect(d.state.idleSecondsLeft == nil)  // the key restarted the 90 s
        d.advance(30)
        #expect(d.state.idleSecondsLeft == 30)
    }

    @Test func pristineWelcomeNeverWarns() throws {
        var d = try Driver()
        d.advance(1000)
        #expect(d.state.idleSecondsLeft == nil)
        #expect(!wiped(d))
    }

    @Test func pendingPaymentHoldsTheWipeUntilAbandoned() throws {
        var d = try Driver()
        d.send(.character("3"))
        d.send(.effectResult(.paymentPending(true)))
        d.advance(300)
        #expect(d.state.idleSecondsLeft == nil)
        #expect(!wiped(d))
        d.advance(300)
        #expect(wiped(d))
    }

    @Test func policyNeverCountsDownLessThanTwentySeconds() {
        #expect(IdlePolicy(timeout: 10, warning: 5).warning == 20)
    }
}

@Suite struct MaskingTests {
    /// ID numbers and phones appear in clear only while focused in their own field.
    @Test func idNumbersAreMaskedOutsideTheirField() throws {
        var d = try Driver()
        d.send(.character("1"), .character("1"), .enter)
        d.type("民间借贷纠纷"); d.send(.enter)
        d.type("张三"); d.send(.enter, .enter)
        d.type(Fixture.plaintiffID)
        #expect(d.screenText.contains(Fixture.plaintiffID))  // being typed
        d.send(.enter)
        #expect(!d.screenText.contains(Fixture.plaintiffID))
        #expect(d.screenText.contains("370***********1233"))
        d.type("13800138000"); d.send(.enter)
        #expect(!d.screenText.contains("13800138000"))
        d.send(.escape)
        #expect(!d.screenText.contains(Fixture.plaintiffID))
    }

    @Test func noScreenOfTheWholeFilingShowsTheIDs() throws {
        var d = try Driver()
        var frames: [String] = []
        d.send(.character("1")); frames.append(d.screenText)
        d.fillFilingRecording(into: &frames)
        for (n, text) in frames.enumerated() {
            // Allowed only on the frame where the number is being typed (its own focused field).
            if text.contains(Fixture.defendantID) || text.contains(Fixture.plaintiffID) {
                #expect(text.contains("> 身份证号码"), "frame \(n) shows an ID outside its field")
            }
        }
        #expect(!frames.last!.contains(Fixture.plaintiffID))
        #expect(!frames.last!.contains(Fixture.defendantID))
    }
}

extension Driver {
    /// `fillFiling`, keeping every frame after every event.
    mutating func fillFilingRecording(into frames: inout [String]) {
        let steps: [[KioskEvent]] = [
            [.character("1"), .enter], "民间借贷纠纷".map { .character($0) } + [.enter],
            "张三".map { .character($0) } + [.enter], Fixture.plaintiffID.map { .character($0) } + [.enter],
            "13800138000".map { .character($0) } + [.enter], "李四".map { .character($0) } + [.enter],
            Fixture.defendantID.map { .character($0) } + [.enter], "判令被告偿还借款本金".map { .character($0) } + [.enter],
            "150000".map { .character($0) } + [.enter],
        ]
        for event in steps.joined() { send(event); frames.append(screenText) }
    }
}
