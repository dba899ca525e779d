import DocketCore
import Foundation
import Testing

/// Issue 6 with real `docket serve`: the court and a firm change the same field while apart (the service phone
/// of the firm's own client, which both may change after acceptance); after syncing both show the same conflict;
/// the court's administrator resolves it; after the next sync it is closed on both.
@Suite(.serialized) struct MergeIntegrationTests {
    @Test func sameConflictOnBothSidesAndResolvedEverywhere() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        _ = try c.json("court", ["filing", "accept", uid])
        _ = try c.json("firm-a", ["sync"])

        let parties = (try c.json("firm-a", ["case", "show", uid]) as! [String: Any])["parties"] as! [[String: Any]]
        let client = parties.first { $0["role"] as? String == "plaintiff" }!["id"] as! String
        try c.docket("court", ["case", "edit", uid, "--party", client, "--set", "phone=13900000001"])
        try c.docket("firm-a", ["case", "edit", uid, "--party", client, "--set", "phone=13900000002"])
        let merged = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(merged["merged"] as? Int == 1 && merged["pushed"] as? Int == 1, "\(merged)")

        let atFirm = try c.json("firm-a", ["conflicts", "list"]) as! [[String: Any]]
        let atCourt = try c.json("court", ["conflicts", "list"]) as! [[String: Any]]
        #expect(atFirm.count == 1 && atFirm.map { $0["id"] as! String } == atCourt.map { $0["id"] as! String })
        let conflict = atCourt[0]
        #expect(conflict["field"] as? String == "phone" && conflict["path"] as? String == "parties/\(client).json")
        let values = (conflict["values"] as! [[String: Any]]).map { $0["value"] as? String }
        #expect(Set(values.compactMap { $0 }) == ["13900000001", "13900000002"])
        // Both nodes hold the same tree.
        let courtTree = try c.git([
            "--git-dir", c.data("court") + "/cases/\(uid.suffix(2))/\(uid).git", "rev-parse", "main^{tree}",
        ]).out
        let firmTree = try c.git([
            "--git-dir", c.data("firm-a") + "/cases/\(uid.suffix(2))/\(uid).git", "rev-parse", "main^{tree}",
        ]).out
        #expect(courtTree == firmTree)

        let id = conflict["id"] as! String
        try c.docket("court", ["conflicts", "resolve", id, "--choose", "court-lixia", "--note", "以法院记录为准"])
        #expect((try c.json("court", ["conflicts", "list"]) as! [Any]).isEmpty)
        _ = try c.json("firm-a", ["sync"])
        #expect((try c.json("firm-a", ["conflicts", "list"]) as! [Any]).isEmpty)
        let after = (try c.json("firm-a", ["case", "show", uid]) as! [String: Any])["parties"] as! [[String: Any]]
        #expect(after.first { $0["id"] as? String == client }?["phone"] as? String == "13900000001")
        let shown = try c.docket("firm-a", ["conflicts", "show", id])
        #expect(shown.contains("resolved") && shown.contains("以法院记录为准"))
        try c.docket("court", ["fsck"])
        try c.docket("firm-a", ["fsck"])
    }
}
