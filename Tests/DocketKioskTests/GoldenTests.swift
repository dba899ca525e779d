import Foundation
import Testing

@testable import DocketKiosk

/// Every screen in both languages at 80×24, compared with `Golden/<screen>.<language>.txt`.
/// Run with DOCKET_GOLDEN_UPDATE=1 to rewrite the files after an intended change.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Each screen, reached by driving the state machine the way a visitor would.
    static let screens: [(String, (inout Driver) -> Void)] = [
        ("welcome", { _ in }),
        (
            "query-form",
            { d in
                d.send(.character("3")); d.caseNumber("1"); d.send(.enter); d.type("1101051949")
            }
        ),
        ("query-waiting", { d in d.submitQuery() }),
        (
            "query-result",
            { d in
                d.submitQuery(); d.send(.effectResult(.queryAnswered(Samples.result)))
            }
        ),
        (
            "query-failure",
            { d in
                d.submitQuery(); d.send(.effectResult(.failed(message: "案号、身份证号码或查询码不正确。")))
            }
        ),
        ("filing-case", { d in d.send(.character("1"), .character("1")) }),
        (
            "filing-cause-search",
            { d in
                d.send(.character("1"), .character("1"), .enter); d.type("jkht")
            }
        ),
        (
            "filing-plaintiff-composing",
            { d in
                d.engine = TableInputMethod(); d.send(.inputMethodAvailable(true)); d.state.input.chinese = true
                d.send(.character("1"), .character("1"), .enter); d.type("108"); d.send(.down, .down, .enter)
                d.type("zhangsan"); d.send(.character("2"))
            }
        ),
        (
            "filing-plaintiff",
            { d in
                d.send(.character("1"), .character("1"), .enter); d.type("民间借贷纠纷"); d.send(.enter)
                d.type("张三"); d.send(.enter, .enter); d.type("370102198503121234"); d.send(.enter)
            }
        ),
        (
            "filing-plaintiff-contact",
            { d in
                d.fillFiling(); for _ in 0..<4 { d.send(.escape) }; d.send(.up)
            }
        ),
        (
            "filing-defendant",
            { d in
                d.fillFiling(); d.send(.escape, .escape, .escape, .up)
            }
        ),
        (
            "filing-defendant-contact",
            { d in
                d.fillFiling(); d.send(.escape, .escape)
            }
        ),
        (
            "filing-second-defendant",
            { d in
                d.fillFiling(moreDefendants: [("王五有限公司", "5", "91370102MA3C123469")]);
                d.send(.escape, .escape, .escape, .up, .up)
            }
        ),
        (
            "filing-claims",
            { d in
                d.fillFiling(); d.send(.escape)
            }
        ),
        (
            "filing-review-two-defendants",
            { d in d.fillFiling(moreDefendants: [("王五有限公司", "5", "91370102MA3C123469")]) }
        ),
        ("filing-review", { d in d.fillFiling() }),
        (
            "filing-receipt",
            { d in
                d.fillFiling(); d.send(.enter);
                d.send(.effectResult(.filed(filingNumber: "F-2026-000123", queryCode: "204816")))
            }
        ),
        (
            "payment-form",
            { d in
                d.send(.character("2")); d.caseNumber("1")
            }
        ),
        (
            "payment-choice",
            { d in
                d.send(.character("2")); d.caseNumber("1"); d.send(.enter);
                d.send(.effectResult(.unpaidFound(PaymentFlowTests.fee)))
            }
        ),
        (
            "payment-qr",
            { d in
                PaymentFlowTests.toQR(&d); d.advance(12)
            }
        ),
        (
            "payment-counter",
            { d in
                d.send(.character("2")); d.caseNumber("1"); d.send(.enter)
                d.send(.effectResult(.unpaidFound(PaymentFlowTests.fee))); d.send(.character("2"))
            }
        ),
        (
            "payment-paid",
            { d in
                PaymentFlowTests.toQR(&d);
                d.send(.effectResult(.paid(reference: PaymentFlowTests.fee.reference, amountFen: 330_000)))
            }
        ),
        (
            "dossier-form",
            { d in
                d.send(.character("4")); d.caseNumber("1"); d.send(.enter)
            }
        ),
        (
            "dossier-list",
            { d in
                DossierFlowTests.toList(&d); d.send(.down)
            }
        ),
        (
            "dossier-reader",
            { d in
                DossierFlowTests.toList(&d); d.send(.enter);
                d.send(.effectResult(.documentText(title: "民事起诉状", text: DossierFlowTests.text))); d.send(.down)
            }
        ),
        (
            "admin-pin",
            { d in
                d.send(.character("0")); d.type("2468")
            }
        ),
        ("admin-menu", { d in AdminFlowTests.unlock(&d) }),
        (
            "admin-conflicts",
            { d in
                AdminFlowTests.unlock(&d); d.send(.character("1"));
                d.send(.effectResult(.conflicts(AdminFlowTests.conflicts)))
            }
        ),
        (
            "admin-conflict",
            { d in
                AdminFlowTests.unlock(&d); d.send(.character("1"));
                d.send(.effectResult(.conflicts(AdminFlowTests.conflicts))); d.send(.enter)
            }
        ),
        (
            "admin-sync",
            { d in
                AdminFlowTests.unlock(&d); d.send(.character("2"));
                d.send(
                    .effectResult(
                        .syncStatus(["court-lixia  2026-11-18 10:02  ok", "firm-a  2026-11-18 09:58  3 behind"])))
            }
        ),
        (
            "application-kind",
            { d in
                d.send(.character("5")); d.send(.character("3"))
            }
        ),
        (
            "application-details",
            { d in
                ApplicationFlowTests.toDetails(&d, kind: "8"); d.caseNumber("1"); d.send(.enter)
            }
        ),
        (
            "application-receipt",
            { d in
                ApplicationFlowTests.toDetails(&d); ApplicationFlowTests.fillDetails(&d)
                d.send(.effectResult(.applied(reference: "fq7w2k9d1m", summary: "预约视频接访 2026-12-03 09:00")))
            }
        ),
        (
            "idle-warning",
            { d in
                d.send(.character("3")); d.advance(90); d.advance(7)
            }
        ),
    ]

    @Test(arguments: KioskLanguage.allCases)
    func everyScreenMatchesItsGoldenFrame(language: KioskLanguage) throws {
        let update = ProcessInfo.processInfo.environment["DOCKET_GOLDEN_UPDATE"] == "1"
        for (name, drive) in Self.screens {
            var d = try Driver(language: language)
            drive(&d)
            let frame = d.frame
            expectFits(frame, name)
            // Larger terminals (after a resize) keep the same guarantees.
            expectFits(Kiosk.render(d.state, size: (30, 100)), "\(name) at 100x30")
            expectFits(Kiosk.render(d.state, size: (24, 81)), "\(name) at 81x24")
            #expect(frame.rows == 24 && frame.columns == 80)
            let file = Self.directory.appendingPathComponent("\(name).\(language.rawValue).txt")
            if update {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try Data(frame.text.utf8).write(to: file)
                continue
            }
            guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("missing \(file.lastPathComponent); run with DOCKET_GOLDEN_UPDATE=1")
                continue
            }
            #expect(frame.text == golden, "\(name).\(language.rawValue) differs from its golden frame")
        }
    }

    @Test func tooSmallGolden() throws {
        let d = try Driver()
        let frame = Kiosk.render(d.state, size: (20, 60))
        expectFits(frame, "too-small")
        #expect(frame.text.contains("请放大窗口 / Please enlarge the window (80x24)"))
    }
}
