/// Service 4: the guarantee (担保) tied to a preservation.
extension CaseActions {
    /// A guarantee for preservation `preservationId`: its amount checked by `GuaranteeRule`, its form one of
    /// `GuaranteeRule.forms`, the guarantor (insurer, bank) named for a policy or letter.
    public static func applyGuarantee(
        _ file: CaseFile, id: String, preservationId: String, applicant: String, amount: Fen,
        form: String, guarantor: String?, by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, applicant)
        let preservation = try requireFiling(file, preservationId, kind: .preservation)
        guard [.applied, .feePaid].contains(preservation.state) else {
            throw DocketError(
                .conflict, key: "guarantee.after-ruling",
                zh: "保全申请\(preservationId)当前为\(preservation.state.rawValue)状态；担保只能在裁定前提供。",
                en:
                    "Preservation request \(preservationId) is \(preservation.state.rawValue); a guarantee can only be "
                    + "given before the ruling."
            )
        }
        // The security is the applicant's own (CPL arts. 103, 104): the other side cannot secure a preservation
        // against itself, and a guarantee by another party does not count for the applicant.
        guard applicant == preservation.applicantPartyId else {
            let owner = preservation.applicantPartyId.flatMap(file.party)?.name ?? "the applicant"
            throw DocketError(
                .notAllowed, key: "guarantee.applicant-only",
                zh: "保全\(preservationId)的担保应由保全申请人（\(owner)）提供，而非\(party.name)。",
                en:
                    "The guarantee of preservation \(preservationId) is given by its applicant (\(owner)), not by "
                    + "\(party.name)."
            )
        }
        guard GuaranteeRule.forms.contains(form) else {
            throw DocketError(
                .invalidInput, key: "guarantee.bad-form", zh: "担保方式应为保证金（cash）、保单（insurance）"
                    + "或保函（letter），所填为\(form)。",
                en: "The guarantee form must be cash, insurance or letter; \(form) was given.")
        }
        if form != "cash", (guarantor ?? "").trimmingSpaces.isEmpty {
            throw DocketError(
                .invalidInput, key: "guarantee.guarantor-required", zh: "请填写出具保单或保函的机构。",
                en: "Name the insurer or bank that issues the \(form == "insurance" ? "policy" : "letter").")
        }
        try GuaranteeRule.check(
            amount, preservationFen: preservation.amountFen ?? 0, preSuit: preservation.flag("preSuit"))
        var details = ["form": form]
        if let guarantor { details["guarantor"] = guarantor }
        let filing = FilingRecord(
            id: id, kind: .guarantee, applicantPartyId: applicant, relatedId: preservationId,
            amountFen: amount.value, details: details, at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(party.name)为保全申请提供担保\(amount.yuanString)元", by: actor)
    }

    /// The guarantee money or premium is paid (`reference`: the payment or policy reference).
    public static func payGuarantee(
        _ file: CaseFile, id: String, reference: String, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        let filing = try requireFiling(file, id, kind: .guarantee)
        return try moveFiling(
            file, id: id, to: .paid, side: side, details: ["reference": reference],
            summary: "担保已缴纳（\(Fen(filing.amountFen ?? 0).yuanString)元）", by: actor)
    }

    /// The court accepts the guarantee; the guarantee letter or insurance policy joins the dossier (downloadable).
    public static func acceptGuarantee(
        _ file: CaseFile, id: String, document: AttachedDocument, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "accept a guarantee", chinese: "审查担保")
        return try moveFiling(
            file, id: id, to: .accepted, side: side, court: ["documentId": document.meta.id],
            documents: [document], summary: "担保经审查符合要求，\(document.meta.title)已入卷", by: actor)
    }
}
