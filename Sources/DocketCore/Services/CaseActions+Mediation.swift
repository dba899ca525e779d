/// Service 7: online mediation (在线调解). Every party consents; a mediator is chosen by all parties or assigned by
/// the court; the agreement takes effect only when every party has signed it; the outcome closes or continues the
/// case.
extension CaseActions {
    /// A mediation request; the applicant's consent is recorded with it.
    public static func requestMediation(
        _ file: CaseFile, id: String, applicant: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        var filing = FilingRecord(id: id, kind: .mediation, applicantPartyId: applicant, at: actor.time, by: actor.node)
        filing.consents[applicant] = actor.time.description
        return try submitFiling(file, filing, summary: "\(party.name)申请在线调解", by: actor)
    }

    /// A party consents (optionally naming the mediator it wants). When every party of the case has consented the
    /// request moves to `consented`; when they all named the same mediator, that mediator is chosen.
    public static func consentToMediation(
        _ file: CaseFile, id: String, party partyId: String, mediator: String? = nil,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        var filing = try requireFiling(file, id, kind: .mediation)
        guard [.applied, .consented].contains(filing.state) else {
            throw DocketError(
                .conflict, key: "mediation.consent-not-needed",
                zh: "调解\(id)当前为\(filing.state.rawValue)状态，调解已进行，无需再表示同意。",
                en: "Mediation \(id) is \(filing.state.rawValue); consent is no longer needed.")
        }
        guard filing.consents[partyId] == nil || mediator != nil else {
            throw DocketError(
                .conflict, key: "mediation.already-consented", zh: "\(party.name)已同意调解。",
                en: "\(party.name) has already consented to mediation.")
        }
        if filing.consents[partyId] == nil { filing.consents[partyId] = actor.time.description }
        if let mediator { filing.details["mediatorChoice-\(partyId)"] = mediator }
        let everyone = file.parties.map(\.id)
        var summary = "\(party.name)同意在线调解"
        if filing.state == .applied, everyone.allSatisfy({ filing.consents[$0] != nil }) {
            try filing.move(to: .consented, side: side, at: actor.time, by: actor.node)
            summary += "；各方当事人均已同意"
        }
        let choices = Set(everyone.map { filing.details["mediatorChoice-\($0)"] })
        if filing.state == .consented, choices.count == 1, let chosen = choices.first ?? nil {
            try filing.move(to: .mediatorAssigned, side: side, at: actor.time, by: actor.node)
            filing.details["mediator"] = chosen
            summary += "；当事人共同选定调解员\(chosen)"
        }
        filing.updatedAt = actor.time
        filing.updatedBy = actor.node
        return try write(
            filing, kind: "mediation-consent", summary: summary, message: "mediation \(id): consent of \(partyId)",
            documents: [], by: actor)
    }

    /// The court assigns the mediator (within 3 working days of consent, see `ServicePeriod.mediatorAssignment`).
    public static func assignMediator(
        _ file: CaseFile, id: String, mediator: String, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "assign a mediator", chinese: "指定调解员")
        let filing = try requireFiling(file, id, kind: .mediation)
        guard filing.state == .consented else {
            throw filing.state == .applied
                ? DocketError(
                    .conflict, key: "mediation.consent-missing", zh: "尚有当事人未同意调解，"
                        + "各方均同意后方可指定调解员。",
                    en:
                        "Not every party has consented to mediation yet; a mediator is assigned only after every party "
                        + "consents."
                )
                : DocketError(
                    .conflict, key: "mediation.mediator-set", zh: "调解申请\(id)当前为“\(filing.state.chinese)”，"
                        + "调解员已确定。",
                    en: "Mediation \(id) is \(filing.state.rawValue); its mediator is already set.")
        }
        return try moveFiling(
            file, id: id, to: .mediatorAssigned, side: side, court: ["mediator": mediator],
            summary: "指定调解员：\(mediator)", by: actor)
    }

    /// The mediator's draft agreement joins the dossier and waits for every party's signature.
    public static func draftMediationAgreement(
        _ file: CaseFile, id: String, agreement: AttachedDocument, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "file a mediation agreement", chinese: "调解协议")
        return try moveFiling(
            file, id: id, to: .agreementDrafted, side: side,
            court: ["agreementDocumentId": agreement.meta.id, "agreementSha256": agreement.meta.sha256],
            documents: [agreement], summary: "调解协议（\(agreement.meta.title)）待各方签署", by: actor)
    }

    /// A party signs the drafted agreement.
    public static func signMediationAgreement(
        _ file: CaseFile, id: String, party partyId: String, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        var filing = try requireFiling(file, id, kind: .mediation)
        guard filing.state == .agreementDrafted else {
            throw DocketError(
                .conflict, key: "mediation.no-draft-agreement", zh: "调解\(id)没有待签署的调解协议。",
                en: "Mediation \(id) has no agreement waiting for signatures.")
        }
        guard filing.signatures[partyId] == nil else {
            throw DocketError(
                .conflict, key: "mediation.already-signed", zh: "\(party.name)已签署。",
                en: "\(party.name) has already signed.")
        }
        filing.signatures[partyId] = actor.time.description
        filing.updatedAt = actor.time
        filing.updatedBy = actor.node
        return try write(
            filing, kind: "mediation-signed", summary: "\(party.name)签署调解协议",
            message: "mediation \(id): signed by \(partyId)", documents: [], by: actor)
    }

    /// The outcome. `settled` needs every party's signature (otherwise refused: unsigned agreement) and closes the
    /// case with its mediation statement (民事调解书, `statement`, served on the parties by the store) and the fee
    /// halved (Decree 481 art. 15): what was paid beyond half is refunded (`refundID`, due 15 days after `today`),
    /// or what is still owed is lowered to half. `failed` ends mediation and the case continues.
    public static func concludeMediation(
        _ file: CaseFile, id: String, settled: Bool, statement: AttachedDocument? = nil,
        refundID: String? = nil, today: LocalDate? = nil, periods: PeriodCalculator? = nil,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "record the outcome of mediation", chinese: "调解结果")
        let filing = try requireFiling(file, id, kind: .mediation)
        if settled {
            let missing = file.parties.filter { filing.signatures[$0.id] == nil }
            guard filing.state == .agreementDrafted, missing.isEmpty else {
                throw DocketError(
                    .conflict, key: "mediation.agreement-unsigned",
                    zh:
                        "调解协议未经各方当事人签署，不发生效力（"
                        + (missing.isEmpty
                            ? "no agreement has been drafted"
                            : missing.map(\.name).joined(separator: ", ") + " has not signed")
                        + "）。",
                    en:
                        "Unsigned agreement: "
                        + (missing.isEmpty
                            ? "no agreement has been drafted"
                            : missing.map(\.name).joined(separator: ", ") + " has not signed")
                        + "; the agreement takes effect only when every party has signed."
                )
            }
        }
        var court = ["outcome": settled ? "closes" : "continues"]
        if let statement { court["statementDocumentId"] = statement.meta.id }
        var change = try moveFiling(
            file, id: id, to: settled ? .settled : .failed, side: side, court: court,
            documents: statement.map { [$0] } ?? [],
            summary: settled ? "调解协议经各方签署生效，案件以调解方式结案\(statement == nil ? "" : "，民事调解书已入卷")" : "调解不成，案件继续审理",
            by: actor)
        guard settled else { return change }
        var record = file.record
        record.status = .closed
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        try change.write(record, at: "case.json")
        // The fee halves on a mediated end (art. 15), once: a simple procedure already paid half.
        let fees = file.fees
        let halvedAlready = file.record.procedure.flatMap(Procedure.init(rawValue:))?.halvesFee ?? false
        guard file.record.status == .accepted, !halvedAlready, let today, let periods else { return change }
        if fees.paid > .zero, let refundID {
            let refund = try RefundRule.refund(for: .mediated, paid: fees.paid, effectiveOn: today, periods: periods)
            let amount = min(refund.amount, fees.refundable)
            if amount > .zero {
                let record = PaymentRecord(
                    id: refundID, kind: .refund, amountFen: amount.value, state: .refundRequested,
                    assessmentId: fees.assessments.first?.id, dueDate: refund.dueBy.description, basis: refund.basis,
                    reason: RefundGround.mediated.rawValue, at: actor.time, by: actor.node)
                try change.write(record, at: record.path)
                try change.append(
                    DocketEntry(
                        at: actor.time, node: actor.node, actor: actor.name, kind: "payment-refund-requested",
                        summary: "调解结案，案件受理费减半收取，退还\(amount.yuanString)元，应于\(refund.dueBy)前退还"))
            }
        } else if fees.outstanding > .zero,
            let acceptanceFee = fees.fees.first(where: {
                FeeKind(rawValue: $0[0].feeKind ?? "")?.isAcceptanceFee == true
            })
        {
            let total = acceptanceFee.reduce(Int64(0)) { $0 + $1.amountFen }
            var cut = total - (FenRational(Fen(total)) * FenRational(1, 2)).roundedFen.value
            for var assessment in acceptanceFee.reversed() where cut > 0 {
                let lowered = min(cut, assessment.amountFen)
                assessment.amountFen -= lowered
                cut -= lowered
                assessment.basis.append("调解结案，案件受理费减半收取（《诉讼费用交纳办法》第十五条），"
                    + "本项核减\(Fen(lowered).yuanString)元。")
                assessment.updatedAt = actor.time
                assessment.updatedBy = actor.node
                try change.write(assessment, at: assessment.path)
            }
        }
        return change
    }

    /// The acceptance fee a mediated end leaves the plaintiff to bear: half of it (art. 15), once — a case tried under
    /// the simple procedure already pays half. Nil when no acceptance fee was assessed.
    public static func mediatedAcceptanceFee(_ file: CaseFile) -> Fen? {
        guard let fee = file.fees.fees.first(where: { FeeKind(rawValue: $0[0].feeKind ?? "")?.isAcceptanceFee == true })
        else { return nil }
        let total = Fen(fee.reduce(Int64(0)) { $0 + $1.amountFen })
        guard total > .zero else { return nil }
        let halvedAlready = file.record.procedure.flatMap(Procedure.init(rawValue:))?.halvesFee ?? false
        return halvedAlready ? total : (FenRational(total) * FenRational(1, 2)).roundedFen
    }
}
