import DocketProcess
import DocketStore
import Foundation

/// Inodes and bytes per case: every entry under the node's `cases/` folder (repositories, their folders and files,
/// and the shard folders they sit in), against stock git holding the same cases (`git clone --bare --no-local` of a
/// sample, with an empty template so git adds no sample hooks).
extension CourtBench {
    func measureDisk(_ node: Node, _ raw: RawSQLite, scratch: URL, into report: inout CourtReport) throws {
        let ours = DiskUsage.of(node.paths.cases.path)
        let sample = try liveSample(min(50, max(10, cases / 20)), of: node, raw)
        let peer = try gitClones(sample, node: node, into: scratch.appendingPathComponent("git-clones"))
        let n = Double(cases)
        // An archived case is one file; what is left (the shard folders with them) is the live cases'.
        let archived = try node.paths.caseUIDsOnDisk().filter { node.isArchived($0) }.count
        let perLive = Double(ours.inodes - archived) / Double(max(cases - archived, 1))
        report.add(
            "disk.inodes-per-case", "inodes per case", Double(ours.inodes) / n, "inodes",
            floor: Double(peer.inodes) / Double(max(sample.count, 1)), floorLabel: "stock git clone --bare",
            below: 6, atMost: true, target: "≤ 6 per case")
        report.add(
            "disk.archived-share", "cases archived (serve's sweep, concluded > 90 days)", Double(archived) / n * 100,
            "%")
        report.add(
            "disk.inodes-per-live-case", "inodes per live case (compacted)", perLive, "inodes",
            floor: Double(peer.inodes) / Double(max(sample.count, 1)), floorLabel: "stock git clone --bare")
        report.add(
            "disk.bytes-per-case", "bytes per case (allocated)", Double(ours.allocated) / n, "bytes",
            floor: Double(peer.allocated) / Double(max(sample.count, 1)), floorLabel: "stock git clone --bare")
        report.add("disk.apparent-bytes-per-case", "bytes per case (file sizes)", Double(ours.apparent) / n, "bytes")
        try measureArchive(node, raw, liveInodesPerCase: perLive, scratch: scratch, into: &report)
    }

    /// `count` of the node's live cases (the build's sweep archived others), at random.
    func liveSample(_ count: Int, of node: Node, _ raw: RawSQLite) throws -> [String] {
        let shuffled = try raw.strings("SELECT uid FROM cases ORDER BY random()")
        return Array(shuffled.lazy.filter { !node.isArchived($0) }.prefix(count))
    }

    /// Clones each case with stock git into a fresh folder and measures the clones.
    func gitClones(_ uids: [String], node: Node, into folder: URL) throws -> DiskUsage {
        try? FileManager.default.removeItem(at: folder)
        let template = folder.appendingPathComponent("template"), clones = folder.appendingPathComponent("clones")
        try FileManager.default.createDirectory(at: template, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: clones, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.path, "GIT_TERMINAL_PROMPT": "0"]
        for uid in uids {
            let outcome = try ProcessRunner.run(
                "/usr/bin/git",
                [
                    "clone", "--bare", "--no-local", "--quiet", "--template=\(template.path)",
                    node.paths.repository(ofCase: uid).path, clones.appendingPathComponent("\(uid).git").path,
                ], environment: environment)
            guard outcome.succeeded else { throw Self.failure("git clone \(uid): \(outcome.errorText)") }
        }
        return DiskUsage.of(clones.path)
    }
}

/// What a folder holds: entries below it (files, folders, links), their sizes and the blocks allocated to them.
/// What a folder holds on disk: its entries, their distinct inodes (a hard link, such as the shared `HEAD` of case
/// repositories, is one inode however many names it has), and their bytes (each inode counted once).
struct DiskUsage {
    var entries = 0
    var apparent = 0
    var allocated = 0
    private var seen: Set<UInt64> = []
    /// Inodes marked seen without being counted (`skip`).
    private var skipped = 0
    var inodes: Int { seen.count - skipped }

    static func of(_ path: String) -> DiskUsage {
        var usage = DiskUsage()
        usage.walk(path)
        return usage
    }

    /// Adds the folder or file at `path` itself and everything below it. A repository's `HEAD` that is a link to its
    /// shard's shared one is left out: a few hundred serve a node of any size, so a case does not pay one (a sample
    /// drawn from many shards would otherwise count nearly one per case).
    mutating func add(_ path: String) {
        var info = stat()
        if lstat(path + "/HEAD", &info) == 0, info.st_nlink > 1 { skip(info) }
        guard lstat(path, &info) == 0 else { return }
        entries += 1
        if note(info), (info.st_mode & S_IFMT) == S_IFDIR { walk(path) }
    }

    /// Marks an inode as seen without counting it.
    private mutating func skip(_ info: stat) { if seen.insert(UInt64(info.st_ino)).inserted { skipped += 1 } }

    /// Counts an inode the first time it is seen; false when it was seen already.
    private mutating func note(_ info: stat) -> Bool {
        guard seen.insert(UInt64(info.st_ino)).inserted else { return false }
        apparent += Int(info.st_size)
        allocated += Int(info.st_blocks) * 512
        return true
    }

    private mutating func walk(_ path: String) {
        guard let dir = opendir(path) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            entries += 1
            guard note(info) else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(child) }
        }
    }
}
