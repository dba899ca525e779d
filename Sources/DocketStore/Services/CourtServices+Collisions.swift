import DocketCore
import Foundation
import GRDB

extension CourtServices {
    /// Run after every sync and every received push: bookings and hearings made offline on different nodes may now
    /// collide (a slot overfilled, a courtroom or judge taken twice), and each one that lost gets an open conflict
    /// in its own case; on the court, conflicts whose collision is gone — whichever side was cancelled or moved —
    /// are closed.
    package func checkCollisions() throws {
        try openBookingConflicts()
        try openHearingConflicts()
        if node.config.role == .court { try settleCollisionConflicts() }
    }

    /// Closes the open booking and hearing conflicts of this court's cases that no longer collide: the booking that
    /// kept the seat was cancelled (so the other keeps it), or a hearing was cancelled or moved. Only the court does
    /// it, so one node writes each closing. Returns the conflicts closed.
    @discardableResult
    package func settleCollisionConflicts() throws -> [ConflictRecord] {
        let open = try node.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.record FROM conflicts c JOIN cases k ON k.uid = c.case_uid
                    WHERE c.status = 'open' AND k.court = ?
                      AND ((c.field = 'slot' AND c.path LIKE 'filings/%')
                        OR (c.field = 'startsAt' AND c.path LIKE 'hearings/%'))
                    """, arguments: [node.config.courtCode ?? ""]
            ).map { row in
                try ConflictRecord.decode(Array((row["record"] as String).utf8))
            }
        }
        guard !open.isEmpty else { return [] }
        let lostBookings = Set(try bookingCalendar().collisions(try bookings()).flatMap { $0.overbooked.map(\.id) })
        let lostHearings = try Set(
            HearingSlot.collisions(
                node.database.read { db in
                    try Row.fetchAll(
                        db, sql: "SELECT h.*, c.case_number FROM hearings h JOIN cases c ON c.uid = h.case_uid"
                    ).map(Self.hearingSlot)
                }
            ).map { "\($0.lost.caseUID)/\($0.lost.hearingId)" })
        var closed: [ConflictRecord] = []
        for conflict in open {
            let id = String(conflict.path.split(separator: "/")[1].dropLast(5))
            let stillColliding =
                conflict.field == "slot"
                ? lostBookings.contains(id) : lostHearings.contains("\(conflict.caseUID)/\(id)")
            guard !stillColliding else { continue }
            let file: CaseFile
            do {
                file = try node.updateCase(conflict.caseUID) { file, actor in
                    guard var current = file.conflicts.first(where: { $0.id == conflict.id }), current.status == .open
                    else {
                        throw AlreadySettled()
                    }
                    let note =
                        conflict.field == "slot"
                        ? "冲突已消除：另一预约已取消，本预约保留座位。"
                        : "冲突已消除：另一庭审已取消或改期，本庭审时间不再冲突。"
                    current.status = .resolved
                    current.resolution = .init(by: actor.node, value: .string("settled"), note: note, at: actor.time)
                    current.updatedAt = actor.time
                    current.updatedBy = actor.node
                    var change = CaseChange(message: "Conflict \(conflict.id): settled, no longer colliding")
                    try change.write(current, at: current.recordPath)
                    try change.append(
                        DocketEntry(
                            at: actor.time, node: actor.node, actor: actor.name, kind: "conflict-settled", summary: note
                        ))
                    return change
                }.file
            } catch is AlreadySettled { continue }
            if let done = file.conflicts.first(where: { $0.id == conflict.id }) { closed.append(done) }
        }
        return closed
    }

    private struct AlreadySettled: Error {}
}
