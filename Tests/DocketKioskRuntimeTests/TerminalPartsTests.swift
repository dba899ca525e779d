import DocketKiosk
import DocketKioskRuntime
import DocketTerminal
import Testing

/// The small parts around the terminal: which keys mean something, and the QR code libqrencode draws.
struct TerminalPartsTests {
    @Test func controlKeysThatWouldStopOrFreezeTheKioskMeanNothing() {
        for letter: Character in ["c", "z", "\\", "s", "q", "d"] {
            #expect(KeyMap.event(for: .control(letter), size: (24, 80)) == nil, "Ctrl-\(letter)")
        }
        #expect(KeyMap.event(for: .control("l"), size: (24, 80)) == .ctrlL)
        #expect(KeyMap.event(for: .resize, size: (30, 100)) == .resize(rows: 30, cols: 100))
        #expect(KeyMap.event(for: .character("3"), size: (24, 80)) == .character("3"))
        #expect(KeyMap.event(for: .function(265), size: (24, 80)) == nil)
    }

    @Test func qrCodesHaveTheirFinderPatterns() throws {
        let modules = try QRCodeEncoder.modules(for: "http://127.0.0.1:8480/pay/ord_9b458c8036e55261b7a57ef2")
        let size = modules.count
        #expect(size >= 21 && (size - 21) % 4 == 0 && modules.allSatisfy { $0.count == size })
        // The three 7×7 finder squares: a dark ring, a light ring, a dark 3×3 core.
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = max(abs(y - 3), abs(x - 3))
                    #expect(modules[top + y][left + x] == (ring != 2), "finder at \(top),\(left) module \(y),\(x)")
                }
            }
        }
        #expect(throws: QRCodeError.self) { _ = try QRCodeEncoder.modules(for: String(repeating: "x", count: 5000)) }
    }
}
