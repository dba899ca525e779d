import DocketCore
import DocketStore
import Foundation
import Testing

/// Issue 8, service 11, end to end: a court running `docket serve` publishes announcements; a firm receives them
/// with `docket sync` and lists them; history the court did not write is refused.
@Suite(.serialized) struct AnnouncementReplicationTests {
    /// `docket sync --json` on `node` with the court: exit status and the one report.
    func sync(_ c: Cluster, _ node: String = "firm-a") throws -> (status: Int32, report: [String: Any]) {
        let result = try Cluster.run(Cluster.binary, ["sync", "court-lixia", "--json", "--data", c.data(node)])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        return (result.status, try #require(reports.first))
    }

    func list(_ c: Cluster, all: Bool = false) throws -> [[String: Any]] {
        try #require(try c.json("firm-a", ["announce", "list"] + (all ? ["--all"] : [])) as? [[String: Any]])
    }

    @Test func aFirmReceivesTheCourtsAnnouncementsOnSyncAndMayNotPublish() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        // No announcement yet, but inviting the firm published the court's node directory: the first sync takes
        // that one commit, and the firm lists no announcement.
        let before = try sync(c)
        #expect(before.status == 0 && before.report["announcements"] as? Int == 1)
        #expect((before.report["errors"] as? [String]) == [])
        #expect(try list(c).isEmpty)

        let published = try #require(
            try c.json(
                "court",
                [
                    "announce", "publish", "--title", "国庆假期安排", "--body", "10月1日至7日立案大厅暂停开放。",
                    "--until", "2099-01-01 08:00",
                ]) as? [String: Any])
        let id = try #require(published["id"] as? String)
        let after = try sync(c)
        #expect(after.status == 0 && after.report["announcements"] as? Int == 1)
        let listed = try list(c)
        #expect(listed.map { $0["id"] as? String } == [id])
        #expect(listed.first?["title"] as? String == "国庆假期安排" && listed.first?["court"] as? String == "鲁0102")
        #expect(
            listed.first?["current"] as? Bool == true && listed.first?["validUntil"] as? String == "2099-01-01T08:00")
        #expect(try c.docket("firm-a", ["announce", "list"]).contains("10月1日至7日立案大厅暂停开放。"))
        #expect(try sync(c).report["announcements"] as? Int == 0, "nothing new, nothing taken")

        // Withdrawn at the court: gone from the firm's current list after its next sync, still there with --all.
        try c.docket("court", ["announce", "withdraw", id])
        #expect(try sync(c).report["announcements"] as? Int == 1)
        #expect(try list(c).isEmpty)
        #expect(try list(c, all: true).map { $0["current"] as? Bool } == [false])
        try c.docket("firm-a", ["fsck"])  // the received repository passes the schema and signature checks

        // Only a court publishes: the firm is told so, exits non-zero, and nothing is written.
        let refused = try Cluster.run(
            Cluster.binary, ["announce", "publish", "--title", "假公告", "--body", "……", "--data", c.data("firm-a")])
        #expect(refused.status != 0)
        #expect(refused.err.contains("Publishing an announcement (发布公告) is a court step; this is a firm node "
            + "(firm-a)"))
        #expect(try list(c, all: true).count == 1)
        #expect(!FileManager.default.fileExists(atPath: c.data("firm-a") + "/announcements/firm-a.git"))
    }

    @Test func historyTheCourtDidNotWriteIsRefusedAndChangesNothing() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let courtRepo = c.data("court") + "/announcements/鲁0102.git"
        let firmRepo = c.data("firm-a") + "/announcements/鲁0102.git"
        func tip(_ repo: String) throws -> String {
            try c.git(["--git-dir", repo, "rev-parse", "main"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try c.docket("court", ["announce", "publish", "--title", "开放时间", "--body", "8:30-17:00"])
        let first = try tip(courtRepo)
        #expect(try sync(c).report["announcements"] as? Int == 2, "the node directory and the announcement")

        // 1. A fast-forward signed by another node's key (a node calling itself a court of the same code).
        let fake = try Node.initialize(
            at: c.root.appendingPathComponent("fake"),
            config: NodeConfig(nodeId: "court-fake", role: .court, name: "假法院", courtCode: "鲁0102"))
        let fakeRepo = fake.paths.announcements(ofCourt: "鲁0102")
        try FileManager.default.createDirectory(
            at: fakeRepo.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: courtRepo, toPath: fakeRepo.path)
        try fake.publishAnnouncement(title: "伪造的公告", body: "请向个人账户缴费。")
        #expect(
            try c.git(["--git-dir", courtRepo, "fetch", "--update-head-ok", fakeRepo.path, "main:refs/heads/main"])
                .status == 0)
        let forged = try sync(c)
        #expect(forged.status != 0 && forged.report["announcements"] as? Int == 0)
        let forgedError = (forged.report["errors"] as? [String])?.first ?? ""
        #expect(forgedError.contains("announcements of 鲁0102 refused") && forgedError.contains("signed by court-fake"))
        #expect(try tip(firmRepo) == first)
        #expect(try list(c).map { $0["title"] as? String } == ["开放时间"])
        #expect(
            !(try c.git(["--git-dir", firmRepo, "for-each-ref"]).out.contains("incoming")),
            "the scratch reference is gone")

        // The court undoes it; its next real announcement arrives as usual.
        #expect(try c.git(["--git-dir", courtRepo, "update-ref", "refs/heads/main", first]).status == 0)
        try c.docket(
            "court", ["announce", "publish", "--title", "English desk", "--body", "Window 3.", "--language", "en"])
        let second = try tip(courtRepo)
        let taken = try sync(c)
        #expect(taken.status == 0 && taken.report["announcements"] as? Int == 1)
        #expect(try tip(firmRepo) == second)

        // 2. History rewritten by the court itself (back to the first, then a new one): not a fast-forward.
        #expect(try c.git(["--git-dir", courtRepo, "update-ref", "refs/heads/main", first]).status == 0)
        try c.docket("court", ["announce", "publish", "--title", "改写", "--body", "改写历史。"])
        let rewritten = try sync(c)
        #expect(rewritten.status != 0 && rewritten.report["announcements"] as? Int == 0)
        #expect((rewritten.report["errors"] as? [String])?.first?.contains("does not fast-forward") == true)
        #expect(try tip(firmRepo) == second)
        #expect(Set(try list(c).map { $0["title"] as? String }) == ["开放时间", "English desk"])
    }
}
