/// Service 7: online mediation (在线调解). Every party consents; a mediator is chosen by all parties or assigned by
/// the court; the agreement takes effect only when every party has signed it; the outcome closes or continues the
/// case.
extension CaseActions {
    /// A mediation request; the applicant's consent is recorded with it.
    public static func requestMediation(_ file: CaseFile, id: String, applicant: String, by actor: Actor) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        var filing = FilingRecord(id: id, kind: .mediation, applicantPartyId: applicant, at: actor.time, by: actor.node)
        filing.consents[applicant] = actor.time.description
        return try submitFiling(file, filing, summary: "\(party.name)申请在线调解", by: actor)
    }

    /// A party consents (optionally naming the mediator it wants). When every party of the case has consented the
    /// request moves to `consented`; when they all named the same mediator, that mediator is chosen.
    public static func consentToMediation(_ file: CaseFile, id: String, party partyId: String, mediator: String? = nil,
                                          side: ActingSide, by actor: Actor) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        var filing = try requireFiling(file, id, kind: .mediation)
        guard [.applied, .consented].contains(filing.state) else {
            throw DocketError("Mediation \(id) is \(filing.state.rawValue); consent is no longer needed. 调解已进行，无需再表示同意。")
        }
        guard filing.consents[partyId] == nil || mediator != nil else {
            throw DocketError("\(party.name) has already consented to mediation. 该当事人已同意调解。")
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
        return try write(filing, kind: "mediation-consent", summary: summary, message: "mediation \(id): consent of \(partyId)",
                         documents: [], by: actor)
    }

    /// The court assigns the mediator (within 3 working days of consent, see `ServicePeriod.mediatorAssignment`).
    public static func assignMediator(_ file: CaseFile, id: String, mediator: String, side: ActingSide, by actor: Actor) throws -> CaseChange {
        try requireCourt(side, "assign a mediator", chinese: "指定调解员")
        let filing = try requireFiling(file, id, kind: .mediation)
        guard filing.state == .consented else {
            throw DocketError(filing.state == .applied
                ? "Not every party has consented to mediation yet; a mediator is assigned only after every party consents. 尚有当事人未同意调解。"
                : "Mediation \(id) is \(filing.state.rawValue); its mediator is already set. 调解员已确定。")
        }
        return try moveFiling(file, id: id, to: .mediatorAssigned, side: side, court: ["mediator": mediator],
                              summary: "指定调解员：\(mediator)", by: actor)
    }

    /// The mediator's draft agreement joins the dossier and waits for every party's signature.
    public static func draftMediationAgreement(_ file: CaseFile, id: String, agreement: AttachedDocument, side: ActingSide,
                                               by actor: Actor) throws -> CaseChange {
        try requireCourt(side, "file a mediation agreement", chinese: "调解协议")
        return try moveFiling(file, id: id, to: .agreementDrafted, side: side,
                              court: ["agreementDocumentId": agreement.meta.id, "agreementSha256": agreement.meta.sha256],
                              documents: [agreement], summary: "调解协议（\(agreement.meta.title)）待各方签署", by: actor)
    }

    /// A party signs the drafted agreement.
    public static func signMediationAgreement(_ file: CaseFile, id: String, party partyId: String, by actor: Actor) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        var filing = try requireFiling(file, id, kind: .mediation)
        guard filing.state == .agreementDrafted else {
            throw DocketError("Mediation \(id) has no agreement waiting for signatures. 没有待签署的调解协议。")
        }
        guard filing.signatures[partyId] == nil else { throw DocketError("\(party.name) has already signed. 该当事人已签署。") }
        filing.signatures[partyId] = actor.time.description
        filing.updatedAt = actor.time
        filing.updatedBy = actor.node
        return try write(filing, kind: "mediation-signed", summary: "\(party.name)签署调解协议",
                         message: "mediation \(id): signed by \(partyId)", documents: [], by: actor)
    }

    /// The outcome. `settled` needs every party's signature (otherwise refused: unsigned agreement) and closes the
    /// case; `failed` ends mediation and the case continues.
    public static func concludeMediation(_ file: CaseFile, id: String, settled: Bool, side: ActingSide, by actor: Actor) throws -> CaseChange {
        try requireCourt(side, "record the outcome of mediation", chinese: "调解结果")
        let filing = try requireFiling(file, id, kind: .mediation)
        if settled {
            let missing = file.parties.filter { filing.signatures[$0.id] == nil }
            guard filing.state == .agreementDrafted, missing.isEmpty else {
                throw DocketError("Unsigned agreement: \(missing.isEmpty ? "no agreement has been drafted" : missing.map(\.name).joined(separator: ", ") + " has not signed"); the agreement takes effect only when every party has signed. 调解协议未经各方当事人签署，不发生效力。")
            }
        }
        var change = try moveFiling(file, id: id, to: settled ? .settled : .failed, side: side,
                                    court: ["outcome": settled ? "closes" : "continues"],
                                    summary: settled ? "调解协议经各方签署生效，案件以调解方式结案" : "调解不成，案件继续审理", by: actor)
        if settled {
            var record = file.record
            record.status = .closed
            record.updatedAt = actor.time
            record.updatedBy = actor.node
            try change.write(record, at: "case.json")
        }
        return change
    }
}
