import ArgumentParser
import DocketCore
import DocketInput
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
            of the same keys in this process (what the terminal layer adds). Pinyin: the same for keys typed into a \
            name field with Chinese input on (a letter to its candidates, a digit to the chosen word), against \
            librime's own compose in this process; and how long after the first frame the input method is ready, on a \
            first start (librime deploys) and later.
            """
    )
    @OptionGroup var scratch: ScratchOptions
    @Option(help: "Launches to time.") var rounds = 5
    @Option(help: "Keys to time.") var keys = 120

    func run() throws {
        guard TmuxSession.available else {
            throw DocketError(
                .unavailable, key: "bench.tmux-missing", zh: "终端机基准测试需要 tmux（可通过 make deps 安装）。",
                en: "The kiosk bench needs tmux (make deps installs it).")
        }
        let docket =
            CommandLine.arguments[0].hasPrefix("/")
            ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        try scratch.withFolder("kiosk-bench") { folder in
            let data = folder.appendingPathComponent("data").path
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try TmuxSession.runToEnd([docket, "demo", "--data", data, "--cases", "36"])

            // The input method: deployed by the first start, only checked by the next.
            let firstReady = try inputMethodReady(
                docket: docket, data: data, timing: folder.appendingPathComponent("ime-1.timing").path)
            let laterReady = try inputMethodReady(
                docket: docket, data: data, timing: folder.appendingPathComponent("ime-2.timing").path)

            var kioskStarts: [Double] = [], nodeStarts: [Double] = []
            for round in 0..<rounds {
                let timing = folder.appendingPathComponent("start-\(round).timing").path
                kioskStarts.append(
                    try timeToFirstFrame([docket, "kiosk", "--data", data, "--timing", timing], timing: timing))
                let marker = folder.appendingPathComponent("node-\(round).done").path
                nodeStarts.append(
                    try timeToFinish(
                        "'\(docket)' node --data '\(data)' --json >/dev/null; date +%s.%N > '\(marker)'", marker: marker
                    ))
            }
            let timing = folder.appendingPathComponent("keys.timing").path
            let (terminalKeys, pureKeys) = try keyLatencies(docket: docket, data: data, timing: timing)
            let (pinyinKeys, composeKeys) = try pinyinLatencies(
                docket: docket, data: data,
                timing: folder.appendingPathComponent("pinyin.timing").path)

            let start = median(kioskStarts), floor = median(nodeStarts)
            print("kiosk: \(rounds) launches, \(keys) keys, tmux 80×24")
            print(
                "  start to first frame   \(format(start * 1000)) ms median (docket node --json: "
                    + "\(format(floor * 1000)) ms, \(format(start / floor, 2))×)"
            )
            let keyMedian = median(terminalKeys), keyP95 = percentile(terminalKeys, 0.95), pure = median(pureKeys)
            print(
                "  key to frame           \(format(keyMedian / 1000, 2)) ms median, \(format(keyP95 / 1000, 2)) ms p95 "
                    + "(pure update+render: \(format(pure / 1000, 3)) ms, \(format(keyMedian / max(pure, 1), 1))×)"
            )
            print(
                "  pinyin key to candidates \(format(median(pinyinKeys) / 1000, 2)) ms median, "
                    + "\(format(percentile(pinyinKeys, 0.95) / 1000, 2)) ms p95, \(pinyinKeys.count) keys "
                    + "(target 16 ms; librime compose alone: \(format(median(composeKeys) / 1000, 3)) ms median)"
            )
            print(
                "  input method ready     \(format(firstReady, 2)) s after the first frame on a first start "
                    + "(deploying), \(format(laterReady, 2)) s later"
            )
        }
    }

    /// Seconds from starting the kiosk in a fresh tmux window to its `first-frame` line.
    func timeToFirstFrame(_ command: [String], timing: String) throws -> Double {
        let launched = Date().timeIntervalSince1970
        let tmux = try TmuxSession(command: command)
        let line = try waitForLine(in: timing, prefix: "first-frame ")
        tmux.close()
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
            lines = ((try? String(contentsOfFile: timing, encoding: .utf8)) ?? "").split(separator: "\n").filter {
                $0.hasPrefix("key ")
            }
            if lines.count >= sequence.count { break }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        let terminal = lines.compactMap { Double($0.dropFirst(4)) }
        tmux.close()

        let content = try KioskContent(
            screens: try DocketKioskData.data("screens.json"),
            locales: [
                .zhHans: try DocketKioskData.data("locales/zh-Hans.json"),
                .en: try DocketKioskData.data("locales/en.json"),
            ],
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

    /// Seconds from the first frame to the input method being ready, for one launch (read from the timing file).
    func inputMethodReady(docket: String, data: String, timing: String) throws -> Double {
        let tmux = try TmuxSession(command: [docket, "kiosk", "--data", data, "--timing", timing])
        let line = try waitForLine(in: timing, prefix: "input-method ", timeout: 120)
        tmux.close()
        return Double(line.dropFirst("input-method ".count)) ?? 0
    }

    /// Keys typed into the plaintiff's name with Chinese input on: "zhangsan", 1 to take 张三, two Backspaces, again;
    /// the kiosk's time per key (µs), and librime's own compose for the same keys in this process.
    func pinyinLatencies(docket: String, data: String, timing: String) throws -> ([Double], [Double]) {
        let tmux = try TmuxSession(command: [docket, "kiosk", "--data", data, "--timing", timing])
        _ = try waitForLine(in: timing, prefix: "input-method ", timeout: 120)
        let setup = ["1", "1", "Enter", "m", "j", "j", "d", "Enter"]
        for key in setup { try tmux.keys(key); Thread.sleep(forTimeInterval: 0.05) }
        _ = try tmux.waitFor("中文输入")
        let visit: [String] = "zhangsan".map(String.init) + ["1", "BSpace", "BSpace"]
        let sequence = (0..<keys).map { visit[$0 % visit.count] }
        for key in sequence { try tmux.keys(key); Thread.sleep(forTimeInterval: 0.02) }
        let deadline = Date().addingTimeInterval(10)
        var lines: [Substring] = []
        repeat {
            lines = ((try? String(contentsOfFile: timing, encoding: .utf8)) ?? "").split(separator: "\n").filter {
                $0.hasPrefix("key ")
            }
            if lines.count >= setup.count + sequence.count { break }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        // Only the composing keys: letters (candidates) and the digit (the chosen word), not the Backspaces.
        let composing = zip(sequence, lines.dropFirst(setup.count)).filter { $0.0 != "BSpace" }
        let terminal = composing.compactMap { Double($0.1.dropFirst(4)) }
        tmux.close()

        let engine = try RimeInputMethod(folder: URL(fileURLWithPath: data).appendingPathComponent("kiosk/input"))
        var pure: [Double] = []
        var typed: [CompositionKey] = []
        for key in sequence where key != "BSpace" {
            typed.append(key == "1" ? .choose(1) : .letter(Character(key)))
            let started = DispatchTime.now().uptimeNanoseconds
            if engine.compose(typed).committed != nil { typed = [] }
            pure.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1000)
        }
        return (terminal, pure)
    }

    enum Key { case named(String), text(String) }

    /// Into the query form, type a case number digit by digit, erase some, move between fields, back out; again.
    static func keySequence(count: Int) -> [Key] {
        let visit: [Key] =
            [.named("3")] + "2026".map { .text(String($0)) } + [.named("BSpace"), .named("BSpace"), .named("Tab")]
            + "370102".map { .text(String($0)) } + [.named("Tab"), .named("Tab"), .named("Escape")]
        return (0..<count).map { visit[$0 % visit.count] }
    }

    func waitForLine(in path: String, prefix: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) })
            {
                return String(line)
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        throw DocketError(
            .unavailable, key: "bench.kiosk-not-started", zh: "\(Int(timeout))秒后\(path)中仍无内容：终端机未启动。",
            en: "Nothing in \(path) after \(Int(timeout)) s: the kiosk did not start.")
    }

    func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }
}
