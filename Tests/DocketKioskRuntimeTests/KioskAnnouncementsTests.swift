import DocketCore
import DocketKioskRuntime
import DocketStore
import DocketTerminal
import Foundation
import Testing

/// The kiosk's welcome screen shows the node's current announcements.
@Suite(.serialized) struct KioskAnnouncementsTests {
    @Test func recordsBecomeNotesInTheirLanguageOrInEveryLanguage() throws {
        let s = try ScratchNode()
        let both = try s.node.publishAnnouncement(title: "开放时间", body: "8:30-17:00")
        let english = try s.node.publishAnnouncement(title: "English desk", body: "Window 3.", language: "en")
        let notes = KioskAnnouncements.notes([both, english])
        #expect(
            notes == [["zh-Hans": "【开放时间】8:30-17:00", "en": "开放时间: 8:30-17:00"], ["en": "English desk: "
                + "Window 3."]])
    }

    @Test(.enabled(if: TmuxSession.available)) func theKioskWelcomeScreenShowsTheCourtsCurrentAnnouncement() throws {
        let s = try ScratchNode()
        try s.node.publishAnnouncement(title: "国庆假期安排", body: "立案大厅暂停开放。")
        let withdrawn = try s.node.publishAnnouncement(title: "已撤回的公告", body: "不应显示。")
        try s.node.withdrawAnnouncement(id: withdrawn.id)
        let tmux = try TmuxSession(command: [
            KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1",
        ])
        let screen = try tmux.waitFor("国庆假期安排")
        #expect(screen.contains("立案大厅暂停开放"))
        #expect(!screen.contains("已撤回的公告"))
        #expect(screen.contains("请勿向任何个人转账"), "the configuration's own announcements stay")

        // Published while the kiosk runs: shown from the next visitor on, never in the middle of a visit.
        let receipt = try s.node.fileSelfService(try KioskSamples.filing())
        try s.node.publishAnnouncement(title: "新增夜间立案窗口", body: "周三延长至19:00。")
        try tmux.keys("3")
        try tmux.waitFor("查询码")
        try tmux.keys("Enter", "9"); try tmux.type(receipt.filingNumber); try tmux.keys("Tab");
        try tmux.type(KioskSamples.idNumber); try tmux.keys("Tab")
        try tmux.type(receipt.queryCode); try tmux.keys("Enter")
        let result = try tmux.waitFor("已提交，待审查")
        #expect(!result.contains("新增夜间立案窗口"))
        try tmux.keys("Enter")  // the visit ends: wiped, and the content reloaded
        #expect(try tmux.waitFor("新增夜间立案窗口").contains("国庆假期安排"))
    }
}
