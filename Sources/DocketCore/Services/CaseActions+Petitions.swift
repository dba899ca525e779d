/// Service 10: petitions (申诉信访) and video reception bookings against the court's calendar.
extension CaseActions {
    /// A petition with its text; the petitioner may be a party or someone named in `petitioner`.
    public static func submitPetition(
        _ file: CaseFile, id: String, partyId: String?, petitioner: String, text: String,
        by actor: Actor
    ) throws -> CaseChange {
        if let partyId { _ = try requireParty(file, partyId) }
        guard !text.trimmingSpaces.isEmpty else {
            throw DocketError(.invalidInput, key: "petition.empty", zh: "申诉信访内容为空。", en: "The petition is "
                + "empty.")
        }
        let filing = FilingRecord(
            id: id, kind: .petition, applicantPartyId: partyId, details: ["name": petitioner, "text": text],
            at: actor.time, by: actor.node)
        return try submitFiling(file, filing, summary: "\(petitioner)提交申诉信访", by: actor)
    }

    /// Books a video reception slot. Refused when the slot is unknown, past, already held by the same person or
    /// full, given every live booking this node knows (`bookings`, gathered by the store from all cases).
    public static func bookReception(
        _ file: CaseFile, id: String, partyId: String?, name: String, petitionId: String?,
        slot: String, calendar: BookingCalendar, bookings: [Booking], now: LocalDateTime,
        by actor: Actor
    ) throws -> CaseChange {
        if let partyId { _ = try requireParty(file, partyId) }
        if let petitionId { _ = try requireFiling(file, petitionId, kind: .petition) }
        let booked = try calendar.checkBooking(slotId: slot, holder: partyId ?? name, now: now, bookings: bookings)
        let filing = FilingRecord(
            id: id, kind: .receptionBooking, applicantPartyId: partyId, relatedId: petitionId,
            details: ["name": name, "slot": slot, "startsAt": booked.startsAt.description],
            at: actor.time, by: actor.node)
        return try submitFiling(
            file, filing,
            summary:
                "\(name)预约视频接访：\(booked.startsAt.date) "
                + "\(LocalDate.pad(booked.startsAt.hour, 2)):\(LocalDate.pad(booked.startsAt.minute, 2))",
            by: actor)
    }

    /// Cancels a booking (frees its seat).
    public static func cancelBooking(
        _ file: CaseFile, id: String, reason: String, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        let filing = try requireFiling(file, id)
        guard filing.kind == .receptionBooking || filing.kind == .videoMeeting else {
            throw DocketError(
                .invalidInput, key: "booking.not-a-booking", zh: "申请\(id)不是预约。", en: "Request \(id) is not a "
                    + "booking.")
        }
        return try moveFiling(
            file, id: id, to: .cancelled, side: side, details: ["cancelReason": reason],
            summary: "取消预约：\(reason)", by: actor)
    }
}
