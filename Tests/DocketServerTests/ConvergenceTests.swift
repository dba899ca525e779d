import DocketCore
import DocketGit
import DocketStore
import DocketSync
import Foundation
import GRDB
import Testing

/// Issue 6's convergence property: nodes editing the same cases apart, syncing in random pairs, end with the same
/// tree for every case and the same open conflicts, and no value is lost. Seeded and reproducible: the seed is
/// printed; `DOCKET_CONVERGENCE_SEED` replays it and `DOCKET_CONVERGENCE_OPS` makes the run longer.
@Suite struct ConvergenceTests {
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    final class World {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-converge-\(UUID().uuidString)")
        var nodes: [Node] = []
        /// For each (to, from) pair, the change sequence of `from` already taken by `to`: a pull costs what changed.
        var checkpoints: [String: Int64] = [:]
        deinit { try? FileManager.default.removeItem(at: root) }

        init(firms: Int) throws {
            let court = try Node.initialize(
                at: root.appendingPathComponent("court"),
                config: NodeConfig(nodeId: "court-a", role: .court, name: "法院", courtCode: "鲁0102"))
            nodes.append(court)
            for n in 0..<firms {
                nodes.append(
                    try Node.initialize(
                        at: root.appendingPathComponent("firm\(n)"),
                        config: NodeConfig(nodeId: "firm-\(n)", role: .firm, name: "律所\(n)", courtCode: nil)))
            }
            for a in nodes {
                for b in nodes where a !== b {
                    _ = try a.peers.invite(
                        b.config.nodeId, role: b.config.role, publicKey: b.key.publicKeyBase64,
                        courtCode: b.config.courtCode)
                }
            }
        }

        /// `to` takes every case of `from`: fetch into the peer ref, then fast-forward or merge.
        func pull(_ to: Node, from: Node) throws -> Int {
            var moved = 0
            let key = to.config.nodeId + "<" + from.config.nodeId
            let (changed, newest) = try from.database.read { db in
                (
                    try String.fetchAll(
                        db, sql: "SELECT case_uid FROM case_changes WHERE seq > ? ORDER BY seq",
                        arguments: [checkpoints[key] ?? 0]),
                    try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM case_changes") ?? 0
                )
            }
            defer { checkpoints[key] = newest }
            for uid in changed {
                guard let theirs = try from.repository(uid).reference("refs/heads/main") else { continue }
                let ref = "refs/peers/\(from.config.nodeId)/main"
                try to.ensureRepository(uid)
                let repo = try to.repository(uid)
                // Nothing new from this peer since the last pull: its main was taken in (or merged) then.
                if try repo.reference(ref) == theirs { continue }
                try repo.fetch(
                    from: from.paths.repository(ofCase: uid).path, refspecs: ["+refs/heads/main:\(ref)"], headers: [])
                let before = try repo.reference("refs/heads/main")
                if try to.integrate(uid, peerRef: ref) == .diverged {
                    _ = try to.replication.mergeDiverged(uid, peerRef: ref)
                }
                if try repo.reference("refs/heads/main") != before { moved += 1 }
            }
            return moved
        }
    }

    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "20000.00", "claims": "初始请求",
         "parties": [{"role": "plaintiff", "name": "甲"}, {"role": "defendant", "name": "乙"}]}
        """

    @Test func randomEditsAndSyncsConverge() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["DOCKET_CONVERGENCE_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max >> 1)
        let operations = env["DOCKET_CONVERGENCE_OPS"].flatMap(Int.init) ?? 700
        print("convergence: seed \(seed), \(operations) operations (DOCKET_CONVERGENCE_SEED=\(seed) to replay)")
        var rng = Rng(state: seed)
        let world = try World(firms: 3)
        let input = try FilingInput.parse(Array(Self.filing.utf8), today: Node.today())
        var written: [String: Set<String>] = [:]  // case → every claims value ever written

        func casesOn(_ node: Node) throws -> [String] {
            try node.paths.caseUIDsOnDisk().filter { (try? node.caseFile($0)) != nil }
        }
        // A step the authority policy refuses on that node (a firm editing a case it did not file, or after
        // acceptance; a firm deleting a document) writes nothing: it is skipped, as a person would be refused.
        func allowed(_ step: () throws -> Void) throws {
            do { try step() } catch is AuthorityRefusal {}
        }
        func edit(_ node: Node, _ uid: String, _ text: String) throws {
            try allowed {
                try node.updateCase(uid) { file, actor in try CaseActions.edit(file, set: [("claims", text)], by: actor)
                }
                written[uid, default: []].insert(text)
            }
        }

        for step in 0..<operations {
            let node = world.nodes[Int(rng.next() % UInt64(world.nodes.count))]
            let known = try casesOn(node)
            switch rng.next() % 100 {
            case 0..<8:
                let file = try node.fileCase(input)
                written[file.record.uid, default: []].insert("初始请求")
            case 8..<40 where !known.isEmpty:
                try edit(node, known[Int(rng.next() % UInt64(known.count))], "请求\(step)-\(node.config.nodeId)")
            case 40..<50 where !known.isEmpty:
                // The same field on two nodes, differently, before they meet.
                let uid = known[Int(rng.next() % UInt64(known.count))]
                let other = world.nodes[Int(rng.next() % UInt64(world.nodes.count))]
                try edit(node, uid, "甲方\(step)")
                if (try? other.caseFile(uid)) != nil, other !== node { try edit(other, uid, "乙方\(step)") }
            case 50..<58 where !known.isEmpty:
                let uid = known[Int(rng.next() % UInt64(known.count))]
                let file = try node.caseFile(uid)
                if let doc = file.documents.first, rng.next() % 2 == 0 {
                    try allowed {
                        try node.updateCase(uid) { _, _ in
                            CaseChange(message: "delete \(doc.id)", files: [doc.metaPath: nil, doc.contentPath: nil])
                        }
                    }
                } else {
                    try allowed { _ = try node.addDocument(uid, bytes: Array("材料\(step)".utf8), name: "材料\(step).txt") }
                }
            case 58..<63 where node.config.role == .court && !known.isEmpty:
                let uid = known[Int(rng.next() % UInt64(known.count))]
                if try node.caseFile(uid).record.status == .submitted { _ = try node.accept(uid) }
            case 63..<68:
                if let open = try node.conflicts().first, let side = open.values.first {
                    try allowed { _ = try node.resolveConflict(open.id, choose: side.node) }
                }
            default:
                let other = world.nodes[Int(rng.next() % UInt64(world.nodes.count))]
                if other !== node { _ = try world.pull(node, from: other) }
            }
        }

        // Final all-pairs syncs until nothing moves.
        var rounds = 0
        while rounds < 12 {
            rounds += 1
            var moved = 0
            for a in world.nodes { for b in world.nodes where a !== b { moved += try world.pull(a, from: b) } }
            if moved == 0 { break }
        }
        #expect(rounds < 12, "no quiescence after \(rounds) rounds (seed \(seed))")

        let reference = world.nodes[0]
        for uid in try reference.paths.caseUIDsOnDisk() {
            let tree = try reference.repository(uid).commit(try reference.repository(uid).reference("refs/heads/main")!)
                .tree
            for node in world.nodes.dropFirst() {
                let theirs = try node.repository(uid).commit(try node.repository(uid).reference("refs/heads/main")!)
                    .tree
                #expect(theirs == tree, "case \(uid) differs on \(node.config.nodeId) (seed \(seed))")
            }
            // Nothing overwritten is lost: every claims value written is in the history.
            let repo = try reference.repository(uid)
            var seen: Set<String> = []
            for id in try repo.history(from: try repo.reference("refs/heads/main")!) {
                if let blob = try repo.blob(at: "case.json", inTree: try repo.commit(id).tree),
                    let claims = try JSONParser.parse(try repo.readBlob(blob))["claims"]?.stringValue
                {
                    seen.insert(claims)
                }
            }
            #expect(written[uid, default: []].isSubset(of: seen), "lost values in \(uid) (seed \(seed))")
        }
        let openIDs = try Set(reference.conflicts().map(\.id))
        for node in world.nodes.dropFirst() {
            #expect(try Set(node.conflicts().map(\.id)) == openIDs, "open conflicts differ (seed \(seed))")
        }
        print(
            "convergence: \(try reference.paths.caseUIDsOnDisk().count) cases, \(openIDs.count) open conflicts, "
                + "\(rounds) final rounds"
        )
    }
}
