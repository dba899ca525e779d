import DocketCore
import DocketGit
import Foundation
import GRDB
import Synchronization

/// An open node: its config and key, its index database and its case repositories.
///
/// Opening a node finishes any write that a crashed process left half done (committed to git, not yet indexed),
/// so what the index says always catches up with what git holds.
public final class Node: Sendable {
    public let paths: NodePaths
    public let key: NodeKey
    /// The index and node-local tables.
    package let database: DatabasePool
    /// The person working at this node, recorded as the author of its commits.
    public let operatorName: String

    let journal: WriteJournal
    private let clock: Mutex<HybridClock>
    /// The settings in force, when node.json was last looked at (uptime seconds) and its modification time then.
    private let loaded: Mutex<(config: NodeConfig, checked: TimeInterval, modified: Date?)>

    private init(
        paths: NodePaths, config: NodeConfig, key: NodeKey, database: DatabasePool, operatorName: String
    ) throws {
        self.paths = paths
        self.loaded = Mutex((config, ProcessInfo.processInfo.systemUptime, Self.modified(paths.config)))
        self.key = key
        self.database = database
        self.operatorName = operatorName
        journal = try WriteJournal(folder: paths.journal)
        let last = try database.read { db in try String.fetchOne(db, sql: "SELECT max(updated_at) FROM cases") }
        clock = Mutex(
            .system(after: last.flatMap { try? HybridTimestamp(parsing: $0) } ?? HybridTimestamp(milliseconds: 0)))
    }

    /// Makes a new node in an empty or missing directory: config, key pair, TLS certificate (naming `tlsHosts`
    /// beside loopback), database, cases folder — the directory 0700, secrets and the index 0600.
    /// Refuses a directory that already holds anything, so an existing node is never overwritten.
    @discardableResult
    public static func initialize(
        at root: URL, config: NodeConfig, operatorName: String = "admin", tlsHosts: [String] = []
    ) throws -> Node {
        try config.validate()
        let fm = FileManager.default
        let paths = NodePaths(root: root)
        if fm.fileExists(atPath: root.path) {
            let contents = try fm.contentsOfDirectory(atPath: root.path)
            guard contents.isEmpty else {
                throw DocketError(
                    .conflict, key: "node.directory-not-empty",
                    zh: "\(root.path)不是空目录；docket init "
                        + "只能在新目录或空目录中创建节点。",
                    en: "\(root.path) is not empty; docket init only makes a node in a new or empty directory.")
            }
        }
        try fm.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(root.path, 0o700)
        try fm.createDirectory(at: paths.cases, withIntermediateDirectories: true)
        let key = NodeKey.generate()
        try key.save(privateAt: paths.privateKey, publicAt: paths.publicKey)
        try config.save(to: paths.config)
        let node = try open(at: root, operatorName: operatorName)
        try node.ensureTLSIdentity(hosts: tlsHosts)
        return node
    }

    /// Opens an existing node and recovers unfinished writes of dead processes.
    public static func open(at root: URL, operatorName: String = "admin") throws -> Node {
        let paths = NodePaths(root: root)
        let config = try NodeConfig.load(from: paths.config)
        let key = try NodeKey.load(from: paths.privateKey)
        Repository.initializeLibrary()
        // The index is made 0600 before SQLite makes its WAL and shared memory, which take the same mode.
        if !FileManager.default.fileExists(atPath: paths.database.path) {
            FileManager.default.createFile(
                atPath: paths.database.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let database = try IndexDatabase.open(at: paths.database)
        let node = try Node(paths: paths, config: config, key: key, database: database, operatorName: operatorName)
        try node.moveSecretsOutOfSettings()
        try node.recoverUnfinishedWrites()
        return node
    }

    /// A new hybrid-clock reading for a change made now.
    public func tick() -> HybridTimestamp {
        clock.withLock { $0.now() }
    }

    /// Makes later readings come after `time` (a record seen in a repository).
    package func observe(_ time: HybridTimestamp) {
        clock.withLock { $0.observe(time) }
    }

    /// The node's identity and settings. A long-running process (`docket serve`, the kiosk) sees a change another
    /// process saved (`docket config set`) within a second: node.json is looked at again at most once a second,
    /// and read again when it changed. A node.json that cannot be read keeps the settings in force.
    public var config: NodeConfig {
        loaded.withLock { loaded in
            let now = ProcessInfo.processInfo.systemUptime
            if now - loaded.checked >= 1 {
                loaded.checked = now
                let modified = Self.modified(paths.config)
                if modified != loaded.modified, let fresh = try? NodeConfig.load(from: paths.config) {
                    loaded.config = fresh
                    loaded.modified = modified
                }
            }
            return loaded.config
        }
    }

    /// Makes the next read of `config` look at node.json now, whatever the once-a-second rule says: a batch of
    /// pushes is judged by the settings in force when it arrives, as the git hook (a process of its own) is.
    package func lookAtConfigAgain() {
        loaded.withLock { $0.checked = -.infinity }
    }

    private static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    /// Changes a node setting (validated) and saves it: a secret one into secrets.json, any other into node.json.
    public func set(_ key: NodeSettings.Key, to value: String) throws {
        try key.validate(value)
        if key.isSecret {
            try updateSecrets { $0.settings[key.rawValue] = value.isEmpty ? nil : value }
            return
        }
        try loaded.withLock { loaded in
            var changed = (try? NodeConfig.load(from: paths.config)) ?? loaded.config
            changed.settings[key.rawValue] = value
            try changed.save(to: paths.config)
            loaded.config = changed
            loaded.modified = Self.modified(paths.config)
        }
    }

    /// Secrets an older node kept in node.json (the payment secret) move to secrets.json.
    func moveSecretsOutOfSettings() throws {
        let secretKeys = NodeSettings.Key.allCases.filter(\.isSecret).map(\.rawValue)
        let found = try loaded.withLock { loaded -> [String: String] in
            let found = loaded.config.settings.filter { secretKeys.contains($0.key) }
            guard !found.isEmpty else { return [:] }
            var changed = loaded.config
            for key in found.keys { changed.settings[key] = nil }
            try updateSecrets { secrets in secrets.settings.merge(found) { current, _ in current } }
            try changed.save(to: paths.config)
            loaded.config = changed
            loaded.modified = Self.modified(paths.config)
            return found
        }
        _ = found
    }

    /// Today's date in Asia/Shanghai (for ID birth-date checks and deadlines).
    public static func today(_ date: Date = Date()) -> LocalDate {
        LocalDate(date: date, timeZone: UTCTime.displayZone)
    }

    /// Runs `body`, which writes case `uid`'s repository, with the case named in this process's write journal: a
    /// process killed meanwhile leaves its name there, and the next node opened here re-indexes the case and clears
    /// the git locks it left (`recoverUnfinishedWrites`).
    package func writing<T>(_ uid: String, _ body: () throws -> T) rethrows -> T { try writing([uid], body) }

    /// `writing(_:_:)` for several cases at once (a batch of arrivals placed and indexed together).
    package func writing<T>(_ uids: [String], _ body: () throws -> T) rethrows -> T {
        journal.begin(uids)
        defer { journal.finish(uids) }
        return try body()
    }

    /// Re-indexes the cases named in the journals of processes that are no longer running, and removes the git lock
    /// files such a process left in them (killed while moving a reference, it leaves `<ref>.lock`, and every later
    /// update of that reference would be refused as locked). A case a running process is writing is left alone.
    func recoverUnfinishedWrites() throws {
        let orphans = WriteJournal.orphans(in: paths.journal)
        guard !orphans.isEmpty else { return }
        let live = WriteJournal.liveUIDs(in: paths.journal)
        for orphan in orphans {
            for uid in orphan.uids where Identifier.isCaseUID(uid) {
                if !live.contains(uid) { Self.removeLockFiles(in: paths.repository(ofCase: uid)) }
                try indexCase(uid)
            }
            try? FileManager.default.removeItem(at: orphan.file)
        }
    }

    /// Deletes `*.lock` files under a repository's `refs/` and at its top (`HEAD.lock`, `packed-refs.lock`).
    static func removeLockFiles(in repository: URL) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: repository.path)) ?? [] where name.hasSuffix(".lock") {
            try? manager.removeItem(at: repository.appendingPathComponent(name))
        }
        let refs = repository.appendingPathComponent("refs")
        for case let path as String in manager.enumerator(atPath: refs.path) ?? FileManager.DirectoryEnumerator()
        where path.hasSuffix(".lock") {
            try? manager.removeItem(at: refs.appendingPathComponent(path))
        }
    }
}
