import DocketCore
import Foundation

extension CourtServices {
    /// The court decides a claim amendment (court nodes). Granting a new amount computes the fee on it inside the
    /// write (`AmendedFee`): a raise writes the supplementary assessment and its notice (补交诉讼费用通知书), a
    /// reduction lowers the fee and requests the refund of what was paid beyond it.
    public func decideClaimAmendment(
        _ uid: String, id: String, grant: Bool, reason: String,
        today: LocalDate = Node.today()
    ) throws -> CaseFile {
        try node.requireCourt("Deciding a claim amendment")
        let periods = try node.periods()
        let supplementID = node.newRecordID("f"), refundID = node.newRecordID("r")
        let template = try Node.template("supplementary-fee-notice")
        return try node.serviceStep(uid) { file, actor, side in
            var fee: AmendedFee?
            var notice: CaseActions.AttachedDocument?
            if grant, let filing = file.filing(id), filing.kind == .claimAmendment, let amount = filing.amountFen {
                let computed = try AmendedFee.compute(
                    file, newAmount: Fen(amount), supplementID: supplementID, decidedOn: today,
                    periods: periods, at: actor.time, by: actor.node)
                if let supplement = computed.supplement {
                    let due = try LocalDate(parsing: supplement.dueDate ?? "")
                    let provisional = periods.calendar.provisionalReason(due) != nil
                    let values = [
                        "court_name": node.config.name,
                        "case_number": file.record.caseNumber ?? FilingNumber.of(uid: uid),
                        "party_name": file.parties.filter { $0.role == .plaintiff }.map(\.name).joined(separator: "、"),
                        "title": file.record.title, "claim": "\(Fen(amount).yuanString)元",
                        "fee_before": computed.before.yuanString, "fee_after": computed.after.yuanString,
                        "supplement": Fen(supplement.amountFen).yuanString,
                        "basis": computed.quote.chineseBasis.map { "  " + $0 }.joined(separator: "\n"),
                        "fee_due": due.chinese + (provisional ? "（该日期所在年度节假日安排尚未公布，系暂定，公布后如有调整另行通知）" : ""),
                        "date": today.chineseFormal,
                    ]
                    notice = try node.renderedDocument(
                        template, values, name: "补交诉讼费用通知书.txt", title: "补交诉讼费用通知书", at: actor)
                }
                fee = computed
            }
            return try CaseActions.decideClaimAmendment(
                file, id: id, grant: grant, reason: reason, fee: fee, notice: notice,
                refundID: refundID, side: side, by: actor)
        }
    }
}
