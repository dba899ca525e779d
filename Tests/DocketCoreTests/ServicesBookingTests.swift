import Testing

@testable import DocketCore

@Suite struct ServicesBookingTests {
    static func calendar() throws -> BookingCalendar {
        try BookingCalendar(slots: [
            BookingSlot(
                id: "s-1210-0900", startsAt: try LocalDateTime(parsing: "2026-12-10T09:00"), minutes: 30, capacity: 1),
            BookingSlot(
                id: "s-1210-1000", startsAt: try LocalDateTime(parsing: "2026-12-10T10:00"), minutes: 30, capacity: 2),
        ])
    }
    static let now = try! LocalDateTime(parsing: "2026-11-29T16:30")

    @Test func oneNodeNeverDoubleBooks() throws {
        let tree = try ServicesTree()
        let calendar = try Self.calendar()
        try tree.run { file, actor in
            try CaseActions.submitPetition(file, id: "fpet", partyId: "pa", petitioner: "张三", text: "对判决不服", by: actor)
        }
        func bookings() throws -> [Booking] {
            try tree.file.filings.compactMap { Booking(filing: $0, caseUID: try tree.file.record.uid) }
        }
        try tree.run { file, actor in
            try CaseActions.bookReception(
                file, id: "fbk1", partyId: "pa", name: "张三", petitionId: "fpet", slot: "s-1210-0900",
                calendar: calendar, bookings: try bookings(), now: Self.now, by: actor)
        }
        #expect(try bookings().map(\.id) == ["fbk1"])
        expectRefusal("fully booked") {
            _ = try CaseActions.bookReception(
                try tree.file, id: "fbk2", partyId: "pb", name: "李四", petitionId: nil, slot: "s-1210-0900",
                calendar: calendar, bookings: try bookings(), now: Self.now, by: tree.actor())
        }
        expectRefusal("already booked") {
            _ = try calendar.checkBooking(slotId: "s-1210-0900", holder: "pa", now: Self.now, bookings: try bookings())
        }
        expectRefusal("already begun") {
            _ = try calendar.checkBooking(
                slotId: "s-1210-1000", holder: "pb", now: try LocalDateTime(parsing: "2026-12-10T10:00"), bookings: [])
        }
        expectRefusal("no reception slot") {
            _ = try calendar.checkBooking(slotId: "nope", holder: "pb", now: Self.now, bookings: [])
        }
        #expect(calendar.open(after: Self.now, bookings: try bookings()).map(\.id) == ["s-1210-1000"])
        // Cancelling frees the seat.
        try tree.run { file, actor in
            try CaseActions.cancelBooking(file, id: "fbk1", reason: "时间冲突", side: .party, by: actor)
        }
        #expect(try bookings().isEmpty && calendar.free("s-1210-0900", bookings: try bookings()) == 1)
    }

    @Test func collisionAfterMergeKeepsTheEarliestAndOpensConflictsDeterministically() throws {
        let calendar = try Self.calendar()
        let t = HybridTimestamp(milliseconds: 1_795_940_484_123)
        let a = Booking(
            id: "fbka", caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", slotId: "s-1210-0900", holder: "pa", createdAt: t,
            node: "firm-a")
        let b = Booking(
            id: "fbkb", caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1c", slotId: "s-1210-0900", holder: "px",
            createdAt: HybridTimestamp(milliseconds: t.milliseconds - 5), node: "kiosk-1")
        let sameTime = Booking(
            id: "fbk0", caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1d", slotId: "s-1210-0900", holder: "py", createdAt: t,
            node: "firm-b")
        let roomy = Booking(
            id: "fbkc", caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", slotId: "s-1210-1000", holder: "pa", createdAt: t,
            node: "firm-a")

        let collisions = calendar.collisions([a, roomy, b])
        #expect(collisions.count == 1)
        #expect(collisions[0].kept.map(\.id) == ["fbkb"] && collisions[0].overbooked.map(\.id) == ["fbka"])
        #expect(calendar.collisions([b, a, roomy]) == collisions)

        // Same createdAt: the smaller id keeps the seat.
        let tie = calendar.collisions([a, sameTime])[0]
        #expect(tie.kept.map(\.id) == ["fbk0"] && tie.overbooked.map(\.id) == ["fbka"])

        // Capacity 2 holds two without collision.
        #expect(
            calendar.collisions([
                roomy,
                Booking(
                    id: "fbkd", caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1e", slotId: "s-1210-1000", holder: "pz",
                    createdAt: t, node: "kiosk-1"),
            ]).isEmpty)

        // The conflict goes to the losing booking's case, needs review, and is the same from either node.
        let conflicts = collisions[0].conflictRecords()
        #expect(conflicts.count == 1)
        let conflict = conflicts[0]
        #expect(conflict.caseUID == a.caseUID && conflict.path == "filings/fbka.json" && conflict.field == "slot")
        #expect(conflict.needsReview && conflict.winner == "kiosk-1" && conflict.status == .open)
        #expect(calendar.collisions([b, a])[0].conflictRecords() == conflicts)
        let value = try conflict.jsonValue()
        try #require(ServicesTree.schemas["docket.conflict/1"]).validate(value)
    }

    @Test func calendarRefusesDuplicateSlotsAndZeroCapacity() throws {
        let start = try LocalDateTime(parsing: "2026-12-10T09:00")
        expectRefusal("twice") {
            _ = try BookingCalendar(slots: [
                BookingSlot(id: "s", startsAt: start, minutes: 30, capacity: 1),
                BookingSlot(id: "s", startsAt: start, minutes: 30, capacity: 1),
            ])
        }
        expectRefusal("at least 1") {
            _ = try BookingCalendar(slots: [BookingSlot(id: "s", startsAt: start, minutes: 30, capacity: 0)])
        }
    }

    @Test func announcementsShowOnlyWhileValid() throws {
        let t = HybridTimestamp(milliseconds: 1_795_940_484_123)
        let from = try LocalDateTime(parsing: "2026-12-01T00:00"),
            until = try LocalDateTime(parsing: "2026-12-31T00:00")
        let a = try AnnouncementRecord(
            id: "n1", court: "鲁0102", title: "网上立案指引", body: "……", validFrom: from, validUntil: until,
            at: t, by: "court-1")
        let b = try AnnouncementRecord(
            id: "n2", court: "鲁0102", title: "Online filing", body: "…",
            validFrom: try LocalDateTime(parsing: "2026-12-05T00:00"),
            validUntil: nil, language: "en", at: t, by: "court-1")
        let all = [a, b]
        #expect(AnnouncementRecord.current(all, at: try LocalDateTime(parsing: "2026-11-30T23:59")).isEmpty)
        #expect(
            AnnouncementRecord.current(all, at: try LocalDateTime(parsing: "2026-12-06T09:00")).map(\.id) == [
                "n2", "n1",
            ])
        #expect(
            AnnouncementRecord.current(all, at: try LocalDateTime(parsing: "2026-12-06T09:00"), language: "zh-Hans")
                .map(\.id) == ["n1"])
        #expect(AnnouncementRecord.current(all, at: until).map(\.id) == ["n2"])  // validUntil is exclusive
        expectRefusal("before it starts") {
            _ = try AnnouncementRecord(
                id: "n3", court: "鲁0102", title: "x", body: "y", validFrom: until, validUntil: from, at: t,
                by: "court-1")
        }
        expectRefusal("title and a body") {
            _ = try AnnouncementRecord(
                id: "n3", court: "鲁0102", title: " ", body: "y", validFrom: from, validUntil: nil, at: t, by: "court-1")
        }
        let change = try a.publication()
        let bytes = try #require(change.files["announcements/n1.json"] ?? nil)
        let value = try JSONParser.parse(bytes)
        try #require(ServicesTree.schemas["docket.announcement/1"]).validate(value)
        #expect(value["validUntil"] == .string("2026-12-31T00:00") && value["language"] == .null)
        #expect(try AnnouncementRecord.decode(bytes) == a)
    }
}
