import DocketCore
import DocketStore
import DocketTerminal
import Foundation
import Testing

/// A walk-in files at the real kiosk of a lobby kiosk node (tmux, 80×24): two defendants, service address, consent to
/// electronic service, facts and reasons. The filing travels to the court at the next sync, the court accepts it,
/// and the complaint the kiosk wrote is in the court's dossier.
@Suite(.serialized) struct KioskFilingSyncTests {
    @Test(.enabled(if: TmuxSession.available)) func aFilingWithTwoDefendantsReachesTheCourtAndIsAccepted() throws {
        let c = try Cluster()
        _ = try c.start(firms: [], kiosks: ["kiosk-lobby"])
        let tmux = try TmuxSession(command: [
            Cluster.binary, "kiosk", "--data", c.data("kiosk-lobby"), "--terminal-id", "lobby-1",
        ])
        try tmux.waitFor("请选择服务")
        try tmux.keys("1"); try tmux.waitFor("案件类型")
        try tmux.keys("1", "Enter"); try tmux.type("108"); try tmux.keys("Down", "Down", "Enter")  // 108(3) 民间借贷纠纷
        try tmux.waitFor("姓名或名称")
        try tmux.type("欧阳明"); try tmux.keys("Enter", "Enter"); try tmux.type("11010519491231002X");
        try tmux.keys("Enter")
        try tmux.type("13912345678"); try tmux.keys("Enter")
        try tmux.waitFor("送达地址"); try tmux.type("济南市历下区泉城路1号"); try tmux.keys("Enter", "1", "Enter", "Enter")
        // The first defendant, a person without an ID number; then another one, a company by its credit code.
        try tmux.waitFor("自助立案：被告"); try tmux.type("李四"); try tmux.keys("Enter", "Enter", "Enter")
        try tmux.waitFor("被告住所地"); try tmux.type("济南市市中区经四路2号"); try tmux.keys("Enter", "Enter", "2", "Enter")
        try tmux.waitFor("（第 2 位）")
        try tmux.type("山东某某商贸有限公司"); try tmux.keys("Enter", "5", "Enter"); try tmux.type("91370102MA3C123469");
        try tmux.keys("Enter")
        try tmux.waitFor("被告住所地"); try tmux.type("济南市槐荫区经十路3号"); try tmux.keys("Enter", "Enter", "Enter")
        try tmux.waitFor("诉讼请求")
        try tmux.type("判令二被告共同偿还借款20000元"); try tmux.keys("Tab"); try tmux.type("20000"); try tmux.keys("Tab")
        try tmux.type("2025年3月被告李四借款，山东某某商贸有限公司担保，到期未还。"); try tmux.keys("Enter")
        let review = try tmux.waitFor("预交诉讼费")
        #expect(review.contains("李四") && review.contains("山东某某商贸有限公司  913***********3469"))
        try tmux.keys("Enter")
        let receipt = try tmux.waitFor("查询码")
        let filingNumber = try #require(
            receipt.split(separator: "\n").first { $0.contains("立案编号") }?.split(separator: " ").last)

        let pushed = (try c.json("kiosk-lobby", ["sync"]) as! [[String: Any]])[0]
        #expect(pushed["pushed"] as? Int == 1 && (pushed["errors"] as? [String])?.isEmpty == true, "\(pushed)")
        let court = try Node.open(at: URL(fileURLWithPath: c.data("court")))
        let uid = try court.resolveCase(String(filingNumber))
        let file = try court.caseFile(uid)
        #expect(file.record.title == "欧阳明诉李四、山东某某商贸有限公司民间借贷纠纷")
        #expect(file.parties.filter { $0.role == .defendant }.count == 2)
        let company = try #require(file.parties.first { $0.name == "山东某某商贸有限公司" })
        #expect(company.kind == PartyKind.organisation.rawValue && company.idKind == "credit-code")
        #expect(file.parties.first { $0.role == .plaintiff }?.serviceConsent == "filing")
        let complaint = try #require(file.documents.first { $0.name == "民事起诉状.txt" })
        let text = String(decoding: try court.document(uid, id: complaint.id).1, as: UTF8.self)
        #expect(text.contains("送达地址 济南市历下区泉城路1号") && text.contains("地址 济南市槐荫区经十路3号"))
        #expect(text.contains("事实与理由：\n2025年3月被告李四借款"))
        // The addresses and the facts are fields of the records too, so the court serves and reads them as data.
        #expect(file.parties.first { $0.role == .plaintiff }?.address == "济南市历下区泉城路1号")
        #expect(company.address == "济南市槐荫区经十路3号")
        #expect(file.record.facts == "2025年3月被告李四借款，山东某某商贸有限公司担保，到期未还。")

        let number = (try c.json("court", ["filing", "accept", uid]) as! [String: Any])["caseNumber"] as? String
        #expect(number?.hasPrefix("（") == true && number?.contains("鲁0102民初") == true)
        #expect(try Node.open(at: URL(fileURLWithPath: c.data("court"))).caseFile(uid).record.status == .accepted)
    }
}
