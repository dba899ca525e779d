import DocketProcess
import DocketTestSupport
import Foundation
import Testing

/// `docket bench court` at a tiny size (200 cases, a few requests): the builder, every measurement and the report
/// run on each `make test`, so the bench cannot rot between the runs that measure. Nothing here is timed: the test
/// checks the report's structure — every figure there, floors and ratios computed, a verdict for every target — and
/// that a second run keeps the node the first one built.
@Suite struct CourtBenchTests {
    static let expected = [
        "reindex.seconds", "lookup.case-number.p50", "lookup.case-number.p99", "lookup.party-id.p50",
        "lookup.party-id.p99", "search.p50", "search.p95", "desk.dashboard.p95", "desk.review-queue.p95",
        "desk.case.p95", "desk.search.p95", "serve.rss.start", "serve.rss.after", "disk.inodes-per-case",
        "disk.bytes-per-case", "disk.apparent-bytes-per-case", "archive.inodes-per-case", "archive.bytes-per-case",
        "archive.ms-per-case", "archive.expand-ms-per-case", "archive.compact-inodes-per-case",
        "archive.compact-ms-per-case", "archive.break-even-share", "archive.break-even-share-compacted",
        "disk.archived-share", "disk.inodes-per-live-case",
    ]
    /// Figures without a floor: context computed from the others.
    static let unfloored: Set<String> = [
        "disk.apparent-bytes-per-case", "archive.break-even-share", "archive.break-even-share-compacted",
        "disk.archived-share",
    ]
    /// Figures with a target of the issues (the others are context).
    static let targeted = [
        "reindex.seconds", "lookup.case-number.p99", "lookup.party-id.p99", "search.p95", "desk.dashboard.p95",
        "desk.review-queue.p95", "desk.case.p95", "desk.search.p95", "serve.rss.after", "disk.inodes-per-case",
        "archive.inodes-per-case",
    ]

    @Test func theCourtBenchReportsEveryFigureBesideItsFloor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("court-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.run(folder)
        #expect(first["cases"] as? Int == 200)
        #expect(first["builtNow"] as? Bool == true)
        let statuses = try #require(first["statuses"] as? [String: Int])
        #expect(statuses.values.reduce(0, +) == 200)
        #expect((statuses["accepted"] ?? 0) > 0 && (statuses["submitted"] ?? 0) > 0)

        let figures = try #require(first["figures"] as? [[String: Any]])
        let byKey = Dictionary(uniqueKeysWithValues: figures.map { ($0["key"] as? String ?? "", $0) })
        #expect(Set(byKey.keys) == Set(Self.expected))
        for key in Self.expected {
            let figure = try #require(byKey[key], "\(key) is missing")
            let value = try #require(figure["value"] as? Double, "\(key) has no value")
            #expect(value > 0, "\(key) is \(value)")
            if !Self.unfloored.contains(key) {
                let floor = try #require(figure["floor"] as? Double, "\(key) has no floor")
                let ratio = try #require(figure["ratio"] as? Double, "\(key) has no ratio")
                #expect(floor > 0, "\(key): floor \(floor)")
                #expect(abs(ratio - value / floor) < 1e-9 * max(1, ratio), "\(key): ratio \(ratio)")
                #expect(figure["floorLabel"] as? String != nil)
            }
            let verdict = figure["met"] as? Bool
            #expect((verdict != nil) == Self.targeted.contains(key), "\(key): verdict \(String(describing: verdict))")
            if let verdict, let limit = figure["limit"] as? Double {
                #expect(verdict == (figure["strict"] as? Bool == true ? value < limit : value <= limit))
            }
        }
        // 200 cases: 2 of every 100 stay submitted, 1 waits for corrections, the rest are accepted, case i on the
        // day i days ago; one accepted past its procedure's limit (simple, every fifth: 90 days; ordinary: 180) is
        // withdrawn: 19 simple ones (95…195 but 100 and 150, submitted) and 16 ordinary ones (181…199 but 185, 190,
        // 195). The 3 simple ones concluded more than 90 days ago (accepted over 180 days ago: 185, 190, 195) are
        // archived by the build's sweep, and the node's average counts them as one inode each.
        #expect(statuses == ["submitted": 4, "correction-requested": 2, "accepted": 159, "withdrawn": 35])
        #expect(byKey["disk.archived-share"]?["value"] as? Double == 1.5)
        let perCase = try #require(byKey["disk.inodes-per-case"]?["value"] as? Double)
        let perLive = try #require(byKey["disk.inodes-per-live-case"]?["value"] as? Double)
        #expect(abs(perCase - (3 + 197 * perLive) / 200) < 1e-9)

        // A second run keeps the node (the marker says 200 cases of this builder).
        let second = try Self.run(folder)
        #expect(second["builtNow"] as? Bool == false)
        #expect(second["builtAt"] as? String == first["builtAt"] as? String)
    }

    static func run(_ folder: URL) throws -> [String: Any] {
        let outcome = try ProcessRunner.run(
            Binaries.docket,
            [
                "bench", "court", "--cases", "200", "--data", folder.path, "--lookups", "20", "--queries", "12",
                "--requests", "3", "--json",
            ])
        guard outcome.succeeded else { throw TestFailure("docket bench court failed: \(outcome.errorText)") }
        return try #require(try JSONSerialization.jsonObject(with: outcome.output) as? [String: Any])
    }
}
