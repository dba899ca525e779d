import ArgumentParser
import Foundation
import Synchronization

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Docket against a floor measured in the same run.",
        discussion: "Build with -c release first (make bench does). Figures go to stdout; nothing is kept but the "
            + "court node of `bench court` (see its --data).",
        subcommands: [
            IngestBench.self, SyncBench.self, MergeBench.self, KioskBench.self, CourtBench.self, ReceiveBench.self,
        ]
    )
}

/// Peak resident memory of this process so far, in MiB (VmHWM from /proc/self/status).
func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kb / 1024
}

/// Wall-clock seconds of `body`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs `body` on `writers` threads at once, each with its share of `range`; rethrows the first error.
func inParallel(_ range: Range<Int>, writers: Int, _ body: (Range<Int>) throws -> Void) throws {
    let share = (range.count + writers - 1) / writers
    let errors = Mutex<[any Error]>([])
    DispatchQueue.concurrentPerform(iterations: writers) { w in
        let lower = range.lowerBound + w * share, upper = min(lower + share, range.upperBound)
        guard lower < upper else { return }
        do { try body(lower..<upper) } catch { errors.withLock { $0.append(error) } }
    }
    if let first = errors.withLock({ $0.first }) { throw first }
}

func format(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }

/// Where a bench works: a fresh folder under `--dir` (default the temporary folder), removed when it ends.
struct ScratchOptions: ParsableArguments {
    @Option(help: "Scratch directory (default: a new temporary one, removed afterwards).") var dir: String?

    /// Runs `body` with a new empty folder named after the bench, and removes the folder afterwards.
    func withFolder<T>(_ name: String, _ body: (URL) throws -> T) rethrows -> T {
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory()).appendingPathComponent(
            "docket-\(name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }
}
