import DocketCore
import DocketGit
import DocketStore
import Foundation
import ZIPFoundation

/// What importing a transfer file did, per case.
public struct BundleImportReport: Codable, Sendable {
    public var from: String
    public var imported: [String] = []
    public var fastForwarded = 0
    public var diverged = 0
    /// Cases refused, with the reason (the same checks as a push).
    public var refused: [String] = []
}

extension Replication {
    /// Writes the cases the peer may see that changed after `since` (default: what was last pushed to it) into one
    /// file for carrying by hand: a ZIP of one git bundle per case, a manifest and the manifest's signature.
    public func exportBundle(for peerID: String, to url: URL, since: Int64? = nil) throws -> BundleManifest {
        let peer = try node.peers.named(peerID)
        if FileManager.default.fileExists(atPath: url.path) {
            throw DocketError(
                .conflict, key: "file.already-exists", zh: "\(url.path)已存在。", en: "\(url.path) already exists.")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docket-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var entries: [BundleManifest.Entry] = []
        for (uid, _) in try node.changedCases(for: peer, since: since ?? peer.pushSince) {
            // Read from a copy when the case is archived; the lease keeps it in place while git reads it.
            guard let repo = try node.readCase(uid), let tip = try repo.reference("refs/heads/main") else { continue }
            let file = "cases/\(uid).bundle"
            let path = scratch.appendingPathComponent("\(uid).bundle").path
            try withExtendedLifetime(repo) {
                try GitCommand.run(["--git-dir", repo.path, "bundle", "create", "-q", path, "refs/heads/main"])
            }
            entries.append(
                .init(
                    uid: uid, tip: tip.hex, file: file,
                    sha256: sha256Hex(Array(try Data(contentsOf: URL(fileURLWithPath: path))))))
        }
        let manifest = BundleManifest(
            from: node.config.nodeId, to: peerID, createdAt: UTCTime.isoString(), cases: entries)
        let signature = CommitSignature(
            nodeId: node.config.nodeId, signature: try node.key.sign(try manifest.signedBytes())
        )
        .header
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .create) } catch {
            throw DocketError(
                .unavailable, key: "file.cannot-create", zh: "无法创建\(url.path)：\(error.chineseMessage)。",
                en: "Cannot create \(url.path): \(error.englishMessage).")
        }
        try archive.add(Data(try manifest.signedBytes()), as: "manifest.json")
        try archive.add(Data((signature + "\n").utf8), as: "manifest.sig")
        for entry in entries {
            try archive.add(try Data(contentsOf: scratch.appendingPathComponent("\(entry.uid).bundle")), as: entry.file)
        }
        return manifest
    }

    /// Imports a transfer file from a peer with the same checks as a push: the manifest must be signed by a
    /// registered peer and addressed to this node, every bundle must match its digest, and every case passes
    /// `ReceiveCheck` (signatures, court-owned fields, schemas) before anything is stored.
    public func importBundle(_ url: URL) throws -> BundleImportReport {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw DocketError(
                .invalidInput, key: "bundle.not-a-transfer-file",
                zh: "\(url.path)不是 Docket 传输文件：\(error.chineseMessage)。",
                en: "\(url.path) is not a Docket transfer file: \(error.englishMessage).")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docket-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func read(_ name: String, limit: Int) throws -> Data {
            guard let entry = archive[name] else {
                throw DocketError(
                    .invalidInput, key: "bundle.entry-missing", zh: "传输文件中缺少\(name)。",
                    en: "The transfer file has no \(name).")
            }
            guard entry.uncompressedSize <= limit else {
                throw DocketError(
                    .invalidInput, key: "bundle.entry-too-large", zh: "传输文件中的\(name)过大。",
                    en: "\(name) in the transfer file is too large.")
            }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        let manifestBytes = Array(try read("manifest.json", limit: 16 << 20))
        let manifest = try CanonicalJSON.decode(BundleManifest.self, from: manifestBytes)
        guard manifest.format == "docket-bundle/1" else {
            throw DocketError(
                .invalidInput, key: "bundle.unknown-format", zh: "未知的传输文件格式\(manifest.format)。",
                en: "Unknown transfer format \(manifest.format).")
        }
        guard manifest.to == node.config.nodeId else {
            throw DocketError(
                .invalidInput, key: "bundle.wrong-recipient", zh: "该传输文件是发给\(manifest.to)的，不是发给本节点的。",
                en: "The transfer file is for \(manifest.to), not for this node.")
        }
        let sender = try node.peers.named(manifest.from)
        guard
            let signature = CommitSignature(
                header: String(decoding: try read("manifest.sig", limit: 4096), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)), signature.nodeId == sender.nodeId,
            NodeKey.verify(signature.signature, of: try manifest.signedBytes(), publicKeyBase64: sender.publicKey)
        else {
            throw DocketError(
                .unauthorized, key: "bundle.signature-invalid", zh: "传输文件的签名无法通过\(sender.nodeId)的公钥验证，"
                    + "未导入任何内容。",
                en: "The transfer file's signature does not verify for \(sender.nodeId); nothing was imported.")
        }
        var report = BundleImportReport(from: sender.nodeId)
        let limit = Int(node.config.setting(.documentMaxBytes)) ?? (100 << 20)
        for entry in manifest.cases {
            do {
                guard Identifier.isCaseUID(entry.uid) else {
                    throw DocketError(
                        .invalidInput, key: "bundle.not-case-uid", zh: "不是有效的案件 uid。", en: "not a case uid")
                }
                let bundle = scratch.appendingPathComponent("\(entry.uid).bundle")
                let data = try read(entry.file, limit: limit * 4)
                guard sha256Hex(Array(data)) == entry.sha256 else {
                    throw DocketError(
                        .internal, key: "bundle.digest-mismatch", zh: "传输包与清单记载的摘要不符。",
                        en: "the bundle does not match the manifest's digest")
                }
                try data.write(to: bundle)
                let outcome = try importCase(entry, bundle: bundle, from: sender, scratch: scratch)
                report.imported.append(entry.uid)
                if outcome == .fastForwarded || outcome == .created { report.fastForwarded += 1 }
                if outcome == .diverged { report.diverged += 1 }
            } catch {
                report.refused.append("\(entry.uid): \(error)")
            }
        }
        return report
    }

    /// One case: unbundle into a side repository that borrows this one's objects, check, then take it in.
    private func importCase(
        _ entry: BundleManifest.Entry, bundle: URL, from sender: Peer, scratch: URL
    ) throws -> Integration {
        let visible = try node.peer(sender, canSee: entry.uid)
        guard visible || (node.peerMayFile(sender) && (try? node.caseFile(entry.uid)) == nil) else {
            throw DocketError(
                .notAllowed, key: "bundle.case-not-allowed", zh: "\(sender.nodeId)无权带入该案件。",
                en: "\(sender.nodeId) may not bring this case")
        }
        let isNew = !FileManager.default.fileExists(atPath: node.paths.repository(ofCase: entry.uid).path)
        try node.ensureRepository(entry.uid)
        do {
            // Opened through the node: an archived case is expanded, and stays so while git fetches into it.
            let repo = try node.repository(entry.uid)
            return try withExtendedLifetime(repo) {
                try importCase(entry, bundle: bundle, from: sender, scratch: scratch, into: repo.path)
            }
        } catch {
            // A new case that was refused leaves no repository behind.
            if isNew, (try? node.repository(entry.uid).reference(Node.mainRef)) == nil {
                try? FileManager.default.removeItem(at: node.paths.repository(ofCase: entry.uid))
            }
            throw error
        }
    }

    private func importCase(
        _ entry: BundleManifest.Entry, bundle: URL, from sender: Peer, scratch: URL, into repoPath: String
    ) throws -> Integration {
        let side = scratch.appendingPathComponent("\(entry.uid).side.git").path
        try GitCommand.run(["init", "-q", "--bare", side])
        try (repoPath + "/objects\n").write(
            toFile: side + "/objects/info/alternates", atomically: true, encoding: .utf8)
        try GitCommand.run(["--git-dir", side, "fetch", "-q", bundle.path, "+refs/heads/main:refs/heads/main"])
        guard
            let tip = ObjectID(
                hex: try GitCommand.run(["--git-dir", side, "rev-parse", "refs/heads/main"])
                    .trimmingCharacters(in: .whitespacesAndNewlines)), tip.hex == entry.tip
        else {
            throw DocketError(
                .internal, key: "bundle.tip-mismatch", zh: "传输包的 main 与清单记载的最新提交不一致。",
                en: "the bundle's main is not the manifest's tip")
        }
        let ref = PeerRef.main(of: sender.nodeId)
        let old = try node.repository(entry.uid).reference(ref)
        try checkReceive(
            uid: entry.uid, repositoryPath: repoPath, quarantine: side + "/objects", peerID: sender.nodeId,
            updates: [ReceiveUpdate(old: old, new: tip, ref: ref)])
        try GitCommand.run(["--git-dir", repoPath, "fetch", "-q", side, "+refs/heads/main:\(ref)"])
        return try afterReceive(uid: entry.uid, peerID: sender.nodeId)
    }
}
