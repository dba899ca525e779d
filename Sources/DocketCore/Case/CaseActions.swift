/// Who makes a change, and when: every action stamps its records and timeline entry with it.
public struct Actor: Sendable {
    public var node: String
    /// The person at the node (operator name); never an ID number.
    public var name: String
    public var time: HybridTimestamp

    public init(node: String, name: String, time: HybridTimestamp) {
        self.node = node; self.name = name; self.time = time
    }
}

/// The changes people make to a case, as pure functions from the current case to a `CaseChange`.
public enum CaseActions {
    /// A new case from a checked filing. `partyIDs` supplies one fresh id per party, in order.
    /// `filingCodeHashes` (by party id) are the salted hashes of query codes handed out at filing time (the kiosk's
    /// receipt), so a filer can follow the case before the court has accepted it.
    public static func file(
        _ input: FilingInput, uid: String, partyIDs: [String], filingCodeHashes: [String: String] = [:],
        by actor: Actor
    ) throws -> (CaseFile, CaseChange) {
        precondition(partyIDs.count == input.parties.count)
        var record = CaseRecord(
            uid: uid, title: input.title, court: input.court, caseType: input.caseType,
            cause: input.cause, claimAmountFen: input.claimAmount?.value, claims: input.claims,
            status: .submitted, caseNumber: nil, filedAt: actor.time, filedBy: actor.node,
            updatedAt: actor.time, updatedBy: actor.node)
        record.facts = input.facts
        let parties = zip(input.parties, partyIDs).map { party, id in
            var record = PartyRecord(
                id: id, role: party.role, name: party.name, idNumber: party.idNumber, idKind: party.idKind,
                phone: party.phone, email: party.email, representative: party.representative,
                serviceConsent: party.serviceConsent, updatedAt: actor.time, updatedBy: actor.node)
            record.filingCodeHash = filingCodeHashes[id]
            record.address = party.address
            // A person is the default and is not written, so records of persons keep the lines they always had.
            if party.kind == .organisation { record.kind = PartyKind.organisation.rawValue }
            return record
        }
        let entry = DocketEntry(
            at: actor.time, node: actor.node, actor: actor.name, kind: "filed",
            summary: "提交立案申请：\(input.title)")
        var change = CaseChange(message: "File case: \(input.title)")
        try change.write(record, at: "case.json")
        for party in parties { try change.write(party, at: "parties/\(party.id).json") }
        try change.append(entry)
        return (CaseFile(record: record, parties: parties, documents: [], timeline: [entry]), change)
    }

    /// Sets fields of the case record (`field=value` pairs), one commit for all of them.
    public static func edit(_ file: CaseFile, set fields: [(String, String)], by actor: Actor) throws -> CaseChange {
        var record = file.record
        for (field, value) in fields { try CaseFields.apply(field, text: value, to: &record) }
        guard record != file.record else {
            throw DocketError(
                .conflict, key: "case.nothing-to-change", zh: "无需修改：案件已是这些内容。",
                en: "Nothing to change: the case already has these values.")
        }
        // Once accepted, the amount carries the fee with it (Decree 481 art. 21): it changes only by a decided
        // claim amendment, which assesses the difference or refunds it.
        if record.claimAmountFen != file.record.claimAmountFen, record.status != .submitted,
            record.status != .correctionRequested
        {
            throw DocketError(
                .conflict, key: "case.claim-amount-after-acceptance", zh: "受理后变更诉讼请求金额，应申请变更诉讼请求，"
                    + "由法院决定并相应补交或退还诉讼费。",
                en:
                    "After acceptance the claim amount changes through a claim amendment the court decides (docket "
                    + "claims amend / docket claims decide), so the fee follows it."
            )
        }
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        var change = CaseChange(message: "Edit case: \(fields.map(\.0).joined(separator: ", "))")
        try change.write(record, at: "case.json")
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "case-edited",
                summary: "修改案件信息：\(fields.map(\.0).joined(separator: "、"))"))
        return change
    }

    /// Sets fields of one party, one commit for all of them.
    public static func editParty(
        _ file: CaseFile, party id: String, set fields: [(String, String)], today: LocalDate,
        by actor: Actor
    ) throws -> CaseChange {
        guard var party = file.party(id) else {
            throw DocketError(
                .notFound, key: "party.not-found", zh: "案件中没有该当事人（\(id)）。", en: "The case has no party "
                    + "\(id).")
        }
        let before = party
        for (field, value) in fields { try PartyFields.apply(field, text: value, to: &party, today: today) }
        guard party != before else {
            throw DocketError(
                .conflict, key: "party.nothing-to-change", zh: "无需修改：该当事人已是这些内容。",
                en: "Nothing to change: the party already has these values.")
        }
        party.updatedAt = actor.time
        party.updatedBy = actor.node
        var change = CaseChange(message: "Edit party \(id): \(fields.map(\.0).joined(separator: ", "))")
        try change.write(party, at: "parties/\(id).json")
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "party-edited",
                summary: "修改当事人信息（\(party.name)）：\(fields.map(\.0).joined(separator: "、"))"))
        return change
    }

    /// Adds a document (its bytes and its metadata) to the dossier.
    public static func addDocument(_ meta: DocumentMeta, bytes: [UInt8], by actor: Actor) throws -> CaseChange {
        var change = CaseChange(message: "Add document \(meta.id): \(meta.name)")
        try change.add(meta, bytes: bytes)
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "document-added",
                summary: "添加材料：\(meta.title)"))
        return change
    }
}
