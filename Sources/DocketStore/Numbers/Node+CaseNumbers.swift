import DocketCore
import Foundation
import GRDB

extension Node {
    /// The case number (案号) for a case accepted now: the next serial of its series (court, specialised-trial
    /// code, type, year), consecutive from 1 and restarting each year.
    ///
    /// Allocation is one SQLite write transaction, so concurrent allocations on this node (threads or
    /// processes) never share or skip a serial. Asking again for the same case and type returns the number it
    /// already has, so a retried acceptance does not leave a gap. 刑核 numbers are a random unused 8-digit serial
    /// (provisions art. 10). Only a court node hands out numbers, and only for its own court code.
    package func allocateCaseNumber(
        for uid: String, type: String, special: String? = nil, year: Int
    ) throws -> CaseNumber {
        guard config.role == .court, let court = config.courtCode else {
            throw DocketError(
                .notAllowed, key: "casenumber.court-only", zh: "只有法院节点可以分配案号（本节点是\(config.role.rawValue)节点）。",
                en: "Only a court node assigns case numbers (this node is a \(config.role.rawValue) node).")
        }
        // Validates the parts before anything is stored.
        _ = try CaseNumber(
            year: year, court: court, special: special, type: type,
            serial: type == CaseTypeCode.criminalReview ? 10_000_000 : 1, allowUnknownCourt: true)
        return try database.write { db in
            if let existing = try String.fetchOne(
                db, sql: "SELECT canonical FROM case_number_allocations WHERE case_uid = ? AND type = ?",
                arguments: [uid, type])
            {
                return try CaseNumber(parsing: existing, allowUnknownCourt: true)
            }
            let number: CaseNumber
            if type == CaseTypeCode.criminalReview {
                var rng = SystemRandomNumberGenerator()
                var candidate: CaseNumber
                repeat {
                    candidate = try CaseNumber(
                        year: year, court: court, special: special, type: type,
                        serial: CaseNumber.randomReviewSerial(using: &rng), allowUnknownCourt: true)
                } while try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM case_number_allocations WHERE canonical = ?",
                    arguments: [candidate.canonical]) ?? false
                number = candidate
            } else {
                let serial = try Int.fetchOne(
                    db,
                    sql: """
                        INSERT INTO case_number_series (court, special, type, year, last_serial) VALUES (?, ?, ?, ?, 1)
                        ON CONFLICT (court, special, type, year) DO UPDATE SET last_serial = last_serial + 1
                        RETURNING last_serial
                        """, arguments: [court, special ?? "", type, year])!
                number = try CaseNumber(
                    year: year, court: court, special: special, type: type, serial: serial,
                    allowUnknownCourt: true)
            }
            try db.execute(
                sql:
                    "INSERT INTO case_number_allocations (canonical, case_uid, type, allocated_at) VALUES (?, ?, ?, ?)",
                arguments: [
                    number.canonical, uid, type,
                    UTCTime.isoString(),
                ])
            return number
        }
    }
}
