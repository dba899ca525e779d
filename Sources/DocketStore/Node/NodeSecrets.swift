import DocketCore
import Foundation
import Synchronization

/// What a node must keep secret apart from its general settings: the tokens it presents to its peers and the
/// payment service's shared secret. `<data>/secrets.json`, readable by the owner only; node.json and the SQLite
/// index hold none of it, so neither a copy of the settings nor of the index gives a peer's token away.
public struct NodeSecrets: Codable, Equatable, Sendable {
    /// Peer node id → the token this node presents to it.
    public var peerTokens: [String: String] = [:]
    /// Secret settings by key (`payments.qr.secret`).
    public var settings: [String: String] = [:]

    public init() {}

    static func load(from url: URL) throws -> NodeSecrets {
        guard let data = FileManager.default.contents(atPath: url.path) else { return NodeSecrets() }
        do { return try JSONDecoder().decode(NodeSecrets.self, from: data) } catch {
            throw DocketError(
                .internal, key: "node.secrets-damaged", zh: "\(url.path)已损坏：\(error.chineseMessage)。",
                en: "\(url.path) is damaged: \(error.englishMessage).")
        }
    }

    func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(self)
        // Written to a new file made 0600 before any byte, then renamed over the old one.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".secrets.\(getpid()).json")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw DocketError(
                .unavailable, key: "node.secrets-unwritable", zh: "无法写入\(url.path)。", en: "Cannot write "
                    + "\(url.path).")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw DocketError(
                .unavailable, key: "node.secrets-unwritable", zh: "无法写入\(url.path)。", en: "Cannot write "
                    + "\(url.path).")
        }
    }
}

extension Node {
    /// The node's secrets as stored now.
    package func secrets() throws -> NodeSecrets { try NodeSecrets.load(from: paths.secrets) }

    /// Changes the secrets in one read-modify-write under the file system's rename.
    package func updateSecrets(_ change: (inout NodeSecrets) throws -> Void) throws {
        var secrets = try secrets()
        try change(&secrets)
        try secrets.save(to: paths.secrets)
    }

    /// A setting's value: a secret one from secrets.json, any other from node.json; its default when unset.
    public func setting(_ key: NodeSettings.Key) -> String {
        guard key.isSecret else { return config.setting(key) }
        return (try? secrets().settings[key.rawValue]) ?? nil ?? key.defaultValue
    }

    /// Everything private to the node's owner, with the mode it is made with: the data directory and the keys and
    /// TLS folders 0700; settings, secrets, private keys and the index with its WAL and shared memory 0600. One
    /// list for `fsck` to check and `--fix-permissions` to apply.
    private var privatePaths: [(url: URL, mode: mode_t)] {
        let database = paths.database.path
        return [(paths.root, 0o700), (paths.keys, 0o700), (paths.tls, 0o700)]
            + [
                paths.config, paths.secrets, paths.privateKey, paths.tlsKey, paths.tlsNextKey, paths.database,
                URL(fileURLWithPath: database + "-wal"), URL(fileURLWithPath: database + "-shm"),
            ].map { ($0, 0o600) }
    }

    /// Node files that others than the owner can read or write, as problems for `docket fsck` (`privatePaths`).
    package func loosePermissions() -> [String] {
        privatePaths.compactMap { url, _ in
            var info = stat()
            guard stat(url.path, &info) == 0 else { return nil }
            let mode = info.st_mode & 0o777
            guard mode & 0o077 != 0 else { return nil }
            let octal = String(mode, radix: 8)
            return "\(url.path)的权限为 \(octal)，其他用户可以读取（请运行 docket fsck --fix-permissions）。 "
                + "\(url.path) is mode \(octal); others may read it (run docket fsck --fix-permissions)."
        }
    }

    /// Makes the node's files the owner's alone (`privatePaths`), for a node made by an older version or restored
    /// from a backup (`docket fsck --fix-permissions`). New nodes are made so; a file not there is skipped.
    public func tightenPermissions() {
        for (url, mode) in privatePaths { chmod(url.path, mode) }
    }
}
