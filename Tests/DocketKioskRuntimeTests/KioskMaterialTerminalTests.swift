import DocketCore
import DocketStore
import DocketTerminal
import Foundation
import Testing

/// Issue 18: the real kiosk in tmux takes a filer's material from a USB stick (a folder standing in for the mount
/// point) and from a real SANE scanner (SANE's own `test` device, through `scanimage`), and the court receives
/// them as documents of the case beside the complaint.
@Suite(.serialized) struct KioskMaterialTerminalTests {
    static var ready: Bool {
        TmuxSession.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/scanimage")
    }
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)

    @Test(.enabled(if: ready)) func aStickFileAndAScannedPageAreFiledWithTheCase() throws {
        let s = try ScratchNode()
        let stick = s.root.appendingPathComponent("media/KINGSTON/证据")
        try FileManager.default.createDirectory(at: stick, withIntermediateDirectories: true)
        try Data(Self.pdf).write(to: stick.appendingPathComponent("借条.pdf"))
        try Data("not shown".utf8).write(to: stick.appendingPathComponent("说明.txt"))
        try Data(Self.pdf).write(to: stick.appendingPathComponent(".hidden.pdf"))
        // SANE with only its test device: a real scanner program and backend, no hardware.
        let sane = s.root.appendingPathComponent("sane")
        try FileManager.default.createDirectory(at: sane, withIntermediateDirectories: true)
        try Data("test\n".utf8).write(to: sane.appendingPathComponent("dll.conf"))
        let config = s.root.appendingPathComponent("kiosk.json")
        let scan = [
            "env", "SANE_CONFIG_DIR=\(sane.path)", "scanimage", "-d", "test", "--format=png", "--resolution", "75",
        ]
        let configText = """
            {"court": "济南市历下区人民法院", "courtCode": "鲁0102", "usbMountRoot": "\(s.root.path)/media",
             "scanCommand": [\(scan.map { "\"\($0)\"" }.joined(separator: ", "))]}
            """
        try Data(configText.utf8).write(to: config)
        let tmux = try TmuxSession(
            command: [
                KioskTerminalTests.docket, "kiosk", "--data", s.data.path, "--config", config.path,
                "--terminal-id", "lobby-1",
            ], statusFile: s.root.appendingPathComponent("kiosk.status").path)
        try tmux.waitFor("请选择服务")
        try tmux.keys("1"); try tmux.waitFor("案件类型")
        try tmux.keys("1", "Enter"); try tmux.type("民间借贷纠纷"); try tmux.keys("Enter")
        try tmux.waitFor("原告")
        try tmux.type("欧阳明"); try tmux.keys("Tab", "Tab"); try tmux.type("11010519491231002X"); try tmux.keys("Tab")
        try tmux.type("13912345678"); try tmux.keys("Enter")
        try KioskTerminalTests.fillFromServiceAddress(tmux)
        try tmux.waitFor("按 1 从U盘或扫描仪添加材料")
        try tmux.keys("1")
        let listed = try tmux.waitFor("U盘中的文件")
        #expect(listed.contains("借条.pdf") && !listed.contains("说明.txt") && !listed.contains(".hidden"))
        try tmux.keys("Enter")
        try tmux.waitFor("已添加 1 份：借条.pdf")
        try tmux.keys("2")
        try tmux.waitFor("已添加 2 份：借条.pdf、扫描件1.png", timeout: 60)
        try tmux.keys("Escape")
        try tmux.waitFor("已添加 2 份，随立案提交")
        try tmux.keys("Enter")
        let receipt = try tmux.waitFor("查询码")
        let filingNumber = try #require(
            receipt.split(separator: "\n").first { $0.contains("立案编号") }?.split(separator: " ").last)

        let node = try Node.open(at: s.data)
        let file = try node.caseFile(try node.resolveCase(String(filingNumber)))
        #expect(Set(file.documents.map(\.name)) == ["民事起诉状.txt", "借条.pdf", "扫描件1.png"])
        let scanned = try #require(file.documents.first { $0.name == "扫描件1.png" })
        #expect(try node.document(file.record.uid, id: scanned.id).1.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let complaint = try #require(file.documents.first { $0.name == "民事起诉状.txt" })
        let text = String(decoding: try node.document(file.record.uid, id: complaint.id).1, as: UTF8.self)
        #expect(text.contains("随本起诉状提交2份——借条.pdf、扫描件1.png"))
        // The page was filed; nothing of the visit stays in the kiosk's scan folder, and the stick is untouched.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: node.paths.kioskScans.path)) ?? []).isEmpty)
        #expect(try Data(contentsOf: stick.appendingPathComponent("借条.pdf")) == Data(Self.pdf))
    }
}
