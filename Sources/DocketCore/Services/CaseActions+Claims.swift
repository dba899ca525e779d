/// 变更诉讼请求: after acceptance the claims change only through the court. A plaintiff's side asks (CPL art. 143;
/// 民诉法解释 art. 232: before the end of the court debate), the court decides, and a granted change of the
/// amount carries the fee with it (Decree 481 art. 21, `AmendedFee`): a supplementary assessment with its notice,
/// or the fee lowered and the difference refunded. Before acceptance the filer simply edits the filing.
extension CaseActions {
    /// A plaintiff asks to change the claims: the new amount, the new text of the claims, or both.
    public static func requestClaimAmendment(
        _ file: CaseFile, id: String, applicant: String, amount: Fen?, claims: String?,
        reason: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        guard file.record.status == .accepted else {
            throw DocketError(
                .conflict, key: "claims.not-accepted", zh: "案件受理后方可申请变更诉讼请求，"
                    + "立案审查期间请直接修改立案材料。",
                en:
                    "Claims are amended on an accepted case; while the filing is under review the filer edits it "
                    + "(docket case edit)."
            )
        }
        guard party.role == .plaintiff else {
            throw DocketError(
                .notAllowed, key: "claims.plaintiff-only",
                zh: "只有原告可以申请变更诉讼请求；\(party.name)是\(party.role.rawValue)（被告可提起反诉）。",
                en:
                    "Only a plaintiff amends the claims; \(party.name) is a \(party.role.rawValue) (a defendant files "
                    + "a counterclaim)."
            )
        }
        if let pending = file.filings(.claimAmendment).first(where: { $0.state == .submitted }) {
            throw DocketError(
                .conflict, key: "claims.amendment-pending", zh: "已有变更诉讼请求申请（\(pending.id)）待法院审查。",
                en: "A claim amendment (\(pending.id)) is already waiting for the court's decision.")
        }
        let text = claims?.trimmingSpaces
        let newAmount = amount.map { $0.value != file.record.claimAmountFen } ?? false
        let newText = text.map { !$0.isEmpty && $0 != file.record.claims } ?? false
        guard newAmount || newText else {
            throw DocketError(
                .invalidInput, key: "claims.nothing-to-amend", zh: "变更后的诉讼请求与原诉讼请求相同。",
                en:
                    "Nothing to amend: give a new claim amount (--amount) or new claims (--claims) that differ from "
                    + "the case's."
            )
        }
        if let amount {
            guard amount > .zero, amount <= FeeSchedule.maximumAmount else {
                throw DocketError(
                    .invalidInput, key: "claims.amount-out-of-range",
                    zh: "诉讼请求金额不正确，应大于0且不超过\(FeeSchedule.maximumAmount.yuanString)元。",
                    en: "The claim amount must be more than 0 and at most \(FeeSchedule.maximumAmount.yuanString) yuan."
                )
            }
        }
        guard !reason.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "claims.reason-required", zh: "请说明变更理由。", en: "Give the reason for the "
                    + "amendment.")
        }
        var details = ["reason": reason]
        if newText, let text { details["claims"] = text }
        var what: [String] = []
        if newAmount, let amount {
            details["claimAmount"] = amount.yuanString
            what.append(
                "诉讼请求金额由\(file.record.claimAmountFen.map { Fen($0).yuanString + "元" } ?? "无")变更为\(amount.yuanString)元")
        }
        if newText { what.append("诉讼请求变更为“\(text!)”") }
        let filing = FilingRecord(
            id: id, kind: .claimAmendment, applicantPartyId: applicant, amountFen: newAmount ? amount?.value : nil,
            details: details, at: actor.time, by: actor.node)
        return try submitFiling(
            file, filing, summary: "\(party.name)申请变更诉讼请求：\(what.joined(separator: "；"))。理由：\(reason)", by: actor)
    }

    /// The court's decision. Granted: the case takes the new claims and amount, and the fee follows (`fee`, computed
    /// by the caller on this same case with `AmendedFee.compute`): a raise writes the supplementary assessment and
    /// its `notice`; a reduction lowers the assessments and requests the refund under `refundID`.
    public static func decideClaimAmendment(
        _ file: CaseFile, id: String, grant: Bool, reason: String, fee: AmendedFee?,
        notice: AttachedDocument?, refundID: String, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "decide a claim amendment", chinese: "变更诉讼请求审查")
        let filing = try requireFiling(file, id, kind: .claimAmendment)
        guard file.record.status == .accepted else {
            throw DocketError(
                .conflict, key: "claims.case-not-pending",
                zh: "案件已不在审理中（当前状态为\(file.record.status.rawValue)），不能变更诉讼请求。",
                en: "The case is \(file.record.status.rawValue); claims are amended only while it is pending.")
        }
        let party = file.party(filing.applicantPartyId ?? "")?.name ?? "原告"
        guard grant else {
            return try moveFiling(
                file, id: id, to: .refused, side: side, court: ["decision": "refused", "reason": reason],
                summary: "不准许\(party)变更诉讼请求：\(reason)", by: actor)
        }
        var court = ["decision": "granted"]
        if !reason.isEmpty { court["reason"] = reason }
        var summary = "准许\(party)变更诉讼请求"
        if let fee {
            court["feeBefore"] = fee.before.yuanString
            court["feeAfter"] = fee.after.yuanString
            if let supplement = fee.supplement {
                court["assessmentId"] = supplement.id
                summary +=
                    "；案件受理费由\(fee.before.yuanString)元变更为\(fee.after.yuanString)元，"
                    + "应补交\(Fen(supplement.amountFen).yuanString)元，于\(supplement.dueDate ?? "")前交纳"
            } else if fee.after < fee.before {
                summary += "；案件受理费由\(fee.before.yuanString)元核减为\(fee.after.yuanString)元"
                if let refund = fee.refund { summary += "，退还\(refund.amount.yuanString)元，于\(refund.dueBy)前退还" }
            }
        }
        var change = try moveFiling(
            file, id: id, to: .granted, side: side, court: court,
            documents: notice.map { [$0] } ?? [], summary: summary, by: actor)
        var record = file.record
        if let amount = filing.amountFen { record.claimAmountFen = amount }
        if let claims = filing.details["claims"] { record.claims = claims }
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        try change.write(record, at: "case.json")
        if let supplement = fee?.supplement { try change.write(supplement, at: supplement.path) }
        for lowered in fee?.lowered ?? [] { try change.write(lowered, at: lowered.path) }
        if let refund = fee?.refund {
            let record = PaymentRecord(
                id: refundID, kind: .refund, amountFen: refund.amount.value, state: .refundRequested,
                assessmentId: fee?.lowered.first?.id, dueDate: refund.dueBy.description, basis: refund.basis,
                reason: RefundGround.amended.rawValue, at: actor.time, by: actor.node)
            try change.write(record, at: record.path)
        }
        return change
    }
}
