import Foundation
import Testing

@testable import DocketKiosk

@Suite struct AdminFlowTests {
    static let conflicts = [
        KioskConflict(
            id: "c1", caseTitle: "张三诉李四民间借贷纠纷", field: "parties.p2.phone",
            sides: [
                .init(node: "court-lixia", value: "13800138000", name: "历下区人民法院", nameEnglish: "历下区人民法院"),
                .init(node: "firm-a", value: "13900139000", name: "律师事务所 firm-a", nameEnglish: "Law firm firm-a"),
            ],
            current: "13800138000", heading: "原告张三 · 手机号码", headingEnglish: "Plaintiff 张三 · Mobile phone"),
        KioskConflict(
            id: "c2", caseTitle: "王五诉赵六买卖合同纠纷", field: "claimAmount",
            sides: [.init(node: "court-lixia", value: "200000.00"), .init(node: "firm-b", value: "210000.00")],
            current: "200000.00"),
    ]

    static func unlock(_ d: inout Driver) {
        d.send(.character("0"))
        d.type("2468"); d.send(.enter)
        d.send(.effectResult(.adminUnlocked(true)))
    }

    @Test func pinIsNeverShownAndLeavesTheSession() throws {
        var d = try Driver()
        d.send(.character("0"))
        d.type("2468")
        #expect(!d.screenText.contains("2468"))
        #expect(d.screenText.contains("****"))
        d.send(.enter)
        guard case .checkAdminPIN(let pin)? = d.effects.last else { Issue.record("no checkAdminPIN"); return }
        #expect(pin == "2468")
        #expect(d.state.values.isEmpty)
        d.send(.effectResult(.adminUnlocked(false)))
        #expect(d.screenText.contains("PIN 不正确"))
    }

    /// Issue 18: the administrator reads a conflict as people say it (原告张三 · 手机号码, the court by its name), never
    /// as a file path and node ids.
    @Test func aConflictReadsInPeoplesWords() throws {
        var d = try Driver()
        Self.unlock(&d)
        d.send(.character("1"))
        d.send(.effectResult(.conflicts(Self.conflicts)))
        #expect(d.screenText.contains("原告张三 · 手机号码"))
        d.send(.enter)
        let text = d.screenText
        #expect(text.contains("原告张三 · 手机号码") && !text.contains("parties.p2.phone"))
        #expect(text.contains("1. 历下区人民法院") && text.contains("2. 律师事务所 firm-a"))
    }

    /// Issue 18: a cause list of the 2020 edition, once the 2025 revision is in force, is pointed out to the
    /// administrator to check and replace; the shipped (2025) list says nothing.
    @Test func anOutdatedCauseListIsPointedOutToTheAdministrator() throws {
        var d = try Driver()
        Self.unlock(&d)
        #expect(
            d.state.content.causes.edition == "2025" && !d.screenText.contains("案由表"), "the shipped list is current")
        d.state.content.causes.edition = "2020"
        let text = d.screenText
        #expect(text.contains("案由表为2020年版") && text.contains("法〔2025〕226号") && text.contains("2026-01-01"))
        // Before 2026 the 2020 list was the one in force.
        #expect(d.state.content.causes.newerRevision(onOrBefore: "2025-12-31") == nil)
        #expect(CauseList(edition: "2020").newerRevision(onOrBefore: "2025-12-31") == nil)
        #expect(CauseList(edition: "2020").newerRevision(onOrBefore: "2026-01-01")?.edition == "2025")
    }

    @Test func resolveAConflictSideBySide() throws {
        var d = try Driver()
        Self.unlock(&d)
        d.send(.character("1"))
        guard case .listConflicts? = d.effects.last else { Issue.record("no listConflicts"); return }
        d.send(.effectResult(.conflicts(Self.conflicts)))
        d.send(.down, .enter)
        let text = d.screenText
        #expect(text.contains("1. court-lixia"))
        #expect(text.contains("2. firm-b"))
        #expect(text.contains("210000.00"))
        d.send(.character("2"))
        guard case .resolveConflict(let id, let node)? = d.effects.last else {
            Issue.record("no resolveConflict"); return
        }
        #expect(id == "c2" && node == "firm-b")
        d.send(.effectResult(.conflicts([Self.conflicts[0]])))
        #expect(d.state.screen == .adminConflicts([Self.conflicts[0]], selection: 0))
        d.send(.escape)
        #expect(d.state.screen == .adminMenu(selection: 0))
        d.send(.escape)
        #expect(d.state.screen == .welcome(selection: 0))
    }

    @Test func syncStatusAndExit() throws {
        var d = try Driver()
        Self.unlock(&d)
        d.send(.character("2"))
        d.send(.effectResult(.syncStatus(["court-lixia  last sync 2026-11-18 10:02  ok"])))
        #expect(d.screenText.contains("last sync"))
        // Query lockouts came in as item 3 (issue 15): leaving is now 4.
        d.send(.escape, .character("4"))
        guard case .exitKiosk? = d.effects.last else { Issue.record("no exitKiosk"); return }
    }

    /// Issue 15: the administrator sees who is locked out of queries — which case, at which terminal, until when —
    /// and lifts one with Enter.
    @Test func lockoutsAreListedAndLifted() throws {
        var d = try Driver()
        Self.unlock(&d)
        d.send(.character("3"))
        guard case .listLockouts? = d.effects.last else { Issue.record("no listLockouts"); return }
        let lockout = KioskLockout(
            scope: "case-at-source", caseKey: "（2026）鲁0102民初1号", source: "lobby-1", failures: 5,
            until: "2026-12-07 11:15:00 +08:00")
        d.send(.effectResult(.lockouts([lockout])))
        #expect(
            d.screenText.contains("案件 （2026）鲁0102民初1号") && d.screenText.contains("终端 lobby-1")
                && d.screenText.contains("11:15"))
        d.send(.enter)
        guard case .liftLockout(let lifted)? = d.effects.last else { Issue.record("no liftLockout"); return }
        #expect(lifted == lockout)
        d.send(.effectResult(.lockouts([])))
        #expect(d.screenText.contains("没有被锁定的查询"))
    }

    @Test func idleTimeoutLocksAdministratorMode() throws {
        var d = try Driver()
        Self.unlock(&d)
        d.advance(90); d.advance(30)
        #expect(d.state.isPristine)
    }
}

@Suite struct DataDrivenFormTests {
    /// A new form and menu entry added only in JSON works end to end: no code names it.
    @Test func aFormAddedAsDataIsUsable() throws {
        var screens = try JSONSerialization.jsonObject(with: Fixture.data("screens.json")) as! [String: Any]
        var menu = screens["menu"] as! [[String: Any]]
        menu.append(["id": "callback", "label": "menu.apply", "form": "callback"])
        screens["menu"] = menu
        var forms = screens["forms"] as! [String: Any]
        forms["callback"] = [
            "title": "menu.apply",
            "fields": [
                ["id": "phone", "label": "field.phone", "validator": "mobile", "sensitive": true, "maxLength": 11],
                [
                    "id": "idNumber", "label": "field.idNumber", "validator": "idNumber", "sensitive": true,
                    "maxLength": 18,
                ],
                ["id": "caseNumber", "label": "field.caseNumber", "validator": "required"],
                ["id": "queryCode", "label": "field.queryCode", "validator": "queryCode"],
            ], "submit": ["action": "query"],
        ]
        screens["forms"] = forms
        let content = try KioskContent(
            screens: JSONSerialization.data(withJSONObject: screens),
            locales: [.zhHans: Fixture.data("locales/zh-Hans.json"), .en: Fixture.data("locales/en.json")],
            config: Fixture.data("kiosk.sample.json"), causes: Fixture.data("causes.json"))
        var d = try Driver()
        d.state = KioskState(content: content, now: d.now)
        d.send(.character("6"))
        #expect(d.state.screen == .form(FormState(id: "callback")))
        d.type("1380013800"); d.send(.enter)
        #expect(d.screenText.contains("请输入 11 位手机号码"))
        d.type("0"); d.send(.enter)
        d.type(Fixture.plaintiffID); d.send(.enter)
        #expect(d.screenText.contains("138****8000"))
        d.type("X"); d.send(.enter); d.type("654321"); d.send(.enter)
        guard case .query(let credentials)? = d.effects.last else { Issue.record("no query"); return }
        #expect(credentials.idNumber == Fixture.plaintiffID)
        expectFits(d.frame, "callback")
    }
}
