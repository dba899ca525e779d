/// Service 9: enforcement (执行): the application (its own 执 case), property leads and objections.
extension CaseActions {
    /// The enforcement fee (Decree 481 art. 14(1)); not prepaid — paid after enforcement (art. 20).
    public static func enforcementFee(_ amount: Fen?, schedule: FeeSchedule = .standard) throws -> FeeQuote {
        try schedule.quote(FeeRequest(kind: .enforcement, amount: amount))
    }

    /// An enforcement application in its own enforcement case (`caseType` `enforcement`), by the creditor (the
    /// case's plaintiff, 申请执行人) against the judgment it names — a well-formed case number —, after that judgment
    /// has taken effect; one per applicant and judgment. Past the 2-year period to apply (CPL art. 250) it is still
    /// taken, with a warning in the record for the court, which decides on interruption or suspension. No fee is
    /// asked in advance.
    public static func applyEnforcement(
        _ file: CaseFile, id: String, applicant: String, judgmentCaseNumber: String,
        judgmentEffectiveOn: LocalDate, amount: Fen?, today: LocalDate, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        guard file.record.caseType == "enforcement" else {
            throw DocketError(
                .conflict, key: "enforcement.separate-case", zh: "申请执行应当另行立执行案件。",
                en:
                    "An enforcement application is its own enforcement case (执); file it as a new case of type "
                    + "enforcement."
            )
        }
        guard party.role == .plaintiff else {
            throw DocketError(
                .notAllowed, key: "enforcement.creditor-only",
                zh: "\(party.name)是本执行案件的\(party.role.rawValue)；申请执行应由申请执行人提出。",
                en:
                    "\(party.name) is the \(party.role.rawValue) of this enforcement case; enforcement is applied for "
                    + "by the creditor (申请执行人, the plaintiff of the enforcement case)."
            )
        }
        let judgment: CaseNumber
        do { judgment = try CaseNumber(parsing: judgmentCaseNumber, allowUnknownCourt: true) } catch {
            throw DocketError(
                .invalidInput, key: "enforcement.judgment-number-invalid",
                zh: "执行依据的案号“\(judgmentCaseNumber)”格式不正确：\(error.chineseMessage)。",
                en:
                    "\(judgmentCaseNumber) is not the case number of a judgment (案号 like （2025）鲁0102民初123号): "
                    + "\(error.englishMessage)."
            )
        }
        if let amount, amount <= .zero {
            throw DocketError(
                .invalidInput, key: "enforcement.amount-not-positive", zh: "申请执行金额应大于0。",
                en: "The amount to enforce must be more than 0.")
        }
        guard judgmentEffectiveOn <= today else {
            throw DocketError(
                .conflict, key: "enforcement.judgment-not-effective",
                zh: "判决\(judgment.canonical)自\(judgmentEffectiveOn)起发生法律效力，尚未生效，不能申请执行。",
                en:
                    "The judgment \(judgment.canonical) takes effect on \(judgmentEffectiveOn); enforcement can be "
                    + "applied for only after it is effective."
            )
        }
        if let earlier = file.filings(.enforcement).first(where: {
            $0.applicantPartyId == applicant && $0.details["judgmentCaseNumber"] == judgment.canonical
                && ![.refused, .withdrawn].contains($0.state)
        }) {
            throw DocketError(
                .conflict, key: "enforcement.already-applied",
                zh: "\(party.name)已就\(judgment.canonical)申请执行（\(earlier.id)），不能重复申请。",
                en: "\(party.name) already applied for enforcement of \(judgment.canonical) (\(earlier.id)).")
        }
        var details = [
            "judgmentCaseNumber": judgment.canonical, "judgmentEffectiveOn": judgmentEffectiveOn.description,
        ]
        var warning = ""
        if judgmentEffectiveOn.adding(years: 2) < today {
            details["limitationWarning"] =
                "申请执行期间（二年）已于\(judgmentEffectiveOn.adding(years: 2).chinese)届满，是否存在中止、中断事由由法院审查（民事诉讼法第二百五十条）"
            warning = "；注意：申请执行期间已届满，是否存在中止、中断事由由法院审查"
        }
        let filing = FilingRecord(
            id: id, kind: .enforcement, applicantPartyId: applicant, amountFen: amount?.value, details: details,
            at: actor.time, by: actor.node)
        return try submitFiling(
            file, filing,
            summary:
                "\(party.name)依据\(judgment.canonical)申请强制执行\(amount.map { "，金额\($0.yuanString)元" } ?? "")（申请执行费执行后交纳）"
                + "\(warning)",
            by: actor)
    }

    /// The court accepts the application: the enforcement fee is recorded on the request, to be paid after
    /// enforcement; no assessment is due now.
    public static func acceptEnforcement(
        _ file: CaseFile, id: String, side: ActingSide, schedule: FeeSchedule = .standard,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "accept an enforcement application", chinese: "执行立案")
        let filing = try requireFiling(file, id, kind: .enforcement)
        let quote = try enforcementFee(filing.amountFen.map(Fen.init), schedule: schedule)
        var change = try moveFiling(
            file, id: id, to: .accepted, side: side, court: ["feePrepaid": "false"],
            summary: "执行申请已受理；申请执行费\(quote.fee)元，执行后交纳", by: actor)
        var moved = try FilingRecord.decode(change.files[filing.path]!!)
        moved.feeFen = quote.feeFen
        try change.write(moved, at: moved.path)
        return change
    }

    /// A lead on the debtor's property, submitted by the applicant for enforcement `enforcementId`.
    public static func submitPropertyLead(
        _ file: CaseFile, id: String, enforcementId: String, applicant: String,
        description: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        let enforcement = try requireFiling(file, enforcementId, kind: .enforcement)
        guard enforcement.state == .accepted else {
            throw DocketError(
                .conflict, key: "enforcement.not-accepted",
                zh: "执行申请\(enforcementId)当前为\(enforcement.state.rawValue)状态；执行申请受理后方可提供财产线索。",
                en:
                    "Enforcement \(enforcementId) is \(enforcement.state.rawValue); property leads are taken once the "
                    + "application is accepted."
            )
        }
        guard !description.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "enforcement.property-description-required", zh: "请描述财产线索。",
                en: "Describe the property.")
        }
        let filing = FilingRecord(
            id: id, kind: .propertyLead, applicantPartyId: applicant, relatedId: enforcementId,
            details: ["description": description], at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(party.name)提供被执行人财产线索", by: actor)
    }

    /// An objection (or complaint) against an enforcement act; the court reviews it within 15 days of receipt
    /// (CPL art. 236, `ServicePeriod.enforcementObjectionReview`).
    public static func fileObjection(
        _ file: CaseFile, id: String, applicant: String, enforcementId: String?, act: String,
        reason: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        if let enforcementId { _ = try requireFiling(file, enforcementId, kind: .enforcement) }
        guard !reason.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "enforcement.objection-grounds-required", zh: "请写明异议理由。",
                en: "Give the grounds of the objection.")
        }
        let filing = FilingRecord(
            id: id, kind: .objection, applicantPartyId: applicant, relatedId: enforcementId,
            details: ["act": act, "reason": reason], at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(party.name)对执行行为（\(act)）提出异议", by: actor)
    }

    /// The court's decision on an objection.
    public static func decideObjection(
        _ file: CaseFile, id: String, upheld: Bool, reason: String, ruling: AttachedDocument?,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "decide an enforcement objection", chinese: "执行异议审查")
        var court = ["decision": upheld ? "upheld" : "dismissed", "reason": reason]
        if let ruling { court["rulingDocumentId"] = ruling.meta.id }
        return try moveFiling(
            file, id: id, to: upheld ? .upheld : .dismissed, side: side, court: court,
            documents: ruling.map { [$0] } ?? [], summary: upheld ? "执行异议成立：\(reason)" : "驳回执行异议："
                + "\(reason)",
            by: actor)
    }
}
