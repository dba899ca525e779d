import DocketCore
import Foundation
import GRDB

extension CourtServices {
    /// Who signs a court document of the case today: this court, the case's judge and clerk.
    func signature(_ file: CaseFile, today: LocalDate) -> CourtRulings.Signature {
        CourtRulings.Signature(court: node.config.name, date: today, judge: file.record.judge, clerk: file.record.clerk)
    }

    /// Rules on a preservation application (court nodes): the complete ruling (`CourtRulings.preservation`) joins
    /// the dossier — or the court's own file, when given — and is served electronically on every party who agreed.
    public func rulePreservation(
        _ uid: String, id: String, grant: Bool, reason: String, file path: (name: String, bytes: [UInt8])? = nil,
        today: LocalDate = Node.today()
    ) throws -> CaseFile {
        try courtDocumentStep(
            uid, id: id, kind: .preservation, title: "民事裁定书（财产保全）", served: "rulingDocumentId", file: path,
            text: { file, filing in
                CourtRulings.preservation(
                    file, filing, grant: grant, reason: reason, fee: filing.feeFen.map(Fen.init),
                    signature: self.signature(file, today: today))
            },
            step: { file, document, side, actor in
                try CaseActions.rulePreservation(
                    file, id: id, grant: grant, reason: reason, ruling: document, side: side, by: actor)
            })
    }

    /// Decides a reconsideration of a preservation ruling (court nodes), with its 复议决定书.
    public func decideReconsideration(
        _ uid: String, id: String, keep: Bool, reason: String, today: LocalDate = Node.today()
    ) throws -> CaseFile {
        try courtDocumentStep(
            uid, id: id, kind: .preservation, title: "复议决定书（财产保全）", served: "reconsiderationDocumentId",
            text: { file, filing in
                CourtRulings.reconsideration(
                    file, filing, keep: keep, reason: reason,
                    signature: self.signature(file, today: today))
            },
            step: { file, document, side, actor in
                try CaseActions.decideReconsideration(
                    file, id: id, grant: keep, reason: reason, ruling: document, side: side, by: actor)
            })
    }

    /// Decides an enforcement objection (court nodes), with its 执行裁定书 (reconsideration at the higher court within 10
    /// days of service).
    public func decideObjection(
        _ uid: String, id: String, upheld: Bool, reason: String, today: LocalDate = Node.today()
    ) throws -> CaseFile {
        try courtDocumentStep(
            uid, id: id, kind: .objection, title: "执行裁定书（执行异议）", served: "rulingDocumentId",
            text: { file, filing in
                CourtRulings.objection(
                    file, filing, upheld: upheld, reason: reason,
                    signature: self.signature(file, today: today))
            },
            step: { file, document, side, actor in
                try CaseActions.decideObjection(
                    file, id: id, upheld: upheld, reason: reason, ruling: document, side: side, by: actor)
            })
    }

    /// A court step on a request that brings a document: the court's own file when given, else the document
    /// written by `text`; the step runs as one commit, and the document (named by the request's court field
    /// `served`) is then served on every party who agreed to electronic service.
    private func courtDocumentStep(
        _ uid: String, id: String, kind: FilingKind, title: String, served field: String,
        file path: (name: String, bytes: [UInt8])? = nil,
        text: @escaping (CaseFile, FilingRecord) -> String,
        step: @escaping (CaseFile, CaseActions.AttachedDocument, ActingSide, Actor) throws -> CaseChange
    ) throws -> CaseFile {
        try node.requireCourt("\(kind.chinese) (\(title))")
        let file = try node.serviceStep(uid) { file, actor, side in
            let filing = try CaseActions.requireFiling(file, id, kind: kind)
            let document =
                try path.map { try node.attachment(name: $0.name, title: title, bytes: $0.bytes, actor: actor) }
                ?? node.generatedDocument(name: "\(title).txt", title: title, text: text(file, filing), at: actor)
            return try step(file, document, side, actor)
        }
        try serveOnConsenting(uid, documentId: file.filing(id)?.court[field])
        return try node.caseFile(uid)
    }

    /// Records the outcome of mediation (court nodes). Settled: the 民事调解书 joins the dossier and is served on every
    /// party who agreed to electronic service (it takes effect when they have all received it), and the fee is
    /// halved (refund or lower assessment).
    public func concludeMediation(
        _ uid: String, id: String, settled: Bool, today: LocalDate = Node.today()
    ) throws -> CaseFile {
        try node.requireCourt("Recording the outcome of mediation")
        let periods = try node.periods(), refundID = node.newRecordID("r")
        let before = try node.caseFile(uid)
        let filing = try CaseActions.requireFiling(before, id, kind: .mediation)
        // The agreement's own words go into the statement when it is text.
        var agreementText: String?
        if let document = filing.court["agreementDocumentId"].flatMap(before.document),
            document.mediaType.hasPrefix("text/")
        {
            agreementText = String(decoding: try node.document(uid, id: document.id).1, as: UTF8.self)
        }
        let file = try node.serviceStep(uid) { file, actor, side in
            let filing = try CaseActions.requireFiling(file, id, kind: .mediation)
            var statement: CaseActions.AttachedDocument?
            if settled {
                let halved = CaseActions.mediatedAcceptanceFee(file)
                statement = node.generatedDocument(
                    name: "民事调解书.txt", title: "民事调解书",
                    text: CourtRulings.mediationStatement(
                        file, filing, agreementText: agreementText, halvedFee: halved,
                        signature: signature(file, today: today)), at: actor)
            }
            return try CaseActions.concludeMediation(
                file, id: id, settled: settled, statement: statement, refundID: refundID,
                today: today, periods: periods, side: side, by: actor)
        }
        try serveOnConsenting(uid, documentId: file.filing(id)?.court["statementDocumentId"])
        return try node.caseFile(uid)
    }

    /// The court corrects the date of an extension it granted (a typing mistake, a changed circumstance), with the
    /// reason on record; never to a day already past.
    public func correctExtension(_ uid: String, id: String, newDate: LocalDate, reason: String) throws -> CaseFile {
        try node.requireCourt("Correcting an extension")
        return try node.serviceStep(uid) { file, actor, side in
            try CaseActions.correctExtension(file, id: id, newDate: newDate, reason: reason, side: side, by: actor)
        }
    }

    /// The court confirms the suit that keeps a pre-suit preservation alive: a real first-instance case — of this
    /// court, one it holds; of another court, a well-formed number.
    public func confirmSuit(_ uid: String, preservation id: String, caseNumber: String) throws -> CaseFile {
        try node.requireCourt("Confirming the suit after a pre-suit preservation")
        let suit: CaseNumber
        do { suit = try CaseNumber(parsing: caseNumber, allowUnknownCourt: true) } catch {
            throw DocketError(
                .invalidInput, key: "ruling.case-number-invalid", zh: "案号“\(caseNumber)”格式不正确："
                    + "\(error.chineseMessage)。",
                en: "\(caseNumber) is not a case number (案号 like （2026）鲁0102民初123号): \(error.englishMessage).")
        }
        var known = false
        if suit.court == node.config.courtCode {
            guard let found = try node.caseUID(byNumber: suit.canonical) else {
                throw DocketError(
                    .notFound, key: "ruling.suit-not-found", zh: "本院没有案号为\(suit.canonical)的案件；"
                        + "请待该案在本院受理后再确认起诉。",
                    en: "This court has no case \(suit.canonical); confirm the suit once it is accepted here.")
            }
            known = found != uid
        }
        return try node.serviceStep(uid) { file, actor, side in
            try CaseActions.recordSuit(file, id: id, suit: suit, known: known, side: side, by: actor)
        }
    }

    /// Serves a court document of a case on every party who agreed to electronic service and has an address (by
    /// e-mail when it has one, else SMS). Returns whom it was served on.
    @discardableResult
    func serveOnConsenting(_ uid: String, documentId: String?) throws -> [String] {
        guard let documentId else { return [] }
        let file = try node.caseFile(uid)
        var served: [String] = []
        for party in file.parties where party.serviceConsent != nil {
            guard let channel: ServiceChannel = party.email != nil ? .email : party.phone != nil ? .sms : nil else {
                continue
            }
            _ = try node.outbox.serve(uid, documentId: documentId, to: [party.id], channel: channel)
            served.append(party.id)
        }
        return served
    }
}

extension CourtServices {
    /// An enforcement application on an enforcement case, refused when the same applicant (same ID number, or same
    /// name without one) already applied for enforcement of the same judgment in another case of this node.
    public func applyEnforcement(
        _ uid: String, party reference: String, judgment: String, effectiveOn: LocalDate, amount: Fen?,
        today: LocalDate = Node.today()
    ) throws -> CaseFile {
        let id = node.newRecordID("f")
        let canonical = (try? CaseNumber(parsing: judgment, allowUnknownCourt: true).canonical) ?? judgment
        return try node.serviceStep(uid) { file, actor, _ in
            let applicant = try node.party(reference, in: file)
            let elsewhere = try node.database.read { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT c.case_number, r.case_uid FROM requests r
                        JOIN parties p ON p.case_uid = r.case_uid AND p.party_id = r.applicant
                        JOIN cases c ON c.uid = r.case_uid
                        WHERE r.kind = 'enforcement' AND r.subject = ? AND r.case_uid != ?
                          AND r.state NOT IN ('refused', 'withdrawn')
                          AND (p.id_number = ? OR (p.id_number IS NULL AND ? IS NULL AND p.name = ?))
                        """, arguments: [canonical, uid, applicant.idNumber, applicant.idNumber, applicant.name])
            }
            if let elsewhere {
                let where_ = (elsewhere["case_number"] as String?) ?? FilingNumber.of(uid: elsewhere["case_uid"])
                throw DocketError(
                    .conflict, key: "enforcement.already-applied-elsewhere",
                    zh: "\(applicant.name)已就\(canonical)申请执行（\(where_)），不能重复申请。",
                    en: "\(applicant.name) already applied for enforcement of \(canonical) in \(where_).")
            }
            return try CaseActions.applyEnforcement(
                file, id: id, applicant: applicant.id, judgmentCaseNumber: judgment,
                judgmentEffectiveOn: effectiveOn, amount: amount, today: today, by: actor)
        }
    }
}
