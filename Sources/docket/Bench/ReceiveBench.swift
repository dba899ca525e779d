import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

/// `docket serve`'s resident memory while it receives pushed cases, for months' worth of filings: a court served as
/// a child process takes a firm's new cases, pushed in batched syncs of `--batch` cases each, until it holds N. Its
/// memory once it has taken the first `--baseline` cases is the floor; the figure at N is compared with it, so that
/// something kept per received case shows as a ratio, not hidden in an absolute figure.
struct ReceiveBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "docket serve's memory after receiving N pushed cases, against after the first few thousand.",
        discussion: """
            A firm files its cases locally (not timed) and pushes them to the court in batched syncs; the server's \
            resident memory (VmRSS) and peak (VmHWM) are read from /proc after each sync. Target: the peak after N \
            within 1.5× the peak after --baseline.
            """
    )

    @Option(help: "Cases the court receives in all (N).") var cases = 100_000
    @Option(help: "Cases received when the floor is read.") var baseline = 2_000
    @Option(help: "Cases the firm files and pushes per sync.") var batch = 1_000
    @OptionGroup var scratchOptions: ScratchOptions

    static let courtID = "court-receive", firmID = "firm-receive", courtCode = "鲁0102"
    static let target = 1.5

    func validate() throws {
        guard batch > 0, baseline >= batch, baseline % batch == 0, cases > baseline, cases % batch == 0 else {
            throw ValidationError(
                "--batch must divide --baseline and --cases, and --cases be larger than --baseline "
                    + "(e.g. --cases 100000 --baseline 2000 --batch 1000).")
        }
    }

    /// Serve's memory at one point of the run, in MiB.
    struct Memory {
        let received: Int
        let resident: Double
        let peak: Double
    }

    func run() throws {
        try scratchOptions.withFolder("bench-receive") { scratch in
            print(
                "receive: docket serve of a court takes N = \(cases) new cases pushed by one firm, \(batch) per "
                    + "batched sync")
            let court = try Node.initialize(
                at: scratch.appendingPathComponent("court"),
                config: NodeConfig(nodeId: Self.courtID, role: .court, name: "bench court", courtCode: Self.courtCode))
            let server = try BenchServer(data: court.paths.root, log: scratch.appendingPathComponent("serve.log"))
            defer { server.stop() }
            let (firm, _) = try makeBenchFirm(
                Self.firmID, at: scratch.appendingPathComponent("firm"), court: court, url: server.url)
            print("  started       serve \(format(server.residentMemoryMiB())) MiB resident  (\(server.url))")

            var floor: Memory?, received = 0, pushSeconds = 0.0
            let start = Date()
            while received < cases {
                try fileBatch(on: firm, first: received)
                var report: SyncReport!
                pushSeconds += measure { report = firm.replication.sync(with: Self.courtID) }
                try check(report)
                received += batch
                let memory = Memory(
                    received: received, resident: server.residentMemoryMiB(), peak: server.peakMemoryMiB())
                if received == baseline { floor = memory }
                if received == baseline || received % 10_000 == 0 || received == cases {
                    print(
                        "  received      \(received)/\(cases)  serve \(format(memory.resident)) MiB resident, peak "
                            + "\(format(memory.peak)) MiB  (\(format(Date().timeIntervalSince(start))) s)")
                    fflush(stdout)
                }
            }
            let last = Memory(received: received, resident: server.residentMemoryMiB(), peak: server.peakMemoryMiB())
            guard let floor else { return }
            let ratio = last.peak / floor.peak, residentRatio = last.resident / floor.resident
            let growth = (last.resident - floor.resident) * 1024 * 1024 / Double(last.received - floor.received)
            print(
                "  after \(floor.received)".padding(toLength: 16, withPad: " ", startingAt: 0)
                    + "serve \(format(floor.resident)) MiB resident, peak \(format(floor.peak)) MiB  (the floor)")
            print(
                "  after \(last.received)".padding(toLength: 16, withPad: " ", startingAt: 0)
                    + "serve \(format(last.resident)) MiB resident, peak \(format(last.peak)) MiB")
            print(
                "  ratio         peak \(format(ratio, 2))× the floor, resident \(format(residentRatio, 2))×"
                    + "   (target ≤ \(format(Self.target, 2))): \(ratio <= Self.target ? "MET" : "MISSED")")
            print("  growth        \(format(growth)) bytes resident per case received after the floor")
            print(
                "  pushes        \(format(Double(received) / pushSeconds)) cases/s over \(received / batch) "
                    + "batched syncs  (\(format(pushSeconds)) s; filing at the firm not counted); serve's CPU "
                    + "\(format(server.cpuSeconds() * 1000 / Double(received), 2)) ms per case")
            print("  check         court \(try court.listCases(limit: cases + 1).count) cases indexed")
        }
    }

    /// The firm files the next `batch` cases, two threads at once, each a case it represents a party in.
    private func fileBatch(on firm: Node, first: Int) throws {
        let today = Node.today()
        try inParallel(0..<batch, writers: 2) { part in
            for index in part {
                var demo = DemoData(seed: 0xF1_0000 + UInt64(first + index))
                let filing = try demo.filing(representedBy: Self.firmID, today: today)
                _ = try firm.fileCase(filing.input, attachments: filing.attachments)
            }
        }
    }

    /// A sync that did not push exactly the batch makes the figures meaningless: stop.
    private func check(_ report: SyncReport) throws {
        guard report.pushed == batch, report.errors.isEmpty, report.refused.isEmpty else {
            let json = String(decoding: (try? JSONEncoder().encode(report)) ?? Data(), as: UTF8.self)
            throw DocketError(
                .internal, key: "bench.push-count-mismatch", zh: "推送未全部送达：\(json.prefix(2_000))",
                en: "The push did not take every case: \(json.prefix(2_000))")
        }
    }
}
