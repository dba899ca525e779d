import DocketCore
import Foundation

/// Where a node keeps its things under its data directory.
///
///     <data>/node.json                 node config (id, role, name, court code, settings)
///     <data>/keys/node.ed25519         private key (mode 0600); node.ed25519.pub beside it
///     <data>/tls/node.key, node.crt    the TLS key (0600) and self-signed certificate peers pin; next.* while rotating
///     <data>/secrets.json              tokens this node presents and the payment secret (0600)
///     <data>/docket.sqlite             the index and node-local tables (WAL)
///     <data>/cases/<shard>/<uid>.git   one bare repository per case
///     <data>/announcements/<court>.git a court's announcements (宣传公告), written by that court only
///     <data>/journal/<pid>             cases a running process is writing (crash recovery)
///     <data>/incoming/                 first pushes of new cases, until they are taken (or removed)
///     <data>/kiosk/input/              the kiosk's input method (librime's deployed dictionaries), made on first start
public struct NodePaths: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var config: URL { root.appendingPathComponent("node.json") }
    public var keys: URL { root.appendingPathComponent("keys") }
    public var privateKey: URL { keys.appendingPathComponent("node.ed25519") }
    public var publicKey: URL { keys.appendingPathComponent("node.ed25519.pub") }
    public var database: URL { root.appendingPathComponent("docket.sqlite") }
    /// The TLS identity in use, and the next one while a rotation overlaps.
    public var tls: URL { root.appendingPathComponent("tls") }
    public var tlsCertificate: URL { tls.appendingPathComponent("node.crt") }
    public var tlsKey: URL { tls.appendingPathComponent("node.key") }
    public var tlsNextCertificate: URL { tls.appendingPathComponent("next.crt") }
    public var tlsNextKey: URL { tls.appendingPathComponent("next.key") }
    /// Tokens this node presents to peers and the payment secret: apart from node.json, readable by the owner only.
    public var secrets: URL { root.appendingPathComponent("secrets.json") }
    public var cases: URL { root.appendingPathComponent("cases") }
    /// The court's announcements repository (宣传公告): `announcements/<court code>.git`.
    public func announcements(ofCourt court: String) -> URL {
        root.appendingPathComponent("announcements/\(court).git")
    }
    /// Where `docket serve` stages the first push of a new case; a push that is refused or cut off leaves nothing.
    public var incoming: URL { root.appendingPathComponent("incoming") }
    /// Where the kiosk deploys its input method (librime's user data folder).
    public var kioskInputMethod: URL { root.appendingPathComponent("kiosk/input") }
    /// Pages the kiosk's scanner read for the visit in progress; emptied when the visit ends.
    public var kioskScans: URL { root.appendingPathComponent("kiosk/scans") }
    /// One file per running process naming the cases it is writing (see `WriteJournal`).
    public var journal: URL { root.appendingPathComponent("journal") }

    /// The file every case repository of a shard has as its `HEAD` (hard links: `ref: refs/heads/main` costs one
    /// inode per shard, not one per case): `cases/.heads/<shard>`.
    public func sharedHEAD(ofCase uid: String) -> String {
        cases.appendingPathComponent(".heads/\(Identifier.shard(ofCase: uid))").path
    }

    /// The repository of a case, relative to the data directory: `cases/<shard>/<uid>.git`.
    public func relativeRepository(ofCase uid: String) -> String {
        "cases/\(Identifier.shard(ofCase: uid))/\(uid).git"
    }

    /// The repository of a case.
    public func repository(ofCase uid: String) -> URL {
        root.appendingPathComponent(relativeRepository(ofCase: uid))
    }

    /// The uids of every case repository on disk, sorted.
    public func caseUIDsOnDisk() throws -> [String] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: cases.path) else { return [] }
        var uids: [String] = []
        for shard in try fm.contentsOfDirectory(atPath: cases.path) {
            let folder = cases.appendingPathComponent(shard).path
            for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".git") {
                let uid = String(name.dropLast(4))
                if Identifier.isCaseUID(uid), Identifier.shard(ofCase: uid) == shard { uids.append(uid) }
            }
        }
        return uids.sorted()
    }
}
