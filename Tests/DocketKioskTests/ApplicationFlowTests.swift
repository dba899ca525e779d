import Foundation
import Testing

@testable import DocketKiosk

/// 其他诉讼服务申请: choose what to apply for, identify the case like a query, write the text (and an amount), get a
/// receipt with the request's reference.
@Suite struct ApplicationFlowTests {
    /// Welcome → 5 → the kind (7: 预约视频接访 by default here) → the details form.
    static func toDetails(_ d: inout Driver, kind: Character = "7") {
        d.send(.character("5"))
        d.send(.character(kind), .enter)
    }

    static func fillDetails(_ d: inout Driver, text: String = "", amount: String = "") {
        d.caseNumber("1"); d.send(.enter)
        d.type(Fixture.plaintiffID); d.send(.enter)
        d.type("123456"); d.send(.enter)
        d.type(text); d.send(.enter)
        d.type(amount); d.send(.enter)
    }

    @Test func everyKindIsOfferedAndTheChoiceIsCarriedToTheNode() throws {
        var d = try Driver()
        d.send(.character("5"))
        #expect(d.state.screen == .form(FormState(id: "application.kind")))
        for label in ["申请财产保全", "提供保全担保", "申请司法鉴定", "申请调解", "提交执行财产线索", "申诉信访", "预约视频接访", "申请延期", "给法官留言"] {
            #expect(d.screenText.contains(label), "\(label) is on the menu")
        }
        d.send(.character("1"), .enter)
        #expect(d.state.screen == .form(FormState(id: "application.details")))
        d.caseNumber("1"); d.send(.enter)
        d.type(Fixture.plaintiffID); d.send(.enter)
        d.type("123456"); d.send(.enter)
        d.type("被告名下工商银行账户"); d.send(.enter)
        d.type("abc")
        #expect(d.screenText.contains("金额只能填写数字和小数点") && d.effects.isEmpty, "letters never get into an amount")
        #expect(d.state.value("application.details", "amount") == "")
        d.type("50,000"); d.send(.enter)
        guard case .submitApplication(let application)? = d.effects.last else {
            Issue.record("no application sent"); return
        }
        #expect(application.kind == "preservation" && application.amount == "50000" && application.text == "被告名下工商银行账户")
        #expect(application.credentials.idNumber == Fixture.plaintiffID)
        #expect(!String(describing: application).contains(Fixture.plaintiffID), "the ID number never prints in full")

        d.send(.effectResult(.applied(reference: "fk3m9q2x", summary: "张三丰申请诉中财产保全，金额50000.00元")))
        #expect(d.state.screen == .applicationReceipt(reference: "fk3m9q2x", summary: "张三丰申请诉中财产保全，金额50000.00元"))
        #expect(d.screenText.contains("申请编号") && d.screenText.contains("fk3m9q2x"))
        d.send(.enter)
        #expect(d.state.isPristine)
    }

    @Test func aRefusalIsShownAndEscGoesBackToTheForm() throws {
        var d = try Driver()
        Self.toDetails(&d)
        Self.fillDetails(&d)
        d.send(.effectResult(.failed(message: "暂无可预约的接访时段，请到窗口咨询。")))
        #expect(d.screenText.contains("暂无可预约的接访时段"))
        d.send(.escape)
        #expect(d.state.screen == .form(FormState(id: "application.details", focus: 4)))
    }
}
