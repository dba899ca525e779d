/// Service 4: property preservation (财产保全) and its guarantee (担保).
extension CaseActions {
    /// The preservation fee (Decree 481 art. 14(2)), prepaid.
    public static func preservationFee(_ amount: Fen, schedule: FeeSchedule = .standard) throws -> FeeQuote {
        try schedule.quote(FeeRequest(kind: .preservation, amount: amount))
    }

    /// A preservation application with its property list and amount. A pre-suit application is its own 财保 case
    /// (`caseType` `preservation`); an in-suit one sits on the case. Pre-suit applications are always urgent (48 h).
    public static func applyPreservation(
        _ file: CaseFile, id: String, applicant: String, amount: Fen, property: String,
        reason: String, urgent: Bool, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        guard amount > .zero else {
            throw DocketError(
                .invalidInput, key: "preservation.amount-required", zh: "请填写申请保全的金额。",
                en: "Say how much to preserve (an amount above 0 yuan).")
        }
        guard !property.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "preservation.property-required", zh: "请列明申请保全的财产。",
                en: "List the property to preserve (accounts, real estate, vehicles, …).")
        }
        let preSuit = file.record.caseType == "preservation"
        let filing = FilingRecord(
            id: id, kind: .preservation, applicantPartyId: applicant, amountFen: amount.value,
            details: [
                "property": property, "reason": reason, "preSuit": preSuit ? "true" : "false",
                "urgent": (urgent || preSuit) ? "true" : "false",
            ],
            at: actor.time, by: actor.node)
        return try submitFiling(
            file, filing, summary: "\(party.name)申请\(preSuit ? "诉前" : "诉中")财产保全，金额\(amount.yuanString)元",
            by: actor)
    }

    /// The court assesses the prepaid preservation fee: a fee assessment (`payments/<assessmentId>.json`) and the
    /// fee on the request.
    public static func assessPreservationFee(
        _ file: CaseFile, id: String, assessmentId: String, due: LocalDate,
        side: ActingSide, schedule: FeeSchedule = .standard, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "assess a preservation fee", chinese: "核定保全费")
        var filing = try requireFiling(file, id, kind: .preservation)
        guard filing.state == .applied, filing.court["assessmentId"] == nil else {
            throw DocketError(
                .conflict, key: "preservation.fee-already-assessed", zh: "保全申请\(id)的保全费已核定。",
                en: "The fee of preservation request \(id) is already assessed.")
        }
        // A pre-suit application is its own 财保 case, whose acceptance already assessed the application fee:
        // that assessment is this fee, not a second one.
        let linked = Set(file.filings.compactMap { $0.court["assessmentId"] })
        if file.record.caseType == "preservation",
            let accepted = file.payments.first(where: {
                $0.kind == .assessment && $0.feeKind == FeeKind.preservation.rawValue && !linked.contains($0.id)
            })
        {
            filing.feeFen = accepted.amountFen
            filing.court["assessmentId"] = accepted.id
            filing.updatedAt = actor.time
            filing.updatedBy = actor.node
            return try write(
                filing, kind: "preservation-fee-assessed",
                summary: "申请保全费\(Fen(accepted.amountFen).yuanString)元已于受理时核定",
                message: "preservation \(id): fee of the 财保 case",
                documents: [], by: actor)
        }
        let quote = try preservationFee(Fen(filing.amountFen ?? 0), schedule: schedule)
        filing.feeFen = quote.feeFen
        filing.court["assessmentId"] = assessmentId
        filing.updatedAt = actor.time
        filing.updatedBy = actor.node
        var change = try write(
            filing, kind: "preservation-fee-assessed", summary: "核定申请保全费\(quote.fee)元，缴费期限\(due)",
            message: "preservation \(id): fee assessed", documents: [], by: actor)
        let assessment = PaymentRecord(
            id: assessmentId, kind: .assessment, feeKind: FeeKind.preservation.rawValue,
            amountFen: quote.feeFen, dueDate: due.description, basis: quote.chineseBasis,
            at: actor.time, by: actor.node)
        try change.write(assessment, at: assessment.path)
        return change
    }

    /// Confirms the prepaid fee: refused until the payments against the assessment cover it.
    public static func confirmPreservationFee(
        _ file: CaseFile, id: String, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        let filing = try requireFiling(file, id, kind: .preservation)
        guard let assessmentId = filing.court["assessmentId"], let fee = filing.feeFen else {
            throw DocketError(
                .conflict, key: "preservation.fee-not-assessed", zh: "法院尚未核定保全申请\(id)的保全费。",
                en: "The court has not assessed the fee of preservation request \(id) yet.")
        }
        let paid = file.payments.filter { $0.kind == .payment && $0.assessmentId == assessmentId && $0.state == .paid }
            .reduce(Int64(0)) { $0 + $1.amountFen }
        guard paid >= fee else {
            throw DocketError(
                .conflict, key: "preservation.fee-not-paid",
                zh: "保全费\(Fen(fee).yuanString)元尚未缴足（已缴\(Fen(paid).yuanString)元）。",
                en:
                    "The preservation fee of \(Fen(fee).yuanString) yuan is not paid yet (paid: "
                    + "\(Fen(paid).yuanString))."
            )
        }
        return try moveFiling(
            file, id: id, to: .feePaid, side: side, summary: "已缴纳申请保全费\(Fen(fee).yuanString)元", by: actor)
    }

    /// The court's ruling (裁定), with its document, visible online. A pre-suit preservation cannot be granted
    /// without an accepted guarantee of the full amount (CPL art. 104).
    public static func rulePreservation(
        _ file: CaseFile, id: String, grant: Bool, reason: String, ruling: AttachedDocument,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "rule on a preservation application", chinese: "保全裁定")
        let filing = try requireFiling(file, id, kind: .preservation)
        if grant, filing.flag("preSuit") {
            let secured = file.filings(relatedTo: id)
                .filter {
                    $0.kind == .guarantee && $0.state == .accepted && $0.applicantPartyId == filing.applicantPartyId
                }
                .reduce(Int64(0)) { $0 + ($1.amountFen ?? 0) }
            guard secured >= (filing.amountFen ?? 0) else {
                throw DocketError(
                    .conflict, key: "preservation.pre-suit-guarantee-required",
                    zh: "诉前保全申请人应当提供足额担保（\(Fen(filing.amountFen ?? 0).yuanString)元），"
                        + "担保被接受后方可裁定准许。",
                    en:
                        "A pre-suit preservation needs an accepted guarantee of the full amount "
                        + "(\(Fen(filing.amountFen ?? 0).yuanString) yuan) before it is granted (CPL art. 104)."
                )
            }
        }
        return try moveFiling(
            file, id: id, to: grant ? .granted : .refused, side: side,
            court: ["decision": grant ? "granted" : "refused", "reason": reason, "rulingDocumentId": ruling.meta.id],
            documents: [ruling], summary: grant ? "裁定准予财产保全" : "裁定驳回财产保全申请：\(reason)", by: actor)
    }

    /// A party asks for reconsideration of the ruling — once only (CPL art. 111).
    public static func requestReconsideration(
        _ file: CaseFile, id: String, party partyId: String, reason: String,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        let filing = try requireFiling(file, id, kind: .preservation)
        guard filing.enteredAt(.reconsiderationRequested) == nil else {
            throw DocketError(
                .conflict, key: "preservation.reconsideration-once", zh: "保全裁定只能申请复议一次。",
                en:
                    "Reconsideration of this preservation ruling was already requested; it may be requested only once "
                    + "(CPL art. 111)."
            )
        }
        return try moveFiling(
            file, id: id, to: .reconsiderationRequested, side: side,
            details: ["reconsiderationBy": partyId, "reconsiderationReason": reason],
            summary: "\(party.name)对保全裁定申请复议", by: actor)
    }

    /// The court decides the reconsideration: the ruling stands or is changed (`decision` becomes the result).
    public static func decideReconsideration(
        _ file: CaseFile, id: String, grant: Bool, reason: String, ruling: AttachedDocument,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "decide a reconsideration", chinese: "复议决定")
        return try moveFiling(
            file, id: id, to: .reconsidered, side: side,
            court: [
                "decision": grant ? "granted" : "refused", "reconsiderationReason": reason,
                "reconsiderationDocumentId": ruling.meta.id,
            ],
            documents: [ruling], summary: "复议决定：\(grant ? "准予保全" : "不予保全")（\(reason)）", by: actor)
    }

    /// The court confirms that the applicant brought the suit after a pre-suit preservation: the lapse deadline
    /// closes. `suit` is the suit's case number as the court checked it (`known`: the court found the case in its own
    /// index; a suit in another court is checked by its number only). Only a first-instance suit or an arbitration
    /// keeps a preservation alive; a number that is not one is refused, and the lapse duty stays.
    public static func recordSuit(
        _ file: CaseFile, id: String, suit: CaseNumber, known: Bool, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "confirm the suit after a pre-suit preservation", chinese: "确认起诉")
        let filing = try requireFiling(file, id, kind: .preservation)
        guard filing.flag("preSuit") else {
            throw DocketError(
                .conflict, key: "preservation.not-pre-suit", zh: "仅诉前保全需要记录起诉情况。",
                en: "Only a pre-suit preservation waits for a suit.")
        }
        guard filing.state == .granted || filing.state == .reconsidered else {
            throw DocketError(
                .conflict, key: "preservation.not-granted", zh: "保全\(id)当前为\(filing.state.rawValue)状态，"
                    + "尚未裁定准许。",
                en:
                    "Preservation \(id) is \(filing.state.rawValue); a suit is recorded for a granted pre-suit "
                    + "preservation."
            )
        }
        guard suit.type.hasSuffix("初") else {
            throw DocketError(
                .invalidInput, key: "preservation.suit-not-first-instance",
                zh: "\(suit.canonical)不是一审诉讼案件（类型为\(suit.type)）；只有提起诉讼才能维持诉前保全。",
                en:
                    "\(suit.canonical) is not a first-instance suit (its type is \(suit.type)); only the suit on the "
                    + "merits keeps the preservation (CPL art. 104)."
            )
        }
        return try annotateFiling(
            file, id: id, side: side,
            court: ["suitCaseNumber": suit.canonical, "suitKnownHere": known ? "true" : "false"],
            summary: "经核实，申请人已提起诉讼，案号\(suit.canonical)，诉前保全继续有效", by: actor)
    }

    /// The court lifts a pre-suit preservation when no suit was brought within 30 days (CPL art. 104): refused while
    /// the period runs or once a suit is recorded.
    public static func lapsePreservation(
        _ file: CaseFile, id: String, today: LocalDate, periods: PeriodCalculator,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "lift a pre-suit preservation", chinese: "解除保全")
        let filing = try requireFiling(file, id, kind: .preservation)
        guard filing.flag("preSuit"), filing.court["suitCaseNumber"] == nil, let granted = filing.enteredAt(.granted)
        else {
            throw DocketError(
                .conflict, key: "preservation.cannot-lapse", zh: "仅未起诉的诉前保全可解除。",
                en: "Only a granted pre-suit preservation without a suit can lapse.")
        }
        let end = try periods.period(.preSuitPreservationLapse, from: granted.shanghai.date).lastDay
        guard today > end else {
            throw DocketError(
                .conflict, key: "preservation.suit-period-running", zh: "起诉期限至\(end)届满。",
                en: "The applicant has until \(end) to bring the suit (CPL art. 104).")
        }
        return try moveFiling(file, id: id, to: .lapsed, side: side, summary: "申请人未在三十日内起诉，解除诉前保全", by: actor)
    }
}
