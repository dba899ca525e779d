import DocketSchemas
import Foundation
import GRDB

/// Opens the node's SQLite database (WAL) and brings its schema up to date from Schemas/sqlite/*.sql.
///
/// Migrations are applied in file-name order, each once, forward only; a database written by a newer Docket
/// (one with a migration this binary does not know) is refused rather than guessed at.
enum IndexDatabase {
    static func open(at url: URL) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: url.path, configuration: configuration)
        try migrator().migrate(pool)
        return pool
    }

    static func migrator() throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in try DocketSchemas.files(in: "sqlite") where file.hasSuffix(".sql") {
            let sql = String(decoding: try DocketSchemas.data("sqlite/" + file), as: UTF8.self)
            let name = String(file.dropLast(4))
            migrator.registerMigration(name) { db in
                try db.execute(sql: sql)
                try fills[name]?(db)
            }
        }
        return migrator
    }

    /// Steps a migration takes after its SQL, in the same transaction: filling a new rebuildable table from the
    /// rows already indexed, so a node needs no `docket reindex` to use it.
    static let fills: [String: @Sendable (Database) throws -> Void] = ["0019_case_pairs": CasePairs.fill]

    /// The tables `docket reindex` empties and rebuilds from git, besides every table whose rows belong to a case
    /// (a foreign key to `cases`, deleted with it).
    static let rebuildableTables = ["case_search", "case_pairs", "cases"]

    /// Empties the rebuildable tables and every table that references `cases`, as deleting every case would, but
    /// whole tables at once: with foreign keys on, SQLite deletes a parent table row by row and cascades into each
    /// child table per row, and an FTS5 table deletes row by row too (8.9 s of a 100,000-case court; 2.6 s so). The
    /// full-text tables are dropped and made again from their own `CREATE` statement. Foreign keys are checked
    /// before the transaction commits.
    static func emptyRebuildableTables(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            // Only outside a transaction does the pragma take effect.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                let tables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
                for table in tables where table != "cases" {
                    let parents = try String.fetchAll(
                        db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [table])
                    guard parents.contains("cases") else { continue }
                    try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)")
                }
                for table in rebuildableTables {
                    let create = try String.fetchOne(
                        db, sql: "SELECT sql FROM sqlite_master WHERE name = ? AND sql LIKE 'CREATE VIRTUAL%'",
                        arguments: [table])
                    if let create {
                        try db.execute(sql: "DROP TABLE \(table.quotedDatabaseIdentifier)")
                        try db.execute(sql: create)
                    } else {
                        try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)")
                    }
                }
                if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw DatabaseError(
                        resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY,
                        message: "emptying the index left a row without its case: \(violation)")
                }
                return .commit
            }
        }
    }
}
