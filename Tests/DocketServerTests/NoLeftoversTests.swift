import DocketCore
import Foundation
import Testing

/// Issue 13: a refused or read-only request leaves no state behind. Asking to push to cases that do not exist
/// makes no repository; what a push cut off by force leaves in a repository is cleared after the next push ends.
@Suite struct NoLeftoversTests {
    @Test func askingToPushToUnknownCasesMakesNothing() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"])
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let uid = Identifier.caseUID(milliseconds: Int64(Date().timeIntervalSince1970 * 1000), using: &rng)
            let answer = try Cluster.run(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "x:\(tokens["firm-a"]!)",
                    "\(c.url)/git/cases/\(uid).git/info/refs?service=git-receive-pack",
                ])
            #expect(answer.out == "200")
        }
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/cases")) ?? []
        #expect(shards.isEmpty, "\(shards)")
        let incoming = try FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming")
        #expect(incoming == ["empty.git"])
        #expect(try c.git(["--git-dir", c.data("court") + "/incoming/empty.git", "for-each-ref"]).out.isEmpty)
        try c.docket("court", ["fsck"])
        // The first real push of a case still works: staged, checked, moved into place.
        let uid = try c.file(on: "firm-a")
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1, "\(report)")
        #expect((try c.json("court", ["case", "show", uid]) as! [String: Any])["uid"] as? String == uid)
        #expect(try FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming") == ["empty.git"])
    }

    @Test func aKilledPushsQuarantineIsClearedByTheNextPush() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        // What git leaves when it is killed with SIGKILL in the middle of receiving a pack.
        let objects = c.data("court") + "/cases/\(uid.suffix(2))/\(uid).git/objects"
        let leftover = objects + "/tmp_objdir-incoming-KILLED"
        try FileManager.default.createDirectory(atPath: leftover + "/pack", withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: URL(fileURLWithPath: leftover + "/pack/tmp_pack_x"))
        try c.docket("firm-a", ["case", "edit", uid, "--set", "title=更正后的标题"])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1, "\(report)")
        // The push's git is reaped just after the response ends.
        let deadline = Date().addingTimeInterval(10)
        while FileManager.default.fileExists(atPath: leftover), Date() < deadline { usleep(50_000) }
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try FileManager.default.contentsOfDirectory(atPath: objects).allSatisfy { !$0.hasPrefix("tmp_objdir") })
    }
}
