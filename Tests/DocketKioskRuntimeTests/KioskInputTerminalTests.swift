import DocketCore
import DocketKioskRuntime
import DocketStore
import DocketTerminal
import Foundation
import Testing

/// The real kiosk in tmux at 80×24, with librime deployed by the kiosk itself: a walk-in types a name in pinyin,
/// picks the cause by its initials, and the filing reaches the node in Chinese.
@Suite(.serialized) struct KioskInputTerminalTests {
    static var ready: Bool {
        TmuxSession.available && FileManager.default.fileExists(atPath: "/usr/share/rime-data/pinyin_simp.schema.yaml")
    }

    /// The number the candidate bar gives `word`, read off the screen ("1.张三 2.张 …").
    static func number(of word: String, in screen: String) -> String? {
        for line in screen.split(separator: "\n") where line.contains("1.") {
            for item in line.split(separator: " ") where item.hasSuffix(".\(word)") {
                return String(item.prefix { $0 != "." })
            }
        }
        return nil
    }

    @Test(.enabled(if: ready)) func pinyinNameAndCauseByInitialsReachTheNode() throws {
        let s = try ScratchNode()
        let statusFile = s.root.appendingPathComponent("kiosk.status").path
        // A receipt printer: a file standing in for /dev/usb/lp0.
        let printer = s.root.appendingPathComponent("lp0").path
        let config = s.root.appendingPathComponent("kiosk.json").path
        try Data(#"{"court": "济南市历下区人民法院", "courtCode": "鲁0102", "receiptPrinter": "\#(printer)"}"#.utf8).write(
            to: URL(fileURLWithPath: config))
        let tmux = try TmuxSession(
            command: [
                KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--config", config,
                "--terminal-id", "lobby-1",
            ], statusFile: statusFile)
        try tmux.waitFor("请选择服务")
        try tmux.keys("1"); try tmux.waitFor("案件类型")
        try tmux.keys("1", "Enter")
        try tmux.type("mjjd")
        try tmux.waitFor("> 108(3) 民间借贷纠纷")
        try tmux.keys("Enter")
        try tmux.waitFor("姓名或名称")
        // The kiosk deploys librime on its first start; Chinese input shows itself once it is ready.
        try tmux.waitFor("中文输入", timeout: 60)
        #expect(
            FileManager.default.fileExists(
                atPath: s.data.appendingPathComponent("kiosk/input/build/pinyin_simp.prism.bin").path))
        try tmux.type("zhangsan")
        try tmux.waitFor("[ zhang san ")
        #expect(try tmux.screen().contains("1.张三"))
        try tmux.keys("1")
        try tmux.waitFor("[ 张三 ")
        try tmux.keys("Tab", "Tab"); try tmux.type(KioskSamples.idNumber); try tmux.keys("Tab");
        try tmux.type("13800138000"); try tmux.keys("Enter")
        try tmux.waitFor("送达地址")
        try tmux.type("济南市历下区泉城路1号"); try tmux.keys("Enter", "1", "Enter", "Enter")
        try tmux.waitFor("自助立案：被告")
        // 王五 is not one word in the dictionary: 王 first, then 五 from what is left.
        try tmux.type("wangwu")
        try tmux.waitFor("[ wang wu ")
        let offered = try tmux.screen()
        try tmux.keys(try #require(Self.number(of: "王", in: offered)))
        let rest = try tmux.waitFor("[ 王wu")
        try tmux.keys(try #require(Self.number(of: "五", in: rest)))
        try tmux.waitFor("[ 王五 ")
        try tmux.keys("Enter", "Enter", "Enter")
        try tmux.waitFor("被告住所地")
        try tmux.type("济南市市中区经四路2号"); try tmux.keys("Enter", "Enter", "Enter")
        try tmux.waitFor("诉讼请求")
        try tmux.type("判令被告偿还借款"); try tmux.keys("Tab"); try tmux.type("20,000"); try tmux.keys("Tab")
        try tmux.type("被告借款到期未还。"); try tmux.keys("Enter")
        let review = try tmux.waitFor("预交诉讼费")
        #expect(review.contains("108(3) 民间借贷纠纷") && review.contains("张三") && review.contains("王五"))
        #expect(review.contains("300.00 元"), "20,000 typed with its separator is 20000 yuan")
        try tmux.keys("Enter")
        let receipt = try tmux.waitFor("回执已打印")
        let filingNumber = try #require(
            receipt.split(separator: "\n").first { $0.contains("立案编号") }?.split(separator: " ").last)
        // The printout: ESC/POS with its Chinese in GB18030 (not UTF-8), holding the filing number.
        let printed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: printer)))
        #expect(printed.firstRange(of: Array("立案编号".utf8)) == nil)
        let paper = try ReceiptPrinter.text(fromGB18030: printed)
        #expect(paper.contains("立案编号：\(filingNumber)") && paper.contains("张三诉王五民间借贷纠纷"))
        let node = try Node.open(at: s.data)
        let file = try node.caseFile(try node.resolveCase(String(filingNumber)))
        #expect(Set(file.parties.map(\.name)) == ["张三", "王五"])
        #expect(file.record.title == "张三诉王五民间借贷纠纷", "\(file.record.title)")

        // SIGTERM ends the kiosk with 128 + 15 with librime running (it is finalised on the way out).
        let shellPID = try tmux.display("#{pane_pid}")
        let kiosk = try #require(
            try String(contentsOfFile: "/proc/\(shellPID)/task/\(shellPID)/children", encoding: .utf8)
                .split(separator: " ").first.flatMap { pid_t($0) })
        #expect(kill(kiosk, SIGTERM) == 0)
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOfFile: statusFile, encoding: .utf8))?.isEmpty ?? true, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(
            (try? String(contentsOfFile: statusFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                == "143")
    }

    @Test(.enabled(if: TmuxSession.available)) func aCaseNumberEnteredByItsParts() throws {
        let s = try ScratchNode()
        let receipt = try s.node.fileSelfService(try KioskSamples.filing())
        let accepted = try s.node.accept(receipt.file.record.uid)
        let number = try CaseNumber(parsing: accepted.caseNumber)
        let tmux = try TmuxSession(command: [
            KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1",
        ])
        try tmux.waitFor("请选择服务")
        try tmux.keys("3")
        try tmux.waitFor("[ （[\(number.year)]）鲁0102民初号 ]")  // this year and the kiosk's court are there already
        try tmux.keys("Enter")
        try tmux.waitFor("1 民初  2 民特")
        try tmux.keys("1"); try tmux.type(String(number.serial))
        try tmux.waitFor("[ （\(number.year)）鲁0102民初[\(number.serial)]号 ]")
        try tmux.keys("Tab"); try tmux.type(KioskSamples.idNumber); try tmux.keys("Tab");
        try tmux.type(receipt.queryCode); try tmux.keys("Enter")
        let result = try tmux.waitFor("已立案")
        #expect(result.contains(accepted.caseNumber))
    }

    @Test(.enabled(if: ready)) func aTerminalClosedWhileTheInputMethodDeploysLeavesNoKioskBehind() throws {
        // Each kiosk on a node of its own, first start: its terminal closes while librime deploys.
        let nodes = try (0..<3).map { _ in try ScratchNode() }
        var pids: [pid_t] = []
        for (s, delay) in zip(nodes, [0.05, 0.2, 0.4]) {
            let timing = s.root.appendingPathComponent("timing").path
            var tmux: TmuxSession? = try TmuxSession(command: [
                KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--timing", timing,
            ])
            let deadline = Date().addingTimeInterval(15)
            while !((try? String(contentsOfFile: timing, encoding: .utf8)) ?? "").contains("first-frame"),
                Date() < deadline
            {
                Thread.sleep(forTimeInterval: 0.01)
            }
            if let pid = pid_t(try tmux!.display("#{pane_pid}")) { pids.append(pid) }  // the pane runs the kiosk itself
            Thread.sleep(forTimeInterval: delay)
            tmux = nil  // the terminal goes away (SIGHUP)
        }
        let deadline = Date().addingTimeInterval(30)
        while pids.contains(where: { kill($0, 0) == 0 }), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let left = pids.filter { kill($0, 0) == 0 }
        left.forEach { kill($0, SIGKILL) }
        #expect(pids.count == 3 && left.isEmpty, "a kiosk whose terminal closed mid-deploy must end, not hang: \(left)")
        // The next start on such a node finds (or redeploys) the input method as usual.
        let tmux = try TmuxSession(command: [KioskTerminalTests.docket, "kiosk", "--data", nodes[0].data.path])
        try tmux.waitFor("请选择服务")
        try tmux.keys("1", "1", "Enter"); try tmux.type("mjjd"); try tmux.keys("Enter")
        try tmux.waitFor("中文输入", timeout: 60)
    }
}

/// Issue 18: when librime cannot start (here its folder cannot be made: a file is in the way), visitors type letters
/// and digits as before, and the administrator's menu says why Chinese input is missing, in the screen's language.
@Suite struct KioskInputFailureTerminalTests {
    @Test(.enabled(if: TmuxSession.available)) func theAdministratorReadsWhyChineseInputIsMissing() throws {
        let s = try ScratchNode()
        try s.node.set(.kioskPINHash, to: try AdminPIN.hash("2468"))
        try FileManager.default.createDirectory(
            at: s.data.appendingPathComponent("kiosk"), withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: s.node.paths.kioskInputMethod)
        let tmux = try TmuxSession(
            command: [KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--terminal-id", "lobby-1"],
            statusFile: s.root.appendingPathComponent("kiosk.status").path)
        try tmux.waitFor("请选择服务")
        try tmux.keys("0"); try tmux.waitFor("管理员登录")
        try tmux.type("2468"); try tmux.keys("Enter")
        let menu = try tmux.waitFor("中文输入法未能启动", timeout: 30)
        #expect(menu.contains("原因：输入法目录") && menu.contains("无法写入"), "\(menu)")
        #expect(!menu.contains("not a folder"))
    }
}
