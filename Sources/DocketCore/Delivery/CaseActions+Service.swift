/// Electronic service as changes to a case.
extension CaseActions {
    /// Plans the service of a document to parties: one record per party and channel. Refuses a party without
    /// consent to electronic service (在线诉讼规则 art. 29) or without an address for the channel, naming it.
    public static func planService(
        _ file: CaseFile, documentId: String, partyIds: [String], channel: ServiceChannel,
        newIDs: [String], by actor: Actor
    ) throws -> (CaseChange, [ServiceRecord]) {
        guard let document = file.document(documentId) else {
            throw DocketError(
                .notFound, key: "document.not-found", zh: "案件中没有文书\(documentId)。",
                en: "The case has no document \(documentId).")
        }
        guard !partyIds.isEmpty else {
            throw DocketError(
                .invalidInput, key: "service.recipient-required", zh: "请指定受送达人（--to <party-id> 或 --all）。",
                en: "Say whom to serve (--to <party-id> or --all).")
        }
        var change = CaseChange(message: "Serve \(document.title) by \(channel.rawValue)")
        var records: [ServiceRecord] = []
        for (partyId, id) in zip(partyIds, newIDs) {
            guard let party = file.party(partyId) else {
                throw DocketError(
                    .notFound, key: "party.not-found", zh: "案件中没有该当事人（\(partyId)）。",
                    en: "The case has no party \(partyId).")
            }
            guard party.serviceConsent != nil else {
                throw DocketError(
                    .conflict, key: "service.no-electronic-consent",
                    zh: "\(party.name)尚未同意电子送达，请先记录其同意（case edit --party \(partyId) --set "
                        + "serviceConsent=written）。",
                    en:
                        "\(party.name) has not agreed to electronic service; record the consent first (case edit "
                        + "--party \(partyId) --set serviceConsent=written)."
                )
            }
            guard let address = channel == .email ? party.email : party.phone else {
                throw DocketError(
                    .conflict, key: "service.no-address",
                    zh:
                        "\(party.name)尚无电子送达所需的联系方式（\(channel == .email ? "e-mail address" : "mobile number")），请用 case "
                        + "edit --party \(partyId) 补充。",
                    en:
                        "\(party.name) has no \(channel == .email ? "e-mail address" : "mobile number"); add one with "
                        + "case edit --party \(partyId)."
                )
            }
            let record = ServiceRecord(
                id: id, documentId: documentId, documentTitle: document.title, partyId: partyId,
                channel: channel, address: address, addressByParty: true, at: actor.time, by: actor.node)
            try change.write(record, at: record.path)
            records.append(record)
        }
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "service-queued",
                summary: "《\(document.title)》已排队等待电子送达（\(channel == .email ? "电子邮件" : "短信")，"
                    + "尚未发送）："
                    + records.compactMap { file.party($0.partyId)?.name }.joined(separator: "、")))
        return (change, records)
    }

    /// Records a delivery outcome or a reading, with the certificate when the service has become effective.
    public static func updateService(
        _ file: CaseFile, _ record: ServiceRecord, certificate: (meta: DocumentMeta, bytes: [UInt8])?,
        summary: String?, by actor: Actor
    ) throws -> CaseChange {
        var record = record
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        var change = CaseChange(
            message:
                "Service \(record.id): "
                + "\(record.servedAt != nil ? "served" : record.failure != nil ? "retrying" : "updated")"
        )
        if let certificate {
            record.certificateId = certificate.meta.id
            try change.add(certificate.meta, bytes: certificate.bytes)
        }
        try change.write(record, at: record.path)
        if let summary {
            try change.append(
                DocketEntry(
                    at: actor.time, node: actor.node, actor: actor.name, kind: "service-update", summary: summary))
        }
        return change
    }
}
