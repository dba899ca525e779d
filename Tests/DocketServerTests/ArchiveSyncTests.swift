import DocketCore
import DocketGit
import DocketStore
import DocketSync
import DocketTestSupport
import Foundation
import Testing

/// Issue 20: archived cases sync like any other. A court serving a firm from its archived cases (a real `docket
/// serve`, batched fetch) leaves them archived; a firm's push to an archived case, and a court's own write, expand
/// it with nothing lost; stock git clones an archived case over smart HTTP, which stays archived.
@Suite(.serialized) struct ArchiveSyncTests {
    private static func courtNode(_ c: Cluster) throws -> Node {
        try Node.open(at: URL(fileURLWithPath: c.data("court")))
    }

    /// The `main` of each case on a node, read without expanding an archived one.
    private static func mains(_ c: Cluster, _ node: String, _ uids: [String]) throws -> [String: String] {
        let opened = try Node.open(at: URL(fileURLWithPath: c.data(node)))
        return Dictionary(
            uniqueKeysWithValues: try uids.map { uid in
                (uid, try opened.readCase(uid)?.reference("refs/heads/main")?.hex ?? "")
            })
    }

    @Test func archivedCasesAreServedPushedToAndClonedWithNothingLost() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"])
        let firmFiled = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        let courtFiled = try BatchSyncTests.courtFiles(c, for: "firm-a", count: 3)
        let uids = courtFiled + [firmFiled]

        // Archived by a process of its own while the court's server runs.
        let archived = try c.docket("court", ["archive"] + uids)
        #expect(archived.components(separatedBy: "已归档").count == 5, "\(archived)")
        let court = try Self.courtNode(c)
        #expect(uids.allSatisfy(court.isArchived))

        // The court's three new cases (and what the court did to the firm's) come in a batch served from their
        // archives, which stay archived.
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        let batched = report["batched"] as? Int ?? 0
        #expect(batched >= 3 && report["fetched"] as? Int == batched, "\(report)")
        #expect((report["errors"] as? [String])?.isEmpty == true, "\(report)")
        #expect(try Self.mains(c, "firm-a", uids) == Self.mains(c, "court", uids))
        #expect(uids.allSatisfy(court.isArchived))

        // The court writes to an archived case (accepts it); the firm takes the change.
        _ = try c.json("court", ["filing", "accept", courtFiled[0]])
        #expect(!court.isArchived(courtFiled[0]))
        let second = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(second["fetched"] as? Int == 1, "\(second)")
        #expect(try Self.mains(c, "firm-a", uids) == Self.mains(c, "court", uids))

        // The firm withdraws its own filing, archived at the court: the push expands it there and is taken.
        try c.docket("firm-a", ["filing", "withdraw", firmFiled])
        let pushed = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(pushed["pushed"] as? Int == 1 && (pushed["errors"] as? [String])?.isEmpty == true, "\(pushed)")
        #expect(!court.isArchived(firmFiled))
        #expect(try court.caseFile(firmFiled).record.status == .withdrawn)
        #expect(try Self.mains(c, "firm-a", uids) == Self.mains(c, "court", uids))

        // Stock git clones an archived case over smart HTTP with the firm's token.
        #expect(court.isArchived(courtFiled[1]))
        let address = SyncRoute.caseRepository(base: c.url, uid: courtFiled[1])
            .replacingOccurrences(of: "://", with: "://x:\(tokens["firm-a"]!)@")
        let clone = c.root.appendingPathComponent("clone").path
        let cloned = try c.git(["clone", "-q", "--bare", address, clone])
        #expect(cloned.status == 0, "\(cloned.err)")
        let head = try c.git(["--git-dir", clone, "rev-parse", "main"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head == (try Self.mains(c, "court", [courtFiled[1]]))[courtFiled[1]])
        #expect(court.isArchived(courtFiled[1]), "a clone reads a copy: the case stays archived")
        // The copy goes once the server has reaped git (which can be just after the client has its answer).
        var copies: [String] = []
        for _ in 0..<50 {
            let incoming = (try? FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming")) ?? []
            copies = incoming.filter { $0.hasPrefix("r-") }
            if copies.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(copies.isEmpty, "\(copies)")

        let problems = try court.fsck(publicKeys: try court.knownKeys())
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A hostile history served for an archived case is checked on a copy: declined with its reason, and the case
    /// stays archived, byte for byte.
    @Test func aDeclinedHistoryLeavesAnArchivedCaseAsItWas() throws {
        let s = try HostileScene.accepted()
        let c = s.c
        let firmB = try Node.open(at: URL(fileURLWithPath: c.data("firm-b")), operatorName: "赵律师")
        let atB = try firmB.caseFile(s.uid)
        let own = atB.parties.first { $0.role == .defendant }!, other = atB.parties.first { $0.role == .plaintiff }!
        let commit = try HostileAttack.lowerFee.forge(in: s, by: firmB, own: own, other: other, uid: s.uid)
        try HostilePullTests.serveFromHostileNode(s, uid: s.uid, main: commit)
        try c.docket("firm-a", ["archive", s.uid])
        let archive = URL(fileURLWithPath: s.repository("firm-a", s.uid))
        let before = try Data(contentsOf: archive)

        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        let declined = (report["declined"] as? [String]) ?? []
        #expect(declined.count == 1 && declined[0].contains(HostileAttack.lowerFee.reason(by: "firm-b", pulled: true)))
        #expect(Repository.isArchive(at: archive.path))
        #expect(try Data(contentsOf: archive) == before)
        try c.docket("firm-a", ["fsck"])
    }
}
