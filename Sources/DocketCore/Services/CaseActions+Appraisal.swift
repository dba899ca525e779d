/// Service 5: judicial appraisal (司法鉴定), and service 6: the 12368 hotline requests (extension, message to the
/// judge).
extension CaseActions {
    /// An appraisal application with the matters to appraise.
    public static func applyAppraisal(
        _ file: CaseFile, id: String, applicant: String, matters: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        guard !matters.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "appraisal.matter-required", zh: "请写明鉴定事项。", en: "Say what is to be "
                    + "appraised.")
        }
        let filing = FilingRecord(
            id: id, kind: .appraisal, applicantPartyId: applicant, details: ["matters": matters],
            at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(party.name)申请司法鉴定：\(matters)", by: actor)
    }

    /// The court selects the institution (by lot or the parties' agreement) and, when it sets one, the day the
    /// opinion is due (证据规定 art. 32: the entrustment states the time limit of the appraisal).
    public static func selectAppraisalInstitution(
        _ file: CaseFile, id: String, institution: String, reportDue: LocalDate? = nil,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "select an appraisal institution", chinese: "选定鉴定机构")
        var court = ["institution": institution]
        if let reportDue { court["reportDue"] = reportDue.description }
        return try moveFiling(
            file, id: id, to: .institutionSelected, side: side, court: court,
            summary: "选定鉴定机构：\(institution)\(reportDue.map { "，鉴定期限至\($0)" } ?? "")", by: actor)
    }

    /// The report joins the dossier, with the fee the institution charged. Appraisal fees are paid by the party to
    /// the institution, not to the court (Decree 481 art. 12): recorded, never collected, no assessment written.
    public static func fileAppraisalReport(
        _ file: CaseFile, id: String, report: AttachedDocument, fee: Fen, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "file an appraisal report", chinese: "鉴定意见入卷")
        let filing = try requireFiling(file, id, kind: .appraisal)
        var change = try moveFiling(
            file, id: id, to: .reportFiled, side: side,
            court: ["reportDocumentId": report.meta.id, "feePaidTo": filing.court["institution"] ?? ""],
            documents: [report],
            summary: "鉴定意见书已入卷；鉴定费\(fee.yuanString)元由当事人直接支付鉴定机构，法院不代收", by: actor)
        var moved = try FilingRecord.decode(change.files[filing.path]!!)
        moved.feeFen = fee.value
        try change.write(moved, at: moved.path)
        return change
    }

    /// An extension request through the hotline: what is to be extended and why.
    public static func requestExtension(
        _ file: CaseFile, id: String, applicant: String, what: String, reason: String,
        by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        guard !reason.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "appraisal.extension-reason-required", zh: "请说明延期理由。",
                en: "Give the reason for the extension.")
        }
        let filing = FilingRecord(
            id: id, kind: .extension, applicantPartyId: applicant,
            details: ["what": what, "reason": reason], at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(party.name)申请延期（\(what)）：\(reason)", by: actor)
    }

    /// The court's decision on an extension, with the new date when granted — the deadline the register then
    /// tracks, so never a day already past.
    public static func decideExtension(
        _ file: CaseFile, id: String, grant: Bool, newDate: LocalDate?, reason: String,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "decide an extension request", chinese: "延期决定")
        if grant, newDate == nil {
            throw DocketError(
                .invalidInput, key: "appraisal.extension-date-required", zh: "请填写延期后的日期。",
                en: "Give the new date of a granted extension.")
        }
        if grant, let newDate, newDate < actor.time.shanghai.date {
            throw DocketError(
                .invalidInput, key: "appraisal.extension-date-past", zh: "延期后的日期（\(newDate)）不能早于今日。",
                en: "The new date \(newDate) is already past; an extension ends on a later day.")
        }
        var court = ["decision": grant ? "granted" : "refused", "reason": reason]
        if let newDate { court["newDate"] = newDate.description }
        return try moveFiling(
            file, id: id, to: grant ? .granted : .refused, side: side, court: court,
            summary: grant ? "准予延期至\(newDate!)" : "不准予延期：\(reason)", by: actor)
    }

    /// A message to the judge; it and the answer both appear in the timeline.
    public static func messageJudge(
        _ file: CaseFile, id: String, from partyId: String, message: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        guard !message.trimmingSpaces.isEmpty else {
            throw DocketError(.invalidInput, key: "appraisal.message-empty", zh: "留言内容为空。", en: "The message is "
                + "empty.")
        }
        let filing = FilingRecord(
            id: id, kind: .judgeMessage, applicantPartyId: partyId, details: ["message": message],
            at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(party.name)给法官留言：\(message)", by: actor)
    }

    /// The judge's answer.
    public static func answerMessage(
        _ file: CaseFile, id: String, answer: String, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "answer a message to the judge", chinese: "法官答复")
        return try moveFiling(
            file, id: id, to: .answered, side: side, court: ["answer": answer], summary: "法官答复：\(answer)", by: actor)
    }

    /// The court corrects the new date of an extension it granted: the date moves (never to a day already past),
    /// the earlier date and the reason are kept on the request, and the timeline says so.
    public static func correctExtension(
        _ file: CaseFile, id: String, newDate: LocalDate, reason: String, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "correct an extension", chinese: "更正延期决定")
        let filing = try requireFiling(file, id, kind: .extension)
        guard filing.state == .granted, let old = filing.court["newDate"] else {
            throw DocketError(
                .conflict, key: "appraisal.correct-only-granted",
                zh: "延期\(id)当前为\(filing.state.rawValue)状态，仅能更正已准许的延期。",
                en: "Extension \(id) is \(filing.state.rawValue); only a granted extension is corrected.")
        }
        guard newDate >= actor.time.shanghai.date else {
            throw DocketError(
                .invalidInput, key: "appraisal.extension-date-past", zh: "延期后的日期（\(newDate)）不能早于今日。",
                en: "The new date \(newDate) is already past; an extension ends on a later day.")
        }
        guard !reason.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "appraisal.correction-reason-required", zh: "请说明更正理由。",
                en: "Give the reason for the correction.")
        }
        let history = [filing.court["corrections"], "\(old)→\(newDate)：\(reason)"].compactMap { $0 }.joined(
            separator: "\n")
        return try annotateFiling(
            file, id: id, side: side, court: ["newDate": newDate.description, "corrections": history],
            summary:
                "更正延期决定：延期后的日期由\((try? LocalDate(parsing: old))?.chinese ?? old)更正为\(newDate.chinese)。理由：\(reason)",
            by: actor)
    }
}
