import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

/// Merge time per case, for a record conflict (both sides changed the same field) and for documents added on both
/// sides (the merge reads their bytes), against the cost of an ordinary one-field commit measured in the same run.
/// The two sides are two nodes of the same court, which the authority policy lets change the same fields; a
/// document's bytes never change once added, so documents no longer conflict and are measured as added ones.
struct MergeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Milliseconds per case to merge a record conflict and documents added on both sides, against a "
            + "plain commit."
    )

    @Option(help: "Cases per measurement.") var cases = 200
    @OptionGroup var scratchOptions: ScratchOptions

    func run() throws {
        try scratchOptions.withFolder("merge-bench") { scratch in
            let a = try Node.initialize(
                at: scratch.appendingPathComponent("a"),
                config: NodeConfig(nodeId: "court-a", role: .court, name: "a", courtCode: "鲁0102"))
            let b = try Node.initialize(
                at: scratch.appendingPathComponent("b"),
                config: NodeConfig(nodeId: "court-b", role: .court, name: "b", courtCode: "鲁0102"))
            _ = try a.peers.invite("court-b", role: .court, publicKey: b.key.publicKeyBase64, courtCode: "鲁0102")
            var demo = DemoData(seed: 3)
            let uids = try (0..<cases).map { _ in
                try a.fileCase(
                    try FilingInput.parse(Array(demo.filing().json.utf8), today: Node.today()),
                    attachments: [("证据.txt", Array("原始证据".utf8))]
                ).record.uid
            }
            func copyToB() throws {
                for uid in uids {
                    try b.ensureRepository(uid)
                    try b.repository(uid).fetch(
                        from: a.paths.repository(ofCase: uid).path,
                        refspecs: ["+refs/heads/main:refs/peers/court-a/main"], headers: [])
                    _ = try b.integrate(uid, peerRef: "refs/peers/court-a/main")
                }
            }
            func pullFromB() throws {
                for uid in uids {
                    try a.repository(uid).fetch(
                        from: b.paths.repository(ofCase: uid).path,
                        refspecs: ["+refs/heads/main:refs/peers/court-b/main"], headers: [])
                }
            }
            try copyToB()
            print("merge: \(cases) cases per measurement")

            // Baseline: an ordinary commit of one field, per case.
            let plain = try measure {
                for uid in uids {
                    try a.updateCase(uid) { f, actor in try CaseActions.edit(f, set: [("claims", "基准")], by: actor) }
                }
            }
            try copyToB()

            // Record conflict: both change claims.
            for uid in uids {
                try a.updateCase(uid) { f, actor in try CaseActions.edit(f, set: [("claims", "法院版本")], by: actor) }
                try b.updateCase(uid) { f, actor in try CaseActions.edit(f, set: [("claims", "律所版本")], by: actor) }
            }
            try pullFromB()
            let record = try measure {
                for uid in uids { _ = try a.replication.mergeDiverged(uid, peerRef: "refs/peers/court-b/main") }
            }
            try copyToB()

            // Documents added on both sides: the merge takes both, bytes included.
            for uid in uids {
                for (node, text) in [(a, "法院收到的证据"), (b, "另一法庭收到的证据")] {
                    _ = try node.addDocument(
                        uid, bytes: Array(String(repeating: text, count: 200).utf8), name: "\(node.config.nodeId)证据.txt"
                    )
                }
            }
            try pullFromB()
            let document = try measure {
                for uid in uids { _ = try a.replication.mergeDiverged(uid, peerRef: "refs/peers/court-b/main") }
            }

            let per = { (seconds: Double) in seconds * 1000 / Double(cases) }
            print("  plain commit       \(format(per(plain), 2)) ms/case (baseline)")
            print(
                "  record conflict    \(format(per(record), 2)) ms/case  (\(format(record / plain, 2))× a plain commit)"
            )
            print(
                "  documents added    \(format(per(document), 2)) ms/case  (\(format(document / plain, 2))× a plain "
                    + "commit; both sides added one)"
            )
            print("  open conflicts     \(try a.conflicts().count)")
            print("  peak memory        \(format(peakMemoryMiB())) MiB")
        }
    }
}
