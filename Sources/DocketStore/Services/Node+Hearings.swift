import DocketCore
import Foundation

/// What scheduling a hearing did: the hearing, and whom its notice was served on.
public struct ScheduledHearing: Sendable {
    public var hearing: HearingRecord
    /// Parties the notice went to electronically (by party id), and those it could not (no consent or address).
    public var served: [String]
    public var notServed: [String]
}

extension Node {
    /// Schedules a hearing (court nodes; refused with less than 3 days' notice), writes its notice into the dossier
    /// and serves it electronically on every party who consented and has an address.
    public func scheduleHearing(_ uid: String, mode: HearingMode, startsAt: LocalDateTime, place: String?,
                                today: LocalDate = Node.today()) throws -> ScheduledHearing {
        try requireCourt("Scheduling a hearing")
        let id = newRecordID("h")
        let template = try Self.template("hearing-notice")
        let file = try serviceStep(uid) { file, actor, side in
            let at = startsAt.description.replacingOccurrences(of: "T", with: " ")
            let values = ["court": config.name, "mode": mode == .online ? "在线庭审" : "开庭",
                          "caseNumber": file.record.caseNumber ?? FilingNumber.of(uid: uid), "title": file.record.title,
                          "startsAt": at, "modeSentence": mode == .online ? "通过人民法院在线服务平台在线开庭" : "开庭审理",
                          "place": place.map { "，地点：\($0)" } ?? "",
                          "onlineNote": mode == .online ? "请提前三十分钟登录并完成身份认证。" : "", "date": today.description]
            let notice = try renderedDocument(template, values, name: "开庭通知书.txt", title: "\(mode.chinese)通知书", at: actor)
            return try CaseActions.scheduleHearing(file, id: id, mode: mode, startsAt: startsAt, place: place, today: today,
                                                   notice: notice, side: side, by: actor)
        }
        let hearing = file.hearing(id)!
        var served: [String] = [], notServed: [String] = []
        for party in file.parties {
            let channel: ServiceChannel? = party.serviceConsent == nil ? nil : (party.email != nil ? .email : party.phone != nil ? .sms : nil)
            if let channel, let document = hearing.noticeDocumentId,
               (try? serve(uid, documentId: document, to: [party.id], channel: channel)) != nil {
                served.append(party.id)
            } else {
                notServed.append(party.id)
            }
        }
        return ScheduledHearing(hearing: hearing, served: served, notServed: notServed)
    }

    /// The transcript joins the dossier; each party then has 5 days to confirm or sign it. Court nodes only.
    public func fileTranscript(_ uid: String, hearing id: String, heldOn: LocalDate, name: String, bytes: [UInt8]) throws -> HearingRecord {
        try requireCourt("Filing a hearing transcript")
        return try serviceStep(uid) { file, actor, side in
            let transcript = try attachment(name: name, title: "庭审笔录", bytes: bytes, actor: actor)
            return try CaseActions.fileTranscript(file, hearing: id, heldOn: heldOn, transcript: transcript, side: side, by: actor)
        }.hearing(id)!
    }

    /// A party, whose identity the person at this node has checked, confirms or signs the transcript: the
    /// signature binds the party (name, masked ID number) to the transcript's hash with this node's key.
    public func signTranscript(_ uid: String, hearing id: String, party partyReference: String, method: String) throws -> HearingRecord {
        try serviceStep(uid) { file, actor, _ in
            let party = try party(partyReference, in: file)
            return try CaseActions.signTranscript(file, hearing: id, party: party.id, method: method,
                                                  sign: { Array(try key.sign($0)) }, by: actor)
        }.hearing(id)!
    }

    /// Each signature of a hearing's transcript and whether it verifies: against the transcript's current hash and
    /// the signing node's public key (this node's own, or one of `publicKeys` by node id). An unknown key fails.
    public func verifyTranscript(_ uid: String, hearing id: String, publicKeys: [String: String]) throws -> [(signature: TranscriptSignature, valid: Bool)] {
        let file = try caseFile(uid)
        guard let hearing = file.hearing(id) else { throw DocketError("The case has no hearing \(id).") }
        guard let digest = hearing.transcriptSha256 else { throw DocketError("Hearing \(id) has no transcript.") }
        var keys = publicKeys
        keys[config.nodeId] = key.publicKeyBase64
        return hearing.signatures.values.sorted { $0.partyId < $1.partyId }.map { signature in
            let valid = signature.verify(caseUID: uid, hearingId: id, transcriptSha256: digest) { payload, bytes in
                guard let publicKey = keys[signature.node] else { return false }
                return NodeKey.verify(Data(bytes), of: payload, publicKeyBase64: publicKey)
            }
            return (signature, valid)
        }
    }
}
