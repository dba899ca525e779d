import DocketCore
import DocketGit
import DocketStore
import Foundation
import GRDB
import Testing

@Suite struct WritePathTests {
    @Test func aNewCaseIsAGitRepositoryStockGitCanRead() throws {
        let t = try TestNode()
        let file = try t.fileCase()
        let repo = t.node.paths.repository(ofCase: file.record.uid)
        #expect(repo.path.hasPrefix(t.data.appendingPathComponent("cases/\(file.record.uid.suffix(2))").path))
        let log = try TestNode.git(repo, "log", "--format=%an|%ae|%cn|%s", "main")
        #expect(log.hasPrefix("clerk|clerk@court-lixia|court-lixia|File case: 张三丰诉李四民间借贷纠纷"))
        let shown = try TestNode.git(repo, "show", "main:case.json")
        #expect(Array(shown.utf8) == (try file.record.canonicalBytes()))
        #expect(try TestNode.git(repo, "cat-file", "-p", "main").contains("docketsig ed25519 court-lixia "))
        let fsck = try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict"])
        #expect(fsck.status == 0)
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func indexMatchesTheCaseAndTheChangeSequenceMoves() throws {
        let t = try TestNode()
        let a = try t.fileCase()
        let b = try t.fileCase()
        let seqs = try t.node.database.read { db in
            try Int.fetchAll(db, sql: "SELECT seq FROM case_changes ORDER BY seq")
        }
        #expect(seqs == [1, 2])
        try t.node.updateCase(a.record.uid) { file, actor in
            try CaseActions.edit(file, set: [("claims", "新的请求")], by: actor)
        }
        let seqOfA = try t.node.database.read { db in
            try Int.fetchOne(db, sql: "SELECT seq FROM case_changes WHERE case_uid = ?", arguments: [a.record.uid])
        }
        #expect(seqOfA == 3)
        #expect(try t.node.listCases().map(\.uid).sorted() == [a.record.uid, b.record.uid].sorted())
        #expect(try t.node.caseFile(a.record.uid).record.claims == "新的请求")
    }

    @Test func twoWritersInOneProcessLoseNoUpdate() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let other = try Node.open(at: t.data, operatorName: "other")
        let party = try t.node.caseFile(uid).parties[0].id
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let node = worker == 0 ? t.node : other
            for i in 0..<15 {
                try! node.updateCase(uid) { file, actor in
                    worker == 0
                        ? try CaseActions.edit(file, set: [("claims", "请求 \(i)")], by: actor)
                        : try CaseActions.editParty(
                            file, party: party, set: [("email", "p\(i)@example.com")], today: Node.today(), by: actor)
                }
            }
        }
        let file = try t.node.caseFile(uid)
        #expect(file.record.claims == "请求 14")
        #expect(file.parties.first { $0.id == party }?.email == "p14@example.com")
        #expect(file.timeline.count == 31)
        #expect(try t.node.history(uid).count == 31)
        #expect(try t.node.fsck().isEmpty)
    }
}

/// The record schemas, limits included, hold on the local write path: a change the court would refuse on every
/// sync is refused here, and nothing is written.
@Suite struct LocalSchemaTests {
    @Test func aTitleOverItsLimitIsRefusedLocally() throws {
        let t = try TestNode()
        let file = try t.fileCase()
        let tip = try t.node.repository(file.record.uid).reference("refs/heads/main")
        let long = String(repeating: "长", count: 600)
        #expect(throws: AuthorityRefusal.self) {
            try t.node.updateCase(file.record.uid) { file, actor in
                try CaseActions.edit(file, set: [("title", long)], by: actor)
            }
        }
        #expect(try t.node.repository(file.record.uid).reference("refs/heads/main") == tip)
        do {
            try t.node.updateCase(file.record.uid) { file, actor in
                try CaseActions.edit(file, set: [("title", long)], by: actor)
            }
        } catch {
            #expect("\(error)".contains("title is longer than 500 characters"), "\(error)")
        }
    }
}
