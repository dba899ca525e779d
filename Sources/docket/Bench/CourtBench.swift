import ArgumentParser
import DocketStore
import Foundation
import GRDB

/// A court node at the size a court reaches (issues 17 and 20): N cases built once and kept, then lookups by 案号
/// and by party ID, full-text search, `docket reindex`, the desk's pages through a real `docket serve`, its resident
/// memory, and inodes and bytes per case — each printed beside a floor measured in the same run, with the ratio and
/// MET/MISSED against the issues' targets.
struct CourtBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "court",
        abstract: "A court node of N cases (built once, kept): lookups, full text, reindex, the desk, memory, disk.",
        discussion: """
            The node is built the first time (several writers through the node's own write path) in --data, with a \
            marker (court-bench.json) of N and the builder's version; later runs with the same N reuse it. \
            --rebuild builds it again. It is a court one year into using Docket: cases accepted over the past \
            year, those past their procedure's time limit concluded, those concluded more than 90 days ago \
            archived and the rest compacted, as `docket serve`'s daily sweep leaves a node. Reindex runs first, \
            so a node kept from an older schema is measured with its index rebuilt by this binary.
            """
    )

    @Option(help: "Cases in the node (N).") var cases = 100_000
    @Option(
        help: ArgumentHelp(
            "Where the node is kept between runs (default: .build/bench-court when run where .build is, else "
                + "docket-bench-court in the temporary folder)."))
    var data: String?
    @Flag(help: "Build the node again even when one of N cases is kept.") var rebuild = false
    @Option(help: "Threads filing and accepting at once while the node is built.") var writers = 2
    @Option(help: "Random lookups of each kind (by 案号, by party ID).") var lookups = 1_000
    @Option(help: "Full-text queries (party names and causes).") var queries = 200
    @Option(help: "Requests for each desk page.") var requests = 100
    @Flag(help: "Print the report as JSON (and no progress).") var json = false

    /// The build of this binary.
    static var buildType: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    func validate() throws {
        guard cases >= 100 else { throw ValidationError("--cases must be at least 100.") }
        guard (1...16).contains(writers) else { throw ValidationError("--writers takes 1 to 16.") }
        guard lookups > 0, queries >= 3, requests > 0 else {
            throw ValidationError("--lookups and --requests must be positive, --queries at least 3.")
        }
    }

    /// The folder the node is kept in.
    var folder: URL {
        if let data { return URL(fileURLWithPath: data) }
        if FileManager.default.fileExists(atPath: ".build") { return URL(fileURLWithPath: ".build/bench-court") }
        return URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("docket-bench-court")
    }

    func run() throws {
        CourtReport.quiet = json
        let say: (String) -> Void = { if !json { print($0); fflush(stdout) } }
        say("court: a court node of \(cases) cases (\(Self.buildType) build), kept in \(folder.path)")
        let builder = CourtNodeBuilder(folder: folder, cases: cases, writers: writers)
        let (node, marker, builtNow) = try builder.prepare(rebuild: rebuild, progress: !json)
        say(
            builtNow
                ? "  built         \(cases) cases in \(format(marker.seconds)) s (\(writers) writers)"
                : "  kept          node built \(marker.builtAt) (\(marker.build), schema \(marker.schema)); "
                    + "--rebuild builds it again")
        var report = CourtReport(
            cases: cases, build: Self.buildType, builtNow: builtNow, buildSeconds: marker.seconds,
            builtAt: marker.builtAt, statuses: [:])
        let scratch = folder.appendingPathComponent("scratch")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        try measureReindex(node, into: &report)
        // Counted after the reindex: a kept node's index is then this binary's, whatever happened to it before.
        report.statuses = try node.database.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM cases GROUP BY status")
                    .map { ($0["status"] as String, $0["n"] as Int) })
        }
        say(
            "  cases         "
                + report.statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let raw = try RawSQLite(path: node.paths.database.path)
        try measureLookups(node, raw, into: &report)
        try measureFullText(node, raw, into: &report)
        try measureDesk(node, raw, scratch: scratch, into: &report)
        try measureDisk(node, raw, scratch: scratch, into: &report)
        say("  peak memory   \(format(peakMemoryMiB())) MiB (this process)")
        try report.finish(json: json)
    }
}
