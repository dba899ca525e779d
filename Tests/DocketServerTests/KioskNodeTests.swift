import DocketCore
import DocketStore
import Foundation
import Testing

/// A lobby kiosk running on its own node: what a walk-in person files there travels to the court at the next sync,
/// and the receipt's filing number and code keep working on the kiosk after the court has accepted the case.
struct KioskNodeTests {
    @Test func aFilingAtAKioskNodeReachesTheCourtAndItsReceiptStillWorksAfterAcceptance() throws {
        let c = try Cluster()
        _ = try c.start(firms: [], kiosks: ["kiosk-lobby"])
        let kiosk = try Node.open(at: URL(fileURLWithPath: c.data("kiosk-lobby")))
        let input = try FilingInput.parse(
            Array(
                """
                {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "20000.00", \
                "claims": "判令被告偿还借款20000元",
                 "parties": [{"role": "plaintiff", "name": "欧阳明", "idNumber": "11010519491231002X", \
                "phone": "13912345678"},
                             {"role": "defendant", "name": "李四"}]}
                """.utf8), today: Node.today())
        let receipt = try kiosk.fileSelfService(input)
        let uid = receipt.file.record.uid

        let pushed = (try c.json("kiosk-lobby", ["sync"]) as! [[String: Any]])[0]
        #expect(pushed["pushed"] as? Int == 1 && (pushed["errors"] as? [String])?.isEmpty == true, "\(pushed)")
        let atCourt = try c.json("court", ["case", "show", receipt.filingNumber]) as! [String: Any]
        #expect(atCourt["uid"] as? String == uid && atCourt["status"] as? String == "submitted")

        let number = (try c.json("court", ["filing", "accept", uid]) as! [String: Any])["caseNumber"] as! String
        _ = try c.json("kiosk-lobby", ["sync"])
        let credentials = QueryCredentials(
            caseNumber: number, idNumber: "11010519491231002X", code: receipt.queryCode, source: "lobby-1")
        let report = try Node.open(at: URL(fileURLWithPath: c.data("kiosk-lobby"))).query(credentials)
        #expect(report.status == "accepted" && report.caseNumber == number)

        // A message to the judge left at the kiosk is answered by the court and the answer comes back.
        let message = try kiosk.submitApplication(credentials, kind: .message, text: "请问开庭时间？", amount: nil)
        _ = try c.json("kiosk-lobby", ["sync"])
        _ = try c.json("court", ["hotline", "answer", number, message.filing.id, "--text", "开庭时间将另行通知。"])
        _ = try c.json("kiosk-lobby", ["sync"])
        let answered = try Node.open(at: URL(fileURLWithPath: c.data("kiosk-lobby"))).caseFile(uid).filing(
            message.filing.id)
        #expect(answered?.state == .answered && answered?.court["answer"] == "开庭时间将另行通知。")
    }
}
