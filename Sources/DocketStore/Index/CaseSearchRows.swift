import GRDB

/// The full-text rows (`case_search`, `case_pairs`) of the cases one index transaction writes, written together
/// at its end. FTS5 writes the terms it holds pending out as a new segment at every statement that opens a
/// savepoint — a delete of a case's rows does — so full-text rows written case by case became a segment per case,
/// each written, then read and merged again.
final class CaseSearchRows {
    private var changes: [(previous: Int64?, rowID: Int64, texts: [String])] = []

    /// The case whose rows had id `previous` (nil: none yet) has them under `rowID` now, with `texts` (title,
    /// cause, claims, parties).
    func replace(_ previous: Int64?, by rowID: Int64, texts: [String]) {
        changes.append((previous, rowID, texts))
    }

    /// Writes what was gathered, in order, and forgets it.
    func write(in db: Database) throws {
        for change in changes {
            if let previous = change.previous {
                try db.cachedStatement(sql: "DELETE FROM case_search WHERE rowid = ?").execute(arguments: [previous])
                try db.cachedStatement(sql: "DELETE FROM case_pairs WHERE rowid = ?").execute(arguments: [previous])
            }
            let texts = change.texts
            try db.cachedStatement(
                sql: "INSERT INTO case_search (rowid, title, cause, claims, parties) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [change.rowID, texts[0], texts[1], texts[2], texts[3]])
            try CasePairs.insert(rowID: change.rowID, texts: texts, in: db)
        }
        changes = []
    }
}
