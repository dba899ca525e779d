import Foundation
import Testing

@testable import DocketKiosk

/// Leaving a flow for Welcome forgets everything typed in it, and wipes the screen and its history.
@Suite struct PrivacyTests {
    @Test func escBackToWelcomeForgetsTheFlow() throws {
        var d = try Driver(engine: TableInputMethod())
        d.send(.character("3")); d.caseNumber("7"); d.send(.enter)
        d.type(Fixture.defendantID); d.send(.enter); d.type("654321")
        d.send(.escape)
        #expect(d.state.screen == .welcome(selection: 2) && d.state.values.isEmpty)
        #expect(
            d.effects.contains { if case .wipeSession = $0 { true } else { false } },
            "the screen and scroll history go too")
        d.send(.character("3"), .down, .down)
        let screen = d.screenText
        #expect(!screen.contains("11010519") && !screen.contains("654321") && !screen.contains("民初7号"))
    }

    @Test func aWizardForgetsOnlyWhenItIsLeftWhole() throws {
        var d = try Driver(engine: TableInputMethod())
        d.fillFiling()
        d.send(.escape, .escape)  // review → claims → defendant: still the same visitor
        #expect(d.state.value("filing.plaintiff", "name") == "张三")
        for _ in 0..<5 { d.send(.escape) }  // … → plaintiff → case → Welcome
        #expect(d.state.screen == .welcome(selection: 0) && d.state.values.isEmpty)
    }

    @Test func anOpenCompositionGoesWithTheVisitor() throws {
        var d = try Driver(engine: TableInputMethod())
        InputMethodTests.toPlaintiff(&d)
        d.type("zhang")
        d.advance(90); d.advance(30)
        #expect(d.state.isPristine && !d.state.input.isComposing && d.state.input.composition == nil)
        #expect(d.state.input.available, "the input method itself stays ready for the next visitor")
    }
}
