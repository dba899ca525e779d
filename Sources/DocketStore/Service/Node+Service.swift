import DocketCore
import Foundation
import GRDB

/// What one delivery pass did.
public struct DeliveryReport: Codable, Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    /// Messages still waiting (for their next attempt).
    public var waiting = 0

    public init(delivered: Int = 0, failed: Int = 0, waiting: Int = 0) {
        self.delivered = delivered; self.failed = failed; self.waiting = waiting
    }
}

extension Node {
    /// Serves a document of a case electronically to parties (all of them when `partyIds` is nil): records the
    /// service in the case and queues one message per party in the outbox. Court nodes only.
    public func serve(_ uid: String, documentId: String, to partyIds: [String]?, channel: ServiceChannel) throws -> [ServiceRecord] {
        try requireCourt("Serving documents")
        let file = try caseFile(uid)
        guard let meta = file.document(documentId) else { throw DocketError("The case has no document \(documentId).") }
        let (_, bytes) = try document(uid, id: documentId)
        let targets = partyIds ?? file.parties.map(\.id)
        var rng = SystemRandomNumberGenerator()
        let ids = targets.map { _ in Identifier.short("s", using: &rng) }
        let codes = try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT party_id, code FROM query_codes WHERE case_uid = ?", arguments: [uid])
                .map { ($0["party_id"] as String, $0["code"] as String) })
        }
        // Plan first (this checks consent and addresses), queue the messages, then commit: a message in the
        // outbox whose service record never got committed is dropped by the delivery pass.
        let actor = Actor(node: config.nodeId, name: operatorName, time: tick())
        let (_, planned) = try CaseActions.planService(file, documentId: documentId, partyIds: targets, channel: channel, newIDs: ids, by: actor)
        try database.write { db in
            for record in planned {
                let party = file.party(record.partyId)!
                let message = serviceMessage(file, meta: meta, bytes: bytes, record: record, party: party, code: codes[party.id])
                try db.execute(sql: """
                    INSERT INTO service_outbox (id, case_uid, channel, address, message, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [record.id, uid, channel.rawValue, record.address, Data(message), Date().timeIntervalSince1970])
            }
        }
        do {
            return try updateCase(uid) { file, actor in
                try CaseActions.planService(file, documentId: documentId, partyIds: targets, channel: channel, newIDs: ids, by: actor).0
            }.file.services.filter { ids.contains($0.id) }
        } catch {
            try? database.write { db in try db.execute(sql: "DELETE FROM service_outbox WHERE id IN (\(ids.map { "'\($0)'" }.joined(separator: ",")))") }
            throw error
        }
    }

    private func serviceMessage(_ file: CaseFile, meta: DocumentMeta, bytes: [UInt8], record: ServiceRecord, party: PartyRecord,
                                code: String?) -> [UInt8] {
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
            return MailMessage(from: config.setting(.mailFrom), to: record.address, subject: "【\(config.name)】\(number) \(meta.title)",
                               body: body, attachmentName: meta.name, attachmentType: meta.mediaType, attachment: bytes,
                               messageID: "\(record.id).\(file.record.uid)@\(config.nodeId)", date: Date()).rendered()
        case .sms:
            return Array("【\(config.name)】\(party.name)：本院向您送达\(number)案《\(meta.title)》，请登录诉讼服务平台或到自助终端查看。\(codeLine)".utf8)
        }
    }

    /// One delivery pass over the outbox: hands due messages to the configured mail or SMS command, records
    /// what reached the party (with the e-service certificate), and schedules failures for a later attempt.
    @discardableResult
    public func deliverOutbox(now: Date = Date()) throws -> DeliveryReport {
        var report = DeliveryReport()
        let due = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, case_uid, channel, address, message, attempts, claimed_by FROM service_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at
                """, arguments: [now.timeIntervalSince1970])
        }
        for row in due {
            let id: String = row["id"], uid: String = row["case_uid"], attempts: Int = row["attempts"]
            if let owner: Int32 = row["claimed_by"], owner != getpid(), kill(owner, 0) == 0 { continue } // another live process has it
            let claimed = try database.write { db -> Bool in
                try db.execute(sql: "UPDATE service_outbox SET claimed_by = ? WHERE id = ? AND delivered_at IS NULL AND claimed_by IS ?",
                               arguments: [getpid(), id, row["claimed_by"] as Int32?])
                return db.changesCount == 1
            }
            guard claimed else { continue }
            guard (try? caseFile(uid).services.contains(where: { $0.id == id })) == true else {
                try database.write { db in try db.execute(sql: "DELETE FROM service_outbox WHERE id = ?", arguments: [id]) }
                continue
            }
            let channel = ServiceChannel(rawValue: row["channel"]) ?? .email
            let command = config.setting(channel == .email ? .mailCommand : .smsCommand)
            let message: Data = row["message"]
            let outcome = Self.runDeliveryCommand(command, address: row["address"], input: message, channel: channel)
            let stamp = UTCTime.isoString(milliseconds: Int64(now.timeIntervalSince1970 * 1000))
            if let failure = outcome {
                let delay = min(3600.0, 60.0 * pow(2.0, Double(attempts)))
                try database.write { db in
                    try db.execute(sql: """
                        UPDATE service_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_by = NULL WHERE id = ?
                        """, arguments: [now.timeIntervalSince1970 + delay, failure, id])
                }
                report.failed += 1
                continue
            }
            try database.write { db in
                try db.execute(sql: "UPDATE service_outbox SET delivered_at = ?, claimed_by = NULL, last_error = NULL WHERE id = ?",
                               arguments: [now.timeIntervalSince1970, id])
            }
            try recordServiceProgress(uid, serviceId: id) { record in
                record.sentAt = record.sentAt ?? stamp
                record.reachedAt = record.reachedAt ?? stamp
                record.failure = nil
            }
            report.delivered += 1
        }
        report.waiting = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM service_outbox WHERE delivered_at IS NULL") ?? 0
        }
        return report
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
    /// service when the record reaches it.
    func recordServiceProgress(_ uid: String, serviceId: String, _ update: @escaping (inout ServiceRecord) -> Void) throws {
        let me = participant
        try updateCase(uid) { file, actor in
            guard var record = file.services.first(where: { $0.id == serviceId }) else {
                throw DocketError("The case has no service record \(serviceId).")
            }
            let before = record
            update(&record)
            var certificate: (meta: DocumentMeta, bytes: [UInt8])?
            var summary: String?
            if !me.isCourt(of: file.record.court) {
                guard record != before else { throw DocketError("Nothing to record for service \(serviceId).") }
            } else if record.servedAt == nil, let effective = record.effectiveServiceTime {
                record.servedAt = effective
                let party = file.party(record.partyId)
                let text = """
                \(config.name)
                电子送达凭证

                案号：\(file.record.caseNumber ?? file.record.uid)
                受送达人：\(party?.name ?? record.partyId)
                送达文书：\(record.documentTitle)
                送达方式：\(record.channel == .email ? "电子邮件" : "短信")（\(record.address)）
                送达地址由受送达人提供：\(record.addressByParty ? "是" : "否")
                发送时间：\(record.sentAt ?? "—")
                到达时间：\(record.reachedAt ?? "—")
                阅读时间：\(record.readAt ?? "—")
                送达生效时间：\(effective)（《人民法院在线诉讼规则》第三十一条）
                """
                certificate = generatedDocument(name: "电子送达凭证-\(record.id).txt", title: "电子送达凭证（\(record.documentTitle)）", text: text, at: actor)
                summary = "《\(record.documentTitle)》已向\(party?.name ?? record.partyId)电子送达（\(effective)）"
            }
            return try CaseActions.updateService(file, record, certificate: certificate, summary: summary, by: actor)
        }
    }

    /// Runs the sendmail-compatible (or SMS) command; nil on success, else why it failed.
    /// A command that exits without reading all of its input would otherwise kill this process with SIGPIPE
    /// when we write the rest; ignored, the write just fails and the exit status tells what happened.
    private static let pipeSignalIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func runDeliveryCommand(_ command: String, address: String, input: Data, channel: ServiceChannel) -> String? {
        _ = pipeSignalIgnored
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { return "no \(channel == .email ? "mail" : "sms").command is configured" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The address is passed as an argument, never pasted into the command line.
        process.arguments = ["-c", channel == .email ? command : command + " \"$1\"", "docket-deliver", address]
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        do { try process.run() } catch { return "cannot run \(command): \(error)" }
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorText = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return "\(command) exited with \(process.terminationStatus): \(errorText.prefix(500))"
        }
        return nil
    }
}
