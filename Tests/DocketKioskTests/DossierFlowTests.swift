import Foundation
import Testing

@testable import DocketKiosk

@Suite struct DossierFlowTests {
    static let documents = [
        KioskDocument(
            id: "d1", title: "民事起诉状", mediaType: "text/plain", sizeBytes: 2_048, date: "2026-11-02", isText: true),
        KioskDocument(
            id: "d2", title: "借条（照片）", mediaType: "image/jpeg", sizeBytes: 1_572_864, date: "2026-11-02",
            isText: false),
        KioskDocument(
            id: "d3", title: "受理通知书", mediaType: "application/pdf", sizeBytes: 90_000, date: "2026-11-05", isText: false
        ),
    ]
    static let text = (1...30).map { "第\($0)行：原告张三与被告李四民间借贷纠纷一案，原告诉称被告于2025年借款150000元至今未还，请求判令偿还本金及利息。" }
        .joined(separator: "\n")

    static func toList(_ d: inout Driver) {
        d.send(.character("4"))
        d.caseNumber("1"); d.send(.enter)
        d.type(Fixture.defendantID); d.send(.enter)
        d.type("123456"); d.send(.enter)
        d.send(.effectResult(.documents(documents)))
    }

    @Test func listAndReadATextDocument() throws {
        var d = try Driver()
        d.send(.character("4"))
        d.caseNumber("1"); d.send(.enter)
        d.type(Fixture.defendantID); d.send(.enter)
        d.type("123456"); d.send(.enter)
        guard case .listDocuments(let credentials)? = d.effects.last else { Issue.record("no listDocuments"); return }
        #expect(credentials.idNumber == Fixture.defendantID)
        d.send(.effectResult(.documents(Self.documents)))
        #expect(d.screenText.contains("image/jpeg"))
        #expect(d.screenText.contains("1 MB"))
        d.send(.down, .enter)  // a photo: metadata only, nothing to open
        #expect(d.state.screen == .dossierList(Self.documents, selection: 1))
        d.send(.up, .enter)
        guard case .readDocument(_, let id)? = d.effects.last else { Issue.record("no readDocument"); return }
        #expect(id == "d1")
        d.send(.effectResult(.documentText(title: "民事起诉状", text: Self.text)))
        #expect(d.screenText.contains("第1行"))
        for _ in 0..<5 { d.send(.down) }
        #expect(!d.screenText.contains("第1行："))
        d.send(.escape)
        #expect(d.state.screen == .dossierList(Self.documents, selection: 0))
    }

    @Test func readerWrapsWithinTheFrame() {
        let lines = DossierScreens.lines(Self.text)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= DossierScreens.readerWidth })
        #expect(lines.count > 30)
    }
}
