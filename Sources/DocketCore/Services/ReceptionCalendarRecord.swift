/// The court's reception calendar (`calendar/reception.json` in the court's announcements repository): the slots
/// that video receptions and lawyers' video meetings are booked against. Only the court writes it, so every node
/// that syncs with the court checks bookings against the same slots.
public struct ReceptionCalendarRecord: Record, Equatable {
    public static let schema = "docket.calendar/1"
    /// Its file in the announcements repository.
    public static let path = "calendar/reception.json"

    public var court: String
    /// Sorted by id.
    public var slots: [BookingSlot]
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(court: String, slots: [BookingSlot], at time: HybridTimestamp, by node: String) {
        self.court = court; self.slots = slots.sorted { $0.id < $1.id }; self.updatedAt = time; self.updatedBy = node
    }

    /// The calendar with `slot` added, or its capacity and length changed when a slot with its id exists.
    /// Refuses a slot without length or places.
    public func adding(_ slot: BookingSlot, at time: HybridTimestamp, by node: String) throws -> ReceptionCalendarRecord
    {
        guard slot.minutes > 0, slot.capacity > 0 else {
            throw DocketError(
                .invalidInput, key: "reception.slot-invalid", zh: "时段长度和名额须大于零。",
                en: "A slot needs a positive length and capacity.")
        }
        return ReceptionCalendarRecord(
            court: court, slots: slots.filter { $0.id != slot.id } + [slot], at: time, by: node)
    }

    /// The change that publishes the calendar.
    public func publication() throws -> CaseChange {
        var change = CaseChange(message: "Reception calendar: \(slots.count) slots")
        try change.write(self, at: Self.path)
        return change
    }
}
