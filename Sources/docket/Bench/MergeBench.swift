import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

/// Merge time per case, for a record conflict (both sides changed the same field) and a document conflict (both
/// replaced the same document), against the cost of an ordinary one-field commit measured in the same run.
struct MergeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Milliseconds per case to merge a record conflict and a document conflict, against a plain commit."
    )

    @Option(help: "Cases per measurement.") var cases = 200
    @OptionGroup var scratchOptions: ScratchOptions

    func run() throws {
        try scratchOptions.withFolder("merge-bench") { scratch in
            let a = try Node.initialize(at: scratch.appendingPathComponent("a"), config: NodeConfig(nodeId: "court-a", role: .court, name: "a", courtCode: "鲁0102"))
            let b = try Node.initialize(at: scratch.appendingPathComponent("b"), config: NodeConfig(nodeId: "firm-b", role: .firm, name: "b", courtCode: nil))
            _ = try a.invitePeer("firm-b", role: .firm, publicKey: b.key.publicKeyBase64)
            var demo = DemoData(seed: 3)
            let uids = try (0..<cases).map { _ in
                try a.fileCase(try FilingInput.parse(Array(demo.filing().json.utf8), today: Node.today()),
                               attachments: [("证据.txt", Array("原始证据".utf8))]).record.uid
            }
            func copyToB() throws {
                for uid in uids {
                    try b.ensureRepository(uid)
                    try b.repository(uid).fetch(from: a.paths.repository(ofCase: uid).path, refspecs: ["+refs/heads/main:refs/peers/court-a/main"], headers: [])
                    _ = try b.integrate(uid, peerRef: "refs/peers/court-a/main")
                }
            }
            func pullFromB() throws {
                for uid in uids {
                    try a.repository(uid).fetch(from: b.paths.repository(ofCase: uid).path, refspecs: ["+refs/heads/main:refs/peers/firm-b/main"], headers: [])
                }
            }
            try copyToB()
            print("merge: \(cases) cases per measurement")

            // Baseline: an ordinary commit of one field, per case.
            let plain = try measure { for uid in uids { try a.updateCase(uid) { f, actor in try CaseActions.edit(f, set: [("claims", "基准")], by: actor) } } }
            try copyToB()

            // Record conflict: both change claims.
            for uid in uids {
                try a.updateCase(uid) { f, actor in try CaseActions.edit(f, set: [("claims", "法院版本")], by: actor) }
                try b.updateCase(uid) { f, actor in try CaseActions.edit(f, set: [("claims", "律所版本")], by: actor) }
            }
            try pullFromB()
            let record = try measure { for uid in uids { _ = try a.mergeDiverged(uid, peerRef: "refs/peers/firm-b/main") } }
            try copyToB()

            // Document conflict: both replace the same document's bytes.
            for uid in uids {
                for (node, text) in [(a, "法院替换的证据"), (b, "律所替换的证据")] {
                    try node.updateCase(uid) { file, actor in
                        var meta = file.documents[0]
                        let bytes = Array(text.utf8)
                        meta.size = Int64(bytes.count)
                        meta.sha256 = sha256Hex(bytes)
                        meta.updatedAt = actor.time
                        meta.updatedBy = actor.node
                        var change = CaseChange(message: "replace document", files: [meta.contentPath: bytes])
                        try change.write(meta, at: meta.metaPath)
                        return change
                    }
                }
            }
            try pullFromB()
            let document = try measure { for uid in uids { _ = try a.mergeDiverged(uid, peerRef: "refs/peers/firm-b/main") } }

            let per = { (seconds: Double) in seconds * 1000 / Double(cases) }
            print("  plain commit       \(format(per(plain), 2)) ms/case (baseline)")
            print("  record conflict    \(format(per(record), 2)) ms/case  (\(format(record / plain, 2))× a plain commit)")
            print("  document conflict  \(format(per(document), 2)) ms/case  (\(format(document / plain, 2))× a plain commit)")
            print("  open conflicts     \(try a.conflicts().count)")
            print("  peak memory        \(format(peakMemoryMiB())) MiB")
        }
    }
}
