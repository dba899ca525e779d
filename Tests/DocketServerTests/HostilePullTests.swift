import DocketCore
import DocketGit
import DocketStore
import Foundation
import GRDB
import Testing

/// Issue 13, the pulling side: the same attacks, made by firm B with its own valid key and served to firm A by a
/// hostile node standing in for the court (a man in the middle on plain HTTP, or a peer that serves what it
/// likes). Firm A declines each with the reason in its sync report and `docket sync status`; its `main` and every
/// reference it holds stay as they were, a refused new case leaves no repository, and its `fsck` stays clean.
@Suite struct HostilePullTests {
    @Test(arguments: HostileAttack.allCases) func servedAttackIsDeclinedAndChangesNothing(
        _ attack: HostileAttack
    ) throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let firmB = try Node.open(at: URL(fileURLWithPath: c.data("firm-b")), operatorName: "赵律师")
        let atB = try firmB.caseFile(s.uid)
        let own = atB.parties.first { $0.role == .defendant }!, other = atB.parties.first { $0.role == .plaintiff }!
        let target = attack == .caseOfAnotherFirm ? HostileAttack.newUID() : s.uid
        if attack == .oversizedDocument { try c.docket("firm-a", ["config", "set", "documents.maxBytes", "1000"]) }
        let commit = try attack.forge(in: s, by: firmB, own: own, other: other, uid: target)

        try Self.serveFromHostileNode(s, uid: target, main: commit)

        let before = try Self.snapshot(c, s.repository("firm-a", target))
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        let declined = (report["declined"] as? [String]) ?? []
        let reason = attack.reason(by: "firm-b", pulled: true)
        #expect(declined.count == 1 && declined[0].contains(reason), "\(report)")
        #expect(try Self.snapshot(c, s.repository("firm-a", target)) == before)
        let held = try c.json("firm-a", ["sync", "status"]) as! [[String: Any]]
        #expect(held.map { $0["uid"] as? String } == [target] && held.first?["direction"] as? String == "pull")
        try c.docket("firm-a", ["fsck"])
    }

    /// A hostile node standing in for the court — the court's data as it stands, serving firm B's history `main` as
    /// case `uid`'s main — served, and firm A pointed at it as its court.
    static func serveFromHostileNode(_ s: HostileScene, uid: String, main commit: ObjectID) throws {
        let c = s.c
        let hostile = c.data("hostile")
        _ = try Cluster.run("/bin/cp", ["-a", c.data("court"), hostile])
        let node = try Node.open(at: URL(fileURLWithPath: hostile))
        try node.ensureRepository(uid)
        let served = try c.git([
            "--git-dir", s.repository("firm-b", uid), "push", node.paths.repository(ofCase: uid).path,
            "+\(commit.hex):refs/heads/main",
        ])
        #expect(served.status == 0, "\(served.err)")
        try announce(uid, tip: commit, on: node)
        let (_, port) = try c.serve("hostile")
        let courtKey = (try c.json("court", ["node"]) as! [String: Any])["publicKey"] as! String
        try c.docket(
            "firm-a",
            [
                "peer", "add", "court-lixia", "--url", "http://127.0.0.1:\(port)", "--role", "court",
                "--court-code", "鲁0102", "--public-key", courtKey, "--token", s.tokens["firm-a"]!,
            ])
    }

    /// Makes the hostile node's changes feed offer `tip` for the case, whether or not it can index what it serves.
    static func announce(_ uid: String, tip: ObjectID, on node: Node) throws {
        if (try? node.indexCase(uid)) != nil,
            try node.database.read({ db in
                try String.fetchOne(db, sql: "SELECT tip FROM cases WHERE uid = ?", arguments: [uid])
            }) == tip.hex
        {
            return
        }
        try node.database.write { db in
            try db.execute(sql: "UPDATE cases SET tip = ? WHERE uid = ?", arguments: [tip.hex, uid])
            try db.execute(
                sql: "UPDATE case_changes SET seq = (SELECT max(seq) + 1 FROM case_changes) WHERE case_uid = ?",
                arguments: [uid])
        }
    }

    /// Every reference of a repository of firm A, or that it does not exist.
    static func snapshot(_ c: Cluster, _ repository: String) throws -> String {
        guard FileManager.default.fileExists(atPath: repository) else { return "(no repository)" }
        return try c.git(["--git-dir", repository, "for-each-ref"]).out
    }
}
