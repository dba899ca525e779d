import DocketCore
import DocketStore
import DocketTestSupport
import Foundation
import GRDB
import Testing

/// Issue 19: links a court can put on the internet. Real `docket serve --tls` processes on loopback, libgit2 and
/// the changes-feed client pinning the court's certificate, stock git trusting the certificate file.
@Suite(.serialized) struct TLSLinkTests {
    @Test func courtAndFirmSyncAndPushOverPinnedTLSAndStockGitClonesWithTheCertificate() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a", "firm-b"], tls: true)
        #expect(c.url.hasPrefix("https://127.0.0.1:"))
        let uid = try c.file(on: "firm-a")

        let pushed = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(pushed["pushed"] as? Int == 1 && (pushed["errors"] as? [String])?.isEmpty == true)
        #expect((try c.json("court", ["case", "show", uid]) as! [String: Any])["status"] as? String == "submitted")
        let number = (try c.json("court", ["filing", "accept", uid]) as! [String: Any])["caseNumber"] as! String
        let fetched = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect(fetched["fastForwarded"] as? Int == 1 && (fetched["errors"] as? [String])?.isEmpty == true)
        #expect((try c.json("firm-a", ["case", "show", uid]) as! [String: Any])["caseNumber"] as? String == number)

        // Stock git over HTTPS, trusting the court's own certificate file (no authority is involved).
        let trusted = ["GIT_SSL_CAINFO": c.courtCertificate]
        let a = c.root.appendingPathComponent("a.git").path
        let cloneA = try c.git(
            ["clone", "--bare", "https://x:\(tokens["firm-a"]!)@127.0.0.1:\(c.port)/git/cases/\(uid).git", a],
            environment: trusted)
        #expect(cloneA.status == 0, "\(cloneA.err)")
        #expect(try c.git(["--git-dir", a, "show", "main:case.json"]).out.contains(number))
        let cloneB = try c.git(
            [
                "clone", "--bare", "https://x:\(tokens["firm-b"]!)@127.0.0.1:\(c.port)/git/cases/\(uid).git",
                c.root.appendingPathComponent("b.git").path,
            ], environment: trusted)
        #expect(cloneB.status != 0 && (cloneB.err.contains("404") || cloneB.err.contains("not found")))
        // Without the certificate, stock git trusts only public authorities, and refuses the court.
        let untrusted = try c.git(
            [
                "clone", "--bare", "https://x:\(tokens["firm-a"]!)@127.0.0.1:\(c.port)/git/cases/\(uid).git",
                c.root.appendingPathComponent("c.git").path,
            ], environment: ["GIT_SSL_CAINFO": "/etc/ssl/certs/ca-certificates.crt"])
        #expect(untrusted.status != 0 && untrusted.err.lowercased().contains("certificate"))
    }

    @Test func aWrongFingerprintAnExpiredCertificateAndAPlainHTTPDowngradeAreRefused() throws {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a"], tls: true)
        let token = tokens["firm-a"]!
        let uid = try c.file(on: "firm-a")
        func syncErrors() throws -> [String] {
            // A sync with errors exits 1 and still reports.
            let run = try Cluster.run(Cluster.binary, ["sync", "--json", "--data", c.data("firm-a")])
            #expect(run.status == 1)
            let report = (try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as! [[String: Any]])[0]
            #expect(report["pushed"] as? Int == 0 && report["fetched"] as? Int == 0)
            return report["errors"] as? [String] ?? []
        }
        func courtHasTheCase() -> Bool { (try? c.docket("court", ["case", "show", uid])) != nil }

        // A certificate nobody pinned — another node's, as an impostor would present — is refused.
        let impostor = try NodeTLSIdentity.generate(nodeId: "court-lixia").fingerprint
        try c.repoint("firm-a", token: token, url: c.url, fingerprints: [impostor])
        let wrong = try syncErrors()
        #expect(!wrong.isEmpty && wrong.allSatisfy { $0.contains("not the one pinned") }, "\(wrong)")
        #expect(!courtHasTheCase())

        // A downgrade: the https link answered by a plain-HTTP node on the path. The handshake fails, and all that
        // crossed was a TLS hello: no token.
        try c.docket(
            "decoy", ["init", "--role", "court", "--node-id", "court-decoy", "--name", "假法院", "--court-code", "鲁0102"])
        let (_, plainPort) = try c.serve("decoy", arguments: ["--no-tls"])
        let relay = try TCPRelay(to: UInt16(plainPort))
        try c.repoint(
            "firm-a", token: token, url: "https://127.0.0.1:\(relay.port)", fingerprints: [try c.fingerprint()])
        #expect(!(try syncErrors()).isEmpty)
        #expect(!relay.toServer.isEmpty && relay.toServer[0] == 0x16, "a TLS handshake record opens the exchange")
        #expect(!relay.toServer.contains(bytes: token) && !relay.toServer.contains(bytes: uid))
        // A peer row rewritten to plain HTTP beyond loopback (by hand, or by an old version): refused before any
        // connection is made.
        let queue = try DatabaseQueue(path: c.data("firm-a") + "/docket.sqlite")
        try queue.write { db in
            try db.execute(sql: "UPDATE peers SET url = 'http://192.0.2.7:8470' WHERE node_id = 'court-lixia'")
        }
        let downgraded = try syncErrors()
        #expect(downgraded.count == 1 && downgraded[0].contains("is not loopback"), "\(downgraded)")
        // …and `peer add` refuses it in the first place.
        #expect(throws: (any Error).self) {
            try c.repoint("firm-a", token: token, url: "http://192.0.2.7:8470", fingerprints: [])
        }

        // An expired certificate, even a pinned one, is refused.
        c.stopServer()
        let expired = try NodeTLSIdentity.generate(
            nodeId: "court-lixia", days: 1, now: Date().addingTimeInterval(-10 * 86_400))
        try expired.save(
            certificate: URL(fileURLWithPath: c.data("court") + "/tls/node.crt"),
            key: URL(fileURLWithPath: c.data("court") + "/tls/node.key"))
        try c.startServer(arguments: ["--tls"])
        try c.repoint("firm-a", token: token, url: c.url, fingerprints: [expired.fingerprint])
        let stale = try syncErrors()
        #expect(!stale.isEmpty && stale.allSatisfy { $0.contains("outside its validity period") }, "\(stale)")
        #expect(!courtHasTheCase())
    }

    @Test func aCaptureOfATLSSyncHoldsNoTokenAndNoRecordTextWhereAPlainOneHoldsBoth() throws {
        func capture(tls: Bool) throws -> (bytes: [UInt8], token: String, uid: String) {
            let c = try Cluster()
            let token = try c.start(firms: ["firm-a"], tls: tls)["firm-a"]!
            let relay = try TCPRelay(to: UInt16(c.port))
            try c.repoint(
                "firm-a", token: token, url: "\(tls ? "https" : "http")://127.0.0.1:\(relay.port)",
                fingerprints: tls ? [try c.fingerprint()] : [])
            let uid = try c.file(on: "firm-a")
            let pushed = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
            #expect(pushed["pushed"] as? Int == 1)
            _ = try c.json("court", ["filing", "accept", uid])
            let fetched = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
            #expect(fetched["fastForwarded"] as? Int == 1)
            relay.stop()
            return (relay.toServer + relay.toClient, token, uid)
        }
        let secure = try capture(tls: true)
        #expect(secure.bytes.count > 10_000)
        for secret in [secure.token, secure.uid, "Authorization", "济南鲁信商贸有限公司", "买卖合同纠纷", "refs/heads/main"] {
            #expect(!secure.bytes.contains(bytes: secret), "the TLS capture shows \(secret)")
        }
        // The control: the same sync in plain HTTP on loopback shows the token and the case to anyone on the path.
        let plain = try capture(tls: false)
        #expect(plain.bytes.contains(bytes: plain.token) && plain.bytes.contains(bytes: plain.uid))
    }
}
