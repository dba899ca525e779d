import DocketTestSupport
import Foundation
import Testing

/// Issue 19: secrets at rest. A fresh node is its owner's alone; the token it presents to a peer and the payment
/// secret live in secrets.json (0600), never in the index or node.json; `docket fsck` warns about a loosened file and
/// `--fix-permissions` tightens it; each peer's changes feed counts only what that peer may see.
@Suite(.serialized) struct NodeSecretsTests {
    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func aFreshNodeIsItsOwnersAloneAndKeepsItsSecretsApart() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"])
        let firm = c.data("firm-a")
        try c.docket("firm-a", ["config", "set", "payments.qr.secret", "qr-secret-4d7f1c"])
        _ = try c.json("firm-a", ["sync"])

        #expect(Self.mode(firm) == 0o700)
        for folder in ["keys", "tls"] { #expect(Self.mode("\(firm)/\(folder)") == 0o700, "\(folder)") }
        for file in ["node.json", "secrets.json", "docket.sqlite", "keys/node.ed25519", "tls/node.key"] {
            #expect(
                Self.mode("\(firm)/\(file)") == 0o600, "\(file) is \(String(Self.mode("\(firm)/\(file)"), radix: 8))")
        }
        // SQLite removes the WAL and SHM at the last close; the court's serve holds its database open, so they are
        // there, and SQLite gives them the database's own mode.
        let court = c.data("court")
        for file in ["docket.sqlite-wal", "docket.sqlite-shm"] {
            #expect(Self.mode("\(court)/\(file)") == 0o600, "court \(file)")
        }
        // The token and the payment secret are in secrets.json only.
        let secrets = try String(contentsOfFile: "\(firm)/secrets.json", encoding: .utf8)
        #expect(secrets.contains(tokens["firm-a"]!) && secrets.contains("qr-secret-4d7f1c"))
        for file in ["node.json", "docket.sqlite", "docket.sqlite-wal"] {
            let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: "\(firm)/\(file)"))) ?? Data())
            #expect(!bytes.contains(bytes: tokens["firm-a"]!) && !bytes.contains(bytes: "qr-secret-4d7f1c"), "\(file)")
        }
        #expect(try c.docket("firm-a", ["config", "get", "payments.qr.secret"]).contains("qr-secret-4d7f1c"))
        #expect(try c.docket("firm-a", ["fsck"]).contains("No problems"))

        // Loosened by hand: fsck says so, and --fix-permissions puts it right.
        chmod("\(firm)/secrets.json", 0o644)
        let loose = try Cluster.run(Cluster.binary, ["fsck", "--data", firm])
        #expect(loose.status == 1 && loose.out.contains("secrets.json") && loose.out.contains("644"))
        #expect(try c.docket("firm-a", ["fsck", "--fix-permissions"]).contains("No problems"))
        #expect(Self.mode("\(firm)/secrets.json") == 0o600)
    }

    @Test func eachPeersFeedCountsOnlyTheChangesItMaySee() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a", "firm-b"])
        func feed(_ firm: String, since: Int) throws -> (seq: Int, uids: [String]) {
            let run = try Cluster.run(
                "/usr/bin/curl",
                ["-s", "-H", "Authorization: Bearer \(tokens[firm]!)", "\(c.url)/api/v1/sync/changes?since=\(since)"])
            let body = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as! [String: Any]
            return (body["seq"] as! Int, (body["cases"] as! [[String: Any]]).map { $0["uid"] as! String })
        }
        let first = try c.file(on: "firm-a"), second = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        #expect(try feed("firm-b", since: 0).seq == 0)
        let before = try feed("firm-a", since: 0)
        #expect(before.seq == 2 && Set(before.uids) == [first, second])

        // The court works on firm-a's cases: firm-b's feed does not move at all, firm-a's moves once per change.
        _ = try c.json("court", ["filing", "accept", first])
        _ = try c.json("court", ["filing", "accept", second])
        let other = try feed("firm-b", since: 0)
        #expect(other.seq == 0 && other.uids.isEmpty)
        let after = try feed("firm-a", since: before.seq)
        #expect(after.seq == 4 && Set(after.uids) == [first, second])
        #expect(try feed("firm-a", since: 4).uids.isEmpty)
        // A checkpoint beyond the feed (the court restored from an older copy) starts the feed again.
        #expect(Set(try feed("firm-a", since: 99).uids) == [first, second])
        // And the firm's own sync takes it all.
        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(report["fastForwarded"] as? Int == 2)
    }
}
