import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// Takes a court peer's announcements into `<data>/announcements/<court>.git`, fast-forward only.
    ///
    /// The court is the only writer of that repository, so anything else is refused and reported as an error,
    /// changing nothing: history that does not fast-forward ours (the court rewrote what we already hold), or a
    /// new commit not signed by that court's key, or one holding anything but that court's valid announcement
    /// records. The fetched tip waits on a scratch reference until it has passed, and that reference is removed
    /// either way.
    func pullAnnouncements(from peer: Peer, base: String, token: String, into report: inout SyncReport) {
        guard peer.role == .court, let court = peer.courtCode else { return }
        do {
            guard AnnouncementHistory.isSafeCourtCode(court),
                let repository = SyncRoute.announcements(base: base, court: court),
                let probe = URL(string: "\(repository)/info/refs?service=git-upload-pack")
            else {
                throw DocketError(
                    .invalidInput, key: "sync.announcement-court-code-invalid",
                    zh: "对等节点\(peer.nodeId)的法院代字“\(court)”不能用作仓库名称。",
                    en: "the court code \"\(court)\" of peer \(peer.nodeId) cannot name a repository")
            }
            guard let repo = try node.announcementsRepository(court: court, creating: true) else { return }
            let incoming = PeerRef.announcementsIncoming(from: peer.nodeId)
            defer { try? repo.deleteReference(incoming) }
            do {
                try peer.gitTransfer { check in
                    try repo.fetch(
                        from: repository, refspecs: [PeerRef.fetch(into: incoming)],
                        headers: [WireHeader.authorizationLine(token)], certificateCheck: check)
                }
            } catch {
                // A court that has published nothing yet has no repository to serve: nothing to take.
                if (try? PeerHTTP.status(url: probe, token: token, pins: peer.certificatePins)) == 404 { return }
                throw error
            }
            guard let theirs = try repo.reference(incoming) else { return }
            let ours = try repo.reference(PeerRef.main)
            if theirs == ours { return }
            if let ours, !(try repo.isDescendant(theirs, of: ours)) {
                throw Refusal(
                    "\(peer.nodeId)'s history does not fast-forward ours "
                        + "(\(ours.hex.prefix(12)) → \(theirs.hex.prefix(12))); announcements are never rewritten"
                )
            }
            let new = try repo.commits(from: theirs, hiding: ours.map { [$0] } ?? [])
            let problems = AnnouncementHistory.problems(
                in: repo, commits: new, court: court, signers: [peer.nodeId: peer.publicKey],
                schemas: try RecordSchemas.shipped.get())
            if let first = problems.first { throw Refusal(first) }
            guard
                try repo.updateReference(
                    PeerRef.main, to: theirs, expecting: ours, message: "take announcements from \(peer.nodeId)")
            else {
                throw DocketError(
                    .conflict, key: "sync.announcements-changed-meanwhile",
                    zh: "公告在此期间已被其他进程修改，"
                        + "请重新同步。",
                    en: "another process changed them meanwhile; sync again")
            }
            report.announcements += new.count
            // A year's holiday arrangement among them: every open deadline here is computed again.
            let years = try Self.holidayYears(changedBetween: ours, and: theirs, in: repo)
            if !years.isEmpty { report.movedDeadlines += try node.services.recomputeDeadlines(years: years).count }
        } catch let refusal as Refusal {
            report.errors.append("announcements of \(court) refused: \(refusal.reason)")
        } catch {
            report.errors.append("announcements of \(court): \(error)")
        }
    }

    /// The years whose holiday arrangement differs between two commits of an announcements repository.
    static func holidayYears(changedBetween old: ObjectID?, and new: ObjectID, in repo: Repository) throws -> Set<Int> {
        let before =
            try old.map { try repo.blobs(inTree: try repo.commit($0).tree, keep: HolidayNoticeRecord.isPath) } ?? [:]
        let after = try repo.blobs(inTree: try repo.commit(new).tree, keep: HolidayNoticeRecord.isPath)
        return Set(
            Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.compactMap { path in
                Int(path.dropFirst("calendar/holidays-".count).prefix(4))
            })
    }

    /// RFC 3986 unreserved characters, ASCII only (Foundation's `.alphanumerics` would let 鲁 through unencoded).

    private struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
