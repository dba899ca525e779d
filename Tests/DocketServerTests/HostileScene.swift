import DocketCore
import DocketGit
import DocketStore
import DocketTestSupport
import Foundation
import Testing

/// A court serving, firm A (the filer, for the plaintiff) and firm B (for the defendant), and an accepted case
/// both firms hold: the stage for a hostile firm A with its own valid token and key.
struct HostileScene {
    let c: Cluster
    let tokens: [String: String]
    let uid: String
    /// Firm A's node in this process: its own key signs what it forges.
    let firm: Node
    /// The case as firm A holds it after acceptance.
    let file: CaseFile

    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "买卖合同纠纷", "claimAmount": "150000.00", "claims": "支付货款",
         "parties": [{"role": "plaintiff", "name": "济南鲁信商贸有限公司", "phone": "13800138000",
                      "representative": {"name": "王律师", "firm": "firm-a"}},
                     {"role": "defendant", "name": "李四", "idNumber": "11010519491231002X", "phone": "13900139000",
                      "representative": {"name": "赵律师", "firm": "firm-b"}}]}
        """

    /// Filed by firm A, synced, accepted by the court, synced to both firms.
    static func accepted() throws -> HostileScene {
        let c = try Cluster()
        let tokens = try c.start(firms: ["firm-a", "firm-b"])
        let path = c.root.appendingPathComponent("filing.json")
        try filing.write(to: path, atomically: true, encoding: .utf8)
        let uid = (try c.json("firm-a", ["case", "new", "--from", path.path]) as! [String: Any])["uid"] as! String
        _ = try c.json("firm-a", ["sync"])
        _ = try c.json("court", ["filing", "accept", uid, "--judge", "刘法官"])
        _ = try c.json("firm-a", ["sync"])
        let toB = (try c.json("firm-b", ["sync"]) as! [[String: Any]])[0]
        guard toB["fastForwarded"] as? Int == 1 else { throw TestFailure("firm B did not receive the case: \(toB)") }
        let firm = try Node.open(at: URL(fileURLWithPath: c.data("firm-a")), operatorName: "王律师")
        return HostileScene(c: c, tokens: tokens, uid: uid, firm: firm, file: try firm.caseFile(uid))
    }

    var plaintiff: PartyRecord { file.parties.first { $0.role == .plaintiff }! }
    var defendant: PartyRecord { file.parties.first { $0.role == .defendant }! }
    var assessment: PaymentRecord { file.payments.first { $0.kind == .assessment }! }
    func repository(_ node: String, _ uid: String? = nil) -> String {
        let uid = uid ?? self.uid
        return c.data(node) + "/cases/\(uid.suffix(2))/\(uid).git"
    }
    func remote(_ uid: String? = nil, as node: String = "firm-a") -> String {
        "http://x:\(tokens[node]!)@127.0.0.1:\(c.port)/git/cases/\(uid ?? self.uid).git"
    }

    /// Everything a push could change on the court: its references, its object files, and which case
    /// repositories and staging folders exist.
    func courtSnapshot(_ uid: String? = nil) throws -> String {
        let repo = repository("court", uid)
        let refs =
            FileManager.default.fileExists(atPath: repo)
            ? try c.git(["--git-dir", repo, "for-each-ref"]).out : "(none)"
        let objects = (FileManager.default.enumerator(atPath: repo + "/objects")?.allObjects as? [String] ?? [])
            .sorted()
        let cases = try c.json("court", ["case", "list"]) as! [Any]
        let incoming =
            (try? FileManager.default.contentsOfDirectory(atPath: c.data("court") + "/incoming"))?.filter {
                $0 != "empty.git"
            }.sorted() ?? []
        return "\(refs)\n\(objects)\n\(cases.count) cases\nincoming \(incoming)"
    }

    /// Stock git pushes `commit` from firm A's repository as its peer ref.
    func push(
        _ commit: ObjectID, uid: String? = nil, ref: String = "refs/peers/firm-a/main"
    ) throws -> (status: Int32, err: String) {
        let result = try c.git(["--git-dir", repository("firm-a", uid), "push", remote(uid), "+\(commit.hex):\(ref)"])
        return (result.status, result.err)
    }

    /// Stock git's tree plumbing in `node`'s repository of the case.
    func tools(_ node: String = "firm-a", uid: String? = nil) -> TreeTools {
        TreeTools(c: c, repository: repository(node, uid))
    }
}

/// Trees made with stock git (`mktree`, `ls-tree`) in one repository, for histories no Docket node would write.
struct TreeTools {
    let c: Cluster
    let repository: String

    /// A blob written into the repository.
    func blob(_ bytes: [UInt8]) throws -> ObjectID {
        let file = c.root.appendingPathComponent("blob-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        let out = try c.git(["--git-dir", repository, "hash-object", "-w", file.path]).out
        return ObjectID(hex: out.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// A tree from `ls-tree` style lines.
    func mktree(_ lines: [String]) throws -> ObjectID {
        let file = c.root.appendingPathComponent("mktree-\(UUID().uuidString)")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let out = try Cluster.run("/bin/sh", ["-c", "git --git-dir '\(repository)' mktree < '\(file.path)'"]).out
        return ObjectID(hex: out.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// An object written as given, unchecked (`hash-object --literally`): trees and commits no git would make.
    func rawObject(_ type: String, _ bytes: [UInt8]) throws -> ObjectID {
        let file = c.root.appendingPathComponent("raw-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        let out = try c.git(["--git-dir", repository, "hash-object", "-t", type, "--literally", "-w", file.path]).out
        return ObjectID(hex: out.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// A tree of `ls-tree` lines in the order given, written byte for byte: the mode as the line spells it
    /// (`040000`, which git writes as `40000`, is shortened; any other spelling is kept).
    func rawTree(_ lines: [String]) throws -> ObjectID {
        var bytes: [UInt8] = []
        for line in lines {
            let (meta, name) = (line.split(separator: "\t")[0], line.split(separator: "\t")[1])
            let parts = meta.split(separator: " ")
            bytes += Array((parts[0] == "040000" ? "40000" : String(parts[0])).utf8) + [0x20] + Array(name.utf8) + [0]
            let hex = Array(parts[2].utf8)
            bytes += stride(from: 0, to: hex.count, by: 2).map {
                UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)!
            }
        }
        return try rawObject("tree", bytes)
    }

    /// The `ls-tree` lines of a folder of main (`""` the root, `parties` a folder).
    func lsTree(_ folder: String) throws -> [String] {
        try c.git(["--git-dir", repository, "ls-tree", "main:\(folder)"]).out.split(separator: "\n").map(String.init)
    }

    /// Main's root tree with the folder `folder` replaced by one that also holds `extra` lines.
    func tree(adding extra: [String], to folder: String) throws -> ObjectID {
        let sub = try mktree(try lsTree(folder) + extra)
        let root = try lsTree("").map { line -> String in
            line.hasSuffix("\t\(folder)") ? "040000 tree \(sub.hex)\t\(folder)" : line
        }
        return try mktree(root)
    }
}
