import DocketCore
import DocketProcess
import Foundation
import GRDB

/// The court's electronic service (送达) on its way out: serving a document records the service in the case and
/// queues one message per party; delivery passes send them by the node's mail or SMS command, retry with backoff and
/// give up on a message whose service record never reached the case. It owns the `service_outbox` table.
public struct Outbox: Sendable {
    /// The node whose cases hold the service records.
    let node: Node
}

extension Node {
    /// The outbox of electronic service at this node.
    public var outbox: Outbox { Outbox(node: self) }
}

extension Outbox {
    /// Serves a document of a case electronically to parties (all of them when `partyIds` is nil): records the
    /// service in the case and queues one message per party in the outbox. Court nodes only.
    public func serve(
        _ uid: String, documentId: String, to partyIds: [String]?, channel: ServiceChannel
    ) throws -> [ServiceRecord] {
        try node.requireCourt("Serving documents")
        let file = try node.caseFile(uid)
        guard let meta = file.document(documentId) else {
            throw DocketError(
                .notFound, key: "document.not-found", zh: "案件中没有文书\(documentId)。",
                en: "The case has no document \(documentId).")
        }
        let (_, bytes) = try node.document(uid, id: documentId)
        let targets = partyIds ?? file.parties.map(\.id)
        var rng = SystemRandomNumberGenerator()
        let ids = targets.map { _ in Identifier.short("s", using: &rng) }
        let codes = try node.database.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT party_id, code FROM query_codes WHERE case_uid = ?", arguments: [uid]
                )
                .map { ($0["party_id"] as String, $0["code"] as String) })
        }
        // Plan first (this checks consent and addresses), queue the messages, then commit: a message in the
        // outbox whose service record never got committed is kept, marked abandoned, by the delivery pass.
        let actor = Actor(node: node.config.nodeId, name: node.currentOperator, time: node.tick())
        let (_, planned) = try CaseActions.planService(
            file, documentId: documentId, partyIds: targets, channel: channel, newIDs: ids, by: actor)
        try node.database.write { db in
            for record in planned {
                let party = file.party(record.partyId)!
                let message = serviceMessage(
                    file, meta: meta, bytes: bytes, record: record, party: party, code: codes[party.id])
                try db.execute(
                    sql: """
                        INSERT INTO service_outbox
                            (id, case_uid, party_id, channel, address, message, next_attempt_at, queued_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.id, uid, party.id, channel.rawValue, record.address, Data(message),
                        Date().timeIntervalSince1970, Date().timeIntervalSince1970,
                    ])
            }
        }
        do {
            return try node.updateCase(uid) { file, actor in
                try CaseActions.planService(
                    file, documentId: documentId, partyIds: targets, channel: channel, newIDs: ids, by: actor
                ).0
            }.file.services.filter { ids.contains($0.id) }
        } catch {
            // Nothing was served: the queued messages go (the ids are ours alone, made above).
            try? node.database.write { db in
                try db.execute(
                    sql: "DELETE FROM service_outbox WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                    arguments: StatementArguments(ids))
            }
            throw error
        }
    }

    private func serviceMessage(
        _ file: CaseFile, meta: DocumentMeta, bytes: [UInt8], record: ServiceRecord, party: PartyRecord,
        code: String?
    ) -> [UInt8] {
        let number = file.record.caseNumber ?? file.record.title
        let codeLine = code.map { "您的诉讼服务密码：\($0)（请妥善保管，凭案号、身份证件号码和此密码查询案件、在线阅卷）。" } ?? ""
        switch record.channel {
        case .email:
            let body = """
                \(party.name)：

                \(node.config.name)依法向您电子送达\(number)案的《\(meta.title)》，见附件。
                \(codeLine)
                本邮件到达您的电子邮箱即视为送达（《人民法院在线诉讼规则》第三十一条）。

                \(node.config.name)
                """
            return MailMessage(
                from: node.config.setting(.mailFrom), to: record.address,
                subject: "【\(node.config.name)】\(number) "
                    + "\(meta.title)",
                body: body, attachmentName: meta.name, attachmentType: meta.mediaType, attachment: bytes,
                messageID: "\(record.id).\(file.record.uid)@\(node.config.nodeId)", date: Date()
            ).rendered()
        case .sms:
            return Array(
                "【\(node.config.name)】\(party.name)：本院向您送达\(number)案《\(meta.title)》，请登录诉讼服务平台或到自助终端查看。\(codeLine)".utf8)
        }
    }

    /// One delivery pass over the outbox: hands due messages to the configured mail or SMS command, records
    /// what was sent (with the e-service certificate once effective), and schedules failures for a later attempt,
    /// with the reason on the service record and in the timeline. Nothing is ever dropped: a case that cannot be
    /// read now is tried again later; a message whose service record never reached the case (its commit failed
    /// after queueing) is kept as abandoned, with the reason, once it is old enough that no commit can be pending.
    @discardableResult
    public func deliver(now: Date = Date()) throws -> DeliveryReport {
        var report = DeliveryReport()
        try node.forgetOldQueryCodes(now: now)
        let due = try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, case_uid, party_id, channel, address, message, attempts, claimed_by, queued_at
                    FROM service_outbox
                    WHERE delivered_at IS NULL AND abandoned IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at
                    """, arguments: [now.timeIntervalSince1970])
        }
        for row in due {
            let id: String = row["id"], uid: String = row["case_uid"], attempts: Int = row["attempts"]
            // another live process has it
            if let owner: Int32 = row["claimed_by"], owner != getpid(), kill(owner, 0) == 0 { continue }
            let claimed = try node.database.write { db -> Bool in
                try db.execute(
                    sql:
                        "UPDATE service_outbox SET claimed_by = ? "
                        + "WHERE id = ? AND delivered_at IS NULL AND claimed_by IS ?",
                    arguments: [getpid(), id, row["claimed_by"] as Int32?])
                return db.changesCount == 1
            }
            guard claimed else { continue }
            let record: ServiceRecord?
            do {
                record = try node.caseFile(uid).services.first { $0.id == id }
            } catch {
                try retryLater(
                    id, attempts: attempts, now: now, reason: "the case could not be read: \(error)", into: &report)
                continue
            }
            guard let record else {
                // Queued just before its commit: give the commit time before calling the message abandoned.
                let queued = (row["queued_at"] as Double?) ?? 0
                if now.timeIntervalSince1970 - queued > Self.uncommittedServiceGrace {
                    try node.database.write { db in
                        try db.execute(
                            sql: "UPDATE service_outbox SET abandoned = ?, claimed_by = NULL WHERE id = ?",
                            arguments: [
                                "its service record was never written to the case (the serving step failed); not sent",
                                id,
                            ])
                    }
                } else {
                    try node.database.write { db in
                        try db.execute(sql: "UPDATE service_outbox SET claimed_by = NULL WHERE id = ?", arguments: [id])
                    }
                }
                continue
            }
            let channel = ServiceChannel(rawValue: row["channel"]) ?? .email
            let command = node.config.setting(channel == .email ? .mailCommand : .smsCommand)
            let message: Data = row["message"]
            let stamp = UTCTime.isoString(milliseconds: Int64(now.timeIntervalSince1970 * 1000))
            if let failure = Self.runDeliveryCommand(command, address: row["address"], input: message, channel: channel)
            {
                try retryLater(id, attempts: attempts, now: now, reason: failure, into: &report)
                if record.failure != failure {
                    try recordProgress(uid, serviceId: id) { $0.failure = failure }
                }
                continue
            }
            try node.database.write { db in
                // Handed over: the text (which may carry the party's query code) is not kept, nor the code itself.
                try db.execute(
                    sql: """
                        UPDATE service_outbox SET delivered_at = ?, claimed_by = NULL, last_error = NULL,
                            message = zeroblob(0) WHERE id = ?
                        """,
                    arguments: [now.timeIntervalSince1970, id])
                if let party: String = row["party_id"] {
                    try db.execute(
                        sql: "DELETE FROM query_codes WHERE case_uid = ? AND party_id = ?", arguments: [uid, party])
                }
            }
            try recordProgress(uid, serviceId: id) { record in
                record.sentAt = record.sentAt ?? stamp
                record.reachedAt = record.reachedAt ?? stamp
                record.failure = nil
            }
            report.delivered += 1
        }
        report.waiting = try node.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM service_outbox WHERE delivered_at IS NULL AND abandoned IS NULL") ?? 0
        }
        return report
    }

    /// How long a queued message may wait for its service record to be committed before it counts as abandoned.
    static let uncommittedServiceGrace: TimeInterval = 600

    /// Schedules another attempt with exponential backoff (1 minute, doubling, at most an hour), keeping the reason.
    private func retryLater(
        _ id: String, attempts: Int, now: Date, reason: String, into report: inout DeliveryReport
    ) throws {
        let delay = min(3600.0, 60.0 * pow(2.0, Double(attempts)))
        try node.database.write { db in
            try db.execute(
                sql: """
                    UPDATE service_outbox
                    SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_by = NULL WHERE id = ?
                    """, arguments: [now.timeIntervalSince1970 + delay, reason, id])
        }
        report.failed += 1
        report.failures.append(.init(id: id, reason: reason))
    }

    /// Every message of the outbox that is not delivered (or every one, with `all`), oldest first.
    public func messages(all: Bool = false) throws -> [OutboxMessage] {
        try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, case_uid, channel, address, attempts, last_error, queued_at, next_attempt_at,
                        delivered_at, abandoned
                    FROM service_outbox \(all ? "" : "WHERE delivered_at IS NULL")
                    ORDER BY coalesce(queued_at, next_attempt_at), id
                    """
            ).map { row in
                let delivered = row["delivered_at"] as Double?, abandoned = row["abandoned"] as String?,
                    attempts = row["attempts"] as Int
                return OutboxMessage(
                    id: row["id"], caseUID: row["case_uid"], channel: row["channel"], address: row["address"],
                    state: delivered != nil
                        ? "delivered" : abandoned != nil ? "abandoned" : attempts > 0 ? "retrying" : "waiting",
                    attempts: attempts, lastError: row["last_error"],
                    queuedAt: (row["queued_at"] as Double?).map(UTCTime.beijingText),
                    nextAttemptAt: delivered == nil && abandoned == nil
                        ? UTCTime.beijingText(row["next_attempt_at"]) : nil,
                    deliveredAt: delivered.map(UTCTime.beijingText), abandoned: abandoned)
            }
        }
    }

    /// Makes waiting messages due now (those named, or every one), so the next delivery pass tries them at once.
    /// Returns how many were rescheduled.
    @discardableResult
    public func retry(_ ids: [String]? = nil, now: Date = Date()) throws -> Int {
        try node.database.write { db in
            var sql = "UPDATE service_outbox SET next_attempt_at = ? WHERE delivered_at IS NULL AND abandoned IS NULL"
            var arguments: StatementArguments = [now.timeIntervalSince1970]
            if let ids {
                sql += " AND id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(ids)
            }
            try db.execute(sql: sql, arguments: arguments)
            return db.changesCount
        }
    }

    /// A stored UTC time as people read it in Chinese documents: Beijing time, the zone stated.
    static func beijing(_ iso: String) -> String { UTCTime.beijingChinese(iso: iso) ?? iso }

    /// Runs the sendmail-compatible (or SMS) command with the message on its standard input; nil on success, else
    /// why it failed.
    static func runDeliveryCommand(_ command: String, address: String, input: Data, channel: ServiceChannel) -> String?
    {
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "no \(channel == .email ? "mail" : "sms").command is configured"
        }
        // The address is passed as an argument, never pasted into the command line.
        let outcome: ProcessOutcome
        do {
            outcome = try ProcessRunner.run(
                "/bin/sh", ["-c", channel == .email ? command : command + " \"$1\"", "docket-deliver", address],
                input: input)
        } catch { return "cannot run \(command): \(error)" }
        guard outcome.succeeded else {
            return "\(command) exited with \(outcome.status): \(outcome.errorText.prefix(500))"
        }
        return nil
    }
}
