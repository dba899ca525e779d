import DocketCore
import Foundation
import GRDB

extension Node {
    /// Where the court's reception calendar is kept on this node (`docket booking slots`): a JSON list of
    /// `BookingSlot`s. The court sets it; kiosk and firm nodes get a copy, so every node checks against the same.
    var bookingSlotsFile: URL { paths.root.appendingPathComponent("booking-slots.json") }

    /// The reception calendar (empty until slots are added).
    public func bookingCalendar() throws -> BookingCalendar {
        guard let data = FileManager.default.contents(atPath: bookingSlotsFile.path) else { return try BookingCalendar(slots: []) }
        do { return try BookingCalendar(slots: try JSONDecoder().decode([BookingSlot].self, from: data)) } catch {
            throw DocketError("\(bookingSlotsFile.path) is damaged: \(error)")
        }
    }

    /// Adds a slot to the calendar (court nodes). Ids are `YYYYMMDD-HHMM`; adding an existing one changes its capacity.
    public func addBookingSlot(startsAt: LocalDateTime, minutes: Int, capacity: Int) throws -> BookingSlot {
        try requireCourt("Setting the reception calendar")
        guard minutes > 0, capacity > 0 else { throw DocketError("A slot needs a positive length and capacity.") }
        let id = startsAt.description.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "T", with: "-")
            .replacingOccurrences(of: ":", with: "")
        var slots = Array(try bookingCalendar().slots.values).filter { $0.id != id }
        let slot = BookingSlot(id: id, startsAt: startsAt, minutes: minutes, capacity: capacity)
        slots.append(slot)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(slots.sorted { $0.id < $1.id }).write(to: bookingSlotsFile, options: .atomic)
        return slot
    }

    /// Every live booking on this node, from the index.
    public func bookings() throws -> [Booking] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bookings ORDER BY slot_id, created_at").map { row in
                Booking(id: row["id"], caseUID: row["case_uid"], slotId: row["slot_id"], holder: row["holder"],
                        createdAt: try HybridTimestamp(parsing: row["created_at"]), node: row["node"])
            }
        }
    }

    /// Books a reception slot on a case; refused when the slot is full, past, unknown or already held by the same
    /// person, given every booking this node holds.
    public func bookReception(_ uid: String, party partyReference: String?, name: String?, petitionId: String?, slot: String,
                              now: Date = Date()) throws -> FilingRecord {
        let calendar = try bookingCalendar(), bookings = try bookings(), id = newRecordID("f")
        return try serviceStep(uid) { file, actor, _ in
            let party = try partyReference.map { try self.party($0, in: file) }
            guard let who = name ?? party?.name else { throw DocketError("Say who books: --party or --name.") }
            return try CaseActions.bookReception(file, id: id, partyId: party?.id, name: who, petitionId: petitionId, slot: slot,
                                                 calendar: calendar, bookings: bookings, now: Node.shanghaiMinute(now), by: actor)
        }.filing(id)!
    }

    /// After a merge, bookings made offline on different nodes may overfill a slot: each booking beyond the capacity
    /// gets an open conflict in its own case for the administrator (never a silent double booking). Conflicts already
    /// written are not written again; the records are the same on every node. Returns the conflicts opened.
    @discardableResult
    public func openBookingConflicts() throws -> [ConflictRecord] {
        let calendar = try bookingCalendar()
        var opened: [ConflictRecord] = []
        for collision in calendar.collisions(try bookings()) {
            for conflict in collision.conflictRecords() {
                guard (try? caseFile(conflict.caseUID).conflicts.contains { $0.id == conflict.id }) == false else { continue }
                _ = try updateCase(conflict.caseUID) { _, _ in
                    var change = CaseChange(message: "Conflict \(conflict.id): slot \(collision.slot.id) overbooked")
                    try change.write(conflict, at: conflict.recordPath)
                    return change
                }
                opened.append(conflict)
            }
        }
        return opened
    }

    /// Resolves an overbooking: the booking that lost its seat is cancelled and its conflict closed, in one commit.
    public func cancelBooking(_ uid: String, id: String, reason: String) throws -> FilingRecord {
        try serviceStep(uid) { file, actor, side in
            var change = try CaseActions.cancelBooking(file, id: id, reason: reason, side: side, by: actor)
            for var conflict in file.conflicts where conflict.status == .open && conflict.path == "filings/\(id).json" && conflict.field == "slot" {
                conflict.status = .resolved
                conflict.resolution = .init(by: actor.node, value: .string("cancelled"), note: reason, at: actor.time)
                conflict.updatedAt = actor.time
                conflict.updatedBy = actor.node
                try change.write(conflict, at: conflict.recordPath)
            }
            return change
        }.filing(id)!
    }
}
