import DocketCore
import Foundation
import Testing

/// Packs a well-behaved client never sends: a pack whose checksum is wrong and a commit whose parent is missing.
/// git's own receive-pack refuses both before our hook runs; the repository must stay as it was.
@Suite(.serialized) struct HostilePackTests {
    /// A receive-pack request: one command line, a flush, the pack.
    static func request(old: String, new: String, ref: String, pack: Data) -> Data {
        let line = "\(old) \(new) \(ref)\0report-status\n"
        let length = String(format: "%04x", line.utf8.count + 4)
        var body = Data((length + line + "0000").utf8)
        body.append(pack)
        return body
    }

    /// Makes, in a scratch repository, a commit (on top of a parent made there too, when `withParent`) and packs
    /// the commit, its tree and blob — never the parent, which the server does not have either.
    static func scratchCommit(_ c: Cluster, withParent: Bool) throws -> (commit: String, pack: Data) {
        let dir = c.root.appendingPathComponent("scratch-\(UUID().uuidString)").path
        _ = try c.git(["init", "-q", "--bare", dir])
        let env = ["GIT_AUTHOR_NAME=m", "GIT_AUTHOR_EMAIL=m@x", "GIT_COMMITTER_NAME=m", "GIT_COMMITTER_EMAIL=m@x"]
        let blob = try Cluster.run("/bin/sh", ["-c", "printf 'x\\n' | git --git-dir '\(dir)' hash-object -w --stdin"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try Cluster.run(
            "/bin/sh", ["-c", "printf '100644 blob \(blob)\\tnote.txt\\n' | git --git-dir '\(dir)' mktree"]
        ).out.trimmingCharacters(in: .whitespacesAndNewlines)
        func commitTree(_ extra: String) throws -> String {
            try Cluster.run(
                "/bin/sh",
                ["-c", "\(env.joined(separator: " ")) git --git-dir '\(dir)' commit-tree \(tree) \(extra) -m hostile"]
            )
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let id = withParent ? try commitTree("-p " + (try commitTree(""))) : try commitTree("")
        let objects = [id, tree, blob]
        let pack = try Cluster.run(
            "/bin/sh",
            [
                "-c",
                "printf '\(objects.joined(separator: "\\n"))\\n' | "
                    + "git --git-dir '\(dir)' pack-objects --stdout > '\(dir)/out.pack'",
            ])
        #expect(pack.status == 0, "\(pack.err)")
        return (id, try Data(contentsOf: URL(fileURLWithPath: dir + "/out.pack")))
    }

    func post(_ c: Cluster, uid: String, token: String, body: Data) throws -> String {
        let file = c.root.appendingPathComponent("body-\(UUID().uuidString)")
        try body.write(to: file)
        return try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-X", "POST", "-H", "Authorization: Bearer \(token)",
                "-H", "Content-Type: application/x-git-receive-pack-request",
                "--data-binary", "@\(file.path)", "\(c.url)/git/cases/\(uid).git/git-receive-pack",
            ]
        ).out
    }

    @Test func badChecksumAndMissingParentAreRefused() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        let courtRepo = c.data("court") + "/cases/\(uid.suffix(2))/\(uid).git"
        let before = try c.git(["--git-dir", courtRepo, "for-each-ref"]).out
        let zero = String(repeating: "0", count: 40)

        var (commit, pack) = try Self.scratchCommit(c, withParent: false)
        pack[pack.count - 1] ^= 0xFF
        let corrupt = try post(
            c, uid: uid, token: tokens["firm-a"]!,
            body: Self.request(old: zero, new: commit, ref: "refs/peers/firm-a/main", pack: pack))
        #expect(corrupt.contains("ng refs/peers/firm-a/main"), "\(corrupt)")

        let missingParent = try Self.scratchCommit(c, withParent: true)
        let orphan = try post(
            c, uid: uid, token: tokens["firm-a"]!,
            body: Self.request(
                old: zero, new: missingParent.commit, ref: "refs/peers/firm-a/main", pack: missingParent.pack))
        #expect(orphan.contains("ng refs/peers/firm-a/main"), "\(orphan)")

        #expect(try c.git(["--git-dir", courtRepo, "for-each-ref"]).out == before)
        #expect(try c.git(["--git-dir", courtRepo, "fsck", "--no-dangling"]).status == 0)
    }
}
