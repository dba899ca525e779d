import DocketCore
import DocketGit
import DocketStore
import DocketSync
import DocketTestSupport
import Foundation
import Testing

/// Issue 13's property: random legitimate sequences of court and firm steps, carried by pushes and pulls, are
/// never refused; random forbidden changes — drawn from the policy's own table (fields no firm may change,
/// records no firm may delete, the other side's party) — are always refused, on push and on pull, and change
/// nothing. Seeded: the seed is printed; `DOCKET_AUTHORITY_SEED` replays it, `DOCKET_AUTHORITY_OPS` runs longer.
@Suite struct AuthorityPropertyTests {
    final class World {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docket-authority-\(UUID().uuidString)")
        let court: Node, firms: [Node]
        var nodes: [Node] { [court] + firms }
        /// Pushes before which a firm withdrew changes the court's newer state no longer takes.
        var yields = 0
        deinit { try? FileManager.default.removeItem(at: root) }

        init() throws {
            court = try Node.initialize(
                at: root.appendingPathComponent("court"),
                config: NodeConfig(nodeId: "court-lixia", role: .court, name: "法院", courtCode: "鲁0102"),
                operatorName: "书记员")
            let folder = root
            firms = try ["firm-a", "firm-b"].map { id in
                try Node.initialize(
                    at: folder.appendingPathComponent(id),
                    config: NodeConfig(nodeId: id, role: .firm, name: id, courtCode: nil),
                    operatorName: "律师")
            }
            for a in nodes {
                for b in nodes where a !== b {
                    _ = try a.peers.invite(
                        b.config.nodeId, role: b.config.role, publicKey: b.key.publicKeyBase64,
                        courtCode: b.config.courtCode)
                }
            }
        }

        /// `to` pulls case `uid` from `from` as `docket sync` does: fetch onto a scratch ref, check, take it in.
        func pull(_ uid: String, to: Node, from: Node) throws {
            try to.replication.fetchChecked(
                uid, from: try to.peers.named(from.config.nodeId), url: from.paths.repository(ofCase: uid).path,
                token: "")
            let ref = "refs/peers/\(from.config.nodeId)/main"
            if try to.integrate(uid, peerRef: ref) == .diverged {
                _ = try to.replication.mergeDiverged(uid, peerRef: ref)
            }
        }

        /// `from` pushes its main of `uid` to `to`, checked by the pre-receive check with `from`'s objects as the
        /// quarantine; taken in as post-receive does when it passes.
        func push(_ uid: String, tip: ObjectID? = nil, from: Node, to: Node) throws {
            // As `docket sync` does before pushing to the court: withdraw what the court's newer state no longer takes.
            if tip == nil, to === court,
                !(try from.replication.yieldToCourt(uid, court: try from.peers.named(court.config.nodeId))).isEmpty
            {
                yields += 1
            }
            let tip = try tip ?? from.repository(uid).reference("refs/heads/main")!
            let ref = "refs/peers/\(from.config.nodeId)/main"
            let isNew = !FileManager.default.fileExists(atPath: to.paths.repository(ofCase: uid).path)
            try to.ensureRepository(uid)
            do {
                try to.replication.checkReceive(
                    uid: uid, repositoryPath: to.paths.repository(ofCase: uid).path,
                    quarantine: from.paths.repository(ofCase: uid).path + "/objects", peerID: from.config.nodeId,
                    updates: [ReceiveUpdate(old: try to.repository(uid).reference(ref), new: tip, ref: ref)])
            } catch {
                if isNew { try FileManager.default.removeItem(at: to.paths.repository(ofCase: uid)) }
                throw error
            }
            try to.repository(uid).fetch(
                from: from.paths.repository(ofCase: uid).path, refspecs: ["+\(tip.hex):\(ref)"], headers: [])
            _ = try to.replication.afterReceive(uid: uid, peerID: from.config.nodeId)
        }
    }

    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "20000.00", "claims": "偿还借款",
         "parties": [{"role": "plaintiff", "name": "甲", "phone": "13800138000", "representative": {"name": "王律师", \
        "firm": "firm-a"}},
                     {"role": "defendant", "name": "乙", "phone": "13900139000", "representative": {"name": "赵律师", \
        "firm": "firm-b"}}]}
        """

    @Test func legitimateStepsPassAndForbiddenChangesAreRefused() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["DOCKET_AUTHORITY_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max >> 1)
        let operations = env["DOCKET_AUTHORITY_OPS"].flatMap(Int.init) ?? 160
        print("authority property: seed \(seed), \(operations) operations (DOCKET_AUTHORITY_SEED=\(seed) to replay)")
        var rng = ConvergenceTests.Rng(state: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let w = try World()
        let input = try FilingInput.parse(Array(Self.filing.utf8), today: Node.today())
        var cases: [String] = []
        var refusedForbidden = 0, legitimate = 0

        func own(_ firm: Node, _ file: CaseFile) -> PartyRecord {
            file.parties.first { $0.representative?.firm == firm.config.nodeId }!
        }
        /// Every node holds every case in the same state: each firm syncs as `docket sync` does (pull from the
        /// court, then push), then pulls once more.
        func settle(_ uid: String) throws {
            for firm in w.firms {
                try w.pull(uid, to: firm, from: w.court)
                try w.push(uid, from: firm, to: w.court)
            }
            for firm in w.firms { try w.pull(uid, to: firm, from: w.court) }
        }

        for step in 0..<operations {
            if cases.isEmpty || rng.next() % 12 == 0 {
                let uid = try w.firms[0].fileCase(input).record.uid
                try w.push(uid, from: w.firms[0], to: w.court)
                try w.pull(uid, to: w.firms[1], from: w.court)
                cases.append(uid)
                continue
            }
            let uid = pick(cases)
            let firm = pick(w.firms)
            let file = try firm.caseFile(uid)
            // Court steps go by the court's state, firm steps by the firm's own (which may be behind).
            let atCourt = try w.court.caseFile(uid).record.status, atFirm = file.record.status
            switch rng.next() % 10 {
            case 0 where atCourt == .submitted: _ = try w.court.accept(uid)
            case 1 where atCourt == .submitted: _ = try w.court.requestCorrection(uid, items: ["补充证据\(step)"])
            case 2 where atFirm == .correctionRequested && firm === w.firms[0]:
                try firm.updateCase(uid) { file, actor in
                    try CaseActions.edit(file, set: [("claims", "补正\(step)")], by: actor)
                }
                _ = try firm.resubmit(uid)
            case 3:
                try firm.updateCase(uid) { file, actor in
                    try CaseActions.editParty(
                        file, party: own(firm, file).id, set: [("phone", "137\(String(format: "%08d", step))")],
                        today: Node.today(), by: actor)
                }
            case 4 where atFirm != .submitted && atFirm != .correctionRequested || firm === w.firms[0]:
                _ = try firm.addDocument(uid, bytes: Array("材料\(step)".utf8), name: "材料\(step).txt")
            case 5 where atCourt == .accepted:
                if let pending = try w.court.caseFile(uid).documents.first(where: { $0.review == "pending" }) {
                    _ = try w.court.reviewMaterial(uid, documentId: pending.id, approve: rng.next() % 2 == 0)
                }
            case 6:
                let party = own(firm, file)
                try firm.serviceStep(uid) { file, actor, _ in
                    try CaseActions.submitPetition(
                        file, id: firm.newRecordID("f"), partyId: party.id, petitioner: party.name, text: "申诉\(step)",
                        by: actor)
                }
            case 7:
                try w.court.updateCase(uid) { file, actor in
                    try CaseActions.editParty(
                        file, party: pick(file.parties).id, set: [("email", "c\(step)@court.cn")], today: Node.today(),
                        by: actor)
                }
            case 8:
                // A forbidden change drawn from the table, forged by the firm and offered both ways (on a case
                // every node holds alike, so that it is a change for the receiver too).
                try settle(uid)
                if let forged = try Self.forbidden(by: firm, in: uid, rng: &rng) {
                    let before = try w.court.repository(uid).reference("refs/heads/main")
                    #expect(throws: AuthorityRefusal.self, "push of \(forged.what) (seed \(seed))") {
                        try w.push(uid, tip: forged.commit, from: firm, to: w.court)
                    }
                    #expect(try w.court.repository(uid).reference("refs/heads/main") == before)
                    // The same history served to the other firm, as a hostile node would.
                    let other = w.firms.first { $0 !== firm }!
                    let theirs = try other.repository(uid).reference("refs/heads/main")
                    #expect(throws: AuthorityRefusal.self, "pull of \(forged.what) (seed \(seed))") {
                        try Self.pullForged(uid, commit: forged.commit, to: other, from: firm)
                    }
                    #expect(try other.repository(uid).reference("refs/heads/main") == theirs)
                    refusedForbidden += 1
                }
                continue
            default:
                continue
            }
            legitimate += 1
            // Legitimate steps reach every node, checked on the way in both directions — often at once, sometimes
            // only after more steps on other nodes, so that histories diverge and merges travel too.
            if rng.next() % 3 != 0 { try settle(uid) }
        }
        for uid in cases { try settle(uid); try settle(uid) }
        for uid in cases {
            let trees = try w.nodes.map {
                try $0.repository(uid).commit(try $0.repository(uid).reference("refs/heads/main")!).tree
            }
            #expect(Set(trees).count == 1, "case \(uid) differs (seed \(seed))")
        }
        #expect(refusedForbidden > 0)
        print(
            "authority property: \(legitimate) legitimate steps carried (\(w.yields) pushes yielded to the court "
                + "first), \(refusedForbidden) forbidden changes refused both ways"
        )
    }

    /// Pulls `commit` from `from`'s repository as if it were its main.
    static func pullForged(_ uid: String, commit: ObjectID, to: Node, from: Node) throws {
        let peer = try to.peers.named(from.config.nodeId)
        let scratch = from.paths.root.appendingPathComponent("served-\(UUID().uuidString).git")
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try Repository.create(bareAt: scratch.path)
        let served = try Cluster.run(
            "/usr/bin/git",
            [
                "--git-dir", from.paths.repository(ofCase: uid).path, "push", "-q", scratch.path,
                "+\(commit.hex):refs/heads/main",
            ])
        guard served.status == 0 else { throw TestFailure("could not serve the forged history: \(served.err)") }
        try to.replication.fetchChecked(uid, from: peer, url: scratch.path, token: "")
    }

    /// A change `firm` may not make, drawn from the policy's table, committed with the firm's key: a leaf no
    /// grant of its rule lets a firm change, a record no firm may delete, or the other side's service phone.
    static func forbidden(
        by firm: Node, in uid: String, rng: inout ConvergenceTests.Rng
    ) throws -> (commit: ObjectID, what: String)? {
        let policy = AuthorityPolicy.standard
        let repo = try firm.repository(uid)
        let files = try repo.files(inTree: try repo.commit(try repo.reference("refs/heads/main")!).tree)
        var candidates: [(String, String?)] = []  // (path, leaf or nil for deletion)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard let kind = RecordKind.of(path: path) else { continue }
            let rule = policy.rule(kind)
            if !rule.delete.contains(where: { $0.who != .court }) { candidates.append((path, nil)) }
            guard kind != .documentContent, kind != .conflict, let value = try? JSONParser.parse(bytes) else {
                continue
            }
            for leaf in RecordLeaves(value).values.keys.sorted() where !policy.bookkeeping.contains(leaf) {
                let grants = rule.rule(for: leaf)?.0.change ?? []
                if grants.allSatisfy({ $0.who == .court }) { candidates.append((path, leaf)) }
            }
        }
        let file = try firm.caseFile(uid)
        if let other = file.parties.first(where: { $0.representative?.firm != firm.config.nodeId }),
            file.record.status != .submitted,
            file.record.status != .correctionRequested
        {
            candidates.append(("parties/\(other.id).json", "phone"))
        }
        guard !candidates.isEmpty else { return nil }
        let (path, leaf) = candidates[Int(rng.next() % UInt64(candidates.count))]
        let commit = try firm.forge(uid, message: "forbidden") { files in
            guard let leaf else { files[path] = nil; return }
            var leaves = RecordLeaves(try JSONParser.parse(files[path]!)).values
            leaves[leaf] = Self.changed(leaves[leaf])
            files[path] = CanonicalJSON.encode(Self.rebuild(leaves))
        }
        return (commit, "\(leaf.map { "\(path) \($0)" } ?? "deleting \(path)")")
    }

    static func changed(_ value: JSONValue?) -> JSONValue {
        switch value {
        case .string(let s)?: return .string(s + "x")
        case .int(let i)?: return .int(i + 1)
        case .bool(let b)?: return .bool(!b)
        default: return .string("x")
        }
    }

    /// A record from its leaves (the inverse of `RecordLeaves`).
    static func rebuild(_ leaves: [String: JSONValue]) -> JSONValue {
        var root: [String: JSONValue] = [:]
        func insert(_ path: ArraySlice<Substring>, _ value: JSONValue, into object: inout [String: JSONValue]) {
            let key = String(path.first!)
            if path.count == 1 { object[key] = value; return }
            var child = object[key]?.objectValue ?? [:]
            insert(path.dropFirst(), value, into: &child)
            object[key] = .object(child)
        }
        for (leaf, value) in leaves { insert(leaf.split(separator: ".")[...], value, into: &root) }
        return .object(root)
    }
}
