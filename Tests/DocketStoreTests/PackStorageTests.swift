import DocketCore
import DocketStore
import Foundation
import GRDB
import Testing

/// Each commit's new objects are stored as one pack that Docket writes itself; stock git must accept them.
@Suite struct PackStorageTests {
    private func packs(_ repo: URL) throws -> [(name: String, size: Int)] {
        let folder = repo.appendingPathComponent("objects/pack")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pack") }.map {
            name in
            let size =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size]
                as! Int
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
        let verify = try TestNode.git(
            repo, "verify-pack", "-v", repo.appendingPathComponent("objects/pack/\(name)").path)
        // The commit, the root tree, case.json, the parties/ and docket/ trees, two parties and the filing entry.
        #expect(verify.contains("non delta: 8 objects"))
        #expect(
            try TestNode.git(repo, "rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)
                == file.record.tipForTest(t))
        #expect(
            try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"]).status == 0)
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
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.edit(file, set: [("claims", "判令被告偿还借款本金150000元")], by: actor)
        }
        let added = try packs(repo).filter { !before.contains($0.name) }
        #expect(added.count == 1)
        // The 300 KB scan is already stored; the edit's pack holds the commit, two trees, case.json and a timeline
        // entry.
        #expect((added.first?.size ?? .max) < 4_000)
        #expect(
            try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"]).status == 0)
        #expect(try TestNode.git(repo, "show", "main:case.json").contains("判令被告偿还借款本金150000元\""))
        let blob = try TestNode.run(
            "/usr/bin/git",
            ["--git-dir", repo.path, "cat-file", "-s", "main:" + (try t.node.caseFile(uid).documents[0].contentPath)])
        #expect(blob.output.trimmingCharacters(in: .whitespacesAndNewlines) == "300000")
        // And the node itself still reads and verifies everything.
        #expect(try t.node.fsck().isEmpty)
    }
    /// Scans and PDFs do not shrink, so they are stored as they are; text that shrinks is deflated; records are
    /// stored as they are (they are small). `git verify-pack -v` shows each object's size and its size in the pack.
    @Test func compressesOnlyWhatShrinks() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        var generator = SystemRandomNumberGenerator()
        let scan = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Array(String(repeating: "本院认为，被告应当偿还借款本金及利息。", count: 2_000).utf8)
        _ = try t.node.addDocument(uid, bytes: scan, name: "scan.pdf")
        _ = try t.node.addDocument(uid, bytes: text, name: "意见.txt")
        let repo = t.node.paths.repository(ofCase: uid)
        var sizes: [Int: Int] = [:]  // size → size in the pack
        for pack in try packs(repo) {
            let verify = try TestNode.git(
                repo, "verify-pack", "-v", repo.appendingPathComponent("objects/pack/\(pack.name)").path)
            for line in verify.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count >= 5, fields[1] == "blob", let size = Int(fields[2]), let packed = Int(fields[3]) {
                    sizes[size] = packed
                }
            }
        }
        let scanPacked = try #require(sizes[scan.count]), textPacked = try #require(sizes[text.count])
        #expect(scanPacked > scan.count && scanPacked < scan.count + 100)  // stored: a few bytes of zlib framing
        #expect(textPacked < text.count / 20)
        let smallRecords = sizes.filter { $0.key < 4_096 }
        #expect(!smallRecords.isEmpty && smallRecords.allSatisfy { $0.value > $0.key })
        #expect(
            try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"]).status == 0)
        let scanID = try #require(try t.node.caseFile(uid).documents.first { $0.name == "scan.pdf" }?.id)
        #expect(try t.node.document(uid, id: scanID).1 == scan)
    }
}

private extension CaseRecord {
    func tipForTest(_ t: TestNode) throws -> String {
        try t.node.database.read { db in
            try String.fetchOne(db, sql: "SELECT tip FROM cases WHERE uid = ?", arguments: [uid])
        } ?? ""
    }
}

/// One pack per commit would leave a long-lived case with hundreds of packs, each searched on every read.
@Suite struct PackConsolidationTests {
    @Test func smallPacksAreMergedAsTheyPileUpAndNothingIsLost() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let repo = t.node.paths.repository(ofCase: uid)
        var generator = SystemRandomNumberGenerator()
        let scan = (0..<1_500_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = try t.node.addDocument(uid, bytes: scan, name: "卷宗扫描.pdf")
        for n in 1...40 {
            try t.node.updateCase(uid) { file, actor in
                try CaseActions.edit(file, set: [("claims", "第\(n)次变更诉讼请求")], by: actor)
            }
        }
        let names = try FileManager.default.contentsOfDirectory(
            atPath: repo.appendingPathComponent("objects/pack").path)
        let packs = names.filter { $0.hasSuffix(".pack") }
        // 42 commits; the scan's pack is large and stays; the small ones never pile up past the limit.
        #expect(packs.count <= 18)
        #expect(names.filter { $0.hasSuffix(".idx") }.count == packs.count)
        #expect(!names.contains { $0.hasPrefix(".tmp-") })
        #expect(
            try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"]).status == 0)
        #expect(
            try TestNode.git(repo, "rev-list", "--count", "main").trimmingCharacters(in: .whitespacesAndNewlines)
                == "42")
        #expect(try TestNode.git(repo, "show", "main~20:case.json").contains("第20次变更诉讼请求"))
        let scanID = try #require(try t.node.caseFile(uid).documents.first?.id)
        #expect(try t.node.document(uid, id: scanID).1 == scan)
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func aPackMarkedKeepAndLargePacksStay() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let folder = t.node.paths.repository(ofCase: uid).appendingPathComponent("objects/pack")
        let first = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".pack") })
        FileManager.default.createFile(
            atPath: folder.appendingPathComponent(String(first.dropLast(5)) + ".keep").path, contents: Data())
        for n in 1...20 {
            try t.node.updateCase(uid) { file, actor in
                try CaseActions.edit(file, set: [("claims", "变更\(n)")], by: actor)
            }
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(first).path))
        #expect(try t.node.fsck().isEmpty)
    }
}
