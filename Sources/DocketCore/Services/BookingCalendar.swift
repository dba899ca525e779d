/// One bookable slot of the court's video reception (or video meeting) calendar.
public struct BookingSlot: Codable, Hashable, Sendable {
    /// Stable id written into bookings (`details.slot`), e.g. `2026-12-10T09:00-r1`.
    public var id: String
    /// Start, Asia/Shanghai wall time.
    public var startsAt: LocalDateTime
    public var minutes: Int
    /// How many bookings the slot takes (receptionists × sessions).
    public var capacity: Int

    public init(id: String, startsAt: LocalDateTime, minutes: Int, capacity: Int) {
        self.id = id; self.startsAt = startsAt; self.minutes = minutes; self.capacity = capacity
    }
}

/// A live booking of a slot, as gathered from the filings of every case (the store collects them).
public struct Booking: Hashable, Sendable {
    /// The filing id of the booking.
    public var id: String
    /// The case the booking's filing lives in.
    public var caseUID: String
    public var slotId: String
    /// Who booked (party id, or a petitioner's name when not a party).
    public var holder: String
    public var createdAt: HybridTimestamp
    /// The node that wrote the booking (its filing's `updatedBy`), named in conflict records.
    public var node: String

    public init(id: String, caseUID: String, slotId: String, holder: String, createdAt: HybridTimestamp, node: String) {
        self.id = id; self.caseUID = caseUID; self.slotId = slotId; self.holder = holder; self.createdAt = createdAt
        self.node = node
    }

    /// The booking a filing holds: a reception booking or video meeting with a `slot`, not cancelled, refused or
    /// withdrawn; nil otherwise.
    public init?(filing: FilingRecord, caseUID: String) {
        guard filing.kind == .receptionBooking || filing.kind == .videoMeeting,
            ![.cancelled, .refused, .withdrawn].contains(filing.state),
            let slot = filing.court["slot"] ?? filing.details["slot"]
        else { return nil }
        self.init(
            id: filing.id, caseUID: caseUID, slotId: slot,
            holder: filing.applicantPartyId ?? filing.details["name"] ?? "",
            createdAt: filing.createdAt, node: filing.updatedBy)
    }

    /// Which of two bookings keeps a contested seat: the earlier `createdAt`, then the smaller id, then the smaller
    /// case uid. The same on every node, whatever order the bookings arrive in.
    public static func keepsSeat(_ a: Booking, over b: Booking) -> Bool {
        (a.createdAt, a.id, a.caseUID) < (b.createdAt, b.id, b.caseUID)
    }
}

/// A slot holding more bookings than its capacity: who keeps the seats, who must be moved.
public struct BookingCollision: Equatable, Sendable {
    public var slot: BookingSlot
    /// The first `capacity` bookings by `Booking.keepsSeat`.
    public var kept: [Booking]
    /// The rest, in the same order: each needs a conflict for the administrator (rebook or cancel), never a silent
    /// double booking.
    public var overbooked: [Booking]

    /// One open conflict per overbooked booking, for its own case (`conflicts/<id>.json`, field `slot` of the
    /// booking's filing), naming the booking that keeps the seat. Needs review: the administrator rebooks or
    /// cancels. Ids and times derive from the bookings only, so every node that detects the collision writes the
    /// same records and they merge as one.
    public func conflictRecords() -> [ConflictRecord] {
        guard let keeper = kept.last else { return [] }
        return overbooked.map { loser in
            let keptValue = JSONValue.object([
                "booking": .string(keeper.id), "case": .string(keeper.caseUID), "slot": .string(slot.id),
            ])
            let lostValue = JSONValue.object([
                "booking": .string(loser.id), "case": .string(loser.caseUID), "slot": .string(slot.id),
            ])
            let path = "filings/\(loser.id).json"
            let values = [
                ConflictRecord.Value(node: keeper.node, value: keptValue, updatedAt: keeper.createdAt),
                ConflictRecord.Value(node: loser.node, value: lostValue, updatedAt: loser.createdAt),
            ]
            .sorted { ($0.node, $0.updatedAt) < ($1.node, $1.updatedAt) }
            let opened = max(keeper.createdAt, loser.createdAt)
            return ConflictRecord(
                id: ConflictRecord.id(
                    caseUID: loser.caseUID, path: path, field: "slot", values: [keptValue, lostValue]),
                caseUID: loser.caseUID, path: path, field: "slot", values: values, winner: keeper.node,
                needsReview: true, openedAt: opened, updatedAt: opened, updatedBy: keeper.node)
        }
    }
}

/// The court's reception calendar: slots with a capacity. Pure: it decides from the slots and the bookings it is
/// given, so one node never double-books, and after a merge it names the bookings that collided.
public struct BookingCalendar: Sendable {
    /// By id.
    public let slots: [String: BookingSlot]

    /// Refuses duplicate slot ids, a capacity below 1 or a length below 1 minute.
    public init(slots: [BookingSlot]) throws {
        var byId: [String: BookingSlot] = [:]
        for slot in slots {
            guard byId[slot.id] == nil else {
                throw DocketError(
                    .invalidInput, key: "booking.slot-duplicate", zh: "预约日历中时段\(slot.id)重复列出。",
                    en: "The booking calendar lists slot \(slot.id) twice.")
            }
            guard slot.capacity >= 1, slot.minutes >= 1 else {
                throw DocketError(
                    .invalidInput, key: "booking.slot-invalid", zh: "时段\(slot.id)的名额和时长均应至少为1。",
                    en: "Slot \(slot.id) needs a capacity and a length of at least 1.")
            }
            byId[slot.id] = slot
        }
        self.slots = byId
    }

    /// Seats still free in a slot, given every live booking.
    public func free(_ slotId: String, bookings: [Booking]) -> Int {
        guard let slot = slots[slotId] else { return 0 }
        return max(0, slot.capacity - bookings.filter { $0.slotId == slotId }.count)
    }

    /// The slots still bookable after `now`, earliest first.
    public func open(after now: LocalDateTime, bookings: [Booking]) -> [BookingSlot] {
        slots.values.filter { $0.startsAt > now && free($0.id, bookings: bookings) > 0 }
            .sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
    }

    /// Checks a new booking against the bookings this node knows: the slot must exist, lie after `now`, have a free
    /// seat, and the holder must not already hold it. Returns the slot.
    @discardableResult
    public func checkBooking(
        slotId: String, holder: String, now: LocalDateTime, bookings: [Booking]
    ) throws -> BookingSlot {
        guard let slot = slots[slotId] else {
            throw DocketError(
                .notFound, key: "booking.slot-not-found", zh: "没有该预约时段（\(slotId)）。",
                en: "There is no reception slot \(slotId).")
        }
        guard slot.startsAt > now else {
            throw DocketError(
                .conflict, key: "booking.slot-past", zh: "该时段（\(slotId)，\(slot.startsAt)）已过，请选择其他时段。",
                en: "The slot \(slotId) (\(slot.startsAt)) has already begun; choose a later one.")
        }
        if bookings.contains(where: { $0.slotId == slotId && $0.holder == holder }) {
            throw DocketError(
                .conflict, key: "booking.already-booked", zh: "\(holder)已预约该时段（\(slot.startsAt)），"
                    + "请勿重复预约。",
                en: "\(holder) has already booked the slot \(slot.startsAt).")
        }
        guard free(slotId, bookings: bookings) > 0 else {
            throw DocketError(
                .conflict, key: "booking.slot-full",
                zh: "该时段（\(slot.startsAt)）已约满（\(slot.capacity)/\(slot.capacity)），请选择其他时段。",
                en: "The slot \(slot.startsAt) is fully booked (\(slot.capacity) of \(slot.capacity)); choose another.")
        }
        return slot
    }

    /// Slots holding more live bookings than seats — two nodes booked the last seat offline and merged. Sorted by
    /// slot time, then id; within a slot, bookings ordered by `Booking.keepsSeat`. Unknown slots are skipped.
    public func collisions(_ bookings: [Booking]) -> [BookingCollision] {
        Dictionary(grouping: bookings, by: \.slotId).compactMap { slotId, held -> BookingCollision? in
            guard let slot = slots[slotId], held.count > slot.capacity else { return nil }
            let ordered = held.sorted(by: Booking.keepsSeat)
            return BookingCollision(
                slot: slot, kept: Array(ordered.prefix(slot.capacity)),
                overbooked: Array(ordered.dropFirst(slot.capacity)))
        }.sorted { ($0.slot.startsAt, $0.slot.id) < ($1.slot.startsAt, $1.slot.id) }
    }
}
