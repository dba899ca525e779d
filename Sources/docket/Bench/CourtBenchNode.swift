import DocketCore
import DocketSchemas
import DocketStore
import Foundation
import Synchronization

/// The court node `docket bench court` measures: N realistic cases filed and reviewed through the node's own write
/// path (`fileCase`, `accept`, `requestCorrection`, `withdraw`), several writers at once, then kept the way
/// `docket serve`'s daily sweep keeps a node; built once and kept with a marker (`court-bench.json`: N, the
/// builder's version, the schema it was built with) so later runs reuse it.
///
/// Each case is a filing from `DemoData` (a plaintiff with name, ID number, phone and lawyer; a person or company
/// as defendant; cause, claim, amount) with its complaint and list of evidence as two small text documents, in one
/// commit. Of every 100 cases, 2 stay submitted (the review queue, about what a court receives in a week), 1 waits
/// for corrections, and 97 are accepted — numbered (案号), fee assessed, notices issued — on days spread over the
/// past year, so deadlines fall on every day rather than all on one. A court one year into using Docket has
/// concluded most of what it accepted early in that year: a case accepted longer ago than its procedure's time
/// limit (简易程序 three months, 普通程序 six: 《民事诉讼法》 arts. 164 and 152) is concluded — by 准许撤诉, the one
/// way the node records a court concluding a case on its own — and one concluded more than `archiveAfterDays`
/// ago (serve's `--archive-after`) is in its archive form, as serve's sweep would have left it (the builder makes
/// every case today, so it archives those cases itself, and compacts the rest as the same sweep does). About 30 %
/// of the cases are then archived, 25 % concluded and still live, 45 % open.
struct CourtNodeBuilder {
    /// Bumped whenever the cases the builder makes change; a kept node of another version is built again.
    static let version = 2
    /// `docket serve --archive-after`'s default: a case concluded longer ago than this is archived.
    static let archiveAfterDays = 90
    static let nodeID = "court-bench", courtCode = "鲁0102"

    /// The folder kept between runs: `node/` and the marker.
    let folder: URL
    let cases: Int
    let writers: Int

    var nodeFolder: URL { folder.appendingPathComponent("node") }
    var markerURL: URL { folder.appendingPathComponent("court-bench.json") }

    /// What the marker records.
    struct Marker: Codable {
        var cases: Int
        var version: Int
        /// The last SQLite migration of the binary that built the node.
        var schema: String
        var builtAt: String
        var seconds: Double
        var build: String
    }

    /// What a case becomes after filing, by its index.
    enum Fate: Equatable {
        case submitted, correction
        /// Accepted this many days ago; concluded (withdrawn) when that is past its procedure's time limit,
        /// and archived when it concluded more than `archiveAfterDays` ago.
        case accepted(daysAgo: Int, simple: Bool, concluded: Bool, archived: Bool)
    }

    static func fate(_ index: Int) -> Fate {
        switch index % 100 {
        case 0, 50: return .submitted
        case 1: return .correction
        default:
            let daysAgo = index % 365, simple = index % 5 == 0
            let limit = simple ? 90 : 180
            return .accepted(
                daysAgo: daysAgo, simple: simple, concluded: daysAgo > limit,
                archived: daysAgo > limit + archiveAfterDays)
        }
    }

    /// The kept node when it has N cases and was built by this version of the builder; otherwise a new one
    /// (anything in `node/` is removed first). A build that did not finish leaves no marker, so it is redone.
    func prepare(rebuild: Bool, progress: Bool) throws -> (Node, Marker, builtNow: Bool) {
        if !rebuild, let data = try? Data(contentsOf: markerURL),
            let marker = try? JSONDecoder().decode(Marker.self, from: data),
            marker.cases == cases, marker.version == Self.version
        {
            return (try Node.open(at: nodeFolder), marker, false)
        }
        try? FileManager.default.removeItem(at: markerURL)
        try? FileManager.default.removeItem(at: nodeFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let schema = try Self.schema()
        let node = try Node.initialize(
            at: nodeFolder,
            config: NodeConfig(
                nodeId: Self.nodeID, role: .court, name: "济南市历下区人民法院", courtCode: Self.courtCode),
            operatorName: "bench")
        let seconds = try measure {
            let toArchive = try fill(node, progress: progress)
            try sweep(node, archiving: toArchive, progress: progress)
        }
        let marker = Marker(
            cases: cases, version: Self.version, schema: schema,
            builtAt: ISO8601DateFormatter().string(from: Date()), seconds: seconds, build: CourtBench.buildType)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(marker).write(to: markerURL)
        return (node, marker, true)
    }

    /// Files and reviews every case, `writers` threads at once, each on its own share of the indexes; returns the
    /// cases the sweep is to archive.
    func fill(_ node: Node, progress: Bool) throws -> Set<String> {
        let today = Node.today()
        let done = Counter()
        let start = Date()
        let toArchive = Mutex<Set<String>>([])
        try inParallel(0..<cases, writers: writers) { part in
            for index in part {
                let uid = try Self.makeCase(index, on: node, today: today)
                if case .accepted(_, _, _, archived: true) = Self.fate(index) {
                    toArchive.withLock { _ = $0.insert(uid) }
                }
                let count = done.increment()
                if progress, count % 5_000 == 0 || count == cases {
                    print("  built         \(count)/\(cases) cases (\(format(Date().timeIntervalSince(start))) s)")
                    fflush(stdout)
                }
            }
        }
        return toArchive.withLock { $0 }
    }

    /// What `docket serve`'s daily sweep would have done by now: the cases concluded more than `archiveAfterDays`
    /// ago (`toArchive`) archived, the others compacted (`ServeCommand.tidyCaseStorage`), `writers` threads at once.
    func sweep(_ node: Node, archiving toArchive: Set<String>, progress: Bool) throws {
        let start = Date()
        let uids = try node.paths.caseUIDsOnDisk()
        guard uids.count == cases else { throw CourtBench.failure("the node holds \(uids.count) of \(cases) cases") }
        try inParallel(0..<uids.count, writers: writers) { part in
            for uid in part.map({ uids[$0] }) {
                if toArchive.contains(uid) {
                    guard case .archived = try node.archiveCase(uid) else {
                        throw CourtBench.failure("\(uid) was not archived")
                    }
                } else {
                    _ = try node.compactCase(uid)
                }
            }
        }
        if progress {
            print(
                "  swept         \(toArchive.count) cases archived, the others compacted "
                    + "(\(format(Date().timeIntervalSince(start))) s)")
        }
    }

    /// Case number `index`: the same filing for the same index on every run.
    @discardableResult
    static func makeCase(_ index: Int, on node: Node, today: LocalDate) throws -> String {
        var demo = DemoData(seed: 0xC0_0000 + UInt64(index))
        let filing = demo.filing()
        let input = try FilingInput.parse(Array(filing.json.utf8), today: today)
        let file = try node.fileCase(
            input, attachments: filing.documents.map { (name: $0.0, bytes: Array($0.1.utf8)) })
        let uid = file.record.uid
        switch fate(index) {
        case .submitted:
            break
        case .correction:
            _ = try node.requestCorrection(uid, items: ["请补充提交原告身份证明复印件。", "请列明被告的送达地址。"], today: today)
        case .accepted(let daysAgo, let simple, let concluded, _):
            _ = try node.accept(
                uid, procedure: simple ? .simple : .ordinary, judge: demo.judge(), clerk: "王书记员",
                clerkPhone: "0531-86120000", today: today.adding(days: -daysAgo))
            if concluded { _ = try node.withdraw(uid) }
        }
        return uid
    }

    /// The last migration this binary knows (the schema a node it builds has).
    static func schema() throws -> String {
        try DocketSchemas.files(in: "sqlite").filter { $0.hasSuffix(".sql") }.sorted().last.map {
            String($0.dropLast(4))
        } ?? "none"
    }
}

/// A count shared by the writer threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds one and returns the new count.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
