import Foundation
import Testing

/// Issue 3's commands on the built binary: their JSON shapes, their refusals and their help.
@Suite struct RulesCLITests {
    func json(_ args: [String]) throws -> [String: Any] {
        let result = try TestNode.run(TestNode.docketBinary, args + ["--json"])
        #expect(result.status == 0, "\(args): \(result.error)")
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
    }

    @Test func feeQuote() throws {
        let quote = try json(["fee", "quote", "property", "--amount", "150000.00"])
        #expect(
            quote["feeFen"] as? Int == 330_000 && quote["fee"] as? String == "3300.00"
                && quote["kind"] as? String == "property")
        #expect((quote["basis"] as? [String])?.isEmpty == false)
        #expect(
            try json(["fee", "quote", "property", "--amount", "150000", "--simple", "--mediated"])["feeFen"] as? Int
                == 165_000)
        #expect(try json(["fee", "quote", "preservation", "--amount", "100000000"])["feeFen"] as? Int == 500_000)
        for bad in [
            ["fee", "quote", "property", "--amount", "-5"], ["fee", "quote", "property", "--amount", "1.234"],
            ["fee", "quote", "lottery"],
        ] {
            let result = try TestNode.run(TestNode.docketBinary, bad)
            #expect(result.status != 0 && !result.error.isEmpty)
        }
    }

    @Test func caseNumberPeriodAndID() throws {
        let number = try json(["casenum", "parse", "(2020)鲁0102民初1234号"])
        #expect(number["canonical"] as? String == "（2020）鲁0102民初1234号" && number["serial"] as? Int == 1234)
        #expect(try TestNode.run(TestNode.docketBinary, ["casenum", "parse", "（2020）鲁0102民初01234号"]).status != 0)
        let period = try json(["period", "--from", "2024-09-30", "--days", "1"])
        #expect(period["lastDay"] as? String == "2024-10-08")
        let hours = try json(["period", "--from", "2024-05-01T10:30", "--hours", "48"])
        #expect(hours["deadline"] != nil)
        let id = try json(["id", "check", "11010519491231002x"])
        #expect(
            id["valid"] as? Bool == true && id["kind"] as? String == "resident-id"
                && id["birthDate"] as? String == "1949-12-31")
        #expect((id["masked"] as? String)?.contains("19491231") == false)
        let bad = try TestNode.run(TestNode.docketBinary, ["id", "check", "110105194912310021", "--json"])
        #expect(bad.status != 0 && bad.output.contains("\"valid\" : false"))
        let help = try TestNode.run(TestNode.docketBinary, ["fee", "quote", "--help"])
        #expect(help.output.contains("art."))
    }
}
