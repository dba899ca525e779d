import DocketCore
import DocketStore
import Foundation
import Testing

/// Issue 15 across a court and a firm, real processes: a raised claim asked for on the firm's node reaches the
/// clerk's queue, is granted, and the supplementary assessment comes back to the firm; the same filing made twice
/// is flagged to the clerk and the filer withdraws one before review, without a ruling.
@Suite struct WorkflowReplicationTests {
    @Test func anAmendedClaimTravelsToTheCourtAndItsFeeBack() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        _ = try c.json("court", ["filing", "accept", uid])
        _ = try c.json("firm-a", ["sync"])
        // The firm may not simply edit the amount after acceptance; it asks.
        let edit = try Cluster.run(
            Cluster.binary, ["case", "edit", uid, "--set", "claimAmount=250000", "--data", c.data("firm-a")])
        #expect(edit.status != 0 && edit.err.contains("claims amend"), "\(edit.err)")
        let asked =
            try c.json(
                "firm-a",
                [
                    "claims", "amend", uid, "--party", "济南鲁信商贸有限公司", "--amount", "250000.00",
                    "--reason", "增加货款本金",
                ]) as! [String: Any]
        let id = asked["id"] as! String
        let pushed = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(pushed["pushed"] as? Int == 1 && (pushed["refused"] as? [String])?.isEmpty == true, "\(pushed)")
        let queue = try c.json("court", ["requests"]) as! [[String: Any]]
        #expect(queue.map { $0["id"] as? String } == [id])
        let decided = try c.json("court", ["claims", "decide", uid, id, "--grant"]) as! [String: Any]
        #expect(decided["state"] as? String == "granted")
        _ = try c.json("firm-a", ["sync"])
        let payments = try c.json("firm-a", ["payments", uid]) as! [String: Any]
        // 150000.00 → 250000.00: the acceptance fee 3300.00 becomes 5050.00, 1750.00 to pay on its own notice.
        #expect(payments["assessedFen"] as? Int == 505_000 && payments["outstandingFen"] as? Int == 505_000)
        let shown = try c.json("firm-a", ["case", "show", uid]) as! [String: Any]
        #expect(shown["claimAmountFen"] as? Int == 25_000_000)
        let documents = (shown["documents"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(documents.contains("补交诉讼费用通知书"), "\(documents)")
    }

    @Test func theSameFilingTwiceIsFlaggedAndOneIsWithdrawnWithoutARuling() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let first = try c.file(on: "firm-a"), second = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        let queue = try c.json("court", ["filing", "list"]) as! [[String: Any]]
        let flagged = queue.first { $0["uid"] as? String == second }?["possibleDuplicates"] as? [String]
        #expect(flagged == [FilingNumber.of(uid: first)], "\(queue)")
        try c.docket("firm-a", ["filing", "withdraw", second])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1 && (report["refused"] as? [String])?.isEmpty == true, "\(report)")
        let atCourt = try c.json("court", ["case", "show", second]) as! [String: Any]
        #expect(atCourt["status"] as? String == "withdrawn" && (atCourt["documents"] as? [Any])?.isEmpty == true)
        #expect((try c.json("court", ["filing", "list"]) as! [[String: Any]]).map { $0["uid"] as? String } == [first])
    }
}
