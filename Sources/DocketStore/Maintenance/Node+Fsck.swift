import DocketCore
import DocketGit
import DocketSchemas
import Foundation
import GRDB

/// One thing `docket fsck` found wrong.
public struct FsckProblem: Codable, Equatable, Sendable {
    public var uid: String
    public var problem: String
}

extension Node {
    /// Checks every case: its records parse and match their JSON Schemas, every commit carries a valid signature
    /// of a known node, and the index rows are exactly what indexing the repository would write. Checks every
    /// announcements repository the same way (see `fsckAnnouncements`).
    public func fsck(publicKeys extraKeys: [String: String] = [:]) throws -> [FsckProblem] {
        var problems: [FsckProblem] = []
        let schemas = try RecordSchemas.shipped.get()
        var keys = extraKeys
        keys[config.nodeId] = key.publicKeyBase64
        let onDisk = try paths.caseUIDsOnDisk()
        let indexed = Set(try database.read { db in try String.fetchAll(db, sql: "SELECT uid FROM cases") })
        for uid in indexed.subtracting(onDisk).sorted() {
            problems.append(FsckProblem(uid: uid, problem: "indexed in SQLite but has no repository"))
        }
        for uid in onDisk {
            do {
                problems += try fsckCase(uid, schemas: schemas, keys: keys)
            } catch {
                problems.append(FsckProblem(uid: uid, problem: "cannot be read: \(error)"))
            }
        }
        problems += fsckAnnouncements(keys: keys, schemas: schemas)
        problems += loosePermissions().map { FsckProblem(uid: "node", problem: $0) }
        return problems
    }

    /// Every commit of every announcements repository signed by a known node (by this node alone for its own
    /// court's), holding only that court's announcement records, each matching its JSON Schema.
    private func fsckAnnouncements(keys: [String: String], schemas: RecordSchemas) -> [FsckProblem] {
        var problems: [FsckProblem] = []
        for court in (try? announcementCourtsOnDisk()) ?? [] {
            let name = "announcements/\(court)"
            do {
                guard let repo = try announcementsRepository(court: court), let tip = try repo.reference(Self.mainRef)
                else { continue }
                let signers = court == config.courtCode ? [config.nodeId: key.publicKeyBase64] : keys
                let all = try repo.history(from: tip)
                problems += AnnouncementHistory.problems(
                    in: repo, commits: all, court: court, signers: signers, schemas: schemas
                )
                .map { FsckProblem(uid: name, problem: $0) }
            } catch {
                problems.append(FsckProblem(uid: name, problem: "cannot be read: \(error)"))
            }
        }
        return problems
    }

    private func fsckCase(_ uid: String, schemas: RecordSchemas, keys: [String: String]) throws -> [FsckProblem] {
        var problems: [FsckProblem] = []
        func report(_ text: String) { problems.append(FsckProblem(uid: uid, problem: text)) }
        guard let repo = try readCase(uid) else { report("has no repository"); return problems }
        guard let tip = try repo.reference(Self.mainRef) else { report("has no main branch"); return problems }
        for id in try repo.history(from: tip) {
            let commit = try repo.commit(id)
            guard let (header, signed) = commit.signature, let signature = CommitSignature(header: header) else {
                report("commit \(id.hex.prefix(12)) is not signed"); continue
            }
            guard let publicKey = keys[signature.nodeId] else {
                report("commit \(id.hex.prefix(12)) is signed by unknown node \(signature.nodeId)"); continue
            }
            if !NodeKey.verify(signature.signature, of: signed, publicKeyBase64: publicKey) {
                report("commit \(id.hex.prefix(12)) has a bad signature (claims \(signature.nodeId))")
            }
        }
        let tree = try repo.commit(tip).tree
        for (path, blob) in try repo.blobs(inTree: tree, keep: CaseFile.isRecordPath) {
            do {
                try schemas.validate(try JSONParser.parse(try repo.readBlob(blob)))
            } catch {
                report("\(path): \(error)")
            }
        }
        let file: CaseFile
        do { file = try CaseReader.caseFile(in: repo, tree: tree) } catch { report("\(error)"); return problems }
        if try indexRows(of: uid, in: database) != (try expectedIndexRows(file, tip: tip.hex)) {
            report("SQLite index disagrees with git (run `docket reindex`)")
        }
        return problems
    }

    /// The rows of every rebuildable table for one case, as comparable text.
    private func indexRows(of uid: String, in reader: some DatabaseReader) throws -> [String] {
        try reader.read { db in
            var rows: [String] = []
            // cases.id is only the link to case_search and case_pairs, not content: compare everything else.
            rows += try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE uid = ?", arguments: [uid]).map { row in
                row.filter { $0.0 != "id" }.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            }
            for table in ["parties", "documents", "timeline", "conflicts"] {
                rows += try Row.fetchAll(
                    db, sql: "SELECT * FROM \(table) WHERE case_uid = ? ORDER BY 2, 3", arguments: [uid]
                ).map { "\($0)" }
            }
            rows += try Row.fetchAll(
                db,
                sql: """
                    SELECT title, cause, claims, parties FROM case_search
                    WHERE rowid = (SELECT id FROM cases WHERE uid = ?)
                    """, arguments: [uid]
            ).map { "\($0)" }
            rows += try Row.fetchAll(
                db, sql: "SELECT pairs FROM case_pairs WHERE rowid = (SELECT id FROM cases WHERE uid = ?)",
                arguments: [uid]
            ).map { "\($0)" }
            return rows
        }
    }

    /// What indexing `file` writes, computed in a scratch in-memory database by the same indexer.
    private func expectedIndexRows(_ file: CaseFile, tip: String) throws -> [String] {
        let scratch = try DatabaseQueue()
        try IndexDatabase.migrator().migrate(scratch)
        let periods = try periods()
        try scratch.write { db in try CaseIndexer.index(file, tip: tip, in: db, periods: periods) }
        return try indexRows(of: file.record.uid, in: scratch)
    }
}
