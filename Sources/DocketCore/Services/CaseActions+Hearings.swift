/// Service 8: hearings (庭审), their transcripts and the parties' signatures, and lawyers' video meetings with
/// detained defendants, booked as appointments.
extension CaseActions {
    /// Schedules a hearing, refused with less than 3 days' notice (CPL art. 139). The notice document, when given,
    /// joins the dossier; the store serves it electronically (service records).
    public static func scheduleHearing(_ file: CaseFile, id: String, mode: HearingMode, startsAt: LocalDateTime, place: String?,
                                       today: LocalDate, notice: AttachedDocument?, side: ActingSide, by actor: Actor) throws -> CaseChange {
        try requireCourt(side, "schedule a hearing", chinese: "排期开庭")
        guard file.hearing(id) == nil else { throw DocketError("The case already has a hearing \(id).") }
        try HearingRecord.checkNotice(scheduledOn: today, startsAt: startsAt)
        let hearing = HearingRecord(id: id, mode: mode, startsAt: startsAt, place: place, scheduledOn: today,
                                    noticeDocumentId: notice?.meta.id, at: actor.time, by: actor.node)
        return try write(hearing, kind: "hearing-scheduled",
                         summary: "定于\(startsAt.date) \(LocalDate.pad(startsAt.hour, 2)):\(LocalDate.pad(startsAt.minute, 2))\(mode.chinese)\(place.map { "（\($0)）" } ?? "")",
                         message: "Schedule hearing \(id)", documents: notice.map { [$0] } ?? [], by: actor)
    }

    /// The hearing took place and its transcript joins the dossier; its SHA-256 (computed here from the bytes) is
    /// what the parties' signatures bind. The 5 days to read and sign run from `heldOn`.
    public static func fileTranscript(_ file: CaseFile, hearing id: String, heldOn: LocalDate, transcript: AttachedDocument,
                                      side: ActingSide, by actor: Actor) throws -> CaseChange {
        try requireCourt(side, "file a hearing transcript", chinese: "庭审笔录")
        guard var hearing = file.hearing(id) else { throw DocketError("The case has no hearing \(id).") }
        guard hearing.state != .cancelled else { throw DocketError("Hearing \(id) was cancelled. 该庭审已取消。") }
        let digest = TranscriptSignature.sha256Hex(transcript.bytes)
        guard transcript.meta.sha256.lowercased() == digest else {
            throw DocketError("The transcript's metadata says SHA-256 \(transcript.meta.sha256) but its bytes hash to \(digest).")
        }
        hearing.state = .held
        hearing.heldOn = heldOn
        hearing.transcriptDocumentId = transcript.meta.id
        hearing.transcriptSha256 = digest
        hearing.transcriptFiledAt = actor.time
        hearing.signatures = [:]   // a new transcript needs new signatures
        hearing.updatedAt = actor.time
        hearing.updatedBy = actor.node
        return try write(hearing, kind: "transcript-filed", summary: "庭审笔录已入卷，请各方当事人在五日内阅读并签名确认",
                         message: "Transcript of hearing \(id)", documents: [transcript], by: actor)
    }

    /// A party confirms or signs the transcript. The node has verified the person's identity; the signature binds
    /// party id, masked ID number and name to the transcript's hash, signed by `sign` (the node key's Ed25519
    /// signature over `TranscriptSignature.payload`). Refused without a transcript, for a party without an ID number
    /// on file, or twice.
    public static func signTranscript(_ file: CaseFile, hearing id: String, party partyId: String, method: String,
                                      sign: ([UInt8]) throws -> [UInt8], by actor: Actor) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        guard var hearing = file.hearing(id) else { throw DocketError("The case has no hearing \(id).") }
        guard let documentId = hearing.transcriptDocumentId, let digest = hearing.transcriptSha256 else {
            throw DocketError("Hearing \(id) has no transcript to sign yet. 庭审笔录尚未生成。")
        }
        guard method == "confirm" || method == "sign" else {
            throw DocketError("A transcript is confirmed (confirm) or signed (sign); \(method) was given.")
        }
        guard let idNumber = party.idNumber else {
            throw DocketError("\(party.name) has no verified ID number on file; verify the identity before signing. 请先核验身份。")
        }
        guard hearing.signatures[partyId] == nil else { throw DocketError("\(party.name) has already signed the transcript. 已签名确认。") }
        var signature = TranscriptSignature(partyId: partyId, name: party.name, maskedId: Masking.mask(idNumber),
                                            documentId: documentId, sha256: digest, method: method,
                                            signedAt: actor.time, node: actor.node)
        try signature.sign(caseUID: file.record.uid, hearingId: id, with: sign)
        hearing.signatures[partyId] = signature
        hearing.updatedAt = actor.time
        hearing.updatedBy = actor.node
        return try write(hearing, kind: "transcript-signed",
                         summary: "\(party.name)（\(signature.maskedId)）\(method == "sign" ? "签名" : "确认")庭审笔录",
                         message: "Hearing \(id): transcript signed by \(partyId)", documents: [], by: actor)
    }

    /// Cancels a scheduled hearing.
    public static func cancelHearing(_ file: CaseFile, hearing id: String, reason: String, side: ActingSide, by actor: Actor) throws -> CaseChange {
        try requireCourt(side, "cancel a hearing", chinese: "取消开庭")
        guard var hearing = file.hearing(id), hearing.state == .scheduled else {
            throw DocketError("The case has no scheduled hearing \(id).")
        }
        hearing.state = .cancelled
        hearing.updatedAt = actor.time
        hearing.updatedBy = actor.node
        return try write(hearing, kind: "hearing-cancelled", summary: "取消开庭：\(reason)", message: "Cancel hearing \(id)",
                         documents: [], by: actor)
    }

    /// A lawyer asks for a video meeting with a detained defendant at a slot of the detention centre's calendar.
    public static func requestVideoMeeting(_ file: CaseFile, id: String, lawyer: String, defendant: String, detentionCenter: String,
                                           slot: String, calendar: BookingCalendar, bookings: [Booking], now: LocalDateTime,
                                           by actor: Actor) throws -> CaseChange {
        let booked = try calendar.checkBooking(slotId: slot, holder: lawyer, now: now, bookings: bookings)
        let filing = FilingRecord(id: id, kind: .videoMeeting, applicantPartyId: nil,
                                  details: ["lawyer": lawyer, "name": lawyer, "defendant": defendant,
                                            "detentionCenter": detentionCenter, "slot": slot], at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(lawyer)律师预约视频会见\(defendant)（\(detentionCenter)，\(booked.startsAt)）", by: actor)
    }
}
