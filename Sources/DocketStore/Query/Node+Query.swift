import DocketCore
import Foundation
import GRDB

extension Node {
    /// Failed attempts allowed within `queryWindow`: for one case at one source (a terminal, a user) — the limit a
    /// visitor who mistypes meets, which locks nobody else out —, for one case from everywhere (a code guessed from
    /// many places), and from one source across cases (one terminal trying case after case).
    static let queryAttemptsPerCaseAtSource = 5
    static let queryAttemptsPerCase = 20
    static let queryAttemptsPerSource = 30
    static let queryWindow: TimeInterval = 15 * 60

    /// The case and the party that the credentials unlock. The case is named by its case number or its filing
    /// number; the code is the court's query code or the one printed at self-service filing. Every kind of
    /// mismatch — unknown case, wrong ID number, wrong code — gives the same answer, so the answer tells nothing
    /// about which part was wrong.
    /// Too many failures (`queryAttempts…`) are refused for a while, even with the right code; an administrator
    /// sees the lockouts (`queryLockouts`) and can lift them (`liftQueryLockout`).
    public func unlock(_ credentials: QueryCredentials, now: Date = Date()) throws -> (CaseFile, PartyRecord) {
        let canonical = Self.queryCaseKey(credentials.caseNumber)
        let normalizedID =
            IdentityNumber.check(credentials.idNumber, today: Node.today()).normalized
            ?? credentials.idNumber.uppercased()
        let keys = Self.lockoutKeys(case: canonical, source: credentials.source)
        let since = now.timeIntervalSince1970 - Self.queryWindow
        try database.read { db in
            for (scope, key, limit) in keys {
                let failures =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM query_failures WHERE scope = ? AND key = ? AND at > ?",
                        arguments: [scope.rawValue, key, since]) ?? 0
                if failures >= limit {
                    throw DocketError(
                        .unavailable, key: "query.locked-out", zh: "尝试次数过多，请15分钟后再试或到窗口咨询。",
                        en: "Too many wrong attempts; try again in 15 minutes or ask at the counter.")
                }
            }
        }
        if let uid = try caseUID(byNumber: credentials.caseNumber.trimmingCharacters(in: .whitespaces)),
            let file = try? caseFile(uid)
        {
            let hash = { (party: PartyRecord) in
                Self.queryCodeHash(
                    uid: uid, party: party.id, code: credentials.code.trimmingCharacters(in: .whitespaces))
            }
            if let party = file.parties.first(where: { party in
                party.idNumber == normalizedID && [party.queryCodeHash, party.filingCodeHash].contains(hash(party))
            }) {
                return (file, party)
            }
        }
        try database.write { db in
            for (scope, key, _) in keys {
                try db.execute(
                    sql: "INSERT INTO query_failures (scope, key, at) VALUES (?, ?, ?)",
                    arguments: [scope.rawValue, key, now.timeIntervalSince1970])
            }
            try db.execute(sql: "DELETE FROM query_failures WHERE at < ?", arguments: [since - 86_400])
        }
        throw DocketError(.notFound, key: "query.no-match", zh: "未找到与所填信息相符的案件。", en: "No case matches "
            + "these details.")
    }

    /// The key failures of a case are counted under: its canonical case number or filing-number suffix.
    static func queryCaseKey(_ text: String) -> String {
        (try? CaseNumber(parsing: text, allowUnknownCourt: true).canonical) ?? FilingNumber.uidSuffix(text) ?? text
    }

    static func lockoutKeys(case canonical: String, source: String) -> [(QueryLockout.Scope, String, Int)] {
        [
            (.caseAtSource, "\(canonical)|\(source)", queryAttemptsPerCaseAtSource),
            (.case, canonical, queryAttemptsPerCase),
            (.source, source, queryAttemptsPerSource),
        ]
    }

    /// Query lockouts in force now: each case, source or case at a source with too many recent failures.
    public func queryLockouts(now: Date = Date()) throws -> [QueryLockout] {
        let since = now.timeIntervalSince1970 - Self.queryWindow
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT scope, key, count(*) AS failures, max(at) AS last FROM query_failures WHERE at > ?
                    GROUP BY scope, key ORDER BY last DESC
                    """, arguments: [since]
            ).compactMap { row -> QueryLockout? in
                guard let scope = QueryLockout.Scope(rawValue: row["scope"]) else { return nil }
                let failures: Int = row["failures"]
                let limit = [
                    .caseAtSource: Self.queryAttemptsPerCaseAtSource, .case: Self.queryAttemptsPerCase,
                    .source: Self.queryAttemptsPerSource,
                ][scope]!
                guard failures >= limit else { return nil }
                let key: String = row["key"]
                let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
                // The lock lifts when the oldest of the last `limit` failures leaves the window.
                let times = try Double.fetchAll(
                    db,
                    sql:
                        "SELECT at FROM query_failures WHERE scope = ? AND key = ? AND at > ? ORDER BY at DESC LIMIT ?",
                    arguments: [scope.rawValue, key, since, limit])
                let until = (times.last ?? now.timeIntervalSince1970) + Self.queryWindow
                return QueryLockout(
                    scope: scope, caseKey: scope == .source ? nil : parts[0],
                    source: scope == .case ? nil : (scope == .source ? key : parts.count > 1 ? parts[1] : nil),
                    failures: failures, until: UTCTime.beijingText(until))
            }
        }
    }

    /// Lifts exactly one lockout as `queryLockouts` listed it. Returns how many failures were forgotten.
    @discardableResult
    public func liftQueryLockout(_ lockout: QueryLockout) throws -> Int {
        let key: String
        switch lockout.scope {
        case .caseAtSource: key = "\(lockout.caseKey ?? "")|\(lockout.source ?? "")"
        case .case: key = lockout.caseKey ?? ""
        case .source: key = lockout.source ?? ""
        }
        return try database.write { db in
            try db.execute(
                sql: "DELETE FROM query_failures WHERE scope = ? AND key = ?", arguments: [lockout.scope.rawValue, key])
            return db.changesCount
        }
    }

    /// Lifts lockouts: of a case (everywhere, `caseNumber` alone), of a source (`source` alone), or of a case at
    /// one source (both). Returns how many failures were forgotten.
    @discardableResult
    public func liftQueryLockout(caseNumber: String?, source: String?) throws -> Int {
        guard caseNumber != nil || source != nil else {
            throw DocketError(
                .invalidInput, key: "query.lockout-scope-required", zh: "请指定案号或终端。",
                en: "Say which lockout: --case, --source or both.")
        }
        let canonical = caseNumber.map(Self.queryCaseKey)
        return try database.write { db in
            switch (canonical, source) {
            case let (c?, s?):
                try db.execute(
                    sql: "DELETE FROM query_failures WHERE scope = ? AND key = ?",
                    arguments: [QueryLockout.Scope.caseAtSource.rawValue, "\(c)|\(s)"])
            case let (c?, nil):
                try db.execute(
                    sql:
                        "DELETE FROM query_failures "
                        + "WHERE (scope = ? AND key = ?) OR (scope = ? AND substr(key, 1, length(?)) = ?)",
                    arguments: [
                        QueryLockout.Scope.case.rawValue, c, QueryLockout.Scope.caseAtSource.rawValue, c + "|", c + "|",
                    ])
            case let (nil, s?):
                try db.execute(
                    sql:
                        "DELETE FROM query_failures "
                        + "WHERE (scope = ? AND key = ?) OR (scope = ? AND substr(key, -length(?)) = ?)",
                    arguments: [
                        QueryLockout.Scope.source.rawValue, s, QueryLockout.Scope.caseAtSource.rawValue, "|" + s,
                        "|" + s,
                    ])
            case (nil, nil): break
            }
            return db.changesCount
        }
    }

    /// The progress of the party's case: status, deadlines, contacts, fees, what was served, the timeline.
    public func query(_ credentials: QueryCredentials, today: LocalDate = Node.today()) throws -> ProgressReport {
        let (file, party) = try unlock(credentials)
        let r = file.record
        let periods = try periods()
        // Every open deadline of the case (review, fees, service requests, hearings, the civil timetable): the same
        // list `docket deadlines` keeps, the answer period counted from each defendant's receipt.
        let deadlines = CaseDeadlines.open(in: file, periods: periods).map { d in
            ProgressReport.Deadline(
                name: d.chinese, lastDay: d.deadline?.description ?? d.lastDay.description, basis: d.basis,
                overdue: today > d.lastDay, title: d.title, provisional: d.provisional)
        }
        let fees = file.fees
        let nextHearing = file.hearings.filter { $0.state == .scheduled }.min { $0.startsAt < $1.startsAt }.map { h in
            "\(h.startsAt.description.replacingOccurrences(of: "T", with: " ")) "
                + "\(h.mode.chinese)\(h.place.map { " \($0)" } ?? "")"
        }
        func view(_ p: PartyRecord) -> ProgressReport.Party {
            .init(role: p.role.rawValue, name: p.name, idNumber: p.idNumber.map(Masking.mask))
        }
        return ProgressReport(
            uid: r.uid, caseNumber: r.caseNumber, title: r.title, court: r.court, status: r.status.rawValue,
            procedure: r.procedure,
            acceptedOn: r.acceptedOn, judge: r.judge, clerk: r.clerk, clerkPhone: r.clerkPhone,
            nextHearing: nextHearing,
            you: view(party), parties: file.parties.map(view), deadlines: deadlines,
            fees: .init(
                assessedFen: fees.assessed.value, paidFen: fees.paid.value, outstandingFen: fees.outstanding.value,
                dueDate: fees.dueDate?.description, status: fees.summary(today: today)),
            served: file.services.filter { $0.partyId == party.id }.map {
                .init(
                    document: $0.documentTitle, channel: $0.channel.rawValue, sentAt: $0.sentAt, servedAt: $0.servedAt)
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
            throw DocketError(
                .notFound, key: "query.document-not-in-dossier", zh: "卷宗中没有文书\(id)。",
                en: "The dossier has no document \(id).")
        }
        for service in file.services
        where service.partyId == party.id && service.documentId == id && service.readAt == nil {
            try outbox.markRead(file.record.uid, serviceId: service.id)
        }
        return try document(file.record.uid, id: id)
    }

    /// A party hands in supplementary material; it waits for the judge before it joins the dossier.
    public func submitMaterial(
        _ credentials: QueryCredentials, name: String, title: String?, bytes: [UInt8]
    ) throws -> DocumentMeta {
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
        return try updateCase(uid) { file, actor in
            try CaseActions.reviewMaterial(file, documentId: documentId, approve: approve, by: actor)
        }.file
    }
}

extension Node {
    /// How long a query code is kept in plain text at most (its hash in the case verifies queries for good).
    package static let queryCodeLifetime: TimeInterval = 30 * 86_400

    /// Drops the query codes made longer ago than `queryCodeLifetime`.
    func forgetOldQueryCodes(now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM query_codes WHERE issued_at < ?",
                arguments: [now.timeIntervalSince1970 - Self.queryCodeLifetime])
        }
    }
}
