import DocketKiosk
import DocketKioskRuntime
import Foundation
import Testing

/// The receipt as the printer gets it: ESC/POS, Chinese in GB18030, the filing number as a QR code, a cut.
struct ReceiptPrinterTests {
    static let receipt = KioskReceipt(
        court: "济南市历下区人民法院", title: "已提交立案申请",
        lines: [("立案编号", "7K3QF-M2ZXA"), ("查询码", "204816"), ("案件", "张三诉李四民间借贷纠纷")],
        qr: "7K3QF-M2ZXA", note: "请记下立案编号和查询码。")

    @Test func chineseInGB18030AndTheFilingNumberAsAQRCode() throws {
        let bytes = try ReceiptPrinter.escPos(Self.receipt)
        #expect(Array(bytes.prefix(4)) == [0x1B, 0x40, 0x1C, 0x26], "initialised, Chinese character mode")
        #expect(Array(bytes.suffix(4)) == [0x1D, 0x56, 0x42, 0x00], "fed and cut")
        let 立案 = try ReceiptPrinter.gb18030("立案")
        #expect(立案 == [0xC1, 0xA2, 0xB0, 0xB8], "GB18030 (GB 2312 range) for 立案")
        #expect(bytes.starts(with: [0x1B, 0x40]) && bytes.firstRange(of: 立案) != nil)
        #expect(bytes.firstRange(of: Array("立案".utf8)) == nil, "no UTF-8 reaches the printer")
        // GS ( k store: length 11 + 3, then the number.
        let store: [UInt8] = [0x1D, 0x28, 0x6B, 14, 0, 0x31, 0x50, 0x30] + Array("7K3QF-M2ZXA".utf8)
        #expect(bytes.firstRange(of: store) != nil)
        let text = try ReceiptPrinter.text(fromGB18030: bytes)
        #expect(text.contains("济南市历下区人民法院") && text.contains("立案编号：7K3QF-M2ZXA") && text.contains("查询码：204816"))
    }

    @Test func printingAppendsToTheDeviceFileAndSaysWhenItCannot() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("docket-printer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try ReceiptPrinter.print(Self.receipt, device: file.path)
        try ReceiptPrinter.print(Self.receipt, device: file.path)
        let printed = try [UInt8](Data(contentsOf: file))
        #expect(printed == (try ReceiptPrinter.escPos(Self.receipt)) + (try ReceiptPrinter.escPos(Self.receipt)))
        #expect(throws: ReceiptPrinterError.device("/nonexistent/lp0")) {
            try ReceiptPrinter.print(Self.receipt, device: "/nonexistent/lp0")
        }
    }
}
