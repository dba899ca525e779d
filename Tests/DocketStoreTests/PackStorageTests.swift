import DocketCore
import DocketStore
import Foundation
import GRDB
import Testing

/// Each commit's new objects are stored as one pack that Docket writes itself; stock git must accept them.
@Suite struct PackStorageTests {
    private func packs(_ repo: URL) throws -> [(name: String, size: Int)] {
        let folder = repo.appendingPathComponent("objects/pack")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pack") }.map { name in
            let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as! Int
            return (name, size)
        }
    }

    @Test func aNewCaseIsOnePackThatGitVerifies() throws {
        let t = try TestNode()
        let file = try t.fileCase()
        let repo = t.node.paths.repository(ofCase: file.record.uid)
        let stored = try packs(repo)
        #expect(stored.count == 1)
        let name = try #require(stored.first?.name)
        let verify = try TestNode.git(repo, "verify-pack", "-v", repo.appendingPathComponent("objects/pack/\(name)").path)
        // The commit, the root tree, case.json, the parties/ and docket/ trees, two parties and the filing entry.
        #expect(verify.contains("non delta: 8 objects"))
        #expect(try TestNode.git(repo, "rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines) == file.record.tipForTest(t))
        #expect(try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"]).status == 0)
        // No staging folder is left beside the repository.
        let shard = try FileManager.default.contentsOfDirectory(atPath: repo.deletingLastPathComponent().path)
        #expect(shard == [repo.lastPathComponent])
    }

    @Test func anEditStoresOnlyWhatChangedNotTheWholeCase() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        var generator = SystemRandomNumberGenerator()
        let scan = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = try t.node.addDocument(uid, bytes: scan, name: "证据扫描.pdf")
        let repo = t.node.paths.repository(ofCase: uid)
        let before = Set(try packs(repo).map(\.name))
        try t.node.updateCase(uid) { file, actor in try CaseActions.edit(file, set: [("claims", "判令被告偿还借款本金150000元")], by: actor) }
        let added = try packs(repo).filter { !before.contains($0.name) }
        #expect(added.count == 1)
        // The 300 KB scan is already stored; the edit's pack holds the commit, two trees, case.json and a timeline entry.
        #expect((added.first?.size ?? .max) < 4_000)
        #expect(try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"]).status == 0)
        #expect(try TestNode.git(repo, "show", "main:case.json").contains("判令被告偿还借款本金150000元\""))
        let blob = try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "cat-file", "-s", "main:" + (try t.node.caseFile(uid).documents[0].contentPath)])
        #expect(blob.output.trimmingCharacters(in: .whitespacesAndNewlines) == "300000")
        // And the node itself still reads and verifies everything.
        #expect(try t.node.fsck().isEmpty)
    }
}

private extension CaseRecord {
    func tipForTest(_ t: TestNode) throws -> String {
        try t.node.database.read { db in try String.fetchOne(db, sql: "SELECT tip FROM cases WHERE uid = ?", arguments: [uid]) } ?? ""
    }
}
