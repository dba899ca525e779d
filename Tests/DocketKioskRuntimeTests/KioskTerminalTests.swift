import DocketStore
import DocketTerminal
import Foundation
import Testing

/// The real `docket kiosk` in a real terminal (tmux, 80×24, LANG=C.UTF-8): a walk-in visitor files a case, tries
/// Ctrl-C, resizes the window, queries the case, walks away — and leaves nothing behind on the screen or in the
/// scroll history.
@Suite(.serialized) struct KioskTerminalTests {
    static var docket: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent(".build/debug/docket").path
    }

    /// A kiosk configuration with the shortest idle warning the kiosk allows (20 s).
    func config(in s: ScratchNode) throws -> String {
        let path = s.root.appendingPathComponent("kiosk.json").path
        try Data(
            """
            {"court": "济南市历下区人民法院", "courtCode": "鲁0102", "courtEnglish": "Lixia District People's Court",
             "defaultLanguage": "zh-Hans", "idleTimeoutSeconds": 90, "idleWarningSeconds": 20, \
            "paymentAbandonSeconds": 600,
             "announcements": [{"zh-Hans": "请勿向任何个人转账缴纳诉讼费。", "en": "Never pay court fees to a private account."}]}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The rest of a filing once the plaintiff's mobile number is in: service address with consent, one defendant
    /// (李四, no ID number) and an address, the claims, 20,000 yuan and the facts; ends on the review.
    static func fillFromServiceAddress(_ tmux: TmuxSession) throws {
        try tmux.waitFor("送达地址")
        try tmux.type("济南市历下区泉城路1号"); try tmux.keys("Enter", "1", "Enter", "Enter")
        try tmux.waitFor("自助立案：被告")
        try tmux.type("李四"); try tmux.keys("Enter", "Enter", "Enter")
        try tmux.waitFor("被告住所地")
        try tmux.type("济南市市中区经四路2号"); try tmux.keys("Enter", "Enter", "Enter")
        try tmux.waitFor("诉讼请求")
        try tmux.type("判令被告偿还借款"); try tmux.keys("Tab"); try tmux.type("20000"); try tmux.keys("Tab")
        try tmux.type("被告借款到期未还。"); try tmux.keys("Enter")
    }

    @Test(.enabled(if: TmuxSession.available)) func fileQueryIdleAndNothingLeftBehind() throws {
        let s = try ScratchNode()
        let statusFile = s.root.appendingPathComponent("kiosk.status").path
        let tmux = try TmuxSession(
            command: [
                Self.docket, "kiosk", "--data", s.data.path, "--config", try config(in: s),
                "--idle-timeout", "3", "--terminal-id", "lobby-1",
            ], statusFile: statusFile)
        let name = "欧阳明", idNumber = "11010519491231002X", phone = "13912345678"

        try tmux.waitFor("请选择服务")
        // 自助立案: case type 1 (civil), cause; plaintiff; defendant; claims and amount; confirm.
        try tmux.keys("1")
        try tmux.waitFor("案件类型")
        try tmux.keys("1", "Enter"); try tmux.type("民间借贷纠纷"); try tmux.keys("Enter")
        try tmux.waitFor("原告")
        try tmux.type(name); try tmux.keys("Tab", "Tab"); try tmux.type(idNumber); try tmux.keys("Tab");
        try tmux.type(phone)
        let typing = try tmux.waitFor(phone)
        #expect(typing.contains(idNumber) == false, "the ID number is masked once its field loses the focus")
        try tmux.keys("Enter")
        try Self.fillFromServiceAddress(tmux)
        let review = try tmux.waitFor("预交诉讼费")
        #expect(review.contains("300.00 元"), "民事 20,000 yuan: 50 + 2.5 % of 10,000 = 300.00")
        try tmux.keys("Enter")
        let receipt = try tmux.waitFor("查询码")
        let filingNumber = try #require(
            receipt.split(separator: "\n").first { $0.contains("立案编号") }?.split(separator: " ").last)
        let code = try #require(
            receipt.split(separator: "\n").first { $0.contains("查询码") && !$0.contains("记下") }?.split(separator: " ")
                .last)
        #expect(filingNumber.count == 11 && code.count == 6)

        // Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S do nothing: same process, same screen.
        let shellPID = try tmux.display("#{pane_pid}")
        let kiosk = try #require(
            try String(contentsOfFile: "/proc/\(shellPID)/task/\(shellPID)/children", encoding: .utf8)
                .split(separator: " ").first.flatMap { pid_t($0) })
        try tmux.keys("C-c", "C-z", "C-\\", "C-s")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(
            kill(kiosk, 0) == 0 && !FileManager.default.fileExists(atPath: statusFile), "the kiosk is still running")
        #expect(try tmux.screen().contains(String(filingNumber)))

        // Too small: one line asking for a bigger window; back to 80×24: the whole screen again.
        try tmux.run(["resize-window", "-x", "60", "-y", "20"])
        let small = try tmux.waitFor("请放大窗口")
        #expect(!small.contains(String(filingNumber)))
        try tmux.run(["resize-window", "-x", "80", "-y", "24"])
        try tmux.waitFor(String(filingNumber))

        // 案件查询 with the receipt.
        try tmux.keys("Enter")
        try tmux.waitFor("请选择服务")
        try tmux.keys("3")
        try tmux.waitFor("查询码")
        try tmux.keys("Enter", "9"); try tmux.type(String(filingNumber)); try tmux.keys("Tab"); try tmux.type(idNumber);
        try tmux.keys("Tab"); try tmux.type(String(code))
        try tmux.keys("Enter")
        let result = try tmux.waitFor("已提交，待审查")
        #expect(result.contains("立案审查期限") && result.contains(name))

        // Walk away: the bilingual warning counts down from 20 s, then Welcome, wiped.
        let warning = try tmux.waitFor("秒", timeout: 10)
        #expect(warning.contains("按任意键继续"))
        try tmux.waitFor("请选择服务", timeout: 30)

        let all = try tmux.everything()
        for secret in [idNumber, name, phone, String(code), "判令被告偿还借款", "泉城路"] {
            #expect(!all.contains(secret), "\(secret) must not survive the session")
        }
        let uid = try Node.open(at: s.data).resolveCase(String(filingNumber))
        #expect(try Node.open(at: s.data).caseFile(uid).parties.contains { $0.name == name && $0.idNumber == idNumber })

        // SIGTERM ends it cleanly (wiped, 128 + 15).
        #expect(kill(kiosk, SIGTERM) == 0)
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: statusFile), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(
            (try? String(contentsOfFile: statusFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                == "143")
    }
}
