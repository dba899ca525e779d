import DocketCore
import DocketGit
import DocketStore
import Foundation
import GRDB
import Testing

@Suite struct RecoveryTests {
    @Test func aCrashBetweenCommitAndIndexIsRecoveredAtNextStart() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let crashed = try TestNode.run(
            TestNode.docketBinary,
            ["case", "edit", uid, "--set", "claims=崩溃前写入", "--data", t.data.path],
            environment: ["DOCKET_FAULT": "crash-after-commit"])
        #expect(crashed.status == 75)
        // git has the commit, the index does not.
        let repo = try Repository.open(t.node.paths.repository(ofCase: uid).path)
        let tip = try #require(try repo.reference("refs/heads/main"))
        let indexed = try t.node.database.read { db in
            try String.fetchOne(db, sql: "SELECT tip FROM cases WHERE uid = ?", arguments: [uid])
        }
        #expect(indexed != tip.hex)
        #expect(try t.node.fsck().contains { $0.problem.contains("SQLite index disagrees") })

        let reopened = try Node.open(at: t.data)
        let after = try reopened.database.read { db in
            try Row.fetchOne(db, sql: "SELECT tip, claims FROM cases WHERE uid = ?", arguments: [uid])
        }
        #expect(after?["tip"] == tip.hex)
        #expect(after?["claims"] == "崩溃前写入")
        // The dead process's journal is gone; only the live ones (this test's nodes) remain.
        let journals = try FileManager.default.contentsOfDirectory(
            atPath: t.data.appendingPathComponent("journal").path)
        #expect(journals == [String(getpid())])
        #expect(try reopened.fsck().isEmpty)
    }

    @Test func twoProcessesWritingOneCaseLoseNoUpdate() throws {
        let t = try TestNode()
        let file = try t.fileCase()
        let uid = file.record.uid, party = file.parties[0].id
        let group = DispatchGroup()
        var statuses: [Int32] = [0, 0]
        let lock = NSLock()
        for worker in 0..<2 {
            DispatchQueue.global().async(group: group) {
                var last: Int32 = 0
                for i in 0..<8 {
                    let args =
                        worker == 0
                        ? ["case", "edit", uid, "--set", "claims=甲\(i)", "--data", t.data.path]
                        : [
                            "case", "edit", uid, "--party", party, "--set", "email=w\(i)@example.com", "--data",
                            t.data.path,
                        ]
                    let result = (try? TestNode.run(TestNode.docketBinary, args))?.status ?? -1
                    if result != 0 { last = result }
                }
                lock.lock(); statuses[worker] = last; lock.unlock()
            }
        }
        group.wait()
        #expect(statuses == [0, 0])
        let after = try Node.open(at: t.data).caseFile(uid)
        #expect(after.record.claims == "甲7")
        #expect(after.party(party)?.email == "w7@example.com")
        #expect(after.timeline.filter { $0.kind == "case-edited" }.count == 8)
        #expect(after.timeline.filter { $0.kind == "party-edited" }.count == 8)
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func reindexGivesIdenticalRows() throws {
        let t = try TestNode()
        for _ in 0..<3 { _ = try t.fileCase() }
        let uid = try t.fileCase().record.uid
        _ = try t.node.addDocument(uid, bytes: Array("起诉状正文".utf8), name: "起诉状.txt")
        func snapshot() throws -> [String] {
            try t.node.database.read { db in
                var rows: [String] = []
                rows += try Row.fetchAll(
                    db, sql: "SELECT uid, case_number, status, title, claims, tip FROM cases ORDER BY uid"
                ).map { "\($0)" }
                for (table, order) in [
                    ("parties", "case_uid, party_id"), ("documents", "case_uid, doc_id"),
                    ("timeline", "case_uid, at"), ("case_changes", "case_uid"),
                ] {
                    rows += try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)").map {
                        "\(table) \($0)"
                    }
                }
                rows += try Row.fetchAll(
                    db,
                    sql: """
                        SELECT uid, s.title, s.cause, s.claims, s.parties FROM case_search s
                        JOIN cases ON cases.id = s.rowid ORDER BY uid
                        """
                ).map { "\($0)" }
                return rows
            }
        }
        let before = try snapshot()
        #expect(try t.node.reindex() == 4)
        #expect(try snapshot() == before)
        #expect(before.count > 20)
    }

    @Test func fsckFindsABadSignatureAndARowThatDisagrees() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let other = try t.fileCase().record.uid
        // A commit that claims to be ours but whose signature is someone else's.
        let repo = try Repository.open(t.node.paths.repository(ofCase: uid).path)
        let tip = try #require(try repo.reference("refs/heads/main"))
        let tree = try repo.commit(tip).tree
        let forged = try repo.createCommit(
            tree: tree, parents: [tip],
            author: GitSignature(name: "mallory", email: "m@x", time: 1_800_000_000),
            committer: GitSignature(name: "court-lixia", email: "court-lixia", time: 1_800_000_000),
            message: "forged\n"
        ) { bytes in
            CommitSignature(nodeId: "court-lixia", signature: try NodeKey.generate().sign(bytes)).header
        }
        #expect(try repo.updateReference("refs/heads/main", to: forged, expecting: tip, message: "forge"))
        try t.node.indexCase(uid)
        try t.node.database.write { db in
            try db.execute(sql: "UPDATE cases SET status = 'accepted' WHERE uid = ?", arguments: [other])
        }
        let problems = try t.node.fsck()
        #expect(problems.contains { $0.uid == uid && $0.problem.contains("bad signature") })
        #expect(problems.contains { $0.uid == other && $0.problem.contains("SQLite index disagrees") })
        #expect(problems.count == 2)
        let cli = try TestNode.run(TestNode.docketBinary, ["fsck", "--json", "--data", t.data.path])
        #expect(cli.status == 1)
        #expect(cli.output.contains("bad signature"))
    }
}
