import DocketCore
import DocketGit
import Foundation
import GRDB

extension Node {
    /// Empties every table that is rebuilt from git and indexes every case repository again. Node-local tables
    /// (change sequence, journal, …) are kept, so the result is the same rows as before for an index that was right.
    @discardableResult
    public func reindex() throws -> Int {
        let uids = try paths.caseUIDsOnDisk()
        let periods = try periods()
        try database.write { db in
            for table in IndexDatabase.rebuildableTables { try db.execute(sql: "DELETE FROM \(table)") }
        }
        for batch in stride(from: 0, to: uids.count, by: 500).map({ Array(uids[$0..<min($0 + 500, uids.count)]) }) {
            try database.write { db in
                for uid in batch {
                    let repo = try Repository.open(paths.repository(ofCase: uid).path)
                    guard let tip = try repo.reference(Self.mainRef) else { continue }
                    let file = try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
                    try CaseIndexer.index(file, tip: tip.hex, in: db, periods: periods, keepSequence: true)
                }
            }
        }
        return uids.count
    }
}
