import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 5: a court and two firms, real `docket serve`, libgit2 as the Docket client and stock git as another.
@Suite(.serialized) struct ReplicationTests {
    @Test func aFirmsCaseTravelsToTheCourtAndBackAndStaysHiddenFromOtherFirms() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a", "firm-b"])
        let uid = try c.file(on: "firm-a")  // filed offline on the firm's node

        let first = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(first["pushed"] as? Int == 1 && (first["errors"] as? [String])?.isEmpty == true)
        let atCourt = try c.json("court", ["case", "show", uid]) as! [String: Any]
        #expect(atCourt["status"] as? String == "submitted")

        let accepted = try c.json("court", ["filing", "accept", uid]) as! [String: Any]
        let number = accepted["caseNumber"] as! String
        let back = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(back["fastForwarded"] as? Int == 1)
        let atFirm = try c.json("firm-a", ["case", "show", uid]) as! [String: Any]
        #expect(atFirm["caseNumber"] as? String == number && atFirm["status"] as? String == "accepted")

        _ = try c.json("firm-b", ["sync"])
        #expect((try c.json("firm-b", ["case", "list"]) as! [Any]).isEmpty)

        // Stock git: firm A's token clones, firm B's gets 404, no token gets 401, a removed peer's token 401.
        let cloneA = try c.git([
            "clone", "--bare", "http://x:\(tokens["firm-a"]!)@127.0.0.1:\(c.port)/git/cases/\(uid).git",
            c.root.appendingPathComponent("a.git").path,
        ])
        #expect(cloneA.status == 0)
        #expect(
            try c.git(["--git-dir", c.root.appendingPathComponent("a.git").path, "show", "main:case.json"]).out
                .contains(number))
        let cloneB = try c.git([
            "clone", "--bare", "http://x:\(tokens["firm-b"]!)@127.0.0.1:\(c.port)/git/cases/\(uid).git",
            c.root.appendingPathComponent("b.git").path,
        ])
        #expect(cloneB.status != 0 && cloneB.err.contains("404") || cloneB.err.contains("not found"))
        let anonymous = try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "\(c.url)/git/cases/\(uid).git/info/refs?service=git-upload-pack",
            ])
        #expect(anonymous.out == "401")
        // The court's announcements: readable by its peers, never pushed to over the network.
        let announcements = c.data("court") + "/announcements/鲁0102.git"
        _ = try c.git(["init", "-q", "--bare", announcements])
        let annURL = "http://x:\(tokens["firm-b"]!)@127.0.0.1:\(c.port)/git/announcements/%E9%B2%810102.git"
        #expect(try c.git(["ls-remote", annURL]).status == 0)
        #expect(
            try c.git(["push", annURL, "refs/heads/main"], cwd: c.root.appendingPathComponent("a.git").path).status != 0
        )

        try c.docket("court", ["peer", "remove", "firm-a"])
        let removed = try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(tokens["firm-a"]!)",
                "\(c.url)/api/v1/sync/changes?since=0",
            ])
        #expect(removed.out == "401")
    }

    @Test func hostilePushesAreRefusedAndChangeNothing() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"], maxRequestMiB: 1)
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        _ = try c.json("court", ["filing", "accept", uid])
        _ = try c.json("firm-a", ["sync"])
        let courtRepo = c.data("court") + "/cases/\(uid.suffix(2))/\(uid).git"
        let before = try c.git(["--git-dir", courtRepo, "for-each-ref"]).out
        let remote = "http://x:\(tokens["firm-a"]!)@127.0.0.1:\(c.port)/git/cases/\(uid).git"
        let work = c.root.appendingPathComponent("work").path
        #expect(try c.git(["clone", remote, work]).status == 0)

        // 1. An unsigned commit.
        try "hostile\n".write(toFile: work + "/docket/x.json", atomically: true, encoding: .utf8)
        _ = try c.git(["-C", work, "-c", "user.name=m", "-c", "user.email=m@x", "add", "."])
        _ = try c.git(["-C", work, "-c", "user.name=m", "-c", "user.email=m@x", "commit", "-qm", "unsigned"])
        let unsigned = try c.git(["-C", work, "push", "origin", "HEAD:refs/peers/firm-a/main"])
        #expect(unsigned.status != 0 && unsigned.err.contains("not signed"))

        // 2. A commit signed by firm A that changes a court-owned field.
        let firm = try Node.open(at: URL(fileURLWithPath: c.data("firm-a")))
        // Its own CLI refuses it with the reason, before anything is written.
        #expect(throws: AuthorityRefusal.self) {
            try firm.updateCase(uid) { file, _ in
                var record = file.record
                record.status = .closed
                var change = CaseChange(message: "close it myself")
                try change.write(record, at: "case.json")
                return change
            }
        }
        try firm.forge(uid, message: "close it myself", moveMain: true) { files in
            try Forge.edit(&files, "case.json") { $0["status"] = .string("closed") }
        }
        let signedRepo = c.data("firm-a") + "/cases/\(uid.suffix(2))/\(uid).git"
        let forged = try c.git(["--git-dir", signedRepo, "push", remote, "main:refs/peers/firm-a/main"])
        #expect(forged.status != 0 && forged.err.contains("firm-a may not change status of case.json"), "\(forged.err)")
        #expect(forged.err.contains("remote rejected") || forged.err.contains("pre-receive hook declined"))

        // 3. A push larger than the server accepts (1 MiB here), of an otherwise good case.
        let second = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        var rng = SystemRandomNumberGenerator()
        _ = try firm.addDocument(
            second, bytes: (0..<2_000_000).map { _ in UInt8.random(in: 0...255, using: &rng) }, name: "scan.pdf")
        let secondRepo = c.data("firm-a") + "/cases/\(second.suffix(2))/\(second).git"
        let secondCourt = c.data("court") + "/cases/\(second.suffix(2))/\(second).git"
        let secondBefore = try c.git(["--git-dir", secondCourt, "for-each-ref"]).out
        let big = try c.git([
            "--git-dir", secondRepo, "push",
            "http://x:\(tokens["firm-a"]!)@127.0.0.1:\(c.port)/git/cases/\(second).git",
            "main:refs/peers/firm-a/main",
        ])
        #expect(big.status != 0 && big.err.contains("413"), "\(big.err)")
        #expect(try c.git(["--git-dir", secondCourt, "for-each-ref"]).out == secondBefore)

        // 4. A truncated pack straight at receive-pack.
        let truncated = try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-X", "POST",
                "-H", "Authorization: Bearer \(tokens["firm-a"]!)", "-H",
                "Content-Type: application/x-git-receive-pack-request",
                "--data-binary",
                "0094" + String(repeating: "0", count: 40) + " " + String(repeating: "a", count: 40)
                    + " refs/peers/firm-a/main\0report-status\n0000PACK\0\0\0\u{2}",
                "\(c.url)/git/cases/\(uid).git/git-receive-pack",
            ])
        #expect(truncated.status == 0 && !truncated.out.contains("ok refs/peers/firm-a/main"), "\(truncated.out)")

        #expect(try c.git(["--git-dir", courtRepo, "for-each-ref"]).out == before)
        let atCourt = try c.json("court", ["case", "show", uid]) as! [String: Any]
        #expect(atCourt["status"] as? String == "accepted")
        try c.docket("court", ["fsck"])
    }
}
