import DocketCore
import DocketGit
import Foundation

/// Reads and checks a court's announcements repository: on `main`, nothing but `announcements/<id>.json`
/// records of that court, its reception calendar (`calendar/reception.json`) and its node directory
/// (`directory/nodes.json`), every commit signed by a node allowed to write it.
public enum AnnouncementHistory {
    /// True for the files the repository may hold: announcements, the reception calendar, the node directory.
    public static func isRecordPath(_ path: String) -> Bool {
        path == ReceptionCalendarRecord.path || path == NodeDirectoryRecord.path || HolidayNoticeRecord.isPath(path)
            || isAnnouncementPath(path)
    }

    /// True for `announcements/<record id>.json`.
    public static func isAnnouncementPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "announcements", parts[1].hasSuffix(".json") else { return false }
        return Identifier.isRecordID(String(parts[1].dropLast(5)))
    }

    /// True for a court code that is safe as one folder name (`<data>/announcements/<court>.git`): a peer's
    /// court code comes from its administrator, and must never reach outside that folder.
    public static func isSafeCourtCode(_ court: String) -> Bool {
        !court.isEmpty && court.utf8.count <= 60 && !court.hasPrefix(".") && !court.contains("/")
            && !court.contains("\\")
            && !court.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Every announcement at commit `tip`, sorted by id.
    public static func records(in repo: Repository, at tip: ObjectID) throws -> [AnnouncementRecord] {
        try repo.blobs(inTree: try repo.commit(tip).tree, keep: isAnnouncementPath).sorted { $0.key < $1.key }
            .map { try AnnouncementRecord.decode(try repo.readBlob($0.value)) }
    }

    /// The reception calendar at commit `tip`, if the court has published one.
    public static func calendar(in repo: Repository, at tip: ObjectID) throws -> ReceptionCalendarRecord? {
        guard let blob = try repo.blob(at: ReceptionCalendarRecord.path, inTree: try repo.commit(tip).tree) else {
            return nil
        }
        return try ReceptionCalendarRecord.decode(try repo.readBlob(blob))
    }

    /// The node directory at commit `tip`, if the court has published one.
    public static func directory(in repo: Repository, at tip: ObjectID) throws -> NodeDirectoryRecord? {
        guard let blob = try repo.blob(at: NodeDirectoryRecord.path, inTree: try repo.commit(tip).tree) else {
            return nil
        }
        return try NodeDirectoryRecord.decode(try repo.readBlob(blob))
    }

    /// Every holiday arrangement the court has published at commit `tip`, by year.
    public static func holidayNotices(in repo: Repository, at tip: ObjectID) throws -> [HolidayNoticeRecord] {
        try repo.blobs(inTree: try repo.commit(tip).tree, keep: HolidayNoticeRecord.isPath).sorted { $0.key < $1.key }
            .map { try HolidayNoticeRecord.decode(try repo.readBlob($0.value)) }
    }

    /// What is wrong with `commits` (empty when nothing is): each must carry a valid signature of one of
    /// `signers` (node id → base64 public key), hold only announcement files, and every record it writes must
    /// match its JSON Schema, sit at the path of its id and belong to `court`.
    public static func problems(
        in repo: Repository, commits: [ObjectID], court: String, signers: [String: String],
        schemas: RecordSchemas
    ) -> [String] {
        var problems: [String] = []
        for id in commits {
            let short = String(id.hex.prefix(12))
            do {
                let commit = try repo.commit(id)
                if let problem = signatureProblem(commit, signers: signers) {
                    problems.append("commit \(short) \(problem)")
                }
                let files = try repo.blobs(inTree: commit.tree)
                let parents = try commit.parents.map { try repo.blobs(inTree: try repo.commit($0).tree) }
                for (path, blob) in files.sorted(by: { $0.key < $1.key }) where parents.allSatisfy({ $0[path] != blob })
                {
                    guard isRecordPath(path) else {
                        problems.append("commit \(short) writes \(path), which is not an announcement"); continue
                    }
                    do {
                        let bytes = try repo.readBlob(blob)
                        try schemas.validate(try JSONParser.parse(bytes))
                        if HolidayNoticeRecord.isPath(path) {
                            let record = try HolidayNoticeRecord.decode(bytes)
                            if record.court != court {
                                problems.append(
                                    "commit \(short): \(path) is published by \(record.court), not \(court)")
                            }
                            if record.path != path {
                                problems.append("commit \(short): \(path) holds the arrangement of \(record.year)")
                            }
                            _ = try record.notice()
                            continue
                        }
                        if path == NodeDirectoryRecord.path {
                            let directory = try NodeDirectoryRecord.decode(bytes)
                            if directory.court != court {
                                problems.append(
                                    "commit \(short): \(path) is the directory of \(directory.court), not \(court)")
                            }
                            continue
                        }
                        if path == ReceptionCalendarRecord.path {
                            let calendar = try ReceptionCalendarRecord.decode(bytes)
                            if calendar.court != court {
                                problems.append(
                                    "commit \(short): \(path) is the calendar of \(calendar.court), not \(court)")
                            }
                            continue
                        }
                        let record = try AnnouncementRecord.decode(bytes)
                        if record.path != path {
                            problems.append("commit \(short): \(path) holds announcement \(record.id)")
                        }
                        if record.court != court {
                            problems.append(
                                "commit \(short): \(path) is an announcement of \(record.court), not \(court)")
                        }
                    } catch {
                        problems.append("commit \(short): \(path): \(error)")
                    }
                }
            } catch {
                problems.append("commit \(short) cannot be read: \(error)")
            }
        }
        return problems
    }

    private static func signatureProblem(_ commit: CommitInfo, signers: [String: String]) -> String? {
        guard let (header, signed) = commit.signature, let signature = CommitSignature(header: header) else {
            return "is not signed"
        }
        guard let publicKey = signers[signature.nodeId] else {
            return "is signed by \(signature.nodeId), which may not write these announcements"
        }
        return NodeKey.verify(signature.signature, of: signed, publicKeyBase64: publicKey)
            ? nil
            : "has a bad signature (claims \(signature.nodeId))"
    }
}
