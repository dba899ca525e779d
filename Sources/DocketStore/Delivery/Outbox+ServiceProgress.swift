import DocketCore
import Foundation

extension Outbox {
    /// Notes that the party opened a served document (dossier review, the kiosk). Served then, if not before.
    package func markRead(_ uid: String, serviceId: String, at now: Date = Date()) throws {
        let stamp = UTCTime.isoString(milliseconds: Int64(now.timeIntervalSince1970 * 1000))
        try recordProgress(uid, serviceId: serviceId) { record in record.readAt = record.readAt ?? stamp }
    }

    /// On a court node, completes the service of every record of the case that has become effective elsewhere
    /// (a party read the document on a kiosk or a firm's node): `servedAt` and the certificate are the court's.
    /// `known`, when given, is the case at its `main` now, read already.
    package func completeEffective(_ uid: String, main known: CaseFile? = nil) throws {
        // Only a court completes a service: another node need not read the case (this runs for every case taken).
        guard node.config.role == .court, let file = known ?? (try? node.caseFile(uid)),
            node.participant.isCourt(of: file.record.court)
        else { return }
        for record in file.services where record.servedAt == nil && record.effectiveServiceTime != nil {
            try recordProgress(uid, serviceId: record.id) { _ in }
        }
    }

    /// Updates a service record; on the court's node, when it has just become effective, sets `servedAt` and adds
    /// the certificate. Elsewhere only the progress is recorded (the party read it); the court completes the
    /// service when the record reaches it. The timeline says what happened, in order: a failure and its reason,
    /// the sending, the service taking effect.
    func recordProgress(
        _ uid: String, serviceId: String, _ update: @escaping (inout ServiceRecord) -> Void
    ) throws {
        let me = node.participant
        try node.updateCase(uid) { file, actor in
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
                    \(node.config.name)
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

                    \(node.config.name)
                    \(LocalDate(date: actor.time.date, timeZone: UTCTime.displayZone).chineseFormal)
                    """
                certificate = node.generatedDocument(
                    name: "电子送达凭证-\(record.id).txt", title: "电子送达凭证（\(record.documentTitle)）", text: text, at: actor)
                lines.append("《\(record.documentTitle)》已向\(party)电子送达，送达生效时间\(Self.beijing(effective))")
            }
            return try CaseActions.updateService(
                file, record, certificate: certificate,
                summary: lines.isEmpty ? nil : lines.joined(separator: "；"), by: actor)
        }
    }
}
