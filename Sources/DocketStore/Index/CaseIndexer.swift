import DocketCore
import Foundation
import GRDB

/// Writes one case's rows into the index: the second half of the write path.
enum CaseIndexer {
    /// Replaces every row of the case with those of `file`, indexed from commit `tip`, and gives the case a new
    /// change sequence number unless `keepSequence` and it already has one. The case's full-text rows go to
    /// `searchRows` when given (written at the end of the transaction with those of other cases), else at once.
    static func index(
        _ file: CaseFile, tip: String, in db: Database, periods: PeriodCalculator, keepSequence: Bool = false,
        isNew: Bool = false, searchRows: CaseSearchRows? = nil
    ) throws {
        let record = file.record
        let fees = file.fees
        // A case indexed before keeps its row in `cases` and takes the next id (searches list the most recently
        // indexed first): deleting the row would run the foreign keys' cascade through every table of the case,
        // whose rows are deleted here anyway.
        let previousRowID =
            isNew
            ? nil
            : try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM cases WHERE uid = ?"), arguments: [record.uid])
        if previousRowID != nil { try deleteRowsBelow(uid: record.uid, in: db) }
        let caseColumns: StatementArguments = [
            record.caseNumber, record.status.rawValue, record.title, record.court,
            record.caseType, record.cause, record.claimAmountFen, record.claims,
            record.filedAt.description, record.filedBy, record.updatedAt.description,
            record.updatedBy, tip, fees.assessed.value, fees.outstanding.value,
            fees.dueDate?.description, FilingReview.receivedOn(record).description, FilingKey.of(file),
        ]
        let caseRowID: Int64
        if previousRowID != nil {
            caseRowID =
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(id), 0) + 1 FROM cases")) ?? 1
            try db.run(
                """
                UPDATE cases SET id = ?, case_number = ?, status = ?, title = ?, court = ?, case_type = ?, cause = ?,
                                 claim_fen = ?, claims = ?, filed_at = ?, filed_by = ?, updated_at = ?,
                                 updated_by = ?, tip = ?, fee_assessed_fen = ?, fee_outstanding_fen = ?, fee_due = ?,
                                 received_on = ?, filing_key = ?
                WHERE uid = ?
                """,
                arguments: [caseRowID] + caseColumns + [record.uid])
        } else {
            try db.run(
                """
                INSERT INTO cases (case_number, status, title, court, case_type, cause, claim_fen, claims, filed_at,
                                   filed_by, updated_at, updated_by, tip, fee_assessed_fen, fee_outstanding_fen,
                                   fee_due, received_on, filing_key, uid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: caseColumns + [record.uid])
            caseRowID = db.lastInsertedRowID
        }
        for party in file.parties {
            try db.run(
                """
                INSERT INTO parties
                    (case_uid, party_id, role, name, id_number, id_kind, phone, email, representative, firm)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    record.uid, party.id, party.role.rawValue, party.name, party.idNumber, party.idKind,
                    party.phone, party.email, party.representative?.name, party.representative?.firm,
                ])
        }
        for doc in file.documents {
            try db.run(
                """
                INSERT INTO documents (case_uid, doc_id, name, title, size, sha256, added_at, review)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    record.uid, doc.id, doc.name, doc.title, doc.size, doc.sha256, doc.addedAt.description, doc.review,
                ])
        }
        for entry in file.timeline {
            try db.run(
                "INSERT INTO timeline (case_uid, at, node, kind, summary) VALUES (?, ?, ?, ?, ?)",
                arguments: [record.uid, entry.at.description, entry.node, entry.kind, entry.summary])
        }
        for conflict in file.conflicts {
            try db.run(
                """
                INSERT INTO conflicts (id, case_uid, path, field, winner, status, needs_review, opened_at, record)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    conflict.id, record.uid, conflict.path, conflict.field, conflict.winner, conflict.status.rawValue,
                    conflict.needsReview, conflict.openedAt.description,
                    String(decoding: try conflict.canonicalBytes(), as: UTF8.self),
                ])
        }
        try indexDeadlines(file, in: db, periods: periods)
        for filing in file.filings {
            let applicant = filing.applicantPartyId.flatMap(file.party)?.name ?? filing.details["name"] ?? ""
            try db.run(
                """
                INSERT INTO requests
                    (case_uid, id, kind, state, applicant, awaiting, summary, subject, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    record.uid, filing.id, filing.kind.rawValue, filing.state.rawValue, filing.applicantPartyId,
                    filing.kind.awaiting(in: filing.state)?.rawValue,
                    "\(applicant)\(filing.kind.chinese)（\(filing.state.chinese)）",
                    filing.kind == .enforcement ? filing.details["judgmentCaseNumber"] : nil,
                    filing.createdAt.description, filing.updatedAt.description,
                ])
            guard let booking = Booking(filing: filing, caseUID: record.uid) else { continue }
            try db.run(
                "INSERT INTO bookings (id, case_uid, slot_id, holder, created_at, node) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    booking.id, booking.caseUID, booking.slotId, booking.holder, booking.createdAt.description,
                    booking.node,
                ])
        }
        for hearing in file.hearings where hearing.state == .scheduled {
            let slot = HearingSlot(hearing, in: record)
            try db.run(
                """
                INSERT INTO hearings (case_uid, id, starts_at, ends_at, place, judge, created_at, node)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    record.uid, hearing.id, slot.startsAt.description, slot.endsAt.description,
                    hearing.mode == .inPerson ? hearing.place : nil, slot.judge, hearing.createdAt.description,
                    hearing.updatedBy,
                ])
        }
        let partyText = file.parties.map { party in
            [party.name, party.representative?.name].compactMap { $0 }.joined(separator: " ")
        }
        .joined(separator: " ")
        let rows = searchRows ?? CaseSearchRows()
        rows.replace(previousRowID, by: caseRowID, texts: [record.title, record.cause, record.claims, partyText])
        if searchRows == nil { try rows.write(in: db) }
        let hasSequence =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM case_changes WHERE case_uid = ?"), arguments: [record.uid])
            ?? false
        if !(keepSequence && hasSequence) {
            try db.run(
                """
                INSERT INTO case_changes (case_uid, seq)
                VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM case_changes))
                ON CONFLICT (case_uid) DO UPDATE SET seq = excluded.seq
                """, arguments: [record.uid])
        }
    }

    /// The case's open deadlines (`CaseDeadlines`), so `docket deadlines` is one query over every case.
    static func indexDeadlines(_ file: CaseFile, in db: Database, periods: PeriodCalculator) throws {
        let r = file.record
        // A concluded case at rest has none: skip the calendar unless something can still be due.
        let concluded = r.status == .closed || r.status == .withdrawn
        guard
            !concluded || file.fees.outstanding > .zero || !file.filings.isEmpty || !file.hearings.isEmpty
                || file.payments.contains(where: { $0.state == .refundRequested })
        else { return }
        for d in CaseDeadlines.open(in: file, periods: periods) {
            try db.run(
                """
                INSERT INTO deadlines
                    (case_uid, record, name, title, chinese, owner, last_day, deadline, basis, rule, provisional, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    r.uid, d.recordPath, d.name, d.title, d.chinese, d.owner, d.lastDay.description,
                    d.deadline?.description, d.basis, d.rule.joined(separator: "\n"), d.provisional, d.error,
                ])
        }
    }

    /// Removes every indexed row of a case (not its change sequence).
    static func delete(uid: String, in db: Database) throws {
        try db.run("DELETE FROM case_search WHERE rowid = (SELECT id FROM cases WHERE uid = ?)", arguments: [uid])
        try db.run("DELETE FROM case_pairs WHERE rowid = (SELECT id FROM cases WHERE uid = ?)", arguments: [uid])
        try deleteRowsBelow(uid: uid, in: db)
        try db.run("DELETE FROM cases WHERE uid = ?", arguments: [uid])
    }

    /// Removes the case's rows of every table whose rows belong to one row of `cases` (its parties, documents,
    /// timeline, conflicts, deadlines, requests, hearings and bookings).
    private static func deleteRowsBelow(uid: String, in db: Database) throws {
        for table in ["requests", "hearings", "bookings", "deadlines", "conflicts", "timeline", "documents", "parties"]
        {
            try db.run("DELETE FROM \(table) WHERE case_uid = ?", arguments: [uid])
        }
    }

    /// The commit a case was last indexed from, or nil.
    static func indexedTip(uid: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT tip FROM cases WHERE uid = ?"), arguments: [uid])
    }
}

private extension Database {
    /// Runs one statement, prepared once per connection: a case's rows are written by the same dozen statements
    /// every time, and preparing them anew cost as much as running them.
    func run(_ sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
