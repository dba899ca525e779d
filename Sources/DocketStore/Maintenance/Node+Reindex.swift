import DocketCore
import DocketGit
import Foundation
import GRDB
import Synchronization

extension Node {
    /// Empties every table that is rebuilt from git and indexes every case repository again. Node-local tables
    /// (change sequence, journal, …) are kept, so the result is the same rows as before for an index that was right.
    ///
    /// Cases go in batches (`batchSize`, one write transaction each). Reading and decoding a case (git, JSON)
    /// costs more than writing its rows, so the next batch is read on other threads, one per core, while this one
    /// writes the current batch: the rows and their order are the same as one thread would make.
    @discardableResult
    public func reindex(batchSize: Int = 500) throws -> Int {
        let uids = try paths.caseUIDsOnDisk()
        let periods = try periods()
        try IndexDatabase.emptyRebuildableTables(database)
        let size = max(batchSize, 1)
        let batches = stride(from: 0, to: uids.count, by: size).map { Array(uids[$0..<min($0 + size, uids.count)]) }
        guard !batches.isEmpty else { return 0 }
        // The tables are rebuilt in random key order (ID numbers, days): with SQLite's default 2 MiB page cache
        // most inserts read and write pages of the file again. The writer keeps more of them while reindexing.
        let cacheSize = try database.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -131072")
            return previous
        }
        defer {
            try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        }
        var next = ReindexBatch(batches[0], node: self)
        for index in batches.indices {
            let cases = try next.wait()
            if index + 1 < batches.count { next = ReindexBatch(batches[index + 1], node: self) }
            try database.write { db in
                for case let (file, tip)? in cases {
                    // The tables were emptied above: nothing of the case to delete first.
                    try CaseIndexer.index(
                        file, tip: tip.hex, in: db, periods: periods, keepSequence: true, isNew: true)
                }
            }
        }
        return uids.count
    }

    /// A case as `main` has it (nil for a repository without `main`), for reindexing.
    func indexableCase(_ uid: String) throws -> (CaseFile, ObjectID)? {
        guard let repo = try readCaseObjects(uid) else { return nil }
        guard let tip = try repo.reference(Self.mainRef) else { return nil }
        return (try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree), tip)
    }
}

/// One batch of cases being read on a background queue, by as many threads as there are cores.
private final class ReindexBatch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the reading threads (each its own slots) and read after `done`: the semaphore orders the two.
    private var cases: [(CaseFile, ObjectID)?]
    private let firstError = Mutex<(any Error)?>(nil)

    init(_ uids: [String], node: Node) {
        cases = Array(repeating: nil, count: uids.count)
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, uids.count))
        DispatchQueue.global().async { [self] in
            cases.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    for index in stride(from: thread, to: uids.count, by: threads) {
                        do { slots[index] = try node.indexableCase(uids[index]) } catch {
                            firstError.withLock { if $0 == nil { $0 = error } }
                        }
                    }
                }
            }
            done.signal()
        }
    }

    /// The batch's cases in the order of its uids, once all are read; the first failure, if any.
    func wait() throws -> [(CaseFile, ObjectID)?] {
        done.wait()
        if let error = firstError.withLock({ $0 }) { throw error }
        return cases
    }
}
