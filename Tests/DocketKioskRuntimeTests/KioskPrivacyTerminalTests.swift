import DocketStore
import DocketTerminal
import Foundation
import Testing

/// Privacy between visitors at the real kiosk: whoever leaves a flow with Esc takes what they typed with them; the
/// next visitor finds empty fields, and nothing of it in the screen or the scroll history.
@Suite(.serialized) struct KioskPrivacyTerminalTests {
    @Test(.enabled(if: TmuxSession.available)) func theNextVisitorFindsNothingOfThePreviousOne() throws {
        let s = try ScratchNode()
        let tmux = try TmuxSession(command: [
            KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1",
        ])
        let id = "11010519491231002X", code = "654321"
        try tmux.waitFor("请选择服务")
        // The first visitor: a query typed in full, then Esc back to Welcome.
        try tmux.keys("3"); try tmux.waitFor("查询码")
        try tmux.keys("Enter", "1"); try tmux.type("7"); try tmux.keys("Tab")
        try tmux.type(id); try tmux.keys("Tab"); try tmux.type(code)
        try tmux.waitFor(code)
        try tmux.keys("Escape")
        try tmux.waitFor("请选择服务")
        // The payment form too.
        try tmux.keys("2"); try tmux.waitFor("案号或立案编号")
        try tmux.keys("Enter", "3"); try tmux.type("4321")
        try tmux.waitFor("执[4321]")
        try tmux.keys("Escape"); try tmux.waitFor("请选择服务")
        // And a name half-composed in pinyin.
        try tmux.keys("1", "1", "Enter"); try tmux.type("mjjd"); try tmux.keys("Enter")
        try tmux.waitFor("中文输入", timeout: 60)
        try tmux.type("ouyang"); try tmux.waitFor("[ ou yang")
        try tmux.keys("Escape", "Escape", "Escape"); try tmux.waitFor("请选择服务")

        // The next visitor looks in every field.
        try tmux.keys("3"); try tmux.waitFor("查询码"); try tmux.keys("Down", "Down")
        let query = try tmux.screen()
        try tmux.keys("Escape"); try tmux.waitFor("请选择服务")
        try tmux.keys("2"); try tmux.waitFor("案号或立案编号")
        let payment = try tmux.screen()
        try tmux.keys("Escape"); try tmux.waitFor("请选择服务")
        try tmux.keys("1", "1", "Enter", "Enter")
        let filing = try tmux.screen()
        for (what, screen) in [("query", query), ("payment", payment), ("filing", filing)] {
            for secret in [id, "110***", code, "民初7号", "4321", "ou yang", "民间借贷纠纷"] {
                #expect(!screen.contains(secret), "\(secret) is still on the \(what) screen:\n\(screen)")
            }
        }
        #expect(query.contains("鲁0102民初号 ]"), "the case number starts afresh")
        let history = try tmux.everything()
        for secret in [id, code, "4321", "ou yang"] {
            #expect(!history.contains(secret), "\(secret) is in the scroll history")
        }
    }
}
