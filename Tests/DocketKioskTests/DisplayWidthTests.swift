import Foundation
import Testing

@testable import DocketKiosk

#if canImport(Glibc)
import Glibc
#endif

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("中", 2), ("，", 2), ("。", 2), ("Ａ", 2), ("한", 2), ("\u{301}", 0),
        ("e\u{301}", 1), ("\u{200B}", 0), ("😀", 2), ("\u{1}", 0), ("-", 1), ("é", 1),
    ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    /// Cross-checks the pure-Swift table against the C library for every character of the kiosk's data and
    /// of every golden frame.
    @Test func agreesWithWcwidthOnKioskText() throws {
        #if canImport(Glibc)
        // glibc hides wcwidth's prototype unless _XOPEN_SOURCE is set, so look the function up instead.
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil, let symbol = dlsym(nil, "wcwidth") else { return }
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        #expect(wcwidth(0x4E2D) == 2, "the C.UTF-8 locale is not in effect")
        var text = ""
        for file in ["locales/zh-Hans.json", "locales/en.json", "screens.json", "kiosk.sample.json"] {
            text += String(decoding: try Fixture.data(file), as: UTF8.self)
        }
        let golden = GoldenTests.directory
        for file in (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? [] {
            text += (try? String(contentsOf: golden.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        for scalar in Set(text.unicodeScalars) where scalar.value >= 0x20 {
            let c = Int(wcwidth(Int32(bitPattern: scalar.value)))
            #expect(DisplayWidth.of(scalar) == c, "U+\(String(scalar.value, radix: 16)) \(scalar)")
        }
        #endif
    }
}

@Suite struct FrameTests {
    @Test func clipsAtTheEdgeAndKeepsWideCharactersWhole() {
        var frame = Frame(rows: 1, columns: 5)
        let end = frame.write("中文字", row: 0, column: 0)
        #expect(end == 4)  // the third character would need columns 4 and 5
        #expect(frame.line(0) == "中文 ")
        if case .glyph(_, 2) = frame.cells[0][4] { Issue.record("wide character in the last column") }
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var frame = Frame(rows: 1, columns: 6)
        frame.write("中文", row: 0, column: 0)
        frame.write("x", row: 0, column: 1)
        #expect(frame.line(0) == " x文  ")
        frame.write("y", row: 0, column: 2)
        #expect(frame.line(0) == " xy   ")
    }

    @Test func dropsZeroWidthAndIgnoresOutOfRange() {
        var frame = Frame(rows: 2, columns: 4)
        frame.write("a\u{200B}b", row: 0, column: 0)
        frame.write("zz", row: 5, column: 0)
        frame.write("zz", row: 1, column: 9)
        #expect(frame.text == "ab\n\n")
    }

    @Test func limitStopsEarly() {
        var frame = Frame(rows: 1, columns: 10)
        #expect(frame.write("abcdef", row: 0, column: 2, limit: 3) == 5)
        #expect(frame.text == "  abc\n")
    }
}

@Suite struct FrameDiffTests {
    @Test func onlyChangedRowsAreRepainted() {
        var a = Frame(rows: 3, columns: 10)
        a.write("abc", row: 0, column: 0)
        var b = a
        b.write("中", row: 2, column: 3)
        #expect(b.changedRows(since: a) == [2])
        #expect(b.changedRows(since: nil) == [0, 1, 2])
        #expect(b.changedRows(since: Frame(rows: 3, columns: 11)) == [0, 1, 2])
    }
}

@Suite struct LongInputTests {
    @Test func longEntriesScrollSoTheCursorStaysVisible() throws {
        var d = try Driver()
        d.send(.character("1"), .character("1"), .enter, .down)
        d.send(.up)
        d.type(String(repeating: "借", count: 30))  // 60 columns of a 30-character field
        d.send(.down)
        d.send(.up)
        let frame = d.frame
        expectFits(frame, "long cause")
        #expect(frame.cursor.map { $0.column < 80 } == true)
    }
}

@Suite struct TailTests {
    @Test func tailKeepsTheEndWithinTheWidth() {
        let text = String(repeating: "借", count: 60) + "ab"
        let tail = FormScreen.tail(text, fitting: 70)
        #expect(DisplayWidth.of(tail) == 70)
        #expect(tail.hasSuffix("借ab"))
        #expect(FormScreen.tail("short", fitting: 70) == "short")
    }
}
