import Foundation

/// A tmux capture with its colours (`capture-pane -e`) turned into a grey image, as a camera would see the screen
/// in a given colour scheme: for decoding the QR code on screen with zbarimg.
struct ScreenImage {
    /// What the terminal's default colours are.
    enum Scheme { case dark, light }

    /// One cell: its character and colours (nil = the terminal's default).
    struct Cell {
        var character: Character = " "; var foreground: Int? = nil; var background: Int? = nil; var reverse = false
    }

    var rows: [[Cell]] = []

    /// Parses the capture: text with SGR sequences (30–37, 90–97, 38;5;n for the foreground, 40–47, 100–107, 48;5;n
    /// for the background, 7 reverse, 0/39/49 defaults).
    init(capture: String) {
        for line in capture.split(separator: "\n", omittingEmptySubsequences: false) {
            var row: [Cell] = [], current = Cell()
            var chars = Array(line)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\u{1b}", chars.first == "[" {
                    chars = chars.dropFirst()
                    var body = ""
                    while let d = chars.first, !d.isLetter { body.append(d); chars = chars.dropFirst() }
                    let final = chars.first; chars = chars.dropFirst()
                    guard final == "m" else { continue }
                    var codes = body.split(separator: ";").map { Int($0) ?? 0 }[...]
                    if codes.isEmpty { codes = [0] }
                    while let code = codes.first {
                        codes = codes.dropFirst()
                        switch code {
                        case 0: current = Cell()
                        case 7: current.reverse = true
                        case 27: current.reverse = false
                        case 30...37: current.foreground = code - 30
                        case 90...97: current.foreground = code - 90 + 8
                        case 39: current.foreground = nil
                        case 40...47: current.background = code - 40
                        case 100...107: current.background = code - 100 + 8
                        case 49: current.background = nil
                        case 38, 48:
                            if codes.first == 5, codes.count >= 2 {
                                let n = codes.dropFirst().first!
                                if code == 38 { current.foreground = n } else { current.background = n }
                                codes = codes.dropFirst(2)
                            }
                        default: break
                        }
                    }
                    continue
                }
                var cell = current
                cell.character = c
                row.append(cell)
            }
            rows.append(row)
        }
    }

    /// Grey level of a palette colour (0 black … 255 white); defaults by scheme.
    static func grey(_ colour: Int?, default isForeground: Bool, scheme: Scheme) -> UInt8 {
        guard let colour else { return (isForeground == (scheme == .dark)) ? 230 : 20 }
        switch colour {
        case 0, 16: return 0
        case 8: return 110
        case 7: return 200
        case 15, 231: return 255
        case 1...6, 9...14: return 128
        default: return colour >= 232 ? UInt8(8 + (colour - 232) * 10) : 128
        }
    }

    /// A binary PGM: every cell 4 px wide and 8 px high (a module of a half-block code is 4×4), `▀`/`▄`/`█` drawn
    /// with their halves, anything else as its background.
    func pgm(scheme: Scheme) -> Data {
        let width = (rows.map(\.count).max() ?? 0) * 4, height = rows.count * 8
        var pixels = [UInt8](repeating: 0, count: width * height)
        for (y, row) in rows.enumerated() {
            for (x, cell) in row.enumerated() {
                var fg = Self.grey(cell.foreground, default: true, scheme: scheme)
                var bg = Self.grey(cell.background, default: false, scheme: scheme)
                if cell.reverse { swap(&fg, &bg) }
                let (top, bottom): (UInt8, UInt8)
                switch cell.character {
                case "▀": (top, bottom) = (fg, bg)
                case "▄": (top, bottom) = (bg, fg)
                case "█": (top, bottom) = (fg, fg)
                default: (top, bottom) = (bg, bg)
                }
                for dy in 0..<8 {
                    for dx in 0..<4 { pixels[(y * 8 + dy) * width + x * 4 + dx] = dy < 4 ? top : bottom }
                }
            }
        }
        // A quiet margin all round, as a photo of the screen would have.
        return Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)
    }

    static var zbarAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg") }

    /// What zbarimg reads in the image (nil when it finds no code).
    static func decode(_ image: Data) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("docket-qr-\(UUID().uuidString).pgm")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : nil
    }
}
