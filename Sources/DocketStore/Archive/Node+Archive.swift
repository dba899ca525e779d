import DocketCore
import DocketGit
import Foundation
import GRDB

/// What `Node.archiveCase` did.
public enum CaseArchiving: Equatable, Sendable {
    /// The case is now one file of this many bytes.
    case archived(bytes: Int)
    /// It was one already.
    case alreadyArchived
    /// Someone is reading or writing the case: it was left as it is, to be archived another time.
    case busy
}

/// The archive form of cases (`Repository+Archive`): a concluded case becomes one file in its repository's place,
/// its index rows stay, and the first process that opens the repository through the node expands it again. Query,
/// search, the desk's lists and the changes feed read the index alone and never expand a case; reindex, fsck and
/// the batched fetch's server read an archived case from a temporary copy and leave it archived.
extension Node {
    /// The statuses of a concluded case, which the archive sweep takes.
    public static let concludedStatuses: [CaseStatus] = [.closed, .withdrawn, .rejected]

    /// Opens case `uid`'s repository, expanding the archive form first, and holds a shared lease on it for as long
    /// as the repository lives (`CaseLease`). Nil when the node has no such case.
    func openCase(_ uid: String) throws -> Repository? {
        guard Identifier.isCaseUID(uid) else { return nil }
        let path = paths.repository(ofCase: uid).path
        while true {
            if let repository = try openFolder(path) { return repository }
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            try expandArchive(uid)
        }
    }

    /// The repository at `path` with a shared lease on it; nil when there is none, or only an archive (whose lease
    /// is dropped before this returns: expanding it needs the lease exclusively).
    private func openFolder(_ path: String) throws -> Repository? {
        guard let lease = try CaseLease.take(path, exclusive: false), !lease.isArchive else { return nil }
        let repository = try Repository.open(path)
        repository.lease = lease
        return repository
    }

    /// Case `uid`'s repository for reading only. An archived case is read from a copy expanded into
    /// `<data>/incoming` (removed with the repository) and stays archived. Nil when the node has no such case.
    package func readCase(_ uid: String) throws -> Repository? {
        try readCase(uid, objectsOnly: false)
    }

    /// `readCase` for readers of `main` and the objects it reaches (reindex, indexing, reading a case's records),
    /// which need no stock git and write nothing: an archived case's pack is indexed into `<data>/incoming` and read
    /// through an object database alone (`Repository.readArchive`), with no repository made around it; its
    /// references are the archive's. A live case is opened as `readCase` opens it.
    package func readCaseObjects(_ uid: String) throws -> Repository? {
        try readCase(uid, objectsOnly: true)
    }

    private func readCase(_ uid: String, objectsOnly: Bool) throws -> Repository? {
        guard Identifier.isCaseUID(uid) else { return nil }
        let path = paths.repository(ofCase: uid).path
        guard let lease = try CaseLease.take(path, exclusive: false) else { return nil }
        guard lease.isArchive else {
            let repository = try Repository.open(path)
            repository.lease = lease
            return repository
        }
        try FileManager.default.createDirectory(at: paths.incoming, withIntermediateDirectories: true)
        let name = "r-\(getpid())-\(UUID().uuidString.prefix(8).lowercased()).git"
        let copy = paths.incoming.appendingPathComponent(name)
        let repository: Repository
        do {
            if objectsOnly {
                repository = try Repository.readArchive(at: path, into: copy.path)
            } else {
                repository = try Repository.expandArchive(at: path, into: copy.path)
            }
        } catch {
            throw archiveUnreadable(uid, error)
        }
        lease.temporaryCopy = copy.path
        repository.lease = lease
        return repository
    }

    /// True when case `uid` is in its archive form now.
    public func isArchived(_ uid: String) -> Bool {
        Identifier.isCaseUID(uid) && Repository.isArchive(at: paths.repository(ofCase: uid).path)
    }

    /// Turns case `uid` into its archive form: one file, its index rows untouched. Its `main` and the peers'
    /// references are kept; the scratch references of fetches are not. A case someone is reading or writing is
    /// left alone (`.busy`).
    public func archiveCase(_ uid: String) throws -> CaseArchiving {
        guard let lease = try reshapingLease(uid) else { return .busy }
        if lease.isArchive { return .alreadyArchived }
        let path = paths.repository(ofCase: uid).path
        do {
            // The lease is held until the form has changed.
            return .archived(
                bytes: try withExtendedLifetime(lease) {
                    try Repository.archive(at: path) { !$0.hasPrefix("refs/docket/") }
                })
        } catch let error as GitError where error.code == Repository.movedMeanwhile {
            return .busy
        } catch {
            throw DocketError(
                .internal, key: "case.archive-failed", zh: "案件\(uid)未能归档，原样保留。",
                en: "The case \(uid) could not be archived and is kept as it was.", cause: error)
        }
    }

    /// Rewrites case `uid`'s repository in the layout of a new case (`Repository.compact`: one pack, references in
    /// `packed-refs`, 7 inodes) when it is not in it already; returns whether it did. An archived case, and one
    /// someone is reading or writing, is left as it is (false).
    @discardableResult
    public func compactCase(_ uid: String) throws -> Bool {
        let path = paths.repository(ofCase: uid).path
        guard Identifier.isCaseUID(uid), !Repository.isCompact(at: path) else { return false }
        guard let lease = try reshapingLease(uid), !lease.isArchive else { return false }
        do {
            try withExtendedLifetime(lease) {
                try Repository.compact(at: path, sharedHEAD: paths.sharedHEAD(ofCase: uid)) {
                    !$0.hasPrefix("refs/docket/")
                }
            }
        } catch let error as GitError where error.code == Repository.movedMeanwhile {
            return false
        } catch {
            throw DocketError(
                .internal, key: "case.compact-failed", zh: "案件\(uid)未能整理，原样保留。",
                en: "The case \(uid) could not be compacted and is kept as it was.", cause: error)
        }
        return true
    }

    /// Case `uid`'s lease, taken exclusively without waiting, to change the case's form; nil when someone is reading
    /// or writing the case: they hold a lease, or — for a repository — a running process's write journal names it
    /// (a writer in another process holds no lease on the folder only while it creates the case, and names it in
    /// its journal all along). Throws when there is no such case.
    private func reshapingLease(_ uid: String) throws -> CaseLease? {
        guard Identifier.isCaseUID(uid) else { throw caseNotFound(uid) }
        let lease: CaseLease?
        do {
            lease = try CaseLease.take(paths.repository(ofCase: uid).path, exclusive: true, waiting: false)
        } catch is CaseLease.Busy {
            return nil
        }
        guard let lease else { throw caseNotFound(uid) }
        if !lease.isArchive, WriteJournal.liveUIDs(in: paths.journal).contains(uid) { return nil }
        return lease
    }

    /// Compacts every case repository on disk that is not in the compact layout (`compactCase`); returns how many
    /// it compacted and the cases it could not, each with its error (the others are done all the same). Cheap for
    /// a case already compact: two folder listings. Leftovers of killed processes are `archiveConcluded`'s (or
    /// `removeArchiveLeftovers`') to clear.
    public func compactCases() throws -> (compacted: Int, failed: [DocketError]) {
        var compacted = 0
        var failed: [DocketError] = []
        for uid in try paths.caseUIDsOnDisk() {
            do {
                if try compactCase(uid) { compacted += 1 }
            } catch {
                failed.append(DocketError.wrapping(error, zh: "案件\(uid)", en: "Case \(uid)"))
            }
        }
        return (compacted, failed)
    }

    /// Removes what a process killed while archiving, expanding, compacting or creating a case left beside the
    /// repositories (`Repository.removeArchiveLeftovers`).
    public func removeArchiveLeftovers() {
        for shard in (try? FileManager.default.contentsOfDirectory(atPath: paths.cases.path)) ?? [] {
            Repository.removeArchiveLeftovers(in: paths.cases.appendingPathComponent(shard).path)
        }
    }

    /// Expands case `uid` from its archive form into a repository again; returns false when it was not archived.
    @discardableResult
    public func unarchiveCase(_ uid: String) throws -> Bool {
        let path = paths.repository(ofCase: uid).path
        guard Identifier.isCaseUID(uid), FileManager.default.fileExists(atPath: path) else { throw caseNotFound(uid) }
        guard Repository.isArchive(at: path) else { return false }
        try expandArchive(uid)
        return true
    }

    /// Archives every concluded case (`concludedStatuses`) last changed before `cutoff`; returns how many were
    /// archived, how many were busy (left for the next sweep), and the cases that failed with their errors (the
    /// others are archived all the same). First clears leftovers (`removeArchiveLeftovers`).
    public func archiveConcluded(before cutoff: Date) throws -> (archived: Int, busy: Int, failed: [DocketError]) {
        removeArchiveLeftovers()
        let uids = try database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT uid FROM cases WHERE status IN (\(Self.concludedStatuses.map { "'\($0.rawValue)'" }
                        .joined(separator: ","))) AND updated_at < ? ORDER BY uid
                    """, arguments: [UTCTime.isoString(cutoff)])
        }
        var archived = 0, busy = 0
        var failed: [DocketError] = []
        for uid in uids {
            do {
                switch try archiveCase(uid) {
                case .archived: archived += 1
                case .busy: busy += 1
                case .alreadyArchived: break
                }
            } catch {
                failed.append(DocketError.wrapping(error, zh: "案件\(uid)", en: "Case \(uid)"))
            }
        }
        return (archived, busy, failed)
    }

    /// Replaces the archive of case `uid` by its repository, unless someone did meanwhile.
    private func expandArchive(_ uid: String) throws {
        let path = paths.repository(ofCase: uid).path
        guard let lease = try CaseLease.take(path, exclusive: true), lease.isArchive else { return }
        do {
            try withExtendedLifetime(lease) {
                try Repository.expandArchive(at: path, sharedHEAD: paths.sharedHEAD(ofCase: uid))
            }
        } catch {
            throw archiveUnreadable(uid, error)
        }
    }

    private func archiveUnreadable(_ uid: String, _ error: any Error) -> DocketError {
        DocketError(
            .internal, key: "case.archive-unreadable", zh: "案件\(uid)的归档文件无法读取或已损坏。",
            en: "The archive of the case \(uid) cannot be read or is damaged.", cause: error)
    }

    /// The error for a case this node does not have, as every lookup by uid says it.
    package func caseNotFound(_ uid: String) -> DocketError {
        DocketError(.notFound, key: "case.not-found", zh: "没有案件\(uid)。", en: "No case \(uid).")
    }
}
