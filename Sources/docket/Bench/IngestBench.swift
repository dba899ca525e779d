import ArgumentParser
import DocketCore
import DocketGit
import DocketStore
import Foundation
import GRDB

/// Ingest N cases (record + 2 parties + a 10 KB document, one commit each) through the write path, against a
/// floor: the same objects stored the same way — made with bare libgit2 calls in a repository held in memory,
/// stored as one pack in a repository renamed into place — without signing, encoding records or deadlines, and
/// bare SQLite inserts of the same rows.
struct IngestBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Cases per second through the write path, and the ratio to a bare libgit2 + SQLite floor."
    )

    @Option(help: "How many cases.") var cases = 2_000
    @Option(
        help: ArgumentHelp(
            "Threads filing at once on each side; several (1,2) are measured in turn in the same run, nothing deleted "
                + "in between.",
            valueName: "n[,n…]"))
    var writers = "1,2"
    @OptionGroup var scratchOptions: ScratchOptions

    private var counts: [Int] {
        writers.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
    }

    func validate() throws {
        guard !counts.isEmpty, counts.allSatisfy({ (1...16).contains($0) }) else {
            throw ValidationError("--writers takes numbers from 1 to 16, separated by commas.")
        }
    }

    func run() throws {
        try scratchOptions.withFolder("bench") { scratch in
            var demo = DemoData(seed: 7)
            let document = Array((0..<10_240).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let inputs = try (0..<cases).map { _ in
                try FilingInput.parse(Array(demo.filing().json.utf8), today: Node.today())
            }
            let floorInputs = try prepareFloor(inputs, document: document)
            for count in counts {
                try measureIngest(
                    inputs, floorInputs, document: document, writers: count,
                    in: scratch.appendingPathComponent("w\(count)"))
            }
            print("  peak memory  \(format(peakMemoryMiB())) MiB")
        }
    }

    private func measureIngest(
        _ inputs: [FilingInput], _ floorInputs: [FloorCase], document: [UInt8], writers: Int, in folder: URL
    ) throws {
        print(
            "ingest: \(cases) cases, each record + 2 parties + a 10 KB document, one commit per case, \(writers) "
                + "writer\(writers == 1 ? "" : "s") at once"
        )
        let floorRoot = folder.appendingPathComponent("floor")
        let floorNode = try Node.initialize(
            at: floorRoot, config: NodeConfig(nodeId: "bench-floor", role: .court, name: "floor", courtCode: "鲁0102"))
        let node = try Node.initialize(
            at: folder.appendingPathComponent("docket"),
            config: NodeConfig(nodeId: "bench-court", role: .court, name: "bench", courtCode: "鲁0102"))
        // Rounds of 100 cases, alternating which side goes first, so that both see the same disk: on this
        // kind of machine the cost of making a directory drifts by tens of percent within a minute.
        let layoutRoot = folder.appendingPathComponent("layout")
        var seconds = 0.0, floorSeconds = 0.0, layoutSeconds = 0.0
        for (round, start) in stride(from: 0, to: cases, by: 100).enumerated() {
            let range = start..<min(start + 100, cases)
            let ours = {
                try measure {
                    try inParallel(range, writers: writers) { part in
                        for input in inputs[part] {
                            _ = try node.fileCase(input, attachments: [("evidence.bin", document)])
                        }
                    }
                }
            }
            let floor = {
                try measure {
                    try inParallel(range, writers: writers) { part in
                        try runFloor(floorInputs[part], root: floorRoot, database: floorNode.database)
                    }
                }
            }
            if round % 2 == 0 {
                floorSeconds += try floor(); seconds += try ours()
            } else {
                seconds += try ours(); floorSeconds += try floor()
            }
            layoutSeconds += measure { makeBareLayouts(range, under: layoutRoot) }
        }
        let rate = Double(cases) / seconds, floorRate = Double(cases) / floorSeconds
        print("  write path   \(format(rate)) cases/s  (\(format(seconds, 2)) s)")
        print("  floor        \(format(floorRate)) cases/s  (\(format(floorSeconds, 2)) s)")
        print("  ratio        \(format(seconds / floorSeconds, 2))× the floor   (target ≤ 1.30; ≥ 1000 cases/s)")
        print(
            "  file system  \(format(Double(cases) / layoutSeconds)) empty repository layouts/s "
                + "(4 folders, 3 files and a linked HEAD each, plain POSIX):"
        )
        print("               the ceiling for one repository per case on this disk")
        print("  check        \(try node.listCases(limit: cases + 1).count) cases indexed")
        let disk = DiskUsage.of(node.paths.cases.path)
        // The shard folders and their shared HEAD files are shared by up to 1,024 cases each: below 1,024 cases they
        // add about 2 per case, at 100,000 about 0.02.
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: node.paths.cases.path)) ?? []
        let shared = folders.count + ((try? FileManager.default.contentsOfDirectory(
            atPath: node.paths.cases.appendingPathComponent(".heads").path))?.count ?? 0)
        print(
            "  inodes       \(format(Double(disk.inodes - shared) / Double(cases), 2)) per case repository (4 folders, "
                + "pack, index, packed-refs; HEAD linked); \(format(Double(disk.inodes) / Double(cases), 2)) with the "
                + "shard folders (target ≤ 6)")
    }

    /// What any one-repository-per-case design must do at least: the folders and files of a bare repository
    /// holding one pack, with plain system calls and no git or SQLite work at all.
    func makeBareLayouts(_ range: Range<Int>, under root: URL) {
        mkdir(root.path, 0o755)
        for n in range {
            let repo = root.path + "/\(n % 1024)"
            mkdir(repo, 0o755)
            let dir = repo + "/\(n).git"
            for sub in ["", "/objects", "/objects/pack", "/refs"] { mkdir(dir + sub, 0o755) }
            if n < 1024 { close(open(root.path + "/.HEAD-\(n)", O_WRONLY | O_CREAT, 0o444)) }
            link(root.path + "/.HEAD-\(n % 1024)", dir + "/HEAD")
            for file in ["/objects/pack/p.pack", "/objects/pack/p.idx", "/packed-refs"] {
                let fd = open(dir + file, O_WRONLY | O_CREAT, 0o644)
                _ = write(fd, "0123456789abcdef0123456789abcdef01234567\n", 41)
                close(fd)
            }
        }
    }

    /// The floor's input: every file's bytes made in advance, so the floor times only libgit2 and SQLite.
    struct FloorCase {
        let uid: String
        let files: [(String, [UInt8])]
        let file: CaseFile
    }

    func prepareFloor(_ inputs: [FilingInput], document: [UInt8]) throws -> [FloorCase] {
        var rng = SystemRandomNumberGenerator()
        var clock = HybridClock.system()
        return try inputs.map { input in
            let actor = Actor(node: "bench-floor", name: "bench", time: clock.now())
            let uid = Identifier.caseUID(milliseconds: actor.time.milliseconds, using: &rng)
            var (file, change) = try CaseActions.file(input, uid: uid, partyIDs: ["pa", "pb"], by: actor)
            let meta = DocumentMeta(
                id: "da", name: "evidence.bin", title: "evidence.bin", size: Int64(document.count),
                sha256: String(repeating: "0", count: 64), mediaType: "application/octet-stream",
                addedAt: actor.time, addedBy: actor.node)
            try change.add(meta, bytes: document)
            file.documents = [meta]
            return FloorCase(
                uid: uid, files: change.files.compactMap { path, bytes in bytes.map { (path, $0) } }, file: file)
        }
    }

    func runFloor(_ floorCases: ArraySlice<FloorCase>, root: URL, database: DatabasePool) throws {
        let paths = NodePaths(root: root)
        let signature = GitSignature(name: "bench", email: "bench@bench-floor", time: 1_800_000_000)
        for item in floorCases {
            // The same storage as the write path: the repository made whole, its first commit in one pack.
            let commit = try Repository.create(
                bareAt: paths.repository(ofCase: item.uid).path, sharedHEAD: paths.sharedHEAD(ofCase: item.uid)
            ) { memory in
                let edits = try item.files.map { TreeEdit.upsert(path: $0.0, blob: try memory.writeBlob($0.1)) }
                let tree = try memory.updateTree(nil, applying: edits)
                return try memory.createUnsignedCommit(
                    tree: tree, parents: [], author: signature, committer: signature, message: "case\n")
            }
            let r = item.file.record
            try database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO cases (uid, case_number, status, title, court, case_type, cause, claim_fen, claims,
                                           filed_at, filed_by, updated_at, updated_by, tip)
                        VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        r.uid, r.status.rawValue, r.title, r.court, r.caseType, r.cause, r.claimAmountFen,
                        r.claims, r.filedAt.description, r.filedBy, r.updatedAt.description, r.updatedBy, commit.hex,
                    ])
                let caseRowID = db.lastInsertedRowID
                for p in item.file.parties {
                    try db.execute(
                        sql: "INSERT INTO parties (case_uid, party_id, role, name, id_number) VALUES (?, ?, ?, ?, ?)",
                        arguments: [r.uid, p.id, p.role.rawValue, p.name, p.idNumber])
                }
                for d in item.file.documents {
                    try db.execute(
                        sql:
                            "INSERT INTO documents (case_uid, doc_id, name, title, size, sha256, added_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [r.uid, d.id, d.name, d.title, d.size, d.sha256, d.addedAt.description])
                }
                for e in item.file.timeline {
                    try db.execute(
                        sql: "INSERT INTO timeline (case_uid, at, node, kind, summary) VALUES (?, ?, ?, ?, ?)",
                        arguments: [r.uid, e.at.description, e.node, e.kind, e.summary])
                }
                try db.execute(
                    sql: "INSERT INTO case_search (rowid, title, cause, claims, parties) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        caseRowID, r.title, r.cause, r.claims, item.file.parties.map(\.name).joined(separator: " "),
                    ])
                try db.execute(
                    sql:
                        "INSERT INTO case_changes (case_uid, seq) "
                        + "VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM case_changes))",
                    arguments: [r.uid])
            }
        }
    }
}
