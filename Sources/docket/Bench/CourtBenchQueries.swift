import DocketCore
import DocketGit
import DocketProcess
import DocketStore
import Foundation
import GRDBSQLite

/// Lookups, full text and reindex on the court node, each beside the same work done bare: the same SQL on the same
/// index through a read-only sqlite3 connection (statements prepared once), and for reindex every case's records
/// read from git with no decoding and no SQLite.
extension CourtBench {
    func measureLookups(_ node: Node, _ raw: RawSQLite, into report: inout CourtReport) throws {
        let numbers = try raw.strings(
            "SELECT case_number FROM cases WHERE case_number IS NOT NULL ORDER BY random() LIMIT \(lookups)")
        let ids = try raw.strings(
            "SELECT id_number FROM parties WHERE id_number IS NOT NULL ORDER BY random() LIMIT \(lookups)")
        let byNumber = try raw.prepare("SELECT uid FROM cases WHERE case_number = ?")
        let byID = try raw.prepare(
            """
            SELECT * FROM cases WHERE uid IN (SELECT case_uid FROM parties WHERE id_number = ?)
            ORDER BY filed_at DESC LIMIT 100
            """)
        let (api, floor) = try Self.interleaved(numbers) { number in
            guard try node.resolveCase(number).count > 0 else { throw Self.failure("lookup \(number)") }
        } floor: { number in
            guard try byNumber.rows([number]) == 1 else { throw Self.failure("raw lookup \(number)") }
        }
        report.add(
            "lookup.case-number.p50", "lookup by 案号 p50 (resolveCase)", api.percentile(50), "ms",
            floor: floor.percentile(50), floorLabel: "raw SQLite")
        report.add(
            "lookup.case-number.p99", "lookup by 案号 p99", api.percentile(99), "ms", floor: floor.percentile(99),
            floorLabel: "raw SQLite", below: 1, target: "p99 < 1 ms")
        let (apiID, floorID) = try Self.interleaved(ids) { id in
            guard try !node.cases(withPartyID: id).isEmpty else { throw Self.failure("party \(id)") }
        } floor: { id in
            guard try byID.rows([id]) > 0 else { throw Self.failure("raw party \(id)") }
        }
        report.add(
            "lookup.party-id.p50", "lookup by party ID p50 (cases(withPartyID:))", apiID.percentile(50), "ms",
            floor: floorID.percentile(50), floorLabel: "raw SQLite")
        report.add(
            "lookup.party-id.p99", "lookup by party ID p99", apiID.percentile(99), "ms",
            floor: floorID.percentile(99), floorLabel: "raw SQLite", below: 1, target: "p99 < 1 ms")
    }

    /// Party names (two thirds) and causes (one third) drawn from the node, through `Node.search`, against the
    /// SQL `search` runs: the FTS5 trigram phrase for three characters or more, the pair index for two.
    func measureFullText(_ node: Node, _ raw: RawSQLite, into report: inout CourtReport) throws {
        let names = try raw.strings("SELECT name FROM parties ORDER BY random() LIMIT \(queries - queries / 3)")
        let causes = (0..<(queries / 3)).map { DemoData.causes[$0 % DemoData.causes.count].0 }
        let texts = zip(names, causes).flatMap { [$0, $1] } + names.dropFirst(causes.count)
        let trigram = try raw.prepare(
            """
            SELECT cases.* FROM case_search JOIN cases ON cases.id = case_search.rowid
            WHERE case_search MATCH ? ORDER BY case_search.rowid DESC LIMIT 100
            """)
        let pairs = try raw.prepare(
            """
            SELECT cases.* FROM case_pairs JOIN cases ON cases.id = case_pairs.rowid
            WHERE case_pairs MATCH ? ORDER BY case_pairs.rowid DESC LIMIT 100
            """)
        let (api, floor) = try Self.interleaved(texts) { text in
            guard try !node.search(text).isEmpty else { throw Self.failure("search \(text)") }
        } floor: { text in
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let found = try (text.unicodeScalars.count >= 3 ? trigram : pairs).rows([quoted])
            guard found > 0 else { throw Self.failure("raw search \(text)") }
        }
        let short = texts.filter { $0.count < 3 }.count
        report.add(
            "search.p50", "full text p50 (Node.search)", api.percentile(50), "ms", floor: floor.percentile(50),
            floorLabel: "raw FTS5")
        report.add(
            "search.p95", "full text p95 (\(texts.count) queries, \(short) of 2 chars)", api.percentile(95), "ms",
            floor: floor.percentile(95), floorLabel: "raw FTS5", below: 20, target: "p95 < 20 ms")
    }

    /// `docket reindex` as a process on the node, against reading what it reads: every case's `main`, its tree and
    /// its record blobs through libgit2 (an archived case's from a copy), one after another, with no decoding and no
    /// SQLite. The bare read runs before the reindex as well as after it, so that both see the same page cache:
    /// the first pass over the node's packs after other disk work reads them from disk, and is printed on its own.
    func measureReindex(_ node: Node, into report: inout CourtReport) throws {
        var bytes = 0
        let readBare = {
            bytes = 0
            for uid in try node.paths.caseUIDsOnDisk() {
                // As reindex reads it: an archived case from a copy, left archived.
                guard let repo = try node.readCaseObjects(uid) else { continue }
                guard let tip = try repo.reference("refs/heads/main") else { continue }
                bytes += try CaseReader.recordFiles(in: repo, tree: try repo.commit(tip).tree).values.reduce(0) {
                    $0 + $1.count
                }
            }
        }
        let firstRead = try measure(readBare)
        var outcome: ProcessOutcome!
        let seconds = try measure {
            outcome = try ProcessRunner.run(BenchServer.ownBinary, ["reindex", "--data", node.paths.root.path])
        }
        guard outcome.succeeded else { throw Self.failure("docket reindex: \(outcome.errorText.suffix(2_000))") }
        let floor = try measure(readBare)
        report.add(
            "reindex.seconds", "docket reindex (\(cases) cases)", seconds, "s", floor: floor,
            floorLabel: "records read bare, \(bytes / max(cases, 1)) B/case; \(format(firstRead)) s the first time",
            below: 60, target: "< 60 s")
    }

    /// Runs `api` and `floor` on every item, turning which goes first, and returns both samples. The first tenth
    /// of the items (at most 50) is run once beforehand, untimed, on both sides: the figures are those of a node
    /// in use, not of the first queries after a reindex rewrote the database.
    static func interleaved(
        _ items: [String], api: (String) throws -> Void, floor: (String) throws -> Void
    ) throws -> (Durations, Durations) {
        for item in items.prefix(min(50, max(items.count / 10, 1))) { try api(item); try floor(item) }
        var a = Durations(), f = Durations()
        for (index, item) in items.enumerated() {
            if index % 2 == 0 {
                a.append(try measure { try api(item) }); f.append(try measure { try floor(item) })
            } else {
                f.append(try measure { try floor(item) }); a.append(try measure { try api(item) })
            }
        }
        return (a, f)
    }

    static func failure(_ what: String) -> DocketError {
        DocketError(
            .internal, key: "bench.court-unexpected", zh: "基准测试结果不符合预期：\(what)",
            en: "The bench did not find what it expected: \(what)")
    }
}

/// A read-only sqlite3 connection of its own: the floor of every query (no pool, no row decoding into Swift values).
final class RawSQLite {
    private var db: OpaquePointer?

    init(path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw CourtBench.failure("sqlite3_open_v2 \(path)")
        }
    }

    deinit { sqlite3_close_v2(db) }

    func prepare(_ sql: String) throws -> RawStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw CourtBench.failure("prepare: \(String(cString: sqlite3_errmsg(db)))")
        }
        return RawStatement(statement)
    }

    /// The first column of every row of `sql`.
    func strings(_ sql: String) throws -> [String] {
        let statement = try prepare(sql)
        var values: [String] = []
        try statement.each([]) { values.append(String(cString: sqlite3_column_text($0, 0))) }
        return values
    }
}

/// A prepared statement, bound, stepped and reset for each use.
final class RawStatement {
    private let statement: OpaquePointer

    init(_ statement: OpaquePointer) { self.statement = statement }
    deinit { sqlite3_finalize(statement) }

    /// Steps through every row, reading each column as text (what a caller would do); returns the row count.
    func rows(_ arguments: [String]) throws -> Int {
        var count = 0
        try each(arguments) { row in
            for column in 0..<sqlite3_column_count(row) { _ = sqlite3_column_text(row, column) }
            count += 1
        }
        return count
    }

    func each(_ arguments: [String], _ body: (OpaquePointer) throws -> Void) throws {
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, value) in arguments.enumerated() {
            sqlite3_bind_text(statement, Int32(index + 1), value, -1, transient)
        }
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else { throw CourtBench.failure("sqlite3_step \(step)") }
            try body(statement)
        }
    }
}
