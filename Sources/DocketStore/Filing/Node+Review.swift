import DocketCore
import DocketGit
import Foundation
import GRDB

/// What `docket filing accept` reports.
public struct AcceptanceResult: Codable, Sendable {
    public struct PartyCode: Codable, Sendable {
        public var partyId: String, name: String, role: String, queryCode: String
    }
    public var uid: String
    public var caseNumber: String
    /// The procedure of a suit; nil for a case tried under none.
    public var procedure: String?
    /// What is to be paid now (0 when nothing is prepaid) and by when.
    public var feeFen: Int64
    public var fee: String
    public var feeDue: String?
    public var parties: [PartyCode]
}

extension Node {
    /// Accepts a submitted case (立案): allocates its case number (its type code from the type of case: 民初, 执, 财保, …,
    /// unless `type` names another), assesses the fee the case pays in advance (none for enforcement, which pays
    /// after, or for cases the decree exempts), gives every party a query code, issues the acceptance notice (and
    /// the fee notice when something is to be paid now), and starts the fee deadline. A suit is tried under
    /// `procedure` (ordinary by default); other cases take none. Court nodes only, for their own court's cases.
    public func accept(
        _ uid: String, procedure: Procedure? = nil, type: String? = nil, feeKind: FeeKind? = nil,
        judge: String? = nil, clerk: String? = nil, clerkPhone: String? = nil,
        today: LocalDate = Node.today()
    ) throws -> AcceptanceResult {
        try requireCourt("Accepting a case")
        let before = try caseFile(uid)
        guard before.record.status == .submitted else {
            throw DocketError(
                .conflict, key: "filing.only-submitted-accepted",
                zh:
                    "只有已提交的案件才能受理；本案当前状态为\(before.record.status.rawValue)"
                    + "\(before.record.caseNumber.map { " (\($0))" } ?? "")。",
                en:
                    "Only a submitted case can be accepted; this one is \(before.record.status.rawValue)"
                    + "\(before.record.caseNumber.map { " (\($0))" } ?? "")."
            )
        }
        guard before.record.court == config.courtCode else {
            throw DocketError(
                .notAllowed, key: "filing.other-court",
                zh: "该案件向\(before.record.court)提交，不属于本院（\(config.courtCode ?? "-")）。",
                en:
                    "The case is filed with court \(before.record.court), "
                    + "not with this court (\(config.courtCode ?? "-"))."
            )
        }
        let suit = FilingReview.isSuit(before.record)
        if !suit, let procedure {
            throw DocketError(
                .invalidInput, key: "filing.procedure-not-applicable",
                zh: "该类案件（\(before.record.caseType)）不适用\(procedure.chinese)。",
                en:
                    "A \(before.record.caseType) case is not tried under a procedure; "
                    + "\(procedure.rawValue) does not apply."
            )
        }
        let procedure = suit ? procedure ?? .ordinary : nil
        let type = type ?? FilingReview.numberType(before.record)
        let number = try allocateCaseNumber(for: uid, type: type, year: today.year)
        let kind = feeKind ?? FilingReview.feeKind(before.record)
        let fee = try FilingReview.fee(before.record, kind: kind, procedure: procedure)
        let due = try FeeNotice.dueDate(servedOn: today, periods: try periods())
        let feeDue = due.lastDay
        let codes = try queryCodes(for: uid, parties: before.parties.map(\.id))
        var rng = SystemRandomNumberGenerator()
        let assessmentID = Identifier.short("f", using: &rng)
        let acceptanceTemplate = try Self.template("acceptance-notice"), feeTemplate = try Self.template("fee-notice")
        let (_, after) = try updateCase(uid) { file, actor in
            var acceptance = Acceptance(
                caseNumber: number, procedure: procedure, feeKind: kind, fee: fee,
                acceptedOn: today, feeDue: feeDue, judge: judge, clerk: clerk, clerkPhone: clerkPhone,
                queryCodeHashes: Dictionary(
                    uniqueKeysWithValues: codes.map {
                        ($0.key, Self.queryCodeHash(uid: uid, party: $0.key, code: $0.value))
                    }),
                assessmentID: assessmentID, notices: [])
            acceptance.feeDueProvisional = due.provisional != nil
            let values = FilingNotices.acceptanceValues(file, acceptance, courtName: config.name)
            acceptance.notices = [
                try renderedDocument(acceptanceTemplate, values, name: "受理案件通知书.txt", title: "受理案件通知书", at: actor)
            ]
            if fee.feeFen > 0, kind.isPrepaid {
                acceptance.notices.append(
                    try renderedDocument(feeTemplate, values, name: "交纳诉讼费用通知书.txt", title: "交纳诉讼费用通知书", at: actor))
            }
            return try CaseActions.accept(file, acceptance, by: actor)
        }
        let prepaid = fee.feeFen > 0 && kind.isPrepaid
        return AcceptanceResult(
            uid: uid, caseNumber: number.canonical, procedure: procedure?.rawValue, feeFen: prepaid ? fee.feeFen : 0,
            fee: prepaid ? fee.fee : Fen.zero.yuanString, feeDue: prepaid ? feeDue.description : nil,
            parties: after.parties.map {
                AcceptanceResult.PartyCode(
                    partyId: $0.id, name: $0.name, role: $0.role.rawValue, queryCode: codes[$0.id] ?? "")
            })
    }

    /// Asks for corrections: one notice with every item; the case waits in `correction-requested`.
    public func requestCorrection(_ uid: String, items: [String], today: LocalDate = Node.today()) throws -> CaseFile {
        try requireCourt("Asking for corrections")
        let template = try Self.template("correction-notice")
        return try updateCase(uid) { file, actor in
            let notice = try renderedDocument(
                template, FilingNotices.correctionValues(file, items: items, courtName: config.name, date: today),
                name: "补正材料通知书.txt", title: "补正材料通知书", at: actor)
            return try CaseActions.requestCorrection(file, items: items, notice: notice, by: actor)
        }.file
    }

    /// The filer's corrected filing arrived: back to review, the 7 days counted again from today.
    public func resubmit(_ uid: String, today: LocalDate = Node.today()) throws -> CaseFile {
        try updateCase(uid) { file, actor in try CaseActions.resubmit(file, receivedOn: today, by: actor) }.file
    }

    /// Refuses the filing with a ruling not to accept it.
    public func reject(_ uid: String, reason: String, today: LocalDate = Node.today()) throws -> CaseFile {
        try requireCourt("Refusing a filing")
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DocketError(
                .invalidInput, key: "filing.refusal-reason-required", zh: "请说明不予受理的理由（--reason）。",
                en: "Give the reason for refusing (--reason).")
        }
        let template = try Self.template("non-acceptance-ruling")
        return try updateCase(uid) { file, actor in
            let ruling = try renderedDocument(
                template, FilingNotices.rejectionValues(file, reason: reason, courtName: config.name, date: today),
                name: "不予受理裁定书.txt", title: "民事裁定书（不予受理）", at: actor)
            return try CaseActions.reject(file, reason: reason, ruling: ruling, by: actor)
        }.file
    }

    /// Withdraws a case: an accepted one with the court's permission (court nodes; the fee is then halved), a filing
    /// still under review by its filer (or the court at the filer's request), without a ruling.
    public func withdraw(_ uid: String) throws -> CaseFile {
        let file = try caseFile(uid)
        if file.record.status == .submitted || file.record.status == .correctionRequested {
            guard config.role == .court || file.record.filedBy == config.nodeId else {
                throw DocketError(
                    .notAllowed, key: "filing.withdraw-filer-only",
                    zh: "只有立案申请人（\(file.record.filedBy)）"
                        + "或法院可以撤回该立案申请。",
                    en: "Only the filer (\(file.record.filedBy)) or the court can withdraw a filing under review.")
            }
            return try updateCase(uid) { file, actor in try CaseActions.withdrawFiling(file, by: actor) }.file
        }
        try requireCourt("Permitting a withdrawal")
        return try updateCase(uid) { file, actor in try CaseActions.withdraw(file, by: actor) }.file
    }

    /// Cases this node filed that look like the same filing as `input` (same court, parties, cause and claim) and
    /// are still alive (under review or accepted): the filer is warned before filing it again.
    public func duplicates(of input: FilingInput) throws -> [CaseSummary] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases WHERE filing_key = ? AND filed_by = ? AND status IN (?, ?, ?) ORDER BY filed_at
                    """,
                arguments: [
                    FilingKey.of(input), config.nodeId, CaseStatus.submitted.rawValue,
                    CaseStatus.correctionRequested.rawValue, CaseStatus.accepted.rawValue,
                ]
            ).map(Self.summary)
        }
    }

    /// Other live cases filed by the same filer with the same filing key: what the review queue flags as possible
    /// duplicates, by case uid.
    public func possibleDuplicates(ofCases uids: [String]) throws -> [String: [String]] {
        guard !uids.isEmpty else { return [:] }
        return try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.uid AS uid, b.uid AS other FROM cases a JOIN cases b
                      ON b.filing_key = a.filing_key AND b.filed_by = a.filed_by AND b.uid != a.uid
                    WHERE a.uid IN (\(uids.map { _ in "?" }.joined(separator: ","))) AND b.status IN (?, ?, ?)
                    ORDER BY b.filed_at
                    """,
                arguments: StatementArguments(
                    uids + [
                        CaseStatus.submitted.rawValue, CaseStatus.correctionRequested.rawValue,
                        CaseStatus.accepted.rawValue,
                    ]))
            return Dictionary(grouping: rows, by: { $0["uid"] as String }).mapValues {
                $0.map { $0["other"] as String }
            }
        }
    }

    /// The salted hash of a query code as stored in the party record.
    package static func queryCodeHash(uid: String, party: String, code: String) -> String {
        sha256Hex(Array("docket-query-code/1|\(uid)|\(party)|\(code)".utf8))
    }

    /// The query codes of a case's parties: those already handed out, new random 6-digit ones for the rest.
    /// Stored before they are used, so a retried acceptance prints the same codes; kept only until the message
    /// carrying a party's code is delivered, and at most `queryCodeLifetime` (see `deliverOutbox`).
    func queryCodes(for uid: String, parties: [String]) throws -> [String: String] {
        try database.write { db in
            var codes = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT party_id, code FROM query_codes WHERE case_uid = ?",
                    arguments: [uid]
                ).map { ($0["party_id"] as String, $0["code"] as String) })
            for party in parties where codes[party] == nil {
                let code = String(format: "%06d", Int.random(in: 0...999_999))
                try db.execute(
                    sql: "INSERT INTO query_codes (case_uid, party_id, code, issued_at) VALUES (?, ?, ?, ?)",
                    arguments: [uid, party, code, Date().timeIntervalSince1970])
                codes[party] = code
            }
            return codes
        }
    }

    /// Filings waiting for review, oldest first, with their review deadline; with `limit`, the oldest that many
    /// (the overdue check, when asked for, is made on those). From the index alone: the day the filing arrived is
    /// indexed, so no case repository is read.
    public func pendingFilings(overdueOn today: LocalDate? = nil, limit: Int? = nil) throws -> [(
        CaseSummary, PeriodResult
    )] {
        let periods = try periods()
        var arguments: [any DatabaseValueConvertible] = [
            CaseStatus.submitted.rawValue, CaseStatus.correctionRequested.rawValue,
        ]
        if let limit { arguments.append(limit) }
        let rows = try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM cases WHERE status IN (?, ?) ORDER BY filed_at" + (limit == nil ? "" : " LIMIT ?"),
                arguments: StatementArguments(arguments))
        }
        return try rows.compactMap { row in
            let summary = Self.summary(row)
            // Rows indexed before received_on existed fall back to the day of filing, as FilingReview does.
            let filedOn = LocalDate(
                date: try HybridTimestamp(parsing: summary.filedAt).date, timeZone: UTCTime.displayZone)
            let received = (row["received_on"] as String?).flatMap { try? LocalDate(parsing: $0) } ?? filedOn
            let due = try periods.period(.filingReview, from: received)
            if let today, !(today > due.lastDay && summary.status == CaseStatus.submitted.rawValue) { return nil }
            return (summary, due)
        }
    }

    /// How many filings wait for review (submitted, or back with the filer for corrections): one count over the
    /// index (`cases_status`).
    public func pendingFilingCount() throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM cases WHERE status IN (?, ?)",
                arguments: [CaseStatus.submitted.rawValue, CaseStatus.correctionRequested.rawValue]) ?? 0
        }
    }
}
