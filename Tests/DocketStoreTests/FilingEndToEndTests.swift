import DocketCore
import DocketStore
import DocketTestSupport
import Foundation
import Testing

/// Issue 4's scripted walk on real files, through the real `docket` binary: file → accept → pay at the counter
/// (retried) → serve the acceptance notice by e-mail through a sendmail-compatible command → the party queries.
@Suite struct FilingEndToEndTests {
    final class Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-e2e-\(UUID().uuidString)")
        var data: String { root.appendingPathComponent("court").path }
        var mailbox: URL { root.appendingPathComponent("mailbox") }
        init() throws { try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: root) }

        @discardableResult
        func docket(_ args: String..., expectFailure: Bool = false) throws -> String {
            let result = try TestNode.run(TestNode.docketBinary, args + ["--data", data])
            if expectFailure {
                guard result.status != 0 else { throw TestFailure("expected failure: \(args.joined(separator: " "))") }
                return result.error
            }
            guard result.status == 0 else {
                throw TestFailure("docket \(args.joined(separator: " ")) failed: \(result.error)")
            }
            return result.output
        }

        func json(_ args: String...) throws -> [String: Any] {
            let text = try TestNode.run(TestNode.docketBinary, args + ["--json", "--data", data])
            guard text.status == 0 else {
                throw TestFailure("docket \(args.joined(separator: " ")) failed: \(text.error)")
            }
            return try JSONSerialization.jsonObject(with: Data(text.output.utf8)) as! [String: Any]
        }
    }

    @Test(arguments: [("ordinary", "3300.00", Int64(330_000)), ("simple", "1650.00", Int64(165_000))])
    func fileAcceptPayServeQuery(procedure: String, fee: String, feeFen: Int64) throws {
        let w = try Workspace()
        try w.docket(
            "init", "--role", "court", "--node-id", "court-lixia", "--name", "济南市历下区人民法院", "--court-code", "鲁0102")
        let filing = w.root.appendingPathComponent("filing.json")
        try TestNode.filing.replacingOccurrences(
            of: "\"phone\": \"13800138000\",",
            with: "\"phone\": \"13800138000\", \"email\": \"zhang@example.com\", \"electronicService\": true,"
        )
        .write(to: filing, atomically: true, encoding: .utf8)
        let filed = try w.json("case", "new", "--from", filing.path, "--operator", "lawyer-wang")
        let uid = filed["uid"] as! String
        #expect(filed["status"] as? String == "submitted")

        let accepted = try w.json(
            "filing", "accept", uid, "--procedure", procedure, "--judge", "王法官", "--operator", "clerk-li")
        let year = Node.today().year
        let caseNumber = accepted["caseNumber"] as! String
        #expect(caseNumber == "（\(year)）鲁0102民初1号")
        #expect(accepted["feeFen"] as? Int64 == feeFen && accepted["fee"] as? String == fee)
        let parties = accepted["parties"] as! [[String: Any]]
        let plaintiff = parties.first { $0["role"] as? String == "plaintiff" }!
        let code = plaintiff["queryCode"] as! String

        let paid = try w.json(
            "pay", uid, "--method", "counter", "--reference", "POS-889", "--rrn", "001122334455",
            "--idempotency-key", "counter-\(uid)")
        let retried = try w.json(
            "pay", uid, "--method", "counter", "--reference", "POS-889", "--idempotency-key", "counter-\(uid)")
        #expect(paid["state"] as? String == "paid" && retried["id"] as? String == paid["id"] as? String)
        let payments = try w.json("payments", caseNumber)
        #expect(payments["paidFen"] as? Int64 == feeFen && payments["outstandingFen"] as? Int64 == 0)
        #expect((payments["records"] as! [[String: Any]]).filter { $0["kind"] as? String == "payment" }.count == 1)

        let mailbox = w.mailbox.path
        try w.docket("config", "set", "mail.command", "cat > '\(mailbox)'/message-$$.eml")
        let show = try w.json("case", "show", uid)
        let notice = (show["documents"] as! [[String: Any]]).first { $0["name"] as? String == "受理案件通知书.txt" }!
        try w.docket("service", "send", uid, notice["id"] as! String, "--to", plaintiff["partyId"] as! String)
        let delivered = try w.json("service", "deliver")
        #expect(delivered["delivered"] as? Int == 1 && delivered["waiting"] as? Int == 0)

        let messages = try FileManager.default.contentsOfDirectory(atPath: mailbox)
        #expect(messages.count == 1)
        let mail = try String(contentsOfFile: mailbox + "/" + messages[0], encoding: .utf8)
        #expect(mail.contains("To: zhang@example.com\r\n"))
        let parts = mail.components(separatedBy: "\r\n\r\n")
        let body = String(
            decoding: Data(
                base64Encoded: parts[2].components(separatedBy: "\r\n--")[0]
                    .replacingOccurrences(of: "\r\n", with: ""))!,
            as: UTF8.self)
        #expect(body.contains(code) && body.contains(caseNumber))
        let attachment = String(
            decoding: Data(
                base64Encoded: parts[3].components(separatedBy: "\r\n--")[0]
                    .replacingOccurrences(of: "\r\n", with: ""))!,
            as: UTF8.self)
        #expect(attachment.contains("受理案件通知书") && attachment.contains(fee))

        let report = try w.json("query", "--case", caseNumber, "--id", "370102198503121233", "--code", code)
        #expect(report["status"] as? String == "accepted")
        #expect((report["fees"] as! [String: Any])["status"] as? String == "已缴费")
        let served = report["served"] as! [[String: Any]]
        #expect(served.count == 1 && served[0]["servedAt"] is String)
        #expect(!"\(report)".contains("370102198503121233"))
        #expect(
            (try w.json("case", "show", uid)["documents"] as! [[String: Any]]).contains {
                ($0["name"] as! String).hasPrefix("电子送达凭证")
            })

        let wrong = try w.docket(
            "query", "--case", caseNumber, "--id", "370102198503121233", "--code", "000000", expectFailure: true)
        let unknown = try w.docket(
            "query", "--case", "（\(year)）鲁0102民初99号", "--id", "370102198503121233", "--code", code, expectFailure: true)
        #expect(wrong == unknown)
        try w.docket("fsck")
    }
}
