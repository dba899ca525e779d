import ArgumentParser
import DocketCore
import DocketStore
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
func peakMemoryMiB() -> Double { BenchServer.memoryMiB("VmHWM", pid: getpid()) }

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

/// A new firm node `id` at `root`, registered with `court` (served at `url`) both ways; returns it and the token the
/// court gave it (inviting a firm again replaces its token).
func makeBenchFirm(
    _ id: String, at root: URL, court: Node, url: String, fingerprints: [String] = []
) throws -> (Node, String) {
    let firm = try Node.initialize(
        at: root, config: NodeConfig(nodeId: id, role: .firm, name: "bench firm", courtCode: nil))
    let token = try court.peers.invite(id, role: .firm, publicKey: firm.key.publicKeyBase64)
    try firm.peers.add(
        court.config.nodeId, url: url, role: .court, publicKey: court.key.publicKeyBase64, token: token,
        courtCode: court.config.courtCode, fingerprints: fingerprints)
    return (firm, token)
}

/// CPU time this process has used so far, user and system, in seconds.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
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
