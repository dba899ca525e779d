import DocketCore
import DocketStore
import DocketTestSupport
import Foundation
import Testing

/// A QR payment confirmed by the payment service's signed callback to `docket serve`, end to end with the real
/// simulator; a forged callback is refused.
@Suite(.serialized) struct PaymentCallbackTests {
    final class Simulator {
        let process = Process()
        let url: String
        init(secret: String) throws {
            process.executableURL = URL(
                fileURLWithPath: (Cluster.binary as NSString).deletingLastPathComponent + "/docket-paysim")
            process.arguments = ["--listen", "127.0.0.1:0", "--secret", secret]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.hasPrefix("listening on ") else {
                process.terminate(); throw TestFailure("docket-paysim did not start: \(text)")
            }
            url = String(text.dropFirst("listening on ".count))
        }
        deinit { if process.isRunning { process.terminate() }; process.waitUntilExit() }
    }

    @Test func signedCallbackReachesTheServerAndPays() throws {
        let c = try Cluster()
        try c.docket(
            "court",
            ["init", "--role", "court", "--node-id", "court-lixia", "--name", "历下区人民法院", "--court-code", "鲁0102"])
        try c.docket("court", ["config", "set", "payments.qr.secret", "shared-secret-1"])
        let sim = try Simulator(secret: "shared-secret-1")
        try c.startServer()
        try c.docket("court", ["config", "set", "payments.qr.url", sim.url])
        try c.docket("court", ["config", "set", "payments.qr.notifyURL", "\(c.url)/api/v1/payments/callback"])
        let filing = c.root.appendingPathComponent("filing.json")
        try Cluster.filing.replacingOccurrences(of: "FIRM", with: "firm-a").write(
            to: filing, atomically: true, encoding: .utf8)
        let uid = (try c.json("court", ["case", "new", "--from", filing.path]) as! [String: Any])["uid"] as! String
        _ = try c.json("court", ["filing", "accept", uid])

        let pending =
            try c.json("court", ["pay", uid, "--method", "qr", "--idempotency-key", "lobby-qr-01"]) as! [String: Any]
        #expect(pending["state"] as? String == "awaiting")
        let order = pending["merchantOrderNo"] as! String

        let forged = try Cluster.run(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "-H", "X-Paysim-Signature: sha256=00", "--data-binary",
                "{\"merchantOrderNo\":\"\(order)\",\"transactionId\":\"txn_forged\",\"amountFen\":330000,"
                    + "\"state\":\"paid\",\"paidAt\":\"2026-01-01T00:00:00Z\"}",
                "\(c.url)/api/v1/payments/callback",
            ])
        #expect(forged.out == "401")
        #expect((try c.json("court", ["payments", uid]) as! [String: Any])["paidFen"] as? Int == 0)

        let paid = try Cluster.run("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.url)/simulate/pay/\(order)"])
        #expect(paid.out.contains("delivered"), "\(paid.out)")
        let payments = try c.json("court", ["payments", uid]) as! [String: Any]
        #expect(payments["paidFen"] as? Int == 330_000 && payments["outstandingFen"] as? Int == 0)

        // The service delivers the same signed callback again (it retries until it hears back): nothing changes.
        let record = try Node.open(at: URL(fileURLWithPath: c.data("court"))).caseFile(uid).payments.first {
            $0.merchantOrderNo == order
        }!
        let repo = c.data("court") + "/cases/\(uid.suffix(2))/\(uid).git"
        let tip = try c.git(["--git-dir", repo, "rev-parse", "main"]).out
        func callback(transaction: String) throws -> String {
            let body =
                "{\"merchantOrderNo\":\"\(order)\",\"transactionId\":\"\(transaction)\",\"amountFen\":330000,"
                + "\"state\":\"paid\",\"paidAt\":\"\(record.details["paidAt"]!)\"}"
            let file = c.root.appendingPathComponent("callback-\(UUID().uuidString).json")
            try body.write(to: file, atomically: true, encoding: .utf8)
            let mac = try Cluster.run(
                "/bin/sh", ["-c", "openssl dgst -sha256 -hmac shared-secret-1 -r < '\(file.path)' | cut -d' ' -f1"]
            ).out
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return try Cluster.run(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                    "-H", "X-Paysim-Signature: sha256=\(mac)", "--data-binary", "@\(file.path)",
                    "\(c.url)/api/v1/payments/callback",
                ]
            ).out
        }
        #expect(try callback(transaction: record.reference!) == "200")
        #expect(try callback(transaction: record.reference!) == "200")
        #expect(try c.git(["--git-dir", repo, "rev-parse", "main"]).out == tip, "a replayed callback wrote a commit")
        // A genuine callback naming another transaction for a paid order is not taken.
        #expect(try callback(transaction: "txn_other") == "422")
        #expect(try c.git(["--git-dir", repo, "rev-parse", "main"]).out == tip)
    }

    /// Issue 15: `docket config set` reaches a running `docket serve` without a restart — a callback signed with the
    /// new payment secret is taken, one signed with the old is refused.
    @Test func aRunningServerTakesAChangedSecret() throws {
        let c = try Cluster()
        try c.docket(
            "court",
            ["init", "--role", "court", "--node-id", "court-lixia", "--name", "历下区人民法院", "--court-code", "鲁0102"])
        try c.docket("court", ["config", "set", "payments.qr.secret", "old-secret"])
        try c.docket("court", ["config", "set", "payments.qr.url", "http://127.0.0.1:9"])
        let filing = c.root.appendingPathComponent("filing.json")
        try Cluster.filing.replacingOccurrences(of: "FIRM", with: "firm-a").write(
            to: filing, atomically: true, encoding: .utf8)
        let uid = (try c.json("court", ["case", "new", "--from", filing.path]) as! [String: Any])["uid"] as! String
        _ = try c.json("court", ["filing", "accept", uid])
        // The payment service is unreachable: the order is recorded, its outcome unknown until the callback comes.
        let pending =
            try c.json("court", ["pay", uid, "--method", "qr", "--idempotency-key", "lobby-qr-02"]) as! [String: Any]
        let order = pending["merchantOrderNo"] as! String
        try c.startServer()
        let said = try c.docket("court", ["config", "set", "payments.qr.secret", "new-secret"])
        #expect(said.contains("takes it within a second"))
        Thread.sleep(forTimeInterval: 1.5)
        func callback(secret: String) throws -> String {
            let body =
                "{\"merchantOrderNo\":\"\(order)\",\"transactionId\":\"txn_1\",\"amountFen\":330000,"
                + "\"state\":\"paid\",\"paidAt\":\"2026-12-07T01:00:00Z\"}"
            let file = c.root.appendingPathComponent("callback-\(UUID().uuidString).json")
            try body.write(to: file, atomically: true, encoding: .utf8)
            let mac = try Cluster.run(
                "/bin/sh", ["-c", "openssl dgst -sha256 -hmac \(secret) -r < '\(file.path)' | cut -d' ' -f1"]
            ).out
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return try Cluster.run(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                    "-H", "X-Paysim-Signature: sha256=\(mac)", "--data-binary", "@\(file.path)",
                    "\(c.url)/api/v1/payments/callback",
                ]
            ).out
        }
        #expect(try callback(secret: "old-secret") == "401")
        #expect(try callback(secret: "new-secret") == "200")
        #expect((try c.json("court", ["payments", uid]) as! [String: Any])["paidFen"] as? Int == 330_000)
    }
}
