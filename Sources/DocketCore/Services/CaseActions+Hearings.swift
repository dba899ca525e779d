/// Service 8: hearings (庭审), their transcripts and the parties' signatures, and lawyers' video meetings with
/// detained defendants, booked as appointments.
extension CaseActions {
    /// Schedules a hearing, refused with less than 3 days' notice (CPL art. 139), in a courtroom or before a judge
    /// already taken at that time in any of the court's cases (`busy`, from the node's index), or outside the
    /// court's hours unless `outsideHoursReason` says why. The notice document, when given, joins the dossier; the
    /// store serves it electronically (service records).
    public static func scheduleHearing(
        _ file: CaseFile, id: String, mode: HearingMode, startsAt: LocalDateTime,
        endsAt: LocalDateTime? = nil, place: String?, judge: String? = nil, today: LocalDate,
        busy: [HearingSlot] = [], hours: CourtHours = .standard, calendar: HolidayCalendar? = nil,
        outsideHoursReason: String? = nil, notice: AttachedDocument?, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "schedule a hearing", chinese: "排期开庭")
        guard file.hearing(id) == nil else {
            throw DocketError(
                .conflict, key: "hearing.duplicate-id", zh: "案件中已有庭审\(id)。", en: "The case already has a "
                    + "hearing \(id)."
            )
        }
        try HearingRecord.checkNotice(scheduledOn: today, startsAt: startsAt)
        var hearing = HearingRecord(
            id: id, mode: mode, startsAt: startsAt, endsAt: endsAt, place: place,
            judge: judge ?? file.record.judge, scheduledOn: today, noticeDocumentId: notice?.meta.id,
            at: actor.time, by: actor.node)
        guard hearing.end > startsAt else {
            throw DocketError(
                .invalidInput, key: "hearing.end-before-start", zh: "结束时间应晚于开始时间（\(startsAt) – "
                    + "\(hearing.end)）。",
                en: "The hearing must end after it starts (\(startsAt) – \(hearing.end)).")
        }
        let slot = HearingSlot(
            caseUID: file.record.uid, caseNumber: file.record.caseNumber, hearingId: id, mode: mode,
            startsAt: startsAt, endsAt: hearing.end, place: place, judge: hearing.judge)
        if let clash = busy.lazy.compactMap({ slot.clash(with: $0) }).first {
            throw DocketError(
                .conflict, key: "hearing.clash", zh: "\(clash.chinese)请另选时间或法庭。",
                en: "\(clash.english) Choose another time or courtroom.")
        }
        if let calendar, let problem = hours.problem(from: startsAt, to: hearing.end, calendar: calendar) {
            guard let reason = outsideHoursReason?.trimmingSpaces, !reason.isEmpty else {
                throw DocketError(
                    .invalidInput, key: "hearing.outside-court-hours",
                    zh: "开庭时间不在法院工作时间内：\(problem)。如确需安排，请说明理由（--outside-hours REASON）。",
                    en:
                        "The hearing is outside the court's hours: \(problem). To sit then anyway, say why "
                        + "(--outside-hours REASON)."
                )
            }
            hearing.outsideHoursReason = reason
        }
        let at = "\(startsAt.date.chinese)\(LocalDate.pad(startsAt.hour, 2)):\(LocalDate.pad(startsAt.minute, 2))"
        return try write(
            hearing, kind: "hearing-scheduled",
            summary:
                "定于\(at)（北京时间）"
                + "\(mode.chinese)\(place.map { "（\($0)）" } ?? "")\(hearing.judge.map { "，审判员\($0)" } ?? "")",
            message: "Schedule hearing \(id)", documents: notice.map { [$0] } ?? [], by: actor)
    }

    /// The transcript of a hearing that has begun joins the dossier — a first transcript, or a corrected one as the
    /// next version (the earlier versions and their signatures stay). Its SHA-256 (computed here from the bytes) is
    /// what the parties' signatures of this version bind; the 5 days to read and sign run from `heldOn`.
    public static func fileTranscript(
        _ file: CaseFile, hearing id: String, heldOn: LocalDate, transcript: AttachedDocument,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "file a hearing transcript", chinese: "庭审笔录")
        guard var hearing = file.hearing(id) else {
            throw DocketError(
                .notFound, key: "hearing.not-found", zh: "案件中没有庭审\(id)。", en: "The case has no hearing \(id).")
        }
        guard hearing.state != .cancelled else {
            throw DocketError(
                .conflict, key: "hearing.cancelled", zh: "庭审\(id)已取消。", en: "Hearing \(id) was cancelled.")
        }
        let now = actor.time.shanghai
        guard now >= hearing.startsAt else {
            throw DocketError(
                .conflict, key: "hearing.not-begun",
                zh:
                    "庭审\(id)定于\(hearing.startsAt.description.replacingOccurrences(of: "T", with: " "))（北京时间）开始，尚未开始，"
                    + "不能提交庭审笔录。",
                en:
                    "Hearing \(id) is set for \(hearing.startsAt.description.replacingOccurrences(of: "T", with: " ")) "
                    + "(Beijing time); its transcript can be filed once it has begun."
            )
        }
        guard heldOn >= hearing.startsAt.date, heldOn <= now.date else {
            throw DocketError(
                .invalidInput, key: "hearing.held-on-invalid",
                zh: "开庭日期不正确：定于\(hearing.startsAt.date)的庭审不可能在\(heldOn)举行。",
                en: "A hearing set for \(hearing.startsAt.date) cannot have been held on \(heldOn).")
        }
        let digest = TranscriptSignature.sha256Hex(transcript.bytes)
        guard transcript.meta.sha256.lowercased() == digest else {
            throw DocketError(
                .internal, key: "hearing.transcript-hash-mismatch",
                zh: "庭审笔录元数据记载的 SHA-256 为\(transcript.meta.sha256)，但其内容的哈希值为\(digest)。",
                en: "The transcript's metadata says SHA-256 \(transcript.meta.sha256) but its bytes hash to \(digest).")
        }
        if let current = hearing.transcript, current.sha256 == digest {
            throw DocketError(
                .conflict, key: "hearing.transcript-unchanged", zh: "该笔录与已提交的第\(current.version)版相同。",
                en: "This transcript is the same as version \(current.version) already filed.")
        }
        let version = (hearing.transcript?.version ?? 0) + 1
        hearing.state = .held
        hearing.heldOn = hearing.heldOn ?? heldOn
        hearing.transcripts[String(version)] = TranscriptVersion(
            version: version, documentId: transcript.meta.id, sha256: digest,
            filedAt: actor.time)
        hearing.updatedAt = actor.time
        hearing.updatedBy = actor.node
        let summary =
            version == 1
            ? "庭审笔录已入卷，请各方当事人在五日内阅读并签名确认"
            : "庭审笔录已更正为第\(version)版，此前的签名只对原版本有效，请各方当事人对新版本重新签名确认"
        return try write(
            hearing, kind: "transcript-filed", summary: summary,
            message: "Transcript of hearing \(id), version \(version)", documents: [transcript], by: actor)
    }

    /// A party confirms or signs the current version of the transcript. The node has verified the person's
    /// identity; the signature binds party id, masked ID number and name to that version's hash, signed by `sign`
    /// (the node key's Ed25519 signature over `TranscriptSignature.payload`). Refused without a transcript, for a
    /// party without an ID number on file, or twice on the same version.
    public static func signTranscript(
        _ file: CaseFile, hearing id: String, party partyId: String, method: String,
        sign: ([UInt8]) throws -> [UInt8], by actor: Actor
    ) throws -> CaseChange {
        let party = try requireParty(file, partyId)
        guard var hearing = file.hearing(id) else {
            throw DocketError(
                .notFound, key: "hearing.not-found", zh: "案件中没有庭审\(id)。", en: "The case has no hearing \(id).")
        }
        guard var transcript = hearing.transcript else {
            throw DocketError(
                .conflict, key: "hearing.no-transcript", zh: "庭审\(id)的笔录尚未生成。",
                en: "Hearing \(id) has no transcript to sign yet.")
        }
        guard method == "confirm" || method == "sign" else {
            throw DocketError(
                .invalidInput, key: "hearing.sign-method-invalid", zh: "庭审笔录的确认方式为确认（confirm）"
                    + "或签名（sign），所填为\(method)。",
                en: "A transcript is confirmed (confirm) or signed (sign); \(method) was given.")
        }
        guard let idNumber = party.idNumber else {
            throw DocketError(
                .conflict, key: "hearing.identity-not-verified", zh: "\(party.name)尚无经核验的身份证件号码，"
                    + "请先核验身份再签名。",
                en: "\(party.name) has no verified ID number on file; verify the identity before signing.")
        }
        guard transcript.signatures[partyId] == nil else {
            throw DocketError(
                .conflict, key: "hearing.already-signed", zh: "\(party.name)已签名确认第\(transcript.version)版庭审笔录。",
                en: "\(party.name) has already signed version \(transcript.version) of the transcript.")
        }
        var signature = TranscriptSignature(
            partyId: partyId, name: party.name, maskedId: Masking.mask(idNumber),
            documentId: transcript.documentId, sha256: transcript.sha256, method: method,
            signedAt: actor.time, node: actor.node)
        try signature.sign(caseUID: file.record.uid, hearingId: id, with: sign)
        transcript.signatures[partyId] = signature
        hearing.transcripts[String(transcript.version)] = transcript
        hearing.updatedAt = actor.time
        hearing.updatedBy = actor.node
        return try write(
            hearing, kind: "transcript-signed",
            summary:
                "\(party.name)（\(signature.maskedId)）\(method == "sign" ? "签名" : "确认")庭审笔录（第\(transcript.version)版）",
            message: "Hearing \(id): transcript version \(transcript.version) signed by \(partyId)", documents: [],
            by: actor)
    }

    /// Cancels a scheduled hearing.
    public static func cancelHearing(
        _ file: CaseFile, hearing id: String, reason: String, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "cancel a hearing", chinese: "取消开庭")
        guard var hearing = file.hearing(id), hearing.state == .scheduled else {
            throw DocketError(
                .notFound, key: "hearing.not-scheduled", zh: "案件中没有待开庭的庭审\(id)。",
                en: "The case has no scheduled hearing \(id).")
        }
        hearing.state = .cancelled
        hearing.updatedAt = actor.time
        hearing.updatedBy = actor.node
        return try write(
            hearing, kind: "hearing-cancelled", summary: "取消开庭：\(reason)", message: "Cancel hearing \(id)",
            documents: [], by: actor)
    }

    /// A lawyer asks for a video meeting with a detained defendant at a slot of the detention centre's calendar.
    public static func requestVideoMeeting(
        _ file: CaseFile, id: String, lawyer: String, defendant: String, detentionCenter: String,
        slot: String, calendar: BookingCalendar, bookings: [Booking], now: LocalDateTime,
        by actor: Actor
    ) throws -> CaseChange {
        let booked = try calendar.checkBooking(slotId: slot, holder: lawyer, now: now, bookings: bookings)
        let filing = FilingRecord(
            id: id, kind: .videoMeeting, applicantPartyId: nil,
            details: [
                "lawyer": lawyer, "name": lawyer, "defendant": defendant,
                "detentionCenter": detentionCenter, "slot": slot,
            ], at: actor.time, by: actor.node)
        return try submitFiling(
            file, filing, summary: "\(lawyer)律师预约视频会见\(defendant)（\(detentionCenter)，\(booked.startsAt)）", by: actor)
    }
}
