import DocketCore
import Foundation
import GRDB

extension CourtServices {
    /// The reception calendar: a court node's own; any other node's from the courts it syncs with (published in
    /// each court's announcements repository, so every node books against the same slots). Empty until a court
    /// adds slots.
    public func bookingCalendar() throws -> BookingCalendar {
        var slots: [String: BookingSlot] = [:]
        for court in try node.announcementCourts() {
            guard let repo = try node.announcementsRepository(court: court), let tip = try repo.reference(Node.mainRef),
                let calendar = try AnnouncementHistory.calendar(in: repo, at: tip)
            else { continue }
            for slot in calendar.slots where slots[slot.id] == nil { slots[slot.id] = slot }
        }
        return try BookingCalendar(slots: Array(slots.values))
    }

    /// Adds a slot to this court's reception calendar (court nodes), published like an announcement: one signed
    /// commit in the court's announcements repository, received by every peer on its next sync. Ids are
    /// `YYYYMMDD-HHMM`; adding an existing one changes its length and capacity — never below the bookings it holds.
    /// A slot lies in the future, within the court's hours (`court.hours`) on a working day.
    public func addBookingSlot(
        startsAt: LocalDateTime, minutes: Int, capacity: Int, now: Date = Date()
    ) throws -> BookingSlot {
        try node.requireCourt("Setting the reception calendar")
        guard startsAt > LocalDateTime(shanghai: now) else {
            throw DocketError(
                .invalidInput, key: "booking.slot-in-past", zh: "预约时段（\(startsAt)，北京时间）应晚于当前时间。",
                en: "The slot \(startsAt) (Beijing time) has already begun; reception slots lie in the future.")
        }
        guard (1...480).contains(minutes), capacity >= 1 else {
            throw DocketError(
                .invalidInput, key: "booking.slot-size-invalid", zh: "时段长度应为1至480分钟，名额至少1个。",
                en: "A slot lasts 1–480 minutes and has at least one place.")
        }
        let hours = try CourtHours(parsing: node.config.setting(.courtHours))
        if let problem = hours.problem(
            from: startsAt, to: startsAt.adding(minutes: minutes), calendar: try node.holidayCalendar())
        {
            throw DocketError(
                .invalidInput, key: "booking.slot-outside-hours", zh: "接访时段应在工作日的工作时间内：\(problem)。",
                en: "A reception slot lies within the court's hours on a working day: \(problem).")
        }
        let id = startsAt.description.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "T", with: "-")
            .replacingOccurrences(of: ":", with: "")
        let held = try bookings().filter { $0.slotId == id }.count
        guard capacity >= held else {
            throw DocketError(
                .conflict, key: "booking.capacity-below-held",
                zh: "时段\(id)已有\(held)人预约，名额不能减至\(capacity)，不能少于已预约人数。请先取消预约（docket "
                    + "petition cancel）。",
                en:
                    "Slot \(id) already holds \(held) bookings; its capacity cannot drop to \(capacity). "
                    + "Cancel bookings first (docket petition cancel)."
            )
        }
        let slot = BookingSlot(id: id, startsAt: startsAt, minutes: minutes, capacity: capacity)
        try node.writeCourtPublication { repo, tip, actor in
            let current =
                try tip.flatMap { try AnnouncementHistory.calendar(in: repo, at: $0) }
                ?? ReceptionCalendarRecord(
                    court: node.courtCodeForAnnouncements, slots: [], at: actor.time, by: actor.node)
            var change = try current.adding(slot, at: actor.time, by: actor.node).publication()
            change.message = "Reception calendar: slot \(id) (\(capacity) places)"
            return change
        }
        return slot
    }

    /// Every live booking on this node, from the index.
    public func bookings() throws -> [Booking] {
        try node.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bookings ORDER BY slot_id, created_at").map { row in
                Booking(
                    id: row["id"], caseUID: row["case_uid"], slotId: row["slot_id"], holder: row["holder"],
                    createdAt: try HybridTimestamp(parsing: row["created_at"]), node: row["node"])
            }
        }
    }

    /// Books a reception slot on a case — `slot`, or the earliest one with a free place when nil; refused when the
    /// slot is full, past, unknown or already held by the same person, given every booking this node holds.
    public func bookReception(
        _ uid: String, party partyReference: String?, name: String?, petitionId: String?, slot: String?,
        now: Date = Date()
    ) throws -> FilingRecord {
        let calendar = try bookingCalendar(), bookings = try bookings(), id = node.newRecordID("f")
        guard let slot = slot ?? calendar.open(after: LocalDateTime(shanghai: now), bookings: bookings).first?.id else {
            throw DocketError(
                .unavailable, key: "booking.no-free-slot", zh: "暂无可预约的接访时段，请到窗口咨询。",
                en: "No reception slot is free; please ask at the counter.")
        }
        return try node.serviceStep(uid) { file, actor, _ in
            let party = try partyReference.map { try node.party($0, in: file) }
            guard let who = name ?? party?.name else {
                throw DocketError(
                    .invalidInput, key: "booking.holder-required", zh: "请指明预约人：--party 或 --name。",
                    en: "Say who books: --party or --name.")
            }
            return try CaseActions.bookReception(
                file, id: id, partyId: party?.id, name: who, petitionId: petitionId, slot: slot,
                calendar: calendar, bookings: bookings, now: LocalDateTime(shanghai: now), by: actor)
        }.filing(id)!
    }

    /// A lawyer books a video meeting with a detained defendant at a slot of the calendar, checked against every
    /// booking this node holds like a reception.
    public func requestVideoMeeting(
        _ uid: String, lawyer: String, defendant: String, detentionCenter: String, slot: String,
        now: Date = Date()
    ) throws -> FilingRecord {
        let calendar = try bookingCalendar(), bookings = try bookings(), id = node.newRecordID("f")
        return try node.serviceStep(uid) { file, actor, _ in
            try CaseActions.requestVideoMeeting(
                file, id: id, lawyer: lawyer, defendant: defendant, detentionCenter: detentionCenter,
                slot: slot, calendar: calendar, bookings: bookings, now: LocalDateTime(shanghai: now), by: actor)
        }.filing(id)!
    }

    /// After a merge, bookings made offline on different nodes may overfill a slot: each booking beyond the capacity
    /// gets an open conflict in its own case for the administrator (never a silent double booking). Conflicts already
    /// written are not written again; the records are the same on every node. Returns the conflicts opened.
    @discardableResult
    package func openBookingConflicts() throws -> [ConflictRecord] {
        // Runs after every sync and received push: a slot can only be overfilled if two bookings hold it, so the
        // calendar (read from git) is looked at only then.
        let bookings = try bookings()
        guard Dictionary(grouping: bookings, by: \.slotId).values.contains(where: { $0.count > 1 }) else { return [] }
        let conflicts = try bookingCalendar().collisions(bookings).flatMap { collision in
            collision.conflictRecords().map { ($0, "Conflict \($0.id): slot \(collision.slot.id) overbooked") }
        }
        return try writeNewConflicts(conflicts)
    }

    /// Writes each conflict into its case unless it is already there (every node derives the same records from the
    /// same collision, so one written elsewhere and received is not written again). Returns those written.
    func writeNewConflicts(_ conflicts: [(ConflictRecord, message: String)]) throws -> [ConflictRecord] {
        var opened: [ConflictRecord] = []
        for (conflict, message) in conflicts {
            let known = try node.database.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM conflicts WHERE id = ?", arguments: [conflict.id]) ?? false
            }
            guard !known else { continue }
            _ = try node.updateCase(conflict.caseUID) { _, _ in
                var change = CaseChange(message: message)
                try change.write(conflict, at: conflict.recordPath)
                return change
            }
            opened.append(conflict)
        }
        return opened
    }

    /// Cancels a booking. When it lost its seat in an overbooking, its conflict is closed in the same commit; when
    /// it was the one that kept the seat, the court closes the other booking's conflict (it keeps the seat now).
    public func cancelBooking(_ uid: String, id: String, reason: String) throws -> FilingRecord {
        let filing = try node.serviceStep(uid) { file, actor, side in
            var change = try CaseActions.cancelBooking(file, id: id, reason: reason, side: side, by: actor)
            for var conflict in file.conflicts
            where conflict.status == .open && conflict.path == "filings/\(id).json" && conflict.field == "slot" {
                conflict.status = .resolved
                conflict.resolution = .init(by: actor.node, value: .string("cancelled"), note: reason, at: actor.time)
                conflict.updatedAt = actor.time
                conflict.updatedBy = actor.node
                try change.write(conflict, at: conflict.recordPath)
            }
            return change
        }.filing(id)!
        try checkCollisions()
        return filing
    }
}
