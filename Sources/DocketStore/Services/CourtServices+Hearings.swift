import DocketCore
import Foundation
import GRDB

/// What scheduling a hearing did: the hearing, and whom its notice was served on.
public struct ScheduledHearing: Sendable {
    public var hearing: HearingRecord
    /// Parties the notice went to electronically (by party id), and those it could not (no consent or address).
    public var served: [String]
    public var notServed: [String]
}

extension CourtServices {
    /// Schedules a hearing (court nodes; refused with less than 3 days' notice, in a courtroom or before a judge
    /// already taken then in any case of this node, or outside the court's hours (`court.hours`) without a reason),
    /// writes its notice into the dossier and serves it electronically on every party who consented and has an
    /// address.
    public func scheduleHearing(
        _ uid: String, mode: HearingMode, startsAt: LocalDateTime, endsAt: LocalDateTime? = nil,
        place: String?, judge: String? = nil, outsideHoursReason: String? = nil,
        today: LocalDate = Node.today()
    ) throws -> ScheduledHearing {
        try node.requireCourt("Scheduling a hearing")
        let id = node.newRecordID("h")
        let template = try Node.template("hearing-notice")
        let hours = try CourtHours(parsing: node.config.setting(.courtHours))
        let calendar = try node.holidayCalendar()
        let busy = try hearingSlots(from: startsAt.date, to: (endsAt ?? startsAt).date)
        let file = try node.serviceStep(uid) { file, actor, side in
            let at = "\(startsAt.chinese)（北京时间）"
            let values = [
                "court": node.config.name, "mode": mode == .online ? "在线庭审" : "开庭",
                "caseNumber": file.record.caseNumber ?? FilingNumber.of(uid: uid), "title": file.record.title,
                "startsAt": at, "modeSentence": mode == .online ? "通过人民法院在线服务平台在线开庭" : "开庭审理",
                "place": place.map { "，地点：\($0)" } ?? "",
                "onlineNote": mode == .online ? "请提前三十分钟登录并完成身份认证。" : "", "date": today.chineseFormal,
            ]
            let notice = try node.renderedDocument(
                template, values, name: "开庭通知书.txt", title: "\(mode.chinese)通知书", at: actor)
            return try CaseActions.scheduleHearing(
                file, id: id, mode: mode, startsAt: startsAt, endsAt: endsAt, place: place,
                judge: judge, today: today, busy: busy, hours: hours, calendar: calendar,
                outsideHoursReason: outsideHoursReason, notice: notice, side: side, by: actor)
        }
        let hearing = file.hearing(id)!
        var served: [String] = [], notServed: [String] = []
        for party in file.parties {
            let channel: ServiceChannel? =
                party.serviceConsent == nil ? nil : (party.email != nil ? .email : party.phone != nil ? .sms : nil)
            if let channel, let document = hearing.noticeDocumentId,
                (try? node.outbox.serve(uid, documentId: document, to: [party.id], channel: channel)) != nil
            {
                served.append(party.id)
            } else {
                notServed.append(party.id)
            }
        }
        return ScheduledHearing(hearing: hearing, served: served, notServed: notServed)
    }

    /// Cancels a scheduled hearing (court nodes); a collision it was part of settles.
    public func cancelHearing(_ uid: String, hearing id: String, reason: String) throws -> HearingRecord {
        try node.requireCourt("Cancelling a hearing")
        let file = try node.serviceStep(uid) { file, actor, side in
            try CaseActions.cancelHearing(file, hearing: id, reason: reason, side: side, by: actor)
        }
        try checkCollisions()
        return file.hearing(id)!
    }

    /// The transcript joins the dossier; each party then has 5 days to confirm or sign it. Court nodes only.
    public func fileTranscript(
        _ uid: String, hearing id: String, heldOn: LocalDate, name: String, bytes: [UInt8]
    ) throws -> HearingRecord {
        try node.requireCourt("Filing a hearing transcript")
        return try node.serviceStep(uid) { file, actor, side in
            let transcript = try node.attachment(name: name, title: "庭审笔录", bytes: bytes, actor: actor)
            return try CaseActions.fileTranscript(
                file, hearing: id, heldOn: heldOn, transcript: transcript, side: side, by: actor)
        }.hearing(id)!
    }

    /// A party, whose identity the person at this node has checked, confirms or signs the transcript: the
    /// signature binds the party (name, masked ID number) to the transcript's hash with this node's key.
    public func signTranscript(
        _ uid: String, hearing id: String, party partyReference: String, method: String
    ) throws -> HearingRecord {
        try node.serviceStep(uid) { file, actor, _ in
            let party = try node.party(partyReference, in: file)
            return try CaseActions.signTranscript(
                file, hearing: id, party: party.id, method: method,
                sign: { Array(try node.key.sign($0)) }, by: actor)
        }.hearing(id)!
    }

    /// Each signature of a hearing's transcript and whether it verifies: against the transcript's current hash and
    /// the signing node's public key (this node's own, or one of `publicKeys` by node id). An unknown key fails.
    public func verifyTranscript(
        _ uid: String, hearing id: String, publicKeys: [String: String]
    ) throws -> [(signature: TranscriptSignature, valid: Bool)] {
        let file = try node.caseFile(uid)
        guard let hearing = file.hearing(id) else {
            throw DocketError(
                .notFound, key: "hearing.not-found", zh: "案件中没有庭审\(id)。", en: "The case has no hearing \(id).")
        }
        guard let digest = hearing.transcriptSha256 else {
            throw DocketError(
                .notFound, key: "hearing.transcript-not-found", zh: "庭审\(id)没有庭审笔录。",
                en: "Hearing \(id) has no transcript.")
        }
        var keys = publicKeys
        keys[node.config.nodeId] = node.key.publicKeyBase64
        return hearing.signatures.values.sorted { $0.partyId < $1.partyId }.map { signature in
            let valid = signature.verify(caseUID: uid, hearingId: id, transcriptSha256: digest) { payload, bytes in
                guard let publicKey = keys[signature.node] else { return false }
                return NodeKey.verify(Data(bytes), of: payload, publicKeyBase64: publicKey)
            }
            return (signature, valid)
        }
    }

    /// The scheduled hearings of every case on this node that touch the days `from`…`to` (from the index).
    public func hearingSlots(from: LocalDate, to: LocalDate) throws -> [HearingSlot] {
        try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT h.*, c.case_number FROM hearings h JOIN cases c ON c.uid = h.case_uid
                    WHERE h.starts_at < ? AND h.ends_at > ? ORDER BY h.starts_at
                    """, arguments: [to.adding(days: 1).description, from.description]
            ).map(Self.hearingSlot)
        }
    }

    static func hearingSlot(_ row: Row) throws -> HearingSlot {
        let place: String? = row["place"]
        return HearingSlot(
            caseUID: row["case_uid"], caseNumber: row["case_number"], hearingId: row["id"],
            mode: place == nil ? .online : .inPerson, startsAt: try LocalDateTime(parsing: row["starts_at"]),
            endsAt: try LocalDateTime(parsing: row["ends_at"]), place: place, judge: row["judge"],
            createdAt: try HybridTimestamp(parsing: row["created_at"]), node: row["node"])
    }

    /// After a merge, hearings scheduled offline on two court nodes may take one courtroom or judge at once: the
    /// later one gets an open conflict in its own case for the clerk (never a silent double booking). Conflicts
    /// already written are not written again. Returns the conflicts opened.
    @discardableResult
    package func openHearingConflicts() throws -> [ConflictRecord] {
        let slots = try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT h.*, c.case_number FROM hearings h JOIN cases c ON c.uid = h.case_uid
                    WHERE EXISTS (SELECT 1 FROM hearings o WHERE (o.case_uid, o.id) != (h.case_uid, h.id)
                                  AND o.starts_at < h.ends_at AND h.starts_at < o.ends_at
                                  AND (o.place = h.place OR o.judge = h.judge))
                    """
            ).map(Self.hearingSlot)
        }
        return try writeNewConflicts(
            HearingSlot.collisions(slots).map { kept, lost in
                (
                    HearingSlot.conflictRecord(kept: kept, lost: lost),
                    "Conflict: hearing \(lost.hearingId) collides with \(kept.hearingId)"
                )
            })
    }
}
