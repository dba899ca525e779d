import DocketCore
import DocketStore
import DocketTestSupport
import Foundation
import Testing

/// Preservation and guarantees, appraisal, hotline requests and enforcement through the built `docket` binary.
struct MoreServicesCLITests {
    func docket(_ t: TestNode, _ args: String...) throws -> (status: Int32, output: String, error: String) {
        try TestNode.run(TestNode.docketBinary, args + ["--data", t.data.path])
    }

    /// Runs a step that must succeed and returns its JSON object.
    func step(_ t: TestNode, _ args: String...) throws -> [String: Any] {
        let result = try TestNode.run(TestNode.docketBinary, args + ["--json", "--data", t.data.path])
        guard result.status == 0 else { throw TestFailure("docket \(args.joined(separator: " ")): \(result.error)") }
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    func newCase(_ t: TestNode, type: String) throws -> String {
        let path = t.root.appendingPathComponent("\(type).json")
        try TestNode.filing.replacingOccurrences(of: "\"caseType\": \"civil\"", with: "\"caseType\": \"\(type)\"")
            .write(to: path, atomically: true, encoding: .utf8)
        return try #require(try step(t, "case", "new", "--from", path.path)["uid"] as? String)
    }

    @Test func inSuitPreservationFeeRulingAndOneReconsideration() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let number = try t.node.accept(uid).caseNumber
        let applied = try step(
            t, "preservation", "apply", number, "--party", "张三丰", "--amount", "100000.00", "--property", "被告名下工商银行账户存款")
        let id = try #require(applied["id"] as? String)
        let assessed = try step(t, "preservation", "fee", number, id)
        #expect(assessed["feeFen"] as? Int == 102_000, "30 yuan + 1 % of 99,000 (Decree 481 art. 14)")
        let assessment = try #require((assessed["court"] as? [String: String])?["assessmentId"])

        let unpaid = try docket(t, "preservation", "confirm-fee", number, id)
        #expect(unpaid.status != 0 && unpaid.error.contains("not paid"))
        #expect(
            try docket(t, "pay", number, "--method", "counter", "--reference", "POS-778", "--assessment", assessment)
                .status == 0)
        #expect(try step(t, "preservation", "confirm-fee", number, id)["state"] as? String == "fee-paid")

        let ruled = try step(t, "preservation", "rule", number, id, "--grant", "--reason", "申请符合法律规定")
        #expect(ruled["state"] as? String == "granted")
        #expect(try t.node.caseFile(uid).documents.contains { $0.title == "民事裁定书（财产保全）" })
        _ = try step(t, "preservation", "reconsider", number, id, "--party", "李四", "--reason", "保全金额过高")
        let again = try docket(t, "preservation", "reconsider", number, id, "--party", "李四", "--reason", "再次申请")
        #expect(again.status != 0 && again.error.contains("only once"))
        #expect(
            try step(t, "preservation", "decide", number, id, "--grant", "--reason", "维持原裁定")["state"] as? String
                == "reconsidered")
    }

    @Test func preSuitPreservationNeedsAFullGuaranteeAndShowsItsLapse() throws {
        let t = try TestNode()
        let uid = try newCase(t, type: "preservation")
        let id = try #require(
            try step(
                t, "preservation", "apply", uid, "--party", "张三丰", "--amount", "200000.00", "--property", "被告名下房产")[
                    "id"] as? String)
        // The fee is prepaid although the 财保 case is not accepted: the ruling is due within 48 hours.
        let assessment = try #require(
            (try step(t, "preservation", "fee", uid, id)["court"] as? [String: String])?["assessmentId"])
        #expect(
            try docket(t, "pay", uid, "--method", "counter", "--reference", "POS-9", "--assessment", assessment).status
                == 0)
        _ = try step(t, "preservation", "confirm-fee", uid, id)
        let ungaranteed = try docket(t, "preservation", "rule", uid, id, "--grant", "--reason", "紧急")
        #expect(ungaranteed.status != 0 && ungaranteed.error.contains("guarantee"))
        let half = try docket(
            t, "guarantee", "apply", uid, "--preservation", id, "--party", "张三丰", "--amount", "100000.00",
            "--guarantor", "中国人民财产保险")
        #expect(half.status != 0, "before a suit the guarantee must cover the full amount")

        let guarantee = try #require(
            try step(
                t, "guarantee", "apply", uid, "--preservation", id, "--party", "张三丰", "--amount", "200000.00",
                "--guarantor", "中国人民财产保险")["id"] as? String)
        _ = try step(t, "guarantee", "pay", uid, guarantee, "--reference", "PICC-2026-0001")
        _ = try step(t, "guarantee", "accept", uid, guarantee)
        let letter = try #require(try t.node.caseFile(uid).documents.first { $0.title == "诉讼财产保全责任保险保单" })
        let text = String(decoding: try t.node.document(uid, id: letter.id).1, as: UTF8.self)
        #expect(text.contains("200000.00") && text.contains("PICC-2026-0001"))

        #expect(
            try step(t, "preservation", "rule", uid, id, "--grant", "--reason", "情况紧急")["state"] as? String == "granted"
        )
        let deadlines = try docket(t, "deadlines", "--case", uid, "--json").output
        #expect(deadlines.contains("pre-suit-preservation-lapse"))
    }

    @Test func aPreSuitPreservationCaseIsAcceptedAsCaiBaoAndItsFeeAssessedOnce() throws {
        let t = try TestNode()
        let uid = try newCase(t, type: "preservation")
        // The 财保 case's claim (150,000) is the amount to preserve.
        let id = try #require(
            try step(
                t, "preservation", "apply", uid, "--party", "张三丰", "--amount", "150000.00", "--property", "被告名下房产")[
                    "id"] as? String)
        let accepted = try step(t, "filing", "accept", uid, "--type", "财保")
        #expect((accepted["caseNumber"] as? String)?.contains("财保") == true)
        let assessed = try step(t, "preservation", "fee", uid, id)
        #expect(assessed["feeFen"] as? Int == 127_000, "30 + 1 % of 99,000 + 0.5 % of 50,000 (Decree 481 art. 14)")
        #expect(try t.node.caseFile(uid).fees.assessed == Fen(127_000), "one assessment: the acceptance's")
        #expect(try docket(t, "pay", uid, "--method", "counter", "--reference", "POS-12").status == 0)
        #expect(try step(t, "preservation", "confirm-fee", uid, id)["state"] as? String == "fee-paid")
    }

    @Test func appraisalFeesAreRecordedNotCollected() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let number = try t.node.accept(uid).caseNumber
        let assessedBefore = try t.node.caseFile(uid).fees.assessed
        let id = try #require(
            try step(t, "appraisal", "apply", number, "--party", "李四", "--matters", "借条签名真伪")["id"] as? String)
        let early = try docket(t, "appraisal", "report", number, id, "--file", "/dev/null", "--fee", "1.00")
        #expect(early.status != 0, "no report before an institution is selected")
        _ = try step(t, "appraisal", "select", number, id, "--institution", "山东某司法鉴定中心")
        _ = try step(t, "appraisal", "start", number, id)
        let report = t.root.appendingPathComponent("鉴定意见书.txt")
        try Data("鉴定意见：借条签名系李四本人所签。\n".utf8).write(to: report)
        let done = try step(t, "appraisal", "report", number, id, "--file", report.path, "--fee", "8000.00")
        #expect(done["feeFen"] as? Int == 800_000)
        #expect(try t.node.caseFile(uid).fees.assessed == assessedBefore, "the institution is paid, not the court")
        #expect(try t.node.caseFile(uid).documents.contains { $0.title == "鉴定意见书" })
    }

    @Test func extensionAndMessageToTheJudgeAreAnsweredInTheTimeline() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let number = try t.node.accept(uid).caseNumber
        let ext = try #require(
            try step(t, "hotline", "extension", number, "--party", "李四", "--what", "举证期限", "--reason", "证人出差")["id"]
                as? String)
        let vague = try docket(t, "hotline", "decide", number, ext, "--reason", "x")
        #expect(vague.status != 0)
        _ = try step(
            t, "hotline", "decide", number, ext, "--until", Node.today().adding(days: 20).description, "--reason",
            "理由正当")
        let empty = try docket(t, "hotline", "message", number, "--party", "张三丰", "--text", "  ")
        #expect(empty.status != 0 && empty.error.contains("empty"))
        let message = try #require(
            try step(t, "hotline", "message", number, "--party", "张三丰", "--text", "请问何时开庭？")["id"] as? String)
        _ = try step(t, "hotline", "answer", number, message, "--text", "开庭时间将另行通知。")
        let timeline = try t.node.caseFile(uid).timeline.map(\.summary).joined(separator: "\n")
        #expect(timeline.contains("请问何时开庭") && timeline.contains("开庭时间将另行通知") && timeline.contains("准予延期"))
    }

    @Test func enforcementAfterAnEffectiveJudgmentWithLeadsAndAnObjection() throws {
        let t = try TestNode()
        let onCivil = try t.fileCase().record.uid
        let wrongCase = try docket(
            t, "enforcement", "apply", onCivil, "--party", "张三丰", "--judgment", "（2025）鲁0102民初88号", "--effective",
            "2026-01-10")
        #expect(wrongCase.status != 0 && wrongCase.error.contains("enforcement case"))
        let uid = try newCase(t, type: "enforcement")
        let early = try docket(
            t, "enforcement", "apply", uid, "--party", "张三丰", "--judgment", "（2026）鲁0102民初88号",
            "--effective", Node.today().adding(days: 10).description)
        #expect(early.status != 0 && early.error.contains("effective"))
        let id = try #require(
            try step(
                t, "enforcement", "apply", uid, "--party", "张三丰", "--judgment", "（2025）鲁0102民初88号",
                "--effective", "2026-01-10", "--amount", "150000.00")["id"] as? String)
        let accepted = try step(t, "enforcement", "accept", uid, id)
        #expect(
            (accepted["feeFen"] as? Int ?? 0) > 0 && (accepted["court"] as? [String: String])?["feePrepaid"] == "false")
        #expect(try t.node.caseFile(uid).fees.outstanding == .zero, "the enforcement fee is not prepaid")
        _ = try step(
            t, "enforcement", "lead", uid, "--enforcement", id, "--party", "张三丰", "--text", "被执行人在济南有一辆鲁A车牌的轿车")
        let objection = try #require(
            try step(
                t, "enforcement", "object", uid, "--party", "李四", "--enforcement", id,
                "--act", "查封房产", "--reason", "房产系唯一住房")["id"] as? String)
        #expect(try docket(t, "deadlines", "--case", uid, "--json").output.contains("enforcement-objection-review"))
        #expect(
            try step(t, "enforcement", "decide", uid, objection, "--rejected", "--reason", "异议不成立")["state"] as? String
                != nil)
    }
}
