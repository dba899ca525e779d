import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 20: a new case's repository is the least git and libgit2 recognise — four folders, its pack and index,
/// `packed-refs` — with `HEAD` a hard link shared by its shard, no `config` and no `refs/heads`; stock git reads,
/// verifies and clones it, and later writes (loose references from then on) keep it whole.
@Suite struct CompactLayoutTests {
    @Test func aNewCaseTakesSevenInodesAndStockGitReadsIt() throws {
        let t = try TestNode()
        let file = try t.fileCase()
        let uid = file.record.uid
        let repo = t.node.paths.repository(ofCase: uid)
        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: repo.appendingPathComponent("config").path))
        #expect(!manager.fileExists(atPath: repo.appendingPathComponent("refs/heads").path))
        var head = stat(), shared = stat()
        #expect(lstat(repo.appendingPathComponent("HEAD").path, &head) == 0)
        #expect(stat(t.node.paths.sharedHEAD(ofCase: uid), &shared) == 0)
        #expect(head.st_ino == shared.st_ino && head.st_nlink >= 2)
        let layout = try manager.subpathsOfDirectory(atPath: repo.path).sorted()
        #expect(TestNode.inodes(repo) == 7, "\(layout)")

        let tip = try t.node.repository(uid).reference("refs/heads/main")!.hex
        #expect(try TestNode.git(repo, "rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines) == tip)
        #expect(try TestNode.git(repo, "symbolic-ref", "HEAD").hasPrefix("refs/heads/main"))
        let fsck = try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.error)")
        let clone = t.root.appendingPathComponent("clone")
        let cloned = try TestNode.run("/usr/bin/git", ["clone", "-q", repo.path, clone.path])
        #expect(cloned.status == 0, "\(cloned.error)")
        #expect(manager.fileExists(atPath: clone.appendingPathComponent("case.json").path))

        // A later write moves main (libgit2 writes it loose, over the packed one); git and the node agree on it.
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.edit(file, set: [("claims", "判令被告偿还借款本金150000元")], by: actor)
        }
        let moved = try t.node.repository(uid).reference("refs/heads/main")!.hex
        #expect(moved != tip)
        #expect(try TestNode.git(repo, "rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines) == moved)
        #expect(try TestNode.run("/usr/bin/git", ["--git-dir", repo.path, "fsck", "--strict"]).status == 0)
        #expect(try t.node.fsck().isEmpty)
        // Reopened from disk, the node reads the same case.
        let reopened = try Node.open(at: t.node.paths.root)
        #expect(try reopened.caseFile(uid).record.claims == "判令被告偿还借款本金150000元")
    }
}
