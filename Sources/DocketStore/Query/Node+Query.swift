import DocketCore
import Foundation
import GRDB

extension Node {
    /// Failed attempts allowed per case number and per source within `queryWindow` before further attempts wait.
    static let queryAttempts = 5
    static let queryWindow: TimeInterval = 15 * 60

    /// The case and the party that the credentials unlock. The case is named by its case number or its filing
    /// number; the code is the court's query code or the one printed at self-service filing. Every kind of
    /// mismatch — unknown case, wrong ID number, wrong code — gives the same answer, so the answer tells nothing
    /// about which part was wrong.
    /// Too many failures for one case or from one source are refused for a while, even with the right code.
    public func unlock(_ credentials: QueryCredentials, now: Date = Date()) throws -> (CaseFile, PartyRecord) {
        let canonical = (try? CaseNumber(parsing: credentials.caseNumber, allowUnknownCourt: true).canonical)
            ?? FilingNumber.uidSuffix(credentials.caseNumber) ?? credentials.caseNumber
        let normalizedID = IdentityNumber.check(credentials.idNumber, today: Node.today()).normalized ?? credentials.idNumber.uppercased()
        let keys = [("case", canonical), ("source", credentials.source)]
        let since = now.timeIntervalSince1970 - Self.queryWindow
        try database.read { db in
            for (scope, key) in keys {
                let failures = try Int.fetchOne(db, sql: "SELECT count(*) FROM query_failures WHERE scope = ? AND key = ? AND at > ?",
                                                arguments: [scope, key, since]) ?? 0
                if failures >= Self.queryAttempts {
                    throw DocketError("Too many wrong attempts; try again in 15 minutes or ask at the counter. 尝试次数过多，请15分钟后再试或到窗口咨询。")
                }
            }
        }
        if let uid = try caseUID(byNumber: credentials.caseNumber.trimmingCharacters(in: .whitespaces)), let file = try? caseFile(uid) {
            let hash = { (party: PartyRecord) in
                Self.queryCodeHash(uid: uid, party: party.id, code: credentials.code.trimmingCharacters(in: .whitespaces))
            }
            if let party = file.parties.first(where: { party in
                party.idNumber == normalizedID && [party.queryCodeHash, party.filingCodeHash].contains(hash(party))
            }) {
                return (file, party)
            }
        }
        try database.write { db in
            for (scope, key) in keys {
                try db.execute(sql: "INSERT INTO query_failures (scope, key, at) VALUES (?, ?, ?)", arguments: [scope, key, now.timeIntervalSince1970])
            }
            try db.execute(sql: "DELETE FROM query_failures WHERE at < ?", arguments: [since - 86_400])
        }
        throw DocketError("No case matches these details. 未找到与所填信息相符的案件。")
    }

    /// The progress of the party's case: status, deadlines, contacts, fees, what was served, the timeline.
    public func query(_ credentials: QueryCredentials, today: LocalDate = Node.today()) throws -> ProgressReport {
        let (file, party) = try unlock(credentials)
        let r = file.record
        let periods = try periods()
        // Every open deadline of the case (review, fees, service requests, hearings, the civil timetable): the same
        // list `docket deadlines` keeps, the answer period counted from each defendant's receipt.
        var deadlines = CaseDeadlines.open(in: file, periods: periods).map { d in
            ProgressReport.Deadline(name: d.chinese, lastDay: d.deadline?.description ?? d.lastDay.description, basis: d.basis,
                                    overdue: today > d.lastDay, title: d.title, provisional: d.provisional)
        }
        let fees = file.fees
        let nextHearing = file.hearings.filter { $0.state == .scheduled }.min { $0.startsAt < $1.startsAt }.map { h in
            "\(h.startsAt.description.replacingOccurrences(of: "T", with: " ")) \(h.mode.chinese)\(h.place.map { " \($0)" } ?? "")"
        }
        func view(_ p: PartyRecord) -> ProgressReport.Party { .init(role: p.role.rawValue, name: p.name, idNumber: p.idNumber.map(Masking.mask)) }
        return ProgressReport(
            uid: r.uid, caseNumber: r.caseNumber, title: r.title, court: r.court, status: r.status.rawValue, procedure: r.procedure,
            acceptedOn: r.acceptedOn, judge: r.judge, clerk: r.clerk, clerkPhone: r.clerkPhone, nextHearing: nextHearing,
            you: view(party), parties: file.parties.map(view), deadlines: deadlines,
            fees: .init(assessedFen: fees.assessed.value, paidFen: fees.paid.value, outstandingFen: fees.outstanding.value,
                        dueDate: fees.dueDate?.description, status: fees.summary(today: today)),
            served: file.services.filter { $0.partyId == party.id }.map {
                .init(document: $0.documentTitle, channel: $0.channel.rawValue, sentAt: $0.sentAt, servedAt: $0.servedAt)
            },
            documents: file.documents.filter(\.isInDossier).map(\.title),
            timeline: file.timeline.map { .init(at: UTCTime.display($0.at.date), summary: $0.summary) })
    }

    /// The dossier a party may read: every document in it, and the party's own material still waiting for review.
    public func dossier(_ credentials: QueryCredentials) throws -> [DocumentMeta] {
        let (file, party) = try unlock(credentials)
        return file.documents.filter { $0.isInDossier || $0.submittedBy == party.id }
    }

    /// One document of the dossier; reading a document served on this party makes the service effective.
    public func dossierDocument(_ credentials: QueryCredentials, id: String) throws -> (DocumentMeta, [UInt8]) {
        let (file, party) = try unlock(credentials)
        guard let meta = file.document(id), meta.isInDossier || meta.submittedBy == party.id else {
            throw DocketError("The dossier has no document \(id).")
        }
        for service in file.services where service.partyId == party.id && service.documentId == id && service.readAt == nil {
            try markServiceRead(file.record.uid, serviceId: service.id)
        }
        return try document(file.record.uid, id: id)
    }

    /// A party hands in supplementary material; it waits for the judge before it joins the dossier.
    public func submitMaterial(_ credentials: QueryCredentials, name: String, title: String?, bytes: [UInt8]) throws -> DocumentMeta {
        let (file, party) = try unlock(credentials)
        var stored: DocumentMeta?
        try updateCase(file.record.uid) { _, actor in
            var meta = try attachment(name: name, title: title, bytes: bytes, actor: actor).meta
            meta.submittedBy = party.id
            meta.review = "pending"
            stored = meta
            return try CaseActions.submitMaterial(meta, bytes: bytes, partyName: party.name, by: actor)
        }
        return stored!
    }

    /// The judge lets supplementary material into the dossier, or refuses it. Court nodes only.
    public func reviewMaterial(_ uid: String, documentId: String, approve: Bool) throws -> CaseFile {
        try requireCourt("Reviewing supplementary material")
        return try updateCase(uid) { file, actor in try CaseActions.reviewMaterial(file, documentId: documentId, approve: approve, by: actor) }.file
    }
}
