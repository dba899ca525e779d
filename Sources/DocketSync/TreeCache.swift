import DocketCore
import DocketGit
import DocketStore
import Foundation

/// What `HistoryCheck` reads from the object database, each thing once: the blobs of a tree, a file's parsed
/// value, the standing of the case in a tree, and which trees were already found clean.
struct TreeCache {
    let repo: Repository
    private var blobMaps: [ObjectID: [String: ObjectID]] = [:]
    private var values: [ObjectID: JSONValue] = [:]
    private var standings: [ObjectID: CaseStanding?] = [:]
    /// Trees found clean, each at the place it was found: what a folder may hold depends on where it is.
    private var cleanTrees: Set<[String]> = []

    init(repo: Repository) { self.repo = repo }

    /// Every file of a tree by path → blob id.
    mutating func blobs(_ tree: ObjectID) throws -> [String: ObjectID] {
        if let known = blobMaps[tree] { return known }
        let map = try repo.blobs(inTree: tree)
        blobMaps[tree] = map
        return map
    }

    /// A file as the policy compares it: a record parsed (refused when it is not JSON), document bytes by blob id.
    mutating func value(_ path: String, _ blob: ObjectID?) throws -> JSONValue? {
        guard let blob else { return nil }
        if let known = values[blob] { return known }
        let value: JSONValue
        if RecordKind.of(path: path) == .documentContent || RecordKind.of(path: path) == nil {
            value = .object(["blob": .string(blob.hex)])
        } else {
            do { value = try JSONParser.parse(try repo.readBlob(blob)) } catch {
                throw AuthorityRefusal([
                    PolicyRefusal(
                        .invalid, path: path, signer: "?", chinese: "\(path) 不是有效的 JSON：\(error)。",
                        english: "\(path) is not JSON: \(error).")
                ])
            }
        }
        values[blob] = value
        return value
    }

    /// The case a tree holds, parsed (nil when it holds no readable case).
    mutating func caseFile(_ tree: ObjectID) throws -> CaseFile? {
        try? CaseReader.caseFile(in: repo, tree: tree)
    }

    /// Who filed the case in a tree, with which court, how far it has come and who represents whom.
    mutating func standing(_ tree: ObjectID, uid: String) throws -> CaseStanding? {
        if let known = standings[tree] { return known }
        let files = try blobs(tree)
        var standing: CaseStanding?
        if let record = try? value("case.json", files["case.json"]), let court = record["court"]?.stringValue,
            let filedBy = record["filedBy"]?.stringValue,
            let status = record["status"]?.stringValue.flatMap(CaseStatus.init)
        {
            var representatives: [String: String?] = [:]
            for (path, blob) in files where RecordKind.of(path: path) == .party {
                guard let party = try? value(path, blob), let id = party["id"]?.stringValue else { continue }
                representatives[id] = party["representative"]?["firm"]?.stringValue
            }
            standing = CaseStanding(
                uid: uid, court: court, filedBy: filedBy, status: status, representatives: representatives)
        }
        standings[tree] = standing
        return standing
    }

    /// Why a commit's tree is not a clean case tree: only regular files and folders, at the places of the
    /// replicated format, with names every system can check out. `trusted`: the tree of our `main`, whose every
    /// entry was found clean when it got there (or was written here) — an entry it holds at the same place, the
    /// same object with the same mode, is not walked again, so a commit costs what it changed.
    mutating func hygieneProblems(
        _ tree: ObjectID, commit: ObjectID, signer: String, trusted: ObjectID? = nil
    ) throws -> [PolicyRefusal] {
        if cleanTrees.contains([tree.hex]) { return [] }
        var problems: [String] = []
        try walk(tree, path: [], trusted: trusted, problems: &problems)
        if problems.isEmpty { return [] }
        let short = String(commit.hex.prefix(12))
        return problems.prefix(5).map {
            PolicyRefusal(
                .invalid, path: "commit \(short)", signer: signer, chinese: "提交 \(short) 的目录不符合案件格式："
                    + "\($0)。",
                english: "commit \(short) has a tree the case format does not allow: \($0).")
        }
    }

    private static let recordFolders: Set<String> = [
        "parties", "docket", "payments", "service", "conflicts", "filings", "hearings",
    ]

    private mutating func walk(
        _ tree: ObjectID, path: [String], trusted: ObjectID?, problems: inout [String]
    ) throws {
        if cleanTrees.contains(path + [tree.hex]) || tree == trusted { return }
        let here = path.joined(separator: "/")
        problems += ObjectShapeCheck.treeProblems(try repo.rawContent(of: tree)).map { "\(here)/: \($0)" }
        let entries = try repo.entries(ofTree: tree)
        for clash in CaseTreeCheck.caseCollisions(entries.map(\.name)) {
            problems.append("\(here)/ holds names differing only by case (\(clash))")
        }
        var known: [String: TreeEntry] = [:]
        for entry in try trusted.map(repo.entries(ofTree:)) ?? [] { known[entry.name] = entry }
        for entry in entries {
            if known[entry.name] == entry { continue }
            let below = known[entry.name].flatMap { $0.kind == .tree ? $0.id : nil }
            let full = (path + [entry.name]).joined(separator: "/")
            if let problem = CaseTreeCheck.nameProblem(entry.name) { problems.append("\(full): \(problem)"); continue }
            let isFolder = entry.kind == .tree && entry.mode == 0o040000
            switch path.count {
            case 0 where entry.name == "case.json":
                if !entry.isRegularFile { problems.append("case.json is not a regular file") }
            case 0 where Self.recordFolders.contains(entry.name) || entry.name == "documents":
                if isFolder {
                    try walk(entry.id, path: [entry.name], trusted: below, problems: &problems)
                } else {
                    problems.append("\(full) is not a folder")
                }
            case 1 where path[0] == "documents":
                if !isFolder || !Identifier.isRecordID(entry.name) {
                    problems.append("\(full) is not a document folder")
                } else {
                    try walk(entry.id, path: path + [entry.name], trusted: below, problems: &problems)
                }
            case 1 where entry.name.hasSuffix(".json"), 2 where path[0] == "documents":
                if !entry.isRegularFile {
                    problems.append("\(full) is not a regular file (a symlink, an executable or a submodule)")
                }
            default:
                problems.append("\(full) is not a place the case format has")
            }
        }
        if problems.isEmpty { cleanTrees.insert(path + [tree.hex]) }
    }
}
