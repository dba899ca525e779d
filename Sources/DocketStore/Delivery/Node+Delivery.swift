import DocketCore
import DocketProcess
import Foundation
import GRDB

/// What one delivery pass did.
public struct DeliveryReport: Codable, Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    /// Messages still waiting (for their next attempt).
    public var waiting = 0
    /// Each failure of this pass: the message (service record id) and why.
    public var failures: [OutboxMessage.Failure] = []

    public init(delivered: Int = 0, failed: Int = 0, waiting: Int = 0) {
        self.delivered = delivered; self.failed = failed; self.waiting = waiting
    }
}

/// One message of the outbox as an operator reads it (`docket service outbox`).
public struct OutboxMessage: Codable, Sendable, Equatable {
    /// Why a message failed, for reports.
    public struct Failure: Codable, Sendable, Equatable {
        public var id: String
        public var reason: String
    }

    /// The service record's id.
    public var id: String
    public var caseUID: String
    public var channel: String
    public var address: String
    /// waiting (not tried yet), retrying (failed, tried again at `nextAttemptAt`), delivered, or abandoned.
    public var state: String
    public var attempts: Int
    public var lastError: String?
    /// Beijing time with the zone, e.g. "2026-12-07 10:12:03 +08:00".
    public var queuedAt: String?
    public var nextAttemptAt: String?
    public var deliveredAt: String?
    /// Why it will never be sent (its service record never reached the case).
    public var abandoned: String?
}

extension Node {
    /// Serves a document of a case electronically to parties (all of them when `partyIds` is nil): records the
    /// service in the case and queues one message per party in the outbox. Court nodes only.
    public func serve(
        _ uid: String, documentId: String, to partyIds: [String]?, channel: ServiceChannel
    ) throws -> [ServiceRecord] {
        try requireCourt("Serving documents")
        let file = try caseFile(uid)
        guard let meta = file.document(documentId) else {
            throw DocketError(
                .notFound, key: "document.not-found", zh: "案件中没有文书\(documentId)。",
                en: "The case has no document \(documentId).")
        }
        let (_, bytes) = try document(uid, id: documentId)
        let targets = partyIds ?? file.parties.map(\.id)
        var rng = SystemRandomNumberGenerator()
        let ids = targets.map { _ in Identifier.short("s", using: &rng) }
        let codes = try database.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT party_id, code FROM query_codes WHERE case_uid = ?", arguments: [uid]
                )
                .map { ($0["party_id"] as String, $0["code"] as String) })
        }
        // Plan first (this checks consent and addresses), queue the messages, then commit: a message in the
        // outbox whose service record never got committed is kept, marked abandoned, by the delivery pass.
        let actor = Actor(node: config.nodeId, name: currentOperator, time: tick())
        let (_, planned) = try CaseActions.planService(
            file, documentId: documentId, partyIds: targets, channel: channel, newIDs: ids, by: actor)
        try database.write { db in
            for record in planned {
                let party = file.party(record.partyId)!
                let message = serviceMessage(
                    file, meta: meta, bytes: bytes, record: record, party: party, code: codes[party.id])
                try db.execute(
                    sql: """
                        INSERT INTO service_outbox (id, case_uid, party_id, channel, address, message, next_attempt_at, queued_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.id, uid, party.id, channel.rawValue, record.address, Data(message),
                        Date().timeIntervalSince1970, Date().timeIntervalSince1970,
                    ])
            }
        }
        do {
            return try updateCase(uid) { file, actor in
                try CaseActions.planService(
                    file, documentId: documentId, partyIds: targets, channel: channel, newIDs: ids, by: actor
                ).0
            }.file.services.filter { ids.contains($0.id) }
        } catch {
            // Nothing was served: the queued messages go (the ids are ours alone, made above).
            try? database.write { db in
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

                \(config.name)依法向您电子送达\(number)案的《\(meta.title)》，见附件。
                \(codeLine)
                本邮件到达您的电子邮箱即视为送达（《人民法院在线诉讼规则》第三十一条）。

                \(config.name)
                """
            return MailMessage(
                from: config.setting(.mailFrom), to: record.address,
                subject: "【\(config.name)】\(number) "
                    + "\(meta.title)",
                body: body, attachmentName: meta.name, attachmentType: meta.mediaType, attachment: bytes,
                messageID: "\(record.id).\(file.record.uid)@\(config.nodeId)", date: Date()
            ).rendered()
        case .sms:
            return Array(
                "【\(config.name)】\(party.name)：本院向您送达\(number)案《\(meta.title)》，请登录诉讼服务平台或到自助终端查看。\(codeLine)".utf8)
        }
    }

    /// One delivery pass over the outbox: hands due messages to the configured mail or SMS command, records
    /// what was sent (with the e-service certificate once effective), and schedules failures for a later attempt,
    /// with the reason on the service record and in the timeline. Nothing is ever dropped: a case that cannot be
    /// read now is tried again later; a message whose service record never reached the case (its commit failed
    /// after queueing) is kept as abandoned, with the reason, once it is old enough that no commit can be pending.
    @discardableResult
    public func deliverOutbox(now: Date = Date()) throws -> DeliveryReport {
        var report = DeliveryReport()
        try forgetOldQueryCodes(now: now)
        let due = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, case_uid, party_id, channel, address, message, attempts, claimed_by, queued_at FROM service_outbox
                    WHERE delivered_at IS NULL AND abandoned IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at
                    """, arguments: [now.timeIntervalSince1970])
        }
        for row in due {
            let id: String = row["id"], uid: String = row["case_uid"], attempts: Int = row["attempts"]
            if let owner: Int32 = row["claimed_by"], owner != getpid(), kill(owner, 0) == 0 { continue }  // another live process has it
            let claimed = try database.write { db -> Bool in
                try db.execute(
                    sql:
                        "UPDATE service_outbox SET claimed_by = ? WHERE id = ? AND delivered_at IS NULL AND claimed_by IS ?",
                    arguments: [getpid(), id, row["claimed_by"] as Int32?])
                return db.changesCount == 1
            }
            guard claimed else { continue }
            let record: ServiceRecord?
            do {
                record = try caseFile(uid).services.first { $0.id == id }
            } catch {
                try retryLater(
                    id, attempts: attempts, now: now, reason: "the case could not be read: \(error)", into: &report)
                continue
            }
            guard let record else {
                // Queued just before its commit: give the commit time before calling the message abandoned.
                let queued = (row["queued_at"] as Double?) ?? 0
                if now.timeIntervalSince1970 - queued > Self.uncommittedServiceGrace {
                    try database.write { db in
                        try db.execute(
                            sql: "UPDATE service_outbox SET abandoned = ?, claimed_by = NULL WHERE id = ?",
                            arguments: [
                                "its service record was never written to the case (the serving step failed); not sent",
                                id,
                            ])
                    }
                } else {
                    try database.write { db in
                        try db.execute(sql: "UPDATE service_outbox SET claimed_by = NULL WHERE id = ?", arguments: [id])
                    }
                }
                continue
            }
            let channel = ServiceChannel(rawValue: row["channel"]) ?? .email
            let command = config.setting(channel == .email ? .mailCommand : .smsCommand)
            let message: Data = row["message"]
            let stamp = UTCTime.isoString(milliseconds: Int64(now.timeIntervalSince1970 * 1000))
            if let failure = Self.runDeliveryCommand(command, address: row["address"], input: message, channel: channel)
            {
                try retryLater(id, attempts: attempts, now: now, reason: failure, into: &report)
                if record.failure != failure {
                    try recordServiceProgress(uid, serviceId: id) { $0.failure = failure }
                }
                continue
            }
            try database.write { db in
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
            try recordServiceProgress(uid, serviceId: id) { record in
                record.sentAt = record.sentAt ?? stamp
                record.reachedAt = record.reachedAt ?? stamp
                record.failure = nil
            }
            report.delivered += 1
        }
        report.waiting = try database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM service_outbox WHERE delivered_at IS NULL AND abandoned IS NULL") ?? 0
        }
        return report
    }

    /// How long a query code is kept in plain text at most (its hash in the case verifies queries for good).
    public static let queryCodeLifetime: TimeInterval = 30 * 86_400

    /// Drops the query codes made longer ago than `queryCodeLifetime`.
    func forgetOldQueryCodes(now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM query_codes WHERE issued_at < ?",
                arguments: [now.timeIntervalSince1970 - Self.queryCodeLifetime])
        }
    }

    /// How long a queued message may wait for its service record to be committed before it counts as abandoned.
    static let uncommittedServiceGrace: TimeInterval = 600

    /// Schedules another attempt with exponential backoff (1 minute, doubling, at most an hour), keeping the reason.
    private func retryLater(
        _ id: String, attempts: Int, now: Date, reason: String, into report: inout DeliveryReport
    ) throws {
        let delay = min(3600.0, 60.0 * pow(2.0, Double(attempts)))
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE service_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_by = NULL WHERE id = ?
                    """, arguments: [now.timeIntervalSince1970 + delay, reason, id])
        }
        report.failed += 1
        report.failures.append(.init(id: id, reason: reason))
    }

    /// Every message of the outbox that is not delivered (or every one, with `all`), oldest first.
    public func outbox(all: Bool = false) throws -> [OutboxMessage] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, case_uid, channel, address, attempts, last_error, queued_at, next_attempt_at, delivered_at, abandoned
                    FROM service_outbox \(all ? "" : "WHERE delivered_at IS NULL") ORDER BY coalesce(queued_at, next_attempt_at), id
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
    public func retryOutbox(_ ids: [String]? = nil, now: Date = Date()) throws -> Int {
        try database.write { db in
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

    /// Notes that the party opened a served document (dossier review, the kiosk). Served then, if not before.
    public func markServiceRead(_ uid: String, serviceId: String, at now: Date = Date()) throws {
        let stamp = UTCTime.isoString(milliseconds: Int64(now.timeIntervalSince1970 * 1000))
        try recordServiceProgress(uid, serviceId: serviceId) { record in record.readAt = record.readAt ?? stamp }
    }

    /// On a court node, completes the service of every record of the case that has become effective elsewhere
    /// (a party read the document on a kiosk or a firm's node): `servedAt` and the certificate are the court's.
    public func completeEffectiveServices(_ uid: String) throws {
        guard let file = try? caseFile(uid), participant.isCourt(of: file.record.court) else { return }
        for record in file.services where record.servedAt == nil && record.effectiveServiceTime != nil {
            try recordServiceProgress(uid, serviceId: record.id) { _ in }
        }
    }

    /// Updates a service record; on the court's node, when it has just become effective, sets `servedAt` and adds
    /// the certificate. Elsewhere only the progress is recorded (the party read it); the court completes the
    /// service when the record reaches it. The timeline says what happened, in order: a failure and its reason,
    /// the sending, the service taking effect.
    func recordServiceProgress(
        _ uid: String, serviceId: String, _ update: @escaping (inout ServiceRecord) -> Void
    ) throws {
        let me = participant
        try updateCase(uid) { file, actor in
            guard var record = file.services.first(where: { $0.id == serviceId }) else {
                throw DocketError(
                    .notFound, key: "service.record-not-found", zh: "案件中没有送达记录\(serviceId)。",
                    en: "The case has no service record \(serviceId).")
            }
            let before = record
            update(&record)
            let party = file.party(record.partyId)?.name ?? record.partyId
            let how = record.channel == .email ? "电子邮件" : "短信"
            var lines: [String] = []
            if let failure = record.failure, failure != before.failure {
                lines.append("向\(party)发送《\(record.documentTitle)》未成功：\(failure)（将自动重试）")
            }
            if let sent = record.sentAt, before.sentAt == nil {
                lines.append(
                    "《\(record.documentTitle)》已通过\(how)发送至\(party)（\(record.address)），发送时间\(Self.beijing(sent))")
            }
            var certificate: (meta: DocumentMeta, bytes: [UInt8])?
            if !me.isCourt(of: file.record.court) {
                guard record != before else {
                    throw DocketError(
                        .conflict, key: "service.nothing-to-record", zh: "送达\(serviceId)没有需要记录的变化。",
                        en: "Nothing to record for service \(serviceId).")
                }
                if let read = record.readAt, before.readAt == nil {
                    lines.append("\(party)已阅读《\(record.documentTitle)》（\(Self.beijing(read))）")
                }
            } else if record.servedAt == nil, let effective = record.effectiveServiceTime {
                record.servedAt = effective
                let text = """
                    \(config.name)
                    电子送达凭证

                    案号：\(file.record.caseNumber ?? FilingNumber.of(uid: file.record.uid))
                    受送达人：\(party)
                    送达文书：\(record.documentTitle)
                    送达方式：\(how)（\(record.address)）
                    送达地址由受送达人提供：\(record.addressByParty ? "是" : "否")
                    发送时间：\(record.sentAt.map(Self.beijing) ?? "—")
                    到达时间：\(record.reachedAt.map(Self.beijing) ?? "—")
                    阅读时间：\(record.readAt.map(Self.beijing) ?? "—")
                    送达生效时间：\(Self.beijing(effective))（《人民法院在线诉讼规则》第三十一条）

                    \(config.name)
                    \(LocalDate(date: actor.time.date, timeZone: UTCTime.displayZone).chineseFormal)
                    """
                certificate = generatedDocument(
                    name: "电子送达凭证-\(record.id).txt", title: "电子送达凭证（\(record.documentTitle)）", text: text, at: actor)
                lines.append("《\(record.documentTitle)》已向\(party)电子送达，送达生效时间\(Self.beijing(effective))")
            }
            return try CaseActions.updateService(
                file, record, certificate: certificate,
                summary: lines.isEmpty ? nil : lines.joined(separator: "；"), by: actor)
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
