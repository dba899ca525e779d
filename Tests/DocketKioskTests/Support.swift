import DocketCore
import Foundation
import Testing

@testable import DocketKiosk

/// The real `Kiosk/` data, found from this file's path so tests need no bundle.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let kiosk = root.appendingPathComponent("Kiosk")

    static func data(_ path: String) throws -> Data { try Data(contentsOf: kiosk.appendingPathComponent(path)) }

    static func content() throws -> KioskContent {
        try KioskContent(
            screens: data("screens.json"),
            locales: [.zhHans: data("locales/zh-Hans.json"), .en: data("locales/en.json")],
            config: data("kiosk.sample.json"), causes: data("causes.json"))
    }

    /// A valid resident ID (the GB 11643 example) and another for the defendant.
    static let plaintiffID = "370102198503121233"
    static let defendantID = "11010519491231002X"
    static let start = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, a fixed "now"
}

/// Drives the state machine with a fake clock, collecting every effect.
struct Driver {
    var state: KioskState
    var now: Date
    var effects: [KioskEffect] = []
    /// The input method the outer layer would plug in; nil: letters go in as typed.
    var engine: (any InputMethodEngine)?

    init(language: KioskLanguage = .zhHans, engine: (any InputMethodEngine)? = nil) throws {
        now = Fixture.start
        state = KioskState(content: try Fixture.content(), now: now)
        state.language = language
        state.input.chinese = language == .zhHans
        self.engine = engine
        if engine != nil { send(.inputMethodAvailable(true)) }
    }

    mutating func send(_ events: KioskEvent...) { for e in events { send(e) } }

    mutating func send(_ event: KioskEvent) {
        let (next, out) = Kiosk.update(state, event, now: now, inputMethod: engine)
        state = next
        effects += out
    }

    mutating func type(_ text: String) { for c in text { send(.character(c)) } }

    /// Enters a case number by its parts in the focused field: this year (Enter), the type by its number, the serial.
    mutating func caseNumber(_ serial: String, type: Character = "1") {
        send(.enter); send(.character(type)); self.type(serial)
    }

    /// Moves the fake clock and sends the tick the outer layer would.
    mutating func advance(_ seconds: TimeInterval) {
        now = now.addingTimeInterval(seconds)
        send(.tick(now))
    }

    var frame: Frame { Kiosk.render(state, size: (24, 80)) }
    var screenText: String { frame.text }

    /// Fills in and submits the query form (leaves the kiosk waiting for the node's answer).
    mutating func submitQuery() {
        send(.character("3"))
        caseNumber("1"); send(.enter)
        type(Fixture.defendantID); send(.enter)
        type("123456"); send(.enter)
    }

    /// Walks the filing wizard up to the review screen: a civil case, one plaintiff (agreeing to electronic service),
    /// one defendant — or more, each `(name, document kind number, ID number)`.
    mutating func fillFiling(
        amount: String = "150000", defendantID: String = Fixture.defendantID, defendantKind: Character = "1",
        moreDefendants: [(String, Character, String)] = []
    ) {
        send(.character("1"))  // 自助立案
        send(.character("1")); send(.enter)  // civil
        type("民间借贷纠纷"); send(.enter)  // the cause, found by its name
        type("张三"); send(.enter)
        send(.enter)  // 身份证, preset
        type(Fixture.plaintiffID); send(.enter)
        type("13800138000"); send(.enter)
        type("济南市历下区泉城路1号"); send(.enter)
        send(.character("1")); send(.enter)  // agrees to electronic service
        send(.enter)  // no other plaintiff
        let defendants = [("李四", defendantKind, defendantID)] + moreDefendants
        for (n, (name, kind, id)) in defendants.enumerated() {
            type(name); send(.enter)
            send(.character(kind)); send(.enter)
            type(id); send(.enter)
            type("济南市市中区经四路\(n + 2)号"); send(.enter)
            send(.enter)  // no phone
            send(.character(n + 1 < defendants.count ? "2" : "1")); send(.enter)  // another defendant?
        }
        type("判令被告偿还借款本金"); send(.enter)
        type(amount); send(.enter)
        type("被告于2025年3月借款，到期未还。"); send(.enter)
    }
}

/// The two width rules every frame must keep.
func expectFits(_ frame: Frame, _ name: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<frame.rows {
        let line = frame.line(row)
        #expect(
            DisplayWidth.of(line) <= frame.columns, "\(name) row \(row) is too wide", sourceLocation: sourceLocation)
        if case .glyph(_, 2) = frame.cells[row][frame.columns - 1] {
            Issue.record("\(name) row \(row) has a wide character in the last column", sourceLocation: sourceLocation)
        }
    }
}
