import DocketCore
import DocketGit
import Foundation

extension Node {
    /// The languages an announcement may be limited to (nil: every language).
    package static let announcementLanguages = ["zh-Hans", "en"]

    /// Publishes an announcement of this court: one signed commit in `<data>/announcements/<court code>.git`
    /// (made on first use). Court nodes only; every peer of the court receives it on its next sync.
    /// `validFrom` defaults to now (Asia/Shanghai); `validUntil` nil means until withdrawn.
    @discardableResult
    public func publishAnnouncement(
        title: String, body: String, validFrom: LocalDateTime? = nil,
        validUntil: LocalDateTime? = nil, language: String? = nil
    ) throws -> AnnouncementRecord {
        try requireCourt("Publishing an announcement (发布公告)")
        if let language, !Self.announcementLanguages.contains(language) {
            throw DocketError(
                .invalidInput, key: "announcement.language-invalid",
                zh: "终端机不显示“\(language)”语言的公告；"
                    + "请使用\(Self.announcementLanguages.joined(separator: " or "))，或不指定以适用所有语言。",
                en:
                    "The language \"\(language)\" is not one the kiosk shows; use "
                    + "\(Self.announcementLanguages.joined(separator: " or ")), or none for every language."
            )
        }
        var rng = SystemRandomNumberGenerator()
        let id = Identifier.short("a", using: &rng)
        return try writeAnnouncement("Publish") { _, actor in
            try AnnouncementRecord(
                id: id, court: courtCodeForAnnouncements, title: title, body: body,
                validFrom: validFrom ?? actor.time.shanghai, validUntil: validUntil,
                language: language, at: actor.time, by: actor.node)
        }
    }

    /// Withdraws an announcement: its validity ends now (or, if it has not started yet, before it starts), so no
    /// node shows it any more once synced. The record stays, as history. Court nodes only.
    @discardableResult
    public func withdrawAnnouncement(id: String) throws -> AnnouncementRecord {
        try requireCourt("Withdrawing an announcement (撤回公告)")
        return try writeAnnouncement("Withdraw") { existing, actor in
            guard var record = existing[id] else {
                throw DocketError(
                    .notFound, key: "announcement.not-found",
                    zh: "本院没有公告\(id)，请查看 docket announce list "
                        + "--all。",
                    en: "This court has no announcement \(id); see docket announce list --all.")
            }
            let now = actor.time.shanghai
            if let until = record.validUntil, until <= now {
                throw DocketError(
                    .conflict, key: "announcement.already-ended", zh: "公告\(id)已于\(until)结束，无需撤回。",
                    en: "The announcement \(id) already ended at \(until); there is nothing to withdraw.")
            }
            record.validUntil = max(now, record.validFrom)
            record.updatedAt = actor.time
            record.updatedBy = actor.node
            return record
        }
    }

    /// Every announcement of `court` this node holds (published here or received from the court), by id;
    /// empty when it holds none.
    public func announcements(court: String) throws -> [AnnouncementRecord] {
        guard let repo = try announcementsRepository(court: court), let tip = try repo.reference(Self.mainRef) else {
            return []
        }
        return try AnnouncementHistory.records(in: repo, at: tip)
    }

    /// The announcements to show at `time` (default now, Asia/Shanghai) in `language` (nil: every language),
    /// newest first: a court node's own; a firm's or kiosk's from every court repository it has received.
    public func currentAnnouncements(
        at time: LocalDateTime? = nil, language: String? = nil
    ) throws -> [AnnouncementRecord] {
        let all = try announcementCourts().flatMap { try announcements(court: $0) }
        return AnnouncementRecord.current(all, at: time ?? tick().shanghai, language: language)
    }

    /// The courts whose announcements this node shows: a court its own; other nodes every court repository on disk.
    public func announcementCourts() throws -> [String] {
        if config.role == .court { return [courtCodeForAnnouncements] }
        return try announcementCourtsOnDisk()
    }

    /// Every court whose announcements repository is on disk, sorted.
    package func announcementCourtsOnDisk() throws -> [String] {
        let folder = paths.announcements(ofCourt: "x").deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".git") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The announcements repository of `court`, or nil when this node has none; with `creating`, made if missing.
    package func announcementsRepository(court: String, creating: Bool = false) throws -> Repository? {
        guard AnnouncementHistory.isSafeCourtCode(court) else {
            throw DocketError(
                .invalidInput, key: "announcement.court-code-invalid", zh: "“\(court)”不是法院代字。",
                en: "\"\(court)\" is not a court code.")
        }
        let url = paths.announcements(ofCourt: court)
        if FileManager.default.fileExists(atPath: url.path) { return try Repository.open(url.path) }
        guard creating else { return nil }
        do { return try Repository.create(bareAt: url.path) } catch
            where FileManager.default.fileExists(atPath: url.path)
        {
            return try Repository.open(url.path)  // another process made it first
        }
    }

    /// The announcements write path: read `main`, build the record, one signed commit, compare-and-swap `main`;
    /// on a lost race build again on the newer tip. Nothing is indexed: the records are read from git.
    private func writeAnnouncement(
        _ verb: String, _ build: ([String: AnnouncementRecord], Actor) throws -> AnnouncementRecord
    ) throws -> AnnouncementRecord {
        var written: AnnouncementRecord?
        try writeCourtPublication { repo, tip, actor in
            let existing = try tip.map { try AnnouncementHistory.records(in: repo, at: $0) } ?? []
            for record in existing { observe(record.updatedAt) }
            let record = try build(Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0) }), actor)
            var change = try record.publication()
            change.message = "\(verb) announcement \(record.id): \(record.title)"
            written = record
            return change
        }
        return written!
    }

    /// One signed commit in this court's announcements repository (made on first use), built by `build` from the
    /// current tip and moved onto `main` by compare-and-swap; built again on a newer tip after a lost race.
    func writeCourtPublication(_ build: (Repository, ObjectID?, Actor) throws -> CaseChange) throws {
        guard let repo = try announcementsRepository(court: courtCodeForAnnouncements, creating: true) else {
            throw DocketError(
                .internal, key: "announcement.repository-unavailable", zh: "无法创建公告仓库。",
                en: "Cannot make the announcements repository.")
        }
        for attempt in 0..<Self.maximumAttempts {
            let tip = try repo.reference(Self.mainRef)
            let actor = Actor(node: config.nodeId, name: currentOperator, time: tick())
            let change = try build(repo, tip, actor)
            let commit = try commitSigned(
                change, in: repo, onto: tip, baseTree: try tip.map { try repo.commit($0).tree },
                at: actor.time)
            if try repo.updateReference(Self.mainRef, to: commit, expecting: tip, message: change.message) { return }
            Self.backOff(attempt: attempt)
        }
        throw DocketError(
            .unavailable, key: "announcement.busy", zh: "公告正被其他操作频繁修改，请稍后重试。",
            en: "The announcements are being changed by others too often; try again.")
    }

    var courtCodeForAnnouncements: String { config.courtCode ?? "" }
}

extension Node {
    /// Publishes the node directory of this court (`directory/nodes.json`): one signed commit, only when the entries
    /// differ from what is published. Court nodes only; `docket peer invite` and `peer remove` call it.
    @discardableResult
    package func publishDirectory(_ nodes: [NodeDirectoryRecord.Node]) throws -> Bool {
        try requireCourt("Publishing the node directory (发布节点名录)")
        let sorted = nodes.sorted { $0.nodeId < $1.nodeId }
        if let repo = try announcementsRepository(court: courtCodeForAnnouncements),
            let tip = try repo.reference(Self.mainRef),
            try AnnouncementHistory.directory(in: repo, at: tip)?.nodes == sorted
        {
            return false
        }
        try writeCourtPublication { _, _, actor in
            try NodeDirectoryRecord(court: courtCodeForAnnouncements, nodes: sorted, at: actor.time, by: actor.node)
                .publication()
        }
        return true
    }
}
