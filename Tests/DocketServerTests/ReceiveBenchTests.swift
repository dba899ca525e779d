import DocketProcess
import DocketTestSupport
import Foundation
import Testing

/// `docket bench receive` at a tiny size (300 cases in syncs of 100): the firm, the served court, every push and the
/// report run on each `make test`, so the bench cannot rot between the runs that measure. Nothing is timed: the
/// test checks that every case arrived and that the memory figures and their ratio are there and consistent.
@Suite struct ReceiveBenchTests {
    @Test func theReceiveBenchPushesEveryCaseAndReportsServeMemoryBesideItsFloor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("receive-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ProcessRunner.run(
            Binaries.docket,
            ["bench", "receive", "--cases", "300", "--baseline", "200", "--batch", "100", "--dir", folder.path])
        let text = String(decoding: outcome.output, as: UTF8.self)
        guard outcome.succeeded else { throw TestFailure("docket bench receive failed: \(outcome.errorText)\n\(text)") }

        #expect(text.contains("received      300/300"), "\(text)")
        #expect(text.contains("court 300 cases indexed"), "\(text)")
        let floor = try #require(Self.memory(after: 200, in: text), "\(text)")
        let last = try #require(Self.memory(after: 300, in: text), "\(text)")
        #expect(floor.resident > 0 && floor.peak >= floor.resident && last.peak >= floor.peak, "\(text)")
        let ratioLine = try #require(text.split(separator: "\n").first { $0.contains("ratio         peak ") })
        let ratio = try #require(Double(ratioLine.split(separator: " ")[2].dropLast()), "\(ratioLine)")
        // The ratio is printed with two decimals, from the same peaks printed with one.
        #expect(abs(ratio - last.peak / floor.peak) < 0.02, "\(ratioLine)")
        #expect(ratioLine.hasSuffix(ratio <= 1.5 ? "MET" : "MISSED"), "\(ratioLine)")
        // The scratch folder under --dir is gone with the bench.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// The resident and peak MiB of the summary line "after N".
    static func memory(after received: Int, in text: String) -> (resident: Double, peak: Double)? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("  after \(received) ") }) else {
            return nil
        }
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        // "after N  serve R MiB resident, peak P MiB": N, R, P.
        guard numbers.count >= 3 else { return nil }
        return (numbers[1], numbers[2])
    }
}
