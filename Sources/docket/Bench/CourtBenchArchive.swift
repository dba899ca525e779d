import DocketGit
import DocketProcess
import DocketStore
import Foundation

/// The archive form (`docket archive`) on a sample of the node's cases, copied into the scratch folder so the
/// kept node stays as it was built: inodes and bytes per archived case, against the same cases live and stock
/// `git bundle create --all` of them; the time to archive a case and to expand it again, against stock git making
/// the bundle and cloning from it; compacting a live case (`docket compact`) against stock git's repack; and the
/// share of a court's cases that must be archived for the node's average to reach issue 20's 6 inodes, from the
/// node's live cases and with them compacted anew.
extension CourtBench {
    func measureArchive(
        _ node: Node, _ raw: RawSQLite, liveInodesPerCase: Double, scratch: URL, into report: inout CourtReport
    ) throws {
        // Live cases (the sweep archived some already), copied.
        let sample = try liveSample(min(500, max(10, cases / 20)), of: node, raw)
        let folder = scratch.appendingPathComponent("archive")
        let copies = folder.appendingPathComponent("cases"), bundles = folder.appendingPathComponent("git-bundles")
        let clones = folder.appendingPathComponent("git-clones"), compacted = folder.appendingPathComponent("compacted")
        let repacked = folder.appendingPathComponent("git-repacked")
        for made in [copies, bundles, clones, compacted, repacked] {
            try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let sharedHEAD = copies.appendingPathComponent(".HEAD").path
        let environment = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.path, "GIT_TERMINAL_PROMPT": "0"]
        var live = DiskUsage(), archiveSeconds = 0.0, expandSeconds = 0.0, bundleSeconds = 0.0, cloneSeconds = 0.0
        var compactSeconds = 0.0, repackSeconds = 0.0
        for uid in sample {
            let original = node.paths.repository(ofCase: uid).path
            guard !Repository.isArchive(at: original) else { throw Self.failure("\(uid) is archived already") }
            live.add(original)
            let copy = copies.appendingPathComponent("\(uid).git").path
            try FileManager.default.copyItem(atPath: original, toPath: copy)
            archiveSeconds += try measure { try Repository.archive(at: copy) { !$0.hasPrefix("refs/docket/") } }
            // Compacted: the layout of a new case again (one pack, packed references); stock git's way beside it.
            let compactCopy = compacted.appendingPathComponent("\(uid).git").path
            try FileManager.default.copyItem(atPath: original, toPath: compactCopy)
            compactSeconds += try measure {
                try Repository.compact(at: compactCopy, sharedHEAD: compacted.appendingPathComponent(".HEAD").path) {
                    !$0.hasPrefix("refs/docket/")
                }
            }
            let repackCopy = repacked.appendingPathComponent("\(uid).git").path
            try FileManager.default.copyItem(atPath: original, toPath: repackCopy)
            repackSeconds += try measure {
                for step in [["repack", "-a", "-d", "-q"], ["pack-refs", "--all"]] {
                    let done = try ProcessRunner.run(
                        "/usr/bin/git", ["--git-dir", repackCopy] + step, environment: environment)
                    guard done.succeeded else { throw Self.failure("git \(step[0]) \(uid): \(done.errorText)") }
                }
            }
            let bundle = bundles.appendingPathComponent("\(uid).bundle").path
            bundleSeconds += try measure {
                let made = try ProcessRunner.run(
                    "/usr/bin/git", ["--git-dir", original, "bundle", "create", "-q", bundle, "--all"],
                    environment: environment)
                guard made.succeeded else { throw Self.failure("git bundle create \(uid): \(made.errorText)") }
            }
        }
        let archived = DiskUsage.of(copies.path), stockBundles = DiskUsage.of(bundles.path)
        var compact = DiskUsage()
        for uid in sample { compact.add(compacted.appendingPathComponent("\(uid).git").path) }
        for uid in sample {
            let copy = copies.appendingPathComponent("\(uid).git").path
            expandSeconds += try measure { try Repository.expandArchive(at: copy, sharedHEAD: sharedHEAD) }
            cloneSeconds += try measure {
                let cloned = try ProcessRunner.run(
                    "/usr/bin/git",
                    [
                        "clone", "--bare", "--quiet", "--template=",
                        bundles.appendingPathComponent("\(uid).bundle").path,
                        clones.appendingPathComponent("\(uid).git").path,
                    ], environment: environment)
                guard cloned.succeeded else { throw Self.failure("git clone of \(uid)'s bundle: \(cloned.errorText)") }
            }
        }
        let n = Double(sample.count)
        report.add(
            "archive.inodes-per-case", "inodes per archived case", Double(archived.inodes) / n, "inodes",
            floor: Double(live.inodes) / n, floorLabel: "the same cases live", below: 6, atMost: true,
            target: "≤ 6 per case")
        report.add(
            "archive.bytes-per-case", "bytes per archived case", Double(archived.apparent) / n, "bytes",
            floor: Double(stockBundles.apparent) / n, floorLabel: "stock git bundle create --all")
        report.add(
            "archive.ms-per-case", "archiving a case", archiveSeconds / n * 1000, "ms",
            floor: bundleSeconds / n * 1000, floorLabel: "stock git bundle create (a process)")
        report.add(
            "archive.expand-ms-per-case", "expanding an archived case", expandSeconds / n * 1000, "ms",
            floor: cloneSeconds / n * 1000, floorLabel: "stock git clone --bare of its bundle (a process)")
        report.add(
            "archive.compact-inodes-per-case", "inodes per compacted live case", Double(compact.inodes) / n,
            "inodes", floor: Double(live.inodes) / n, floorLabel: "the same cases as they were")
        report.add(
            "archive.compact-ms-per-case", "compacting a case", compactSeconds / n * 1000, "ms",
            floor: repackSeconds / n * 1000, floorLabel: "stock git repack -a -d, pack-refs --all (processes)")
        // With a share `a` of the cases archived (1 inode each) and the rest live, the node's average is
        // a·archived + (1 − a)·live; it reaches 6 at a = (live − 6) / (live − archived). `live` is the node's own
        // figure for its live cases (shard folders included), and then that figure with every live case compacted.
        let perArchived = Double(archived.inodes) / n
        func breakEven(_ live: Double) -> Double { live <= 6 ? 0 : (live - 6) / (live - perArchived) * 100 }
        let perCompacted = liveInodesPerCase - (Double(live.inodes) - Double(compact.inodes)) / n
        report.add(
            "archive.break-even-share", "archived share for ≤ 6 inodes per case", breakEven(liveInodesPerCase), "%")
        report.add(
            "archive.break-even-share-compacted", "the same, live cases compacted", breakEven(perCompacted), "%")
    }
}
