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

    /// The tables `docket reindex` empties and rebuilds from git.
    static let rebuildableTables = [
        "conflicts", "timeline", "documents", "parties", "case_search", "case_pairs", "cases",
    ]
}
