import Foundation
import Testing

@testable import DocketKiosk

/// Issue 18: material from a USB stick and the scanner, added at the review, filed with the case, and forgotten with
/// the visit; a kiosk with neither says the material goes to the counter, as before.
@Suite struct MaterialFlowTests {
    static let stick = KioskMaterialSources(
        stickPresent: true,
        files: [
            KioskMaterialFile(path: "/media/kiosk/U/借条.pdf", name: "借条.pdf", size: 120_000, source: .usb),
            KioskMaterialFile(path: "/media/kiosk/U/转账记录.png", name: "转账记录.png", size: 2_400_000, source: .usb),
        ], scanner: true)

    static func driver() throws -> Driver {
        var d = try Driver()
        d.state.content.config.usbMountRoot = "/media/kiosk"
        d.state.content.config.scanCommand = ["scanimage", "--format=png"]
        d.fillFiling()
        return d
    }

    @Test func materialIsChosenFromTheStickAndTheScannerAndFiledWithTheCase() throws {
        var d = try Self.driver()
        #expect(d.screenText.contains("按 1 从U盘或扫描仪添加材料"))
        d.send(.character("1"))
        guard case .findMaterial(let root, let command)? = d.effects.last else {
            Issue.record("no findMaterial"); return
        }
        #expect(root == "/media/kiosk" && command == ["scanimage", "--format=png"])
        d.send(.effectResult(.materialFound(Self.stick)))
        #expect(d.screenText.contains("借条.pdf") && d.screenText.contains("2.3 MB"))
        d.send(.down, .enter)  // 转账记录.png
        #expect(d.screenText.contains("已添加 1 份：转账记录.png"))
        d.send(.enter, .up, .enter)  // taken out again, then 借条.pdf
        #expect(d.screenText.contains("已添加 1 份：借条.pdf"))
        d.send(.character("2"))
        guard case .scanPage(let scan)? = d.effects.last else { Issue.record("no scanPage"); return }
        #expect(scan == ["scanimage", "--format=png"])
        #expect(d.screenText.contains("正在扫描"))
        let page = KioskMaterialFile(path: "/data/kiosk/scans/扫描件1.png", name: "扫描件1.png", size: 300, source: .scanner)
        d.send(.effectResult(.scanned(page)))
        #expect(d.screenText.contains("已添加 2 份：借条.pdf、扫描件1.png"))
        d.send(.escape)
        #expect(d.screenText.contains("已添加 2 份，随立案提交"))
        d.send(.enter)
        guard case .fileCase(_, let complaint, let material)? = d.effects.last else {
            Issue.record("no fileCase"); return
        }
        #expect(material.map(\.name) == ["借条.pdf", "扫描件1.png"])
        #expect(complaint?.contains("随本起诉状提交2份——借条.pdf、扫描件1.png") == true)
    }

    @Test func theNextVisitorFindsNoneOfThePreviousVisitorsMaterial() throws {
        var d = try Self.driver()
        d.send(.character("1"), .effectResult(.materialFound(Self.stick)), .enter)
        #expect(d.state.material.count == 1)
        // Esc all the way back to Welcome: the visit is over.
        for _ in 0..<20 { d.send(.escape) }
        #expect(d.state.material.isEmpty && d.state.isPristine)
        #expect(d.effects.contains { if case .wipeSession = $0 { return true } else { return false } })
    }

    @Test func moreThanTheKioskTakesIsSentToTheCounter() throws {
        var d = try Self.driver()
        let big = (0..<3).map {
            KioskMaterialFile(path: "/m/\($0).pdf", name: "\($0).pdf", size: 20 * 1024 * 1024, source: .usb)
        }
        d.send(.character("1"), .effectResult(.materialFound(.init(stickPresent: true, files: big, scanner: false))))
        d.send(.enter, .down, .enter, .down, .enter)
        #expect(d.state.material.count == 2)
        #expect(d.screenText.contains("最多添加 20 份、共 50.0 MB"))
        d.send(.escape)
        #expect(d.screenText.contains("本终端未连接扫描仪"))
    }

    @Test func aKioskWithoutStickOrScannerKeepsTheCounterNote() throws {
        var d = try Driver()
        d.fillFiling()
        d.send(.character("1"))
        #expect(!d.effects.contains { if case .findMaterial = $0 { return true } else { return false } })
        #expect(d.screenText.contains("请于 7 日内将原件及复印件交至立案窗口") && !d.screenText.contains("按 1"))
    }
}
