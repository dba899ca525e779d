import Foundation

/// What `docket bench court` measured: every figure beside its floor (measured in the same run) and, where issue 17
/// or 20 sets one, its target. Printed as text, or as JSON with `--json` (what the test of the bench checks).
struct CourtReport: Codable {
    /// One measured figure.
    struct Figure: Codable {
        /// A stable name, e.g. `lookup.case-number.p99`.
        var key: String
        /// What was measured, in words.
        var label: String
        var value: Double
        /// `ms`, `s`, `MiB`, `inodes`, `bytes`.
        var unit: String
        /// The floor (or peer) measured in the same run, in the same unit, and what it is.
        var floor: Double?
        var floorLabel: String?
        /// value ÷ floor.
        var ratio: Double?
        /// The target: the value must be at most `limit` (or under it when `strict`).
        var limit: Double?
        var strict: Bool?
        /// Whether the target is met; nil when there is no target.
        var met: Bool?
        /// The target as people write it, e.g. `p99 < 1 ms`.
        var target: String?
    }

    var cases: Int
    /// `debug` or `release`: the build of the binary that measured.
    var build: String
    /// Whether this run built the node, and how long that took (seconds); otherwise when the kept one was built.
    var builtNow: Bool
    var buildSeconds: Double
    var builtAt: String
    /// How the cases stand: submitted, correction-requested, accepted, … → count.
    var statuses: [String: Int]
    var figures: [Figure] = []

    /// Adds a figure; the ratio is computed from the floor, the verdict from the target.
    mutating func add(
        _ key: String, _ label: String, _ value: Double, _ unit: String, floor: Double? = nil,
        floorLabel: String? = nil, below limit: Double? = nil, atMost: Bool = false, target: String? = nil
    ) {
        var figure = Figure(key: key, label: label, value: value, unit: unit, floor: floor, floorLabel: floorLabel)
        if let floor, floor > 0 { figure.ratio = value / floor }
        if let limit {
            figure.limit = limit
            figure.strict = !atMost
            figure.met = atMost ? value <= limit : value < limit
            figure.target = target
        }
        figures.append(figure)
        printLine(figure)
    }

    /// A figure by its key.
    func figure(_ key: String) -> Figure? { figures.first { $0.key == key } }

    /// The targets, each MET or MISSED.
    var verdicts: [(String, Bool)] {
        figures.compactMap { figure in
            guard let met = figure.met, let target = figure.target else { return nil }
            return ("\(figure.label): \(target)", met)
        }
    }

    /// Set by `--json`: figures are then printed once, as JSON, at the end.
    nonisolated(unsafe) static var quiet = false

    func printLine(_ figure: Figure) {
        guard !Self.quiet else { return }
        var line = "  " + figure.label.padding(toLength: 46, withPad: " ", startingAt: 0) + " "
            + Self.text(figure.value, figure.unit)
        if let floor = figure.floor {
            line += "   floor " + Self.text(floor, figure.unit) + " (\(figure.floorLabel ?? ""))"
        }
        if let ratio = figure.ratio { line += "   \(format(ratio, 2))×" }
        if let met = figure.met, let target = figure.target { line += "   [\(target): \(met ? "MET" : "MISSED")]" }
        print(line)
        fflush(stdout)
    }

    static func text(_ value: Double, _ unit: String) -> String {
        switch unit {
        case "ms": return value < 1 ? "\(format(value, 3)) ms" : "\(format(value, value < 10 ? 2 : 1)) ms"
        case "s": return "\(format(value, 1)) s"
        case "MiB": return "\(format(value, 1)) MiB"
        case "inodes": return "\(format(value, 2)) inodes"
        case "bytes": return "\(Int(value.rounded())) bytes"
        default: return "\(format(value, 2)) \(unit)"
        }
    }

    /// Prints the targets with MET/MISSED (text), or the whole report (JSON).
    func finish(json: Bool) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(self), as: UTF8.self))
            return
        }
        print("  targets (issues 17 and 20):")
        for (target, met) in verdicts { print("    \(met ? "MET   " : "MISSED") \(target)") }
    }
}

/// Percentiles of a sample of durations (seconds in, milliseconds out).
struct Durations {
    private(set) var seconds: [Double] = []

    mutating func append(_ value: Double) { seconds.append(value) }

    /// The p-th percentile (0–100), nearest rank, in milliseconds.
    func percentile(_ p: Double) -> Double {
        guard !seconds.isEmpty else { return 0 }
        let sorted = seconds.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)] * 1000
    }
}
