import Foundation

/// The filing's material at the kiosk: files from a USB stick and pages from the kiosk's scanner, added to the filing
/// before it is submitted. What is not added here is brought to the filing counter, as the review says.
///
/// Keys: Up/Down pick a file on the stick, Enter adds it (or takes it out again), 2 scans a page, 3 looks for a
/// stick again, Esc returns to the review. Everything added is part of the visit and is forgotten with it.
enum MaterialScreen {
    /// The most material one filing takes at the kiosk: more goes to the counter.
    static let maximumFiles = 20
    static let maximumBytes: Int64 = 50 * 1024 * 1024

    /// Whether this kiosk has anywhere to take material from (a USB mount point or a scanner configured).
    static func offered(_ state: KioskState) -> Bool {
        state.content.config.usbMountRoot != nil || !(state.content.config.scanCommand ?? []).isEmpty
    }

    /// The effect that looks for a stick and the scanner.
    static func find(_ state: KioskState) -> KioskEffect {
        .findMaterial(usbRoot: state.content.config.usbMountRoot, scanCommand: state.content.config.scanCommand)
    }

    static func update(
        _ state: KioskState, sources: KioskMaterialSources, selection: Int, _ event: KioskEvent
    ) -> (KioskState, [KioskEffect]) {
        var s = state
        let files = sources.files
        switch event {
        case .up: s.screen = .material(sources, selection: max(0, selection - 1))
        case .down: s.screen = .material(sources, selection: min(max(0, files.count - 1), selection + 1))
        case .enter:
            guard files.indices.contains(selection) else { break }
            let file = files[selection]
            if let added = s.material.firstIndex(where: { $0.path == file.path }) {
                s.material.remove(at: added)
            } else if let refusal = refusal(s, adding: file.size) {
                Kiosk.push(&s, .failure(message: refusal))
            } else {
                s.material.append(file)
            }
        case .character("2"):
            guard sources.scanner, let command = s.content.config.scanCommand, !command.isEmpty else { break }
            if let refusal = refusal(s, adding: 0) {
                Kiosk.push(&s, .failure(message: refusal))
                break
            }
            Kiosk.push(&s, .waiting(message: "material.scanning"))
            return (s, [.scanPage(command: command)])
        case .character("3"):
            // In place of this screen: Esc while looking goes back to the review.
            s.screen = .waiting(message: "searching")
            return (s, [find(s)])
        case .escape:
            return Kiosk.back(s)
        default: break
        }
        return (s, [])
    }

    /// Why nothing more can be added, or nil.
    static func refusal(_ state: KioskState, adding bytes: Int64) -> String? {
        let total = state.material.reduce(Int64(0)) { $0 + $1.size }
        guard state.material.count < maximumFiles, total + bytes <= maximumBytes else {
            return state.content.string(
                "material.full", state.language,
                ["count": String(maximumFiles), "size": size(maximumBytes)])
        }
        return nil
    }

    /// 120 KB, 3.4 MB.
    static func size(_ bytes: Int64) -> String {
        bytes < 1024 * 1024
            ? "\(max(1, (bytes + 1023) / 1024)) KB"
            : String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }

    static func render(_ state: KioskState, sources: KioskMaterialSources, selection: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(
            &frame, state: state, title: c.string("material.title", lang), hint: c.string("hint.material", lang))
        let width = frame.columns - 8
        let bottom = Chrome.bodyBottom(frame)
        var row = Chrome.bodyTop + 1
        let added =
            state.material.isEmpty
            ? c.string("material.noneAdded", lang)
            : c.string(
                "material.added", lang,
                [
                    "count": String(state.material.count),
                    "names": state.material.map(\.name).joined(separator: lang == .en ? ", " : "、"),
                ])
        row = Chrome.wrap(&frame, added, row: row, column: 4, width: width, maxRow: row + 1) + 1
        let heading =
            !sources.stickPresent
            ? "material.noStick" : sources.files.isEmpty ? "material.stickEmpty" : "material.stickFiles"
        row = Chrome.wrap(&frame, c.string(heading, lang), row: row, column: 4, width: width, maxRow: row + 1)
        // The files, a window around the selection: what is left below the list is the scanner's line and the note.
        let room = max(1, bottom - row - 3)
        let first = min(max(0, selection - room / 2), max(0, sources.files.count - room))
        for (n, file) in sources.files.enumerated().dropFirst(first).prefix(room) {
            let mark = state.material.contains { $0.path == file.path } ? c.string("material.mark", lang) : "    "
            let sizeText = size(file.size)
            frame.write(
                "\(n == selection ? ">" : " ") \(mark) \(file.name)", row: row, column: 4,
                limit: width - DisplayWidth.of(sizeText) - 2)
            frame.write(sizeText, row: row, column: frame.columns - 4 - DisplayWidth.of(sizeText))
            if n == selection { frame.cursor = ScreenPosition(row: row, column: 4) }
            row += 1
        }
        row += 1
        frame.write(c.string(sources.scanner ? "material.scan" : "material.noScanner", lang), row: row, column: 4)
        Chrome.wrap(
            &frame, c.string("material.counter", lang), row: row + 1, column: 4, width: width, maxRow: bottom)
    }
}
