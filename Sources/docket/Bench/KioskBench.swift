import ArgumentParser
import DocketCore
import DocketKiosk
import DocketKioskData
import DocketStore
import DocketTerminal
import Foundation

/// `docket bench kiosk`: how long the lobby terminal takes to show its first screen, and to answer a key, in a
/// real terminal (tmux 80×24) on a demo node.
struct KioskBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Kiosk start to first frame, and key to frame, in tmux.",
        discussion: """
        Start: from launching `docket kiosk` in a tmux window to its first frame on screen, against launching \
        `docket node --json` the same way (opening the node and printing: the least any command costs). Key to \
        frame: the kiosk's own time from reading a key to the refreshed screen, against the pure update and render \
        of the same keys in this process (what the terminal layer adds).
        """
    )
    @OptionGroup var scratch: ScratchOptions
    @Option(help: "Launches to time.") var rounds = 5
    @Option(help: "Keys to time.") var keys = 120

    func run() throws {
        guard TmuxSession.available else { throw DocketError("The kiosk bench needs tmux (make deps installs it).") }
        let docket = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        try scratch.withFolder("kiosk-bench") { folder in
            let data = folder.appendingPathComponent("data").path
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try TmuxSession.runToEnd([docket, "demo", "--data", data, "--cases", "36"])

            var kioskStarts: [Double] = [], nodeStarts: [Double] = []
            for round in 0..<rounds {
                let timing = folder.appendingPathComponent("start-\(round).timing").path
                kioskStarts.append(try timeToFirstFrame([docket, "kiosk", "--data", data, "--timing", timing], timing: timing))
                let marker = folder.appendingPathComponent("node-\(round).done").path
                nodeStarts.append(try timeToFinish("'\(docket)' node --data '\(data)' --json >/dev/null; date +%s.%N > '\(marker)'", marker: marker))
            }
            let timing = folder.appendingPathComponent("keys.timing").path
            let (terminalKeys, pureKeys) = try keyLatencies(docket: docket, data: data, timing: timing)

            let start = median(kioskStarts), floor = median(nodeStarts)
            print("kiosk: \(rounds) launches, \(keys) keys, tmux 80×24")
            print("  start to first frame   \(format(start * 1000)) ms median (docket node --json: \(format(floor * 1000)) ms, \(format(start / floor, 2))×)")
            let keyMedian = median(terminalKeys), keyP95 = percentile(terminalKeys, 0.95), pure = median(pureKeys)
            print("  key to frame           \(format(keyMedian / 1000, 2)) ms median, \(format(keyP95 / 1000, 2)) ms p95 (pure update+render: \(format(pure / 1000, 3)) ms, \(format(keyMedian / max(pure, 1), 1))×)")
        }
    }

    /// Seconds from starting the kiosk in a fresh tmux window to its `first-frame` line.
    func timeToFirstFrame(_ command: [String], timing: String) throws -> Double {
        let launched = Date().timeIntervalSince1970
        let tmux = try TmuxSession(command: command)
        let line = try waitForLine(in: timing, prefix: "first-frame ")
        _ = tmux
        return Double(line.dropFirst("first-frame ".count))! - launched
    }

    /// Seconds from starting a shell command in a fresh tmux window to the time it writes into `marker`.
    func timeToFinish(_ shell: String, marker: String) throws -> Double {
        let launched = Date().timeIntervalSince1970
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", shell])
        let line = try waitForLine(in: marker, prefix: "")
        _ = tmux
        return Double(line.trimmingCharacters(in: .whitespacesAndNewlines))! - launched
    }

    /// The kiosk's per-key times (µs) for a visit through the query form, and the pure core's for the same keys.
    func keyLatencies(docket: String, data: String, timing: String) throws -> ([Double], [Double]) {
        let sequence = Self.keySequence(count: keys)
        let tmux = try TmuxSession(command: [docket, "kiosk", "--data", data, "--timing", timing])
        _ = try waitForLine(in: timing, prefix: "first-frame ")
        for key in sequence {
            switch key {
            case .named(let name): try tmux.keys(name)
            case .text(let text): try tmux.type(text)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let deadline = Date().addingTimeInterval(10)
        var lines: [Substring] = []
        repeat {
            lines = ((try? String(contentsOfFile: timing, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.hasPrefix("key ") }
            if lines.count >= sequence.count { break }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        let terminal = lines.compactMap { Double($0.dropFirst(4)) }

        let content = try KioskContent(screens: try DocketKioskData.data("screens.json"),
                                       locales: [.zhHans: try DocketKioskData.data("locales/zh-Hans.json"), .en: try DocketKioskData.data("locales/en.json")],
                                       config: try DocketKioskData.data("kiosk.sample.json"), causes: try DocketKioskData.data("causes.json"))
        var state = KioskState(content: content, now: Date())
        var pure: [Double] = []
        for key in sequence {
            let event: KioskEvent
            switch key {
            case .named("Enter"): event = .enter
            case .named("Escape"): event = .escape
            case .named("Tab"): event = .tab
            case .named("BSpace"): event = .backspace
            case .named(let other): event = .character(Character(other))
            case .text(let text): event = .character(text.first!)
            }
            let started = DispatchTime.now().uptimeNanoseconds
            state = Kiosk.update(state, event, now: Date()).0
            _ = Kiosk.render(state, size: (24, 80))
            pure.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1000)
        }
        return (terminal, pure)
    }

    enum Key { case named(String), text(String) }

    /// Into the query form, type a case number digit by digit, erase some, move between fields, back out; again.
    static func keySequence(count: Int) -> [Key] {
        let visit: [Key] = [.named("3")] + "2026".map { .text(String($0)) } + [.named("BSpace"), .named("BSpace"), .named("Tab")]
            + "370102".map { .text(String($0)) } + [.named("Tab"), .named("Tab"), .named("Escape")]
        return (0..<count).map { visit[$0 % visit.count] }
    }

    func waitForLine(in path: String, prefix: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                return String(line)
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        throw DocketError("Nothing in \(path) after \(Int(timeout)) s: the kiosk did not start.")
    }

    func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }
}
