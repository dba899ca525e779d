import DocketCore
import Foundation
import Testing

@testable import DocketKiosk

@Suite struct WelcomeTests {
    @Test func tabSwitchesLanguageAndMenuIsData() throws {
        var d = try Driver()
        #expect(d.screenText.contains("自助立案"))
        d.send(.tab)
        #expect(d.state.language == .en)
        #expect(d.screenText.contains("File a case"))
        #expect(d.screenText.contains("Never pay court fees to a private account."))
        d.send(.tab)
        #expect(d.state.language == .zhHans)
    }

    @Test func unavailableEntriesDoNothingAndArrowsMove() throws {
        var screens = try JSONSerialization.jsonObject(with: Fixture.data("screens.json")) as! [String: Any]
        screens["menu"] =
            (screens["menu"] as! [[String: Any]]) + [["id": "later", "label": "menu.apply", "available": false]]
        let content = try KioskContent(
            screens: JSONSerialization.data(withJSONObject: screens),
            locales: [.zhHans: Fixture.data("locales/zh-Hans.json"), .en: Fixture.data("locales/en.json")],
            config: Fixture.data("kiosk.sample.json"), causes: Fixture.data("causes.json"))
        var d = try Driver()
        d.state = KioskState(content: content, now: d.now)
        d.send(.character("6"))  // listed, but not yet available
        #expect(d.state.screen == .welcome(selection: 5))
        #expect(d.screenText.contains("（暂未开放）"))
        d.send(.up, .up, .up, .enter)  // 案件查询
        #expect(d.state.screen == .form(FormState(id: "query")))
        d.send(.escape)
        #expect(d.state.screen == .welcome(selection: 2))
    }

    @Test func belowEightyByTwentyFourOnlyAsksToEnlarge() throws {
        var d = try Driver()
        d.send(.character("3"))
        d.type(Fixture.plaintiffID)
        let frame = Kiosk.render(d.state, size: (23, 80))
        let lines = frame.text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("请放大窗口") == true)
        #expect(Kiosk.render(d.state, size: (24, 79)).text.contains("Please enlarge"))
        expectFits(Kiosk.render(d.state, size: (10, 40)), "tiny")
    }

    @Test func resizeAndCtrlLAskForAFullRedraw() throws {
        var d = try Driver()
        d.send(.resize(rows: 30, cols: 100))
        d.send(.ctrlL)
        #expect(d.effects.filter { if case .redraw = $0 { true } else { false } }.count == 2)
    }
}

@Suite struct QueryFlowTests {
    @Test func queryAsksTheNodeAndShowsTheResult() throws {
        var d = try Driver()
        d.send(.character("3"))
        d.caseNumber("1"); d.send(.enter)
        d.type("11010519491231002x"); d.send(.enter)
        d.type("12345"); d.send(.enter)  // 5 digits: refused
        #expect(d.state.screen == .form(FormState(id: "query", focus: 2, showError: true)))
        #expect(d.screenText.contains("查询码为 6 位数字"))
        d.type("6"); d.send(.enter)
        guard case .query(let credentials)? = d.effects.last else { Issue.record("no query effect"); return }
        #expect(
            credentials
                == QueryCredentials(caseNumber: "（2026）鲁0102民初1号", idNumber: "11010519491231002X", queryCode: "123456"))
        #expect(!String(describing: credentials).contains("11010519491231002X"))
        #expect(d.state.screen == .waiting(message: "searching"))

        d.send(.effectResult(.queryAnswered(Samples.result)))
        let text = d.screenText
        #expect(text.contains("已立案"), "the stored status is shown in the visitor's language")
        #expect(text.contains("2026-12-08 09:30 第三法庭"))
        d.send(.enter)
        #expect(d.state.isPristine)
        #expect(d.effects.contains { if case .wipeSession = $0 { true } else { false } })
    }

    @Test func anAnswerArrivingAfterTheSessionWasWipedIsDropped() throws {
        var d = try Driver()
        d.submitQuery()
        d.advance(90); d.advance(30)
        #expect(d.state.isPristine)
        d.send(.effectResult(.queryAnswered(Samples.result)))
        #expect(d.state.isPristine)
        #expect(!d.screenText.contains("审理中"))
    }

    @Test func theCursorSitsOnTheFocusedField() throws {
        var d = try Driver()
        d.send(.character("3"))
        #expect(d.frame.cursor == ScreenPosition(row: 5, column: 13))  // after "[ （[2026"
        d.caseNumber("12")
        #expect(d.frame.cursor == ScreenPosition(row: 5, column: 27))  // after "[ （2026）鲁0102民初[12"
        d.send(.enter)
        #expect(d.frame.cursor == ScreenPosition(row: 8, column: 6))
    }

    @Test func aFailedQueryGoesBackToTheForm() throws {
        var d = try Driver()
        d.submitQuery()
        d.send(.effectResult(.failed(message: "案号、身份证号码或查询码不正确。")))
        #expect(d.screenText.contains("查询码不正确"))
        d.send(.escape)
        #expect(d.state.screen == .form(FormState(id: "query", focus: 2)))
    }
}

@Suite struct FilingFlowTests {
    @Test func wizardQuotesTheFeeAndFiles() throws {
        var d = try Driver()
        d.fillFiling()
        #expect(d.state.screen == .review(feeFen: 330_000))  // 50 + 2,250 + 1,000 yuan under Decree 481
        let review = d.screenText
        #expect(review.contains("3300.00 元"))
        #expect(review.contains("张三  370***********1233"))
        #expect(!review.contains(Fixture.plaintiffID))
        d.send(.enter)
        guard case .fileCase(let input, let complaint, _)? = d.effects.last else {
            Issue.record("no fileCase effect"); return
        }
        let text = try #require(complaint)
        #expect(text.hasPrefix("民事起诉状") && text.contains("原告：张三，居民身份证 \(Fixture.plaintiffID)"))
        #expect(text.contains("送达地址 济南市历下区泉城路1号") && text.contains("同意电子送达"))
        #expect(text.contains("被告：李四") && text.contains("事实与理由：\n被告于2025年3月借款，到期未还。"))
        #expect(text.contains("此致\n济南市历下区人民法院") && text.contains("2026年11月18日"))
        #expect(input.parties.first?.serviceConsent == "filing")
        #expect(input.court == "鲁0102")
        #expect(input.caseType == "civil")
        #expect(input.title == "张三诉李四民间借贷纠纷")
        #expect(input.claimAmount == Fen(15_000_000))
        #expect(input.parties.map(\.idNumber) == [Fixture.plaintiffID, Fixture.defendantID])
        #expect(input.parties.first?.phone == "13800138000")
        d.send(.effectResult(.filed(filingNumber: "F-2026-000123", queryCode: "204816")))
        #expect(d.screenText.contains("F-2026-000123"))
        #expect(d.screenText.contains("204816"))
        d.send(.escape)
        #expect(d.state.isPristine)
    }

    @Test func idNumberIsCheckedAsTyped() throws {
        var d = try Driver()
        d.send(.character("1"), .character("1"), .enter)
        d.type("民间借贷纠纷"); d.send(.enter)
        d.type("张三"); d.send(.enter, .enter)
        d.type("3701021985")
        #expect(d.screenText.contains("已输入 10/18 位"))
        d.type("03121234")  // wrong check character
        #expect(d.screenText.contains("校验不通过"))
        d.send(.enter)
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff", focus: 2, showError: true)))
        d.send(.backspace); d.type("3")
        #expect(d.screenText.contains("号码格式正确"))
        d.send(.enter)
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff", focus: 3)))
    }

    @Test func escGoesBackThroughTheWizardKeepingInput() throws {
        var d = try Driver()
        d.fillFiling()
        d.send(.escape)
        #expect(d.state.screen == .form(FormState(id: "filing.claims", focus: 2)))
        d.send(.escape, .escape, .escape, .escape)
        #expect(d.state.screen == .form(FormState(id: "filing.plaintiff", focus: 3)))
        #expect(d.state.value("filing.plaintiff", "name") == "张三")
    }

    @Test func civilWithoutAmountIsANonPropertyFee() throws {
        var d = try Driver()
        d.fillFiling(amount: "")
        guard case .review(let fee) = d.state.screen else { Issue.record("not on review"); return }
        #expect(fee != nil)
        #expect(fee! >= 5_000 && fee! <= 10_000)
    }
}

enum Samples {
    static let result = KioskQueryResult(
        caseNumber: "（2026）鲁0102民初1号", title: "张三诉李四民间借贷纠纷", status: "accepted",
        nextHearing: "2026-12-08 09:30 第三法庭",
        deadlines: [
            KioskDeadline(
                lastDay: "2026-12-01", chinese: "举证期限", english: "Evidence period", overdue: false, provisional: true)
        ],
        contact: KioskContact(judge: "王法官", clerk: "李书记员", phone: "0531-12345678"),
        timeline: ["2026-11-02 立案", "2026-11-05 送达起诉状副本"])
}

/// Issue 14: the kiosk's forms ask no kind of party; a defendant given by its unified social credit code is filed
/// as an organisation (checked as a credit code), a person's number as a resident ID.
@Suite struct KioskPartyKindTests {
    @Test func aCreditCodeMakesTheDefendantAnOrganisation() throws {
        var d = try Driver()
        d.fillFiling(defendantID: "91370102MA3C123469", defendantKind: "5")
        let input = try FilingBuilder.input(d.state, now: d.now).get()
        let defendant = try #require(input.parties.first { $0.role == .defendant })
        #expect(defendant.kind == .organisation && defendant.idKind == "credit-code")
        #expect(input.parties.first { $0.role == .plaintiff }?.kind == .person)
    }
}

/// With a receipt printer configured, a filing's receipt is printed (Chinese, the filing number as a QR code) and
/// the screen says whether it came out.
@Suite struct ReceiptPrintingTests {
    @Test func aFilingIsPrintedWhenAPrinterIsConfigured() throws {
        var d = try Driver(language: .en)
        d.state.content.config.receiptPrinter = "/dev/usb/lp0"
        d.fillFiling()
        d.send(.enter)
        d.send(.effectResult(.filed(filingNumber: "7K3QF-M2ZXA", queryCode: "204816")))
        guard case .printReceipt(let receipt, let device)? = d.effects.last else {
            Issue.record("nothing printed"); return
        }
        #expect(device == "/dev/usb/lp0" && receipt.qr == "7K3QF-M2ZXA" && receipt.court == "济南市历下区人民法院")
        #expect(
            receipt.lines.map(\.label) == ["立案编号", "查询码", "案件", "提交时间"], "the paper is Chinese, whatever the screen")
        #expect(receipt.lines[2].value == "张三诉李四民间借贷纠纷" && receipt.lines[3].value.hasSuffix("（北京时间）"))
        d.send(.effectResult(.receiptPrinted(false)))
        #expect(d.screenText.contains("could not be printed; please write down"))
        d.send(.enter)
        d.send(.effectResult(.receiptPrinted(true)))  // late: the visitor has gone
        #expect(d.state.isPristine)
    }

    @Test func withoutAPrinterNothingIsPrinted() throws {
        var d = try Driver()
        d.fillFiling(); d.send(.enter)
        d.send(.effectResult(.filed(filingNumber: "7K3QF-M2ZXA", queryCode: "204816")))
        #expect(!d.effects.contains { if case .printReceipt = $0 { true } else { false } })
    }
}
