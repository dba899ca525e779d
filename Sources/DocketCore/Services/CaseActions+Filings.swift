/// Service requests as changes to a case: the common steps every kind uses. Each change writes the filing and one
/// timeline line in Chinese; moves are checked against the kind's state machine and court moves refused elsewhere.
extension CaseActions {
    /// A document to add to the dossier together with a step (ruling, report, agreement, guarantee letter, …).
    public typealias AttachedDocument = (meta: DocumentMeta, bytes: [UInt8])

    /// Writes a new request in its initial state. Refuses an id already used and an applicant who is not a party.
    public static func submitFiling(
        _ file: CaseFile, _ filing: FilingRecord, summary: String,
        documents: [AttachedDocument] = [], by actor: Actor
    ) throws -> CaseChange {
        guard file.filing(filing.id) == nil else {
            throw DocketError(
                .conflict, key: "request.duplicate-id", zh: "案件中已有申请\(filing.id)。",
                en: "The case already has a request \(filing.id).")
        }
        if let applicant = filing.applicantPartyId, file.party(applicant) == nil {
            throw DocketError(
                .notFound, key: "party.not-found", zh: "案件中没有该当事人（\(applicant)）。",
                en: "The case has no party \(applicant).")
        }
        var filing = filing
        filing.state = filing.kind.initialState
        filing.steps = [filing.state.rawValue: actor.time.description]
        filing.createdAt = actor.time
        filing.updatedAt = actor.time
        filing.updatedBy = actor.node
        return try write(
            filing, kind: "\(filing.kind.rawValue)-\(filing.state.rawValue)", summary: summary,
            message: "\(filing.kind.rawValue) \(filing.id): \(filing.state.rawValue)", documents: documents, by: actor)
    }

    /// Moves a request to `state`, merging `details` (the applicant's) and `court` (court-owned, only from a court
    /// node) into it, with optional documents for the dossier.
    public static func moveFiling(
        _ file: CaseFile, id: String, to state: FilingState, side: ActingSide,
        details: [String: String] = [:], court: [String: String] = [:],
        documents: [AttachedDocument] = [], summary: String, by actor: Actor
    ) throws -> CaseChange {
        var filing = try requireFiling(file, id)
        try filing.move(to: state, side: side, at: actor.time, by: actor.node)
        try apply(details: details, court: court, to: &filing, side: side)
        return try write(
            filing, kind: "\(filing.kind.rawValue)-\(state.rawValue)", summary: summary,
            message: "\(filing.kind.rawValue) \(filing.id): \(state.rawValue)", documents: documents, by: actor)
    }

    /// Changes fields of a request without moving it (a detail added, the court's note). Refuses a change that
    /// changes nothing.
    public static func annotateFiling(
        _ file: CaseFile, id: String, side: ActingSide, details: [String: String] = [:],
        court: [String: String] = [:], summary: String, by actor: Actor
    ) throws -> CaseChange {
        var filing = try requireFiling(file, id)
        let before = filing
        try apply(details: details, court: court, to: &filing, side: side)
        guard filing != before else {
            throw DocketError(
                .conflict, key: "request.nothing-to-change", zh: "无需修改：申请\(id)已是这些内容。",
                en: "Nothing to change: request \(id) already has these values.")
        }
        filing.updatedAt = actor.time
        filing.updatedBy = actor.node
        return try write(
            filing, kind: "\(filing.kind.rawValue)-updated", summary: summary,
            message: "\(filing.kind.rawValue) \(filing.id): updated", documents: [], by: actor)
    }

    /// The request with this id, or a refusal naming it.
    public static func requireFiling(_ file: CaseFile, _ id: String, kind: FilingKind? = nil) throws -> FilingRecord {
        guard let filing = file.filing(id) else {
            throw DocketError(
                .notFound, key: "request.not-found", zh: "案件中没有该申请（\(id)）。", en: "The case has no request "
                    + "\(id).")
        }
        if let kind, filing.kind != kind {
            throw DocketError(
                .invalidInput, key: "request.wrong-kind",
                zh: "申请\(id)是\(filing.kind.rawValue)类申请，不是\(kind.rawValue)类申请。",
                en: "Request \(id) is a \(filing.kind.rawValue) request, not a \(kind.rawValue) request.")
        }
        return filing
    }

    /// Refuses a court-only step on another node.
    static func requireCourt(_ side: ActingSide, _ what: String, chinese: String) throws {
        guard side == .court else { throw FilingKind.courtOnly(what, chinese: chinese) }
    }

    /// The party with this id, or a refusal naming it.
    static func requireParty(_ file: CaseFile, _ id: String) throws -> PartyRecord {
        guard let party = file.party(id) else {
            throw DocketError(
                .notFound, key: "party.not-found", zh: "案件中没有该当事人（\(id)）。", en: "The case has no party "
                    + "\(id).")
        }
        return party
    }

    private static func apply(
        details: [String: String], court: [String: String], to filing: inout FilingRecord,
        side: ActingSide
    ) throws {
        if !court.isEmpty { try requireCourt(side, "write the court's fields of a request", chinese: "法院意见") }
        filing.details.merge(details) { $1 }
        filing.court.merge(court) { $1 }
    }

    /// One step of a request or hearing: the record at its path, the documents it brings, one timeline line.
    static func write<R: PathedRecord>(
        _ record: R, kind: String, summary: String, message: String,
        documents: [AttachedDocument], by actor: Actor
    ) throws -> CaseChange {
        var change = CaseChange(message: message)
        try change.write(record, at: record.path)
        for document in documents { try change.add(document.meta, bytes: document.bytes) }
        try change.append(
            DocketEntry(at: actor.time, node: actor.node, actor: actor.name, kind: kind, summary: summary))
        return change
    }
}
