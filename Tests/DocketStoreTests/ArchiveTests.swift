import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 20: a concluded case becomes one file (a git bundle) in its repository's place; its index rows stay,
/// reading it (reindex, fsck) leaves it archived, and the first write expands it with nothing lost.
@Suite struct ArchiveTests {
    private func withdrawnCase(_ t: TestNode) throws -> String {
        let uid = try t.fileCase().record.uid
        _ = try t.node.withdraw(uid)
        return uid
    }

    private func commits(_ t: TestNode, _ uid: String) throws -> Int {
        try t.node.history(uid, limit: 10_000).count
    }

    @Test func anArchivedCaseIsOneFileStockGitReadsAndTheIndexKeepsIt() throws {
        let t = try TestNode()
        let uid = try withdrawnCase(t)
        let path = t.node.paths.repository(ofCase: uid)
        let tip = try t.node.repository(uid).reference("refs/heads/main")!
        let listed = try t.node.listCases()
        let found = try t.node.search("民间借贷")

        guard case .archived(let bytes) = try t.node.archiveCase(uid) else {
            Issue.record("not archived"); return
        }
        var info = stat()
        #expect(lstat(path.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
        #expect(Int(info.st_size) == bytes && info.st_nlink == 1)
        #expect(t.node.isArchived(uid))
        #expect(try t.node.archiveCase(uid) == .alreadyArchived)
        #expect(try t.node.listCases() == listed)
        #expect(try t.node.search("民间借贷") == found)
        // Reading the case (what `docket case show` and the desk do) leaves it archived.
        #expect(try t.node.caseFile(uid).record.status == .withdrawn)
        #expect(t.node.isArchived(uid))

        // Stock git reads the archive as the bundle it is, with the whole signed history.
        let heads = try TestNode.run("/usr/bin/git", ["bundle", "list-heads", path.path])
        #expect(heads.output.contains("\(tip.hex) refs/heads/main"), "\(heads.error)")
        let clone = t.root.appendingPathComponent("clone")
        let cloned = try TestNode.run("/usr/bin/git", ["clone", "-q", path.path, clone.path])
        #expect(cloned.status == 0, "\(cloned.error)")
        let cloneTip = try TestNode.git(clone.appendingPathComponent(".git"), "rev-parse", "HEAD")
        #expect(cloneTip.trimmingCharacters(in: .whitespacesAndNewlines) == tip.hex)

        // Reindex and fsck read it from a copy: same rows, no problem found, still archived, no copy left.
        #expect(try t.node.reindex() == 1)
        #expect(try t.node.listCases() == listed)
        #expect(try t.node.fsck().isEmpty)
        #expect(t.node.isArchived(uid))
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: t.node.paths.incoming.path)) ?? []
        #expect(incoming.filter { $0.hasPrefix("r-") }.isEmpty, "\(incoming)")
    }

    @Test func readingAnArchivesObjectsMakesNoRepositoryAndLeavesNothing() throws {
        let t = try TestNode()
        let uid = try withdrawnCase(t)
        let live = try t.node.repository(uid)
        let references = try live.references()
        let tip = try #require(references["refs/heads/main"])
        let file = try t.node.caseFile(uid)
        _ = consume live
        guard case .archived = try t.node.archiveCase(uid) else { Issue.record("not archived"); return }
        let archive = try Data(contentsOf: t.node.paths.repository(ofCase: uid))

        do {
            let read = try #require(try t.node.readCaseObjects(uid))
            // Only the archive's pack and its index, beside the node's repositories: no HEAD, refs or config.
            let made = try FileManager.default.contentsOfDirectory(atPath: read.path).sorted()
            #expect(made.count == 2 && made[0].hasSuffix(".idx") && made[1].hasSuffix(".pack"), "\(made)")
            // Every reference the case had, from the bundle's header; the records as they were.
            for (name, id) in references { #expect(try read.reference(name) == id, "\(name)") }
            #expect(try read.reference("refs/heads/other") == nil)
            let again = try CaseReader.caseFile(in: read, tree: try read.commit(tip).tree)
            #expect(try again.record.canonicalBytes() == file.record.canonicalBytes())
            #expect(again.documents.map(\.sha256) == file.documents.map(\.sha256))
        }
        // Released: nothing left in incoming, and the archive byte for byte as it was.
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: t.node.paths.incoming.path)) ?? []
        #expect(incoming.filter { $0.hasPrefix("r-") }.isEmpty, "\(incoming)")
        #expect(try Data(contentsOf: t.node.paths.repository(ofCase: uid)) == archive)
        #expect(t.node.isArchived(uid))
    }

    @Test func theFirstWriteExpandsTheCaseAndKeepsItsHistory() throws {
        let t = try TestNode()
        let uid = try withdrawnCase(t)
        let before = try commits(t, uid)
        _ = try t.node.archiveCase(uid)

        let note = try t.node.updateCase(uid) { file, actor in
            try CaseActions.edit(file, set: [("claims", "判令被告偿还借款本金100000元")], by: actor)
        }
        #expect(!t.node.isArchived(uid))
        #expect(try commits(t, uid) == before + 1)
        #expect(try t.node.caseFile(uid).record.claims == "判令被告偿还借款本金100000元")
        #expect(try t.node.repository(uid).reference("refs/heads/main") == note.commit)
        let repo = t.node.paths.repository(ofCase: uid)
        let fsck = try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.error)")
        #expect(try t.node.fsck().isEmpty)
        // Expanded, it has the layout of a new case: its pack, index, packed-refs and four folders.
        let names = try FileManager.default.subpathsOfDirectory(atPath: repo.path).sorted()
        #expect(names.filter { $0.hasSuffix(".pack") }.count >= 1)
        #expect(names.contains("packed-refs") && !names.contains("config"), "\(names)")
        // Nothing left beside it.
        let shard = try FileManager.default.contentsOfDirectory(atPath: repo.deletingLastPathComponent().path)
        #expect(shard.filter { $0.hasPrefix(".") }.isEmpty, "\(shard)")
        // Archived and expanded again by hand.
        #expect(try t.node.archiveCase(uid) != .busy)
        #expect(try t.node.unarchiveCase(uid))
        #expect(try !t.node.unarchiveCase(uid))
        #expect(try commits(t, uid) == before + 1)
    }

    @Test func aCaseInUseIsNotArchivedUntilItIsReleased() throws {
        let t = try TestNode()
        let uid = try withdrawnCase(t)
        var held: Repository? = try t.node.repository(uid)
        #expect(try t.node.archiveCase(uid) == .busy)
        #expect(!t.node.isArchived(uid))
        #expect(try held?.reference("refs/heads/main") != nil)
        held = nil
        guard case .archived = try t.node.archiveCase(uid) else { Issue.record("not archived"); return }
    }

    @Test func writersRacingTheArchiverLoseNothing() throws {
        let t = try TestNode()
        let uid = try withdrawnCase(t)
        let before = try commits(t, uid)
        let writes = 12
        let done = DispatchGroup()
        let failures = LockedList()
        DispatchQueue.global().async(group: done) {
            for n in 0..<writes {
                do {
                    try t.node.updateCase(uid) { file, actor in
                        try CaseActions.edit(file, set: [("claims", "第\(n)次变更诉讼请求")], by: actor)
                    }
                } catch { failures.append("\(error)") }
            }
        }
        var archived = 0
        while done.wait(timeout: .now()) == .timedOut {
            if case .archived = try t.node.archiveCase(uid) { archived += 1 }
        }
        #expect(failures.items.isEmpty, "\(failures.items)")
        #expect(try commits(t, uid) == before + writes)
        #expect(try t.node.caseFile(uid).record.claims == "第\(writes - 1)次变更诉讼请求")
        #expect(try t.node.fsck().isEmpty)
        #expect(archived > 0, "the archiver never got between two writes")
    }

    @Test func theSweepTakesConcludedCasesOnlyAndClearsDeadLeftovers() throws {
        let t = try TestNode()
        let concluded = try withdrawnCase(t)
        let open = try t.fileCase().record.uid
        let shard = t.node.paths.repository(ofCase: open).deletingLastPathComponent()
        let dead = shard.appendingPathComponent(".archive-999999999-1")
        let live = shard.appendingPathComponent(".new-\(getpid())-1")
        for folder in [dead, live] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(at: live) }

        // A concluded case whose repository is gone fails alone: the sweep goes on with the others.
        let lost = try withdrawnCase(t)
        try FileManager.default.removeItem(at: t.node.paths.repository(ofCase: lost))

        let early = try t.node.archiveConcluded(before: Date().addingTimeInterval(-86400))
        #expect(early.archived == 0 && !t.node.isArchived(concluded))
        let swept = try t.node.archiveConcluded(before: Date().addingTimeInterval(60))
        #expect(swept.archived == 1 && swept.busy == 0)
        #expect(swept.failed.map(\.key) == ["case.not-found"] && swept.failed.first?.chinese.contains(lost) == true)
        #expect(t.node.isArchived(concluded) && !t.node.isArchived(open))
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    @Test func aDamagedArchiveIsAClearErrorAndStaysAsItWas() throws {
        let t = try TestNode()
        let uid = try withdrawnCase(t)
        _ = try t.node.archiveCase(uid)
        let path = t.node.paths.repository(ofCase: uid).path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast(30)  // the pack's trailer and a little more
        chmod(path, 0o644)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        #expect {
            _ = try t.node.caseFile(uid)
        } throws: { error in
            (error as? DocketError)?.key == "case.archive-unreadable"
                && (error as? DocketError)?.chinese.contains("归档") == true
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        let shard = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(shard.filter { $0.hasPrefix(".new-") }.isEmpty, "\(shard)")
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: t.node.paths.incoming.path)) ?? []
        #expect(incoming.filter { $0.hasPrefix("r-") }.isEmpty, "\(incoming)")
        #expect(try t.node.fsck().contains { $0.uid == uid })
    }
}

/// Issue 20: a live case whose commits and reference moves piled up packs and loose references is rewritten in the
/// layout of a new case (7 inodes), with the same history, and keeps working.
@Suite struct CompactTests {
    @Test func aCaseWithManyCommitsIsCompactedToSevenInodesWithItsHistory() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        for n in 0..<3 {
            try t.node.updateCase(uid) { file, actor in
                try CaseActions.edit(file, set: [("claims", "第\(n)次变更诉讼请求")], by: actor)
            }
        }
        let repo = t.node.paths.repository(ofCase: uid)
        let history = try t.node.history(uid, limit: 100).map(\.commit)
        #expect(TestNode.inodes(repo) > 7)

        var held: Repository? = try t.node.repository(uid)
        #expect(try !t.node.compactCase(uid), "a case in use is left alone")
        #expect(try held?.reference("refs/heads/main") != nil)
        held = nil
        #expect(try t.node.compactCase(uid))
        let layout = (try? FileManager.default.subpathsOfDirectory(atPath: repo.path)) ?? []
        #expect(TestNode.inodes(repo) == 7, "\(layout)")
        #expect(try !t.node.compactCase(uid), "already compact")
        #expect(try t.node.history(uid, limit: 100).map(\.commit) == history)
        let fsck = try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.error)")
        #expect(try t.node.fsck().isEmpty)

        // It keeps working: another write, and the sweep finds only that case to compact again.
        let other = try t.fileCase().record.uid
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.edit(file, set: [("claims", "最终诉讼请求")], by: actor)
        }
        #expect(try t.node.compactCases().compacted == 1)
        #expect(TestNode.inodes(repo) == 7 && TestNode.inodes(t.node.paths.repository(ofCase: other)) == 7)
        #expect(try t.node.caseFile(uid).record.claims == "最终诉讼请求")
        let shard = try FileManager.default.contentsOfDirectory(atPath: repo.deletingLastPathComponent().path)
        #expect(shard.filter { $0.hasPrefix(".") }.isEmpty, "\(shard)")
    }
}

/// Strings appended from several threads.
private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}
