import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 13: what the policy lets through still flows end to end between real processes — the filer's
/// resubmission after a correction notice, material a party hands in for review, ordinary edits by the court and
/// by each firm for its own client — and what a firm may not do for a party it does not represent is refused by
/// its own CLI, with the reason, before anything is written.
@Suite struct AuthorityFlowTests {
    @Test func resubmissionMaterialAndOrdinaryEditsFlow() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a", "firm-b"])
        let path = c.root.appendingPathComponent("filing.json")
        try HostileScene.filing.write(to: path, atomically: true, encoding: .utf8)
        let uid = (try c.json("firm-a", ["case", "new", "--from", path.path]) as! [String: Any])["uid"] as! String
        _ = try c.json("firm-a", ["sync"])

        // The court asks for corrections; the filer corrects the claims and resubmits; the court accepts.
        try c.docket("court", ["filing", "correct", uid, "--item", "请写明利息的计算方式"])
        _ = try c.json("firm-a", ["sync"])
        try c.docket("firm-a", ["case", "edit", uid, "--set", "claims=支付货款150000元及按LPR计算的利息"])
        try c.docket("firm-a", ["filing", "resubmit", uid])
        let resubmitted = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(
            resubmitted["pushed"] as? Int == 1 && (resubmitted["refused"] as? [String])?.isEmpty == true,
            "\(resubmitted)")
        let atCourt = try c.json("court", ["case", "show", uid]) as! [String: Any]
        #expect(atCourt["status"] as? String == "submitted" && (atCourt["claims"] as? String)?.contains("LPR") == true)
        _ = try c.json("court", ["filing", "accept", uid])
        _ = try c.json("firm-a", ["sync"])
        let toB = (try c.json("firm-b", ["sync"]) as! [[String: Any]])[0]
        #expect(toB["fastForwarded"] as? Int == 1 && (toB["declined"] as? [String])?.isEmpty == true, "\(toB)")

        // After acceptance the filer may no longer edit the claims; its own CLI says so and writes nothing.
        let late = try Cluster.run(
            Cluster.binary, ["case", "edit", uid, "--set", "claims=再改", "--data", c.data("firm-a")])
        #expect(late.status != 0 && late.err.contains("firm-a may not change claims of case.json"), "\(late.err)")

        // Firm B hands in material for its client: it waits for the judge, reaches the court, and is approved.
        let evidence = c.root.appendingPathComponent("答辩证据.pdf")
        try Data("证据一".utf8).write(to: evidence)
        let added = try c.json("firm-b", ["doc", "add", uid, evidence.path]) as! [String: Any]
        #expect(added["review"] as? String == "pending")
        let fromB = (try c.json("firm-b", ["sync"]) as! [[String: Any]])[0]
        #expect(fromB["pushed"] as? Int == 1 && (fromB["refused"] as? [String])?.isEmpty == true, "\(fromB)")
        try c.docket("court", ["dossier", "approve", uid, added["id"] as! String])

        // Each firm edits its own client's service phone; the court edits the clerk's. All of it meets everywhere.
        let parties = (try c.json("firm-a", ["case", "show", uid]) as! [String: Any])["parties"] as! [[String: Any]]
        let plaintiff = parties.first { $0["role"] as? String == "plaintiff" }!["id"] as! String
        let defendant = parties.first { $0["role"] as? String == "defendant" }!["id"] as! String
        try c.docket("firm-a", ["case", "edit", uid, "--party", plaintiff, "--set", "phone=13700137001"])
        try c.docket("firm-b", ["case", "edit", uid, "--party", defendant, "--set", "email=zhao@lawfirm.cn"])
        let other = try Cluster.run(
            Cluster.binary,
            ["case", "edit", uid, "--party", defendant, "--set", "phone=13700137002", "--data", c.data("firm-a")])
        #expect(
            other.status != 0 && other.err.contains("firm-a may not change phone of parties/\(defendant).json"),
            "\(other.err)")
        for node in ["firm-a", "firm-b", "firm-a", "firm-b"] {
            let report = (try c.json(node, ["sync"]) as! [[String: Any]])[0]
            #expect(
                (report["refused"] as? [String])?.isEmpty == true && (report["declined"] as? [String])?.isEmpty == true,
                "\(node): \(report)")
        }
        let trees = try ["court", "firm-a", "firm-b"].map { node in
            try c.git(["--git-dir", c.data(node) + "/cases/\(uid.suffix(2))/\(uid).git", "rev-parse", "main^{tree}"])
                .out
        }
        #expect(Set(trees).count == 1, "\(trees)")
        let final = (try c.json("court", ["case", "show", uid]) as! [String: Any])["parties"] as! [[String: Any]]
        #expect(final.first { $0["id"] as? String == plaintiff }?["phone"] as? String == "13700137001")
        #expect(final.first { $0["id"] as? String == defendant }?["email"] as? String == "zhao@lawfirm.cn")
        #expect((try c.json("firm-a", ["sync", "status"]) as! [Any]).isEmpty)
        for node in ["court", "firm-a", "firm-b"] { try c.docket(node, ["fsck"]) }
    }

    /// CPL art. 62: a firm acts for the parties it represents. Each step below names the other side's party,
    /// and firm A's own CLI refuses it with the reason; its case is unchanged.
    @Test func aFirmCannotActForAPartyItDoesNotRepresent() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let other = s.defendant.id
        // Requests firm A may make for its own client, set up first (mediation, preservation ruled by the court).
        let mediation =
            (try c.json("firm-a", ["mediation", "request", s.uid, "--party", s.plaintiff.id]) as! [String: Any])["id"]
            as! String
        let tipBefore = try s.firm.repository(s.uid).reference("refs/heads/main")
        func refused(_ args: [String], _ reason: String) throws {
            let result = try Cluster.run(Cluster.binary, args + ["--data", c.data("firm-a")])
            #expect(result.status != 0, "\(args) went through")
            #expect(result.err.contains(reason), "\(args): \(result.err)")
        }
        try refused(
            ["mediation", "consent", s.uid, mediation, "--party", other], "firm-a may not change consents.\(other)")
        try refused(
            ["petition", "submit", s.uid, "--party", other, "--text", "冒名申诉"], "firm-a may not add a service "
                + "request")
        try refused(
            ["enforcement", "object", s.uid, "--party", other, "--act", "查封", "--reason", "冒名异议"],
            "firm-a may not add a service request")
        try refused(
            ["preservation", "apply", s.uid, "--party", other, "--amount", "1000", "--property", "银行账户"],
            "firm-a may not add a service request")
        try refused(["mediation", "request", s.uid, "--party", other], "firm-a may not add a service request")
        #expect(try s.firm.repository(s.uid).reference("refs/heads/main") == tipBefore)

        // The same steps for its own client go through (a petition as an example), and reach the court.
        try c.docket("firm-a", ["petition", "submit", s.uid, "--party", s.plaintiff.id, "--text", "请求加快审理"])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1 && (report["refused"] as? [String])?.isEmpty == true, "\(report)")

        // Mediation goes on for real: firm B consents for its client, the court assigns and drafts the agreement;
        // firm A signs for its client and may not sign for the other side.
        _ = try c.json("firm-b", ["sync"])
        try c.docket("firm-b", ["mediation", "consent", s.uid, mediation, "--party", other])
        _ = try c.json("firm-b", ["sync"])
        try c.docket("court", ["mediation", "assign", s.uid, mediation, "--mediator", "人民调解员张某"])
        let agreement = c.root.appendingPathComponent("调解协议.txt")
        try "被告于2027年1月31日前支付货款150000元。".write(to: agreement, atomically: true, encoding: .utf8)
        try c.docket("court", ["mediation", "agreement", s.uid, mediation, "--file", agreement.path])
        _ = try c.json("firm-a", ["sync"])
        try refused(
            ["mediation", "sign", s.uid, mediation, "--party", other], "firm-a may not change signatures.\(other)")
        try c.docket("firm-a", ["mediation", "sign", s.uid, mediation, "--party", s.plaintiff.id])
        let signed = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(signed["pushed"] as? Int == 1 && (signed["refused"] as? [String])?.isEmpty == true, "\(signed)")
    }

    /// Applying for enforcement (its own 执 case) as the other side's party: the debtor never applies (issue 15), and
    /// the refusal comes from the firm's own CLI before anything is written.
    @Test func enforcementForTheOtherSideIsRefused() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a", "firm-b"])
        let path = c.root.appendingPathComponent("enforcement.json")
        try HostileScene.filing.replacingOccurrences(
            of: "\"caseType\": \"civil\"", with: "\"caseType\": \"enforcement\""
        )
        .write(to: path, atomically: true, encoding: .utf8)
        let uid = (try c.json("firm-a", ["case", "new", "--from", path.path]) as! [String: Any])["uid"] as! String
        let parties = (try c.json("firm-a", ["case", "show", uid]) as! [String: Any])["parties"] as! [[String: Any]]
        let other = parties.first { $0["role"] as? String == "defendant" }!["id"] as! String
        let mine = parties.first { $0["role"] as? String == "plaintiff" }!["id"] as! String
        let args = ["--judgment", "（2026）鲁0102民初1号", "--effective", "2026-11-01", "--amount", "150000"]
        let result = try Cluster.run(
            Cluster.binary, ["enforcement", "apply", uid, "--party", other] + args + ["--data", c.data("firm-a")])
        #expect(result.status != 0 && result.err.contains("applied for by the creditor"), "\(result.err)")
        try c.docket("firm-a", ["enforcement", "apply", uid, "--party", mine] + args)
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1 && (report["refused"] as? [String])?.isEmpty == true, "\(report)")
    }

    /// Reconsideration of a preservation ruling (CPL art. 111) by a party the firm does not represent.
    @Test func reconsiderationForTheOtherSideIsRefused() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let preservation =
            (try c.json(
                "firm-a",
                [
                    "preservation", "apply", s.uid, "--party", s.plaintiff.id, "--amount", "10000",
                    "--property", "被告名下银行账户",
                ]) as! [String: Any])["id"] as! String
        _ = try c.json("firm-a", ["sync"])
        try c.docket("court", ["preservation", "fee", s.uid, preservation])
        let assessment = try Node.open(at: URL(fileURLWithPath: c.data("court"))).caseFile(s.uid).filing(preservation)!
            .court["assessmentId"]!
        try c.docket(
            "court", ["pay", s.uid, "--method", "counter", "--assessment", assessment, "--reference", "POS-778"])
        try c.docket("court", ["preservation", "confirm-fee", s.uid, preservation])
        try c.docket("court", ["preservation", "rule", s.uid, preservation, "--grant", "--reason", "符合法定条件"])
        _ = try c.json("firm-a", ["sync"])
        let result = try Cluster.run(
            Cluster.binary,
            [
                "preservation", "reconsider", s.uid, preservation, "--party", s.defendant.id,
                "--reason", "冒名复议", "--data", c.data("firm-a"),
            ])
        #expect(result.status != 0 && result.err.contains("firm-a may not change"), "\(result.err)")
        // Firm B, which represents the defendant, may ask for it; the court takes it.
        _ = try c.json("firm-b", ["sync"])
        try c.docket(
            "firm-b",
            ["preservation", "reconsider", s.uid, preservation, "--party", s.defendant.id, "--reason", "账户内为工资"])
        let report = (try c.json("firm-b", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1 && (report["refused"] as? [String])?.isEmpty == true, "\(report)")
    }

    /// Offline on both sides: the filer adds filing material while the court accepts the case. The court no longer
    /// takes material straight into the dossier, so the firm's next sync withdraws it (the court's state written
    /// back, with a timeline line), pushes, and both hold the same case; nothing is held back.
    @Test func aChangeTheCourtOvertookIsWithdrawnAtTheNextSync() throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let uid = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        let late = c.root.appendingPathComponent("补充证据.pdf")
        try Data("迟到的立案材料".utf8).write(to: late)
        let added = try c.json("firm-a", ["doc", "add", uid, late.path]) as! [String: Any]
        #expect(
            added["review"] is NSNull || added["review"] == nil,
            "added before the firm knows of the acceptance: straight in")
        _ = try c.json("court", ["filing", "accept", uid])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(
            (report["yielded"] as? [String])?.first?.contains("documents/\(added["id"] as! String)/meta.json") == true,
            "\(report)")
        #expect(report["pushed"] as? Int == 1 && (report["refused"] as? [String])?.isEmpty == true, "\(report)")
        let atCourt = try c.json("court", ["case", "show", uid]) as! [String: Any]
        #expect(!(atCourt["documents"] as! [[String: Any]]).contains { $0["id"] as? String == added["id"] as? String })
        #expect((atCourt["timeline"] as! [[String: Any]]).contains { $0["kind"] as? String == "yielded-to-court" })
        let trees = try ["court", "firm-a"].map {
            try c.git(["--git-dir", c.data($0) + "/cases/\(uid.suffix(2))/\(uid).git", "rev-parse", "main^{tree}"]).out
        }
        #expect(trees[0] == trees[1])
        #expect((try c.json("firm-a", ["sync", "status"]) as! [Any]).isEmpty)
        // Handed in again now, it is supplementary material waiting for the judge.
        let again = try c.json("firm-a", ["doc", "add", uid, late.path]) as! [String: Any]
        #expect(again["review"] as? String == "pending")
        try c.docket("court", ["fsck"])
        try c.docket("firm-a", ["fsck"])
    }

    /// A push the court refuses for what it is (here a document over the court's size limit, which this firm's own
    /// limit allows): the court's reason reaches the sync report and `docket sync status`, and the case is pushed
    /// again at every sync until it goes through.
    @Test func aRefusedPushIsReportedWithTheCourtsReasonAndRetried() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        try c.docket("court", ["config", "set", "documents.maxBytes", "1000"])
        let scan = c.root.appendingPathComponent("扫描件.pdf")
        try Data(repeating: 7, count: 2000).write(to: scan)
        _ = try c.json("firm-a", ["doc", "add", s.uid, scan.path])
        for attempt in 1...2 {
            let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
            let refused = (report["refused"] as? [String]) ?? []
            #expect(
                refused.count == 1 && refused[0].contains("more than this node's documents.maxBytes (1000)"),
                "\(report)")
            let held = try c.json("firm-a", ["sync", "status"]) as! [[String: Any]]
            #expect(
                held.count == 1 && held[0]["direction"] as? String == "push" && held[0]["attempts"] as? Int == attempt,
                "\(held)")
        }
        let listing = try c.docket("firm-a", ["sync", "status"])
        #expect(listing.contains(s.uid) && listing.contains("北京时间") && listing.contains("documents.maxBytes"))
        // The syncs that held it back are not called a success.
        #expect(listing.contains("完成，1 件受阻 done, 1 held back") && !listing.contains("成功 ok"), "\(listing)")
        // Its counts in Chinese first, then wholly in English.
        #expect(
            listing.contains("，对方拒收 1，本节点拒收 0 / fetched ") && listing.contains(", refused 1, declined 0"),
            "\(listing)")
        // Once the court takes documents of that size, the held case goes through and leaves the list.
        try c.docket("court", ["config", "set", "documents.maxBytes", "10000"])
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["pushed"] as? Int == 1 && (report["refused"] as? [String])?.isEmpty == true, "\(report)")
        #expect((try c.json("firm-a", ["sync", "status"]) as! [Any]).isEmpty)
    }
}
