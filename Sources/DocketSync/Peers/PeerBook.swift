import DocketCore
import DocketStore
import Foundation
import GRDB

/// The nodes this node syncs with: who they are (node id, role, public key, court code), where they are (URL, TLS
/// pins), the token each presents (only its hash is kept) and the token presented to it (in secrets.json), and how far
/// each side's changes feed has been read. It owns the `peers`, `peer_feed` and `peer_feed_scan` tables (the
/// authority check in DocketStore reads `peers` to know a peer's role).
public struct PeerBook: Sendable {
    /// The node whose peers these are.
    let node: Node
}

extension Node {
    /// The peers of this node.
    public var peers: PeerBook { PeerBook(node: self) }
}

extension PeerBook {
    /// Registers a peer that will connect to this node and returns the token it must present (shown once; only
    /// its hash is kept). Inviting a node again replaces its token.
    public func invite(
        _ nodeId: String, role: NodeRole, publicKey: String, courtCode: String? = nil
    ) throws -> String {
        try Self.checkPeer(nodeId, publicKey: publicKey, role: role, courtCode: courtCode)
        guard nodeId != node.config.nodeId else {
            throw DocketError(
                .invalidInput, key: "peer.self", zh: "节点不能将自身添加为对等节点。",
                en: "A node cannot be its own "
                    + "peer.")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let token =
            "dkt_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try node.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO peers (node_id, role, public_key, court_code, token_hash, added_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (node_id) DO UPDATE SET role = excluded.role, public_key = excluded.public_key,
                        court_code = excluded.court_code, token_hash = excluded.token_hash
                    """,
                arguments: [
                    nodeId, role.rawValue, publicKey, courtCode, sha256Hex(Array(token.utf8)), UTCTime.isoString(),
                ])
        }
        try node.republishDirectory()
        return token
    }

    /// Registers a peer this node connects to, with the token that peer gave us and the fingerprints of its TLS
    /// certificate (what `docket peer invite` printed there). A peer beyond loopback is reached over HTTPS only,
    /// with at least one fingerprint pinned; plain HTTP is for loopback (tests, a kiosk beside its court).
    public func add(
        _ nodeId: String, url: String, role: NodeRole, publicKey: String, token: String, courtCode: String? = nil,
        fingerprints: [String] = []
    ) throws {
        try Self.checkPeer(nodeId, publicKey: publicKey, role: role, courtCode: courtCode)
        guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", let host = parsed.host
        else {
            throw DocketError(
                .invalidInput, key: "peer.url-invalid", zh: "\(url)不是 Docket 节点的 http(s) URL。",
                en: "\(url) is not an http(s) URL of a Docket node.")
        }
        let pins = try fingerprints.map(Self.checkFingerprint)
        guard parsed.scheme == "https" || pins.isEmpty else {
            throw DocketError(
                .invalidInput, key: "peer.pins-need-https", zh: "登记了证书指纹的对等节点只能通过 https 连接。",
                en: "A peer with a pinned certificate is reached over https, never plain http.")
        }
        try Self.checkLink(nodeId, url: parsed, host: host, pins: pins)
        // The token goes to secrets.json (0600), never into the index.
        try node.updateSecrets { $0.peerTokens[nodeId] = token }
        try node.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO peers (node_id, role, public_key, court_code, url, token, pins, added_at)
                    VALUES (?, ?, ?, ?, ?, NULL, ?, ?)
                    ON CONFLICT (node_id) DO UPDATE SET role = excluded.role, public_key = excluded.public_key,
                        court_code = excluded.court_code, url = excluded.url, token = NULL, pins = excluded.pins
                    """,
                arguments: [
                    nodeId, role.rawValue, publicKey, courtCode, url.hasSuffix("/") ? String(url.dropLast()) : url,
                    pins.isEmpty ? nil : pins.joined(separator: ","), UTCTime.isoString(),
                ])
        }
        try node.republishDirectory()
    }

    /// The rule for every link this node opens: plain HTTP only to loopback (tests, a kiosk beside its court);
    /// HTTPS only with the peer's certificate pinned. Checked when a peer is added and again before each sync, so a
    /// peer row edited by hand or left by an older version cannot downgrade a link.
    static func checkLink(_ nodeId: String, url: URL, host: String, pins: [String]) throws {
        if url.scheme == "http" {
            guard isLoopback(host) else {
                throw DocketError(
                    .notAllowed, key: "peer.plain-http-beyond-loopback",
                    zh: "\(host)不在本机，只能通过 https 连接（并用 --fingerprint 登记其证书指纹）。",
                    en: "\(host) is not loopback: reach it over https, with its certificate pinned (--fingerprint).")
            }
        } else if pins.isEmpty {
            throw DocketError(
                .notAllowed, key: "peer.https-needs-pin",
                zh: "请用 --fingerprint 登记\(nodeId)的证书指纹（其 docket peer invite 或 docket tls show 打印的 "
                    + "sha256:…）。",
                en:
                    "Pin \(nodeId)'s certificate with --fingerprint "
                    + "(the sha256:… its docket peer invite or docket tls show prints).")
        }
    }

    /// Accepts another certificate of a peer (it is rotating): both fingerprints are taken until one is unpinned.
    public func pin(_ nodeId: String, fingerprint: String) throws {
        let pin = try Self.checkFingerprint(fingerprint)
        var pins = try named(nodeId).pins
        guard !pins.contains(pin) else { return }
        pins.append(pin)
        try node.database.write { db in
            try db.execute(
                sql: "UPDATE peers SET pins = ? WHERE node_id = ?", arguments: [pins.joined(separator: ","), nodeId])
        }
    }

    /// Stops accepting a certificate of a peer (its rotation is over); its last fingerprint cannot be removed.
    public func unpin(_ nodeId: String, fingerprint: String) throws {
        let pin = try Self.checkFingerprint(fingerprint)
        let pins = try named(nodeId).pins.filter { $0 != pin }
        guard !pins.isEmpty else {
            throw DocketError(
                .conflict, key: "peer.last-pin", zh: "不能移除\(nodeId)唯一的证书指纹。",
                en: "That is \(nodeId)'s only pinned fingerprint; pin its new one first.")
        }
        try node.database.write { db in
            try db.execute(
                sql: "UPDATE peers SET pins = ? WHERE node_id = ?", arguments: [pins.joined(separator: ","), nodeId])
        }
    }

    /// A fingerprint as peers write it: `sha256:` and 64 hex digits (colons and case tolerated).
    static func checkFingerprint(_ text: String) throws -> String {
        var hex = text.lowercased().replacingOccurrences(of: ":", with: "")
        if hex.hasPrefix("sha256") { hex = String(hex.dropFirst(6)) }
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
            throw DocketError(
                .invalidInput, key: "peer.fingerprint-invalid", zh: "“\(text)”不是证书指纹（sha256: "
                    + "后接64位十六进制数）。",
                en: "\"\(text)\" is not a certificate fingerprint (sha256: and 64 hex digits).")
        }
        return "sha256:" + hex
    }

    /// True for a host name or address on this machine only: `localhost`, `::1` and 127.x.y.z written as an
    /// address (a name such as `127.example.org` is not loopback).
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Forgets a peer: its token stops working at once.
    public func remove(_ nodeId: String) throws {
        let removed = try node.database.write { db -> Int in
            try db.execute(sql: "DELETE FROM peers WHERE node_id = ?", arguments: [nodeId])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM peer_feed WHERE peer_id = ?", arguments: [nodeId])
            try db.execute(sql: "DELETE FROM peer_feed_scan WHERE peer_id = ?", arguments: [nodeId])
            return removed
        }
        try node.updateSecrets { $0.peerTokens[nodeId] = nil }
        guard removed == 1 else {
            throw DocketError(.notFound, key: "peer.not-found", zh: "没有对等节点\(nodeId)。", en: "No peer \(nodeId).")
        }
        try node.republishDirectory()
    }

    /// Every peer, by node id.
    public func all() throws -> [Peer] {
        try node.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM peers ORDER BY node_id").map(Self.peer)
        }
    }

    /// One peer.
    public func named(_ nodeId: String) throws -> Peer {
        guard
            let peer = try node.database.read({ db in
                try Row.fetchOne(db, sql: "SELECT * FROM peers WHERE node_id = ?", arguments: [nodeId]).map(Self.peer)
            })
        else {
            throw DocketError(
                .notFound, key: "peer.not-found-see-list", zh: "没有对等节点\(nodeId)，请查看 docket peer list。",
                en: "No peer \(nodeId); see docket peer list.")
        }
        return peer
    }

    /// The token this node presents to a peer (from secrets.json; one an older node kept in the index is moved
    /// there the first time it is needed).
    func outgoingToken(_ nodeId: String) throws -> String? {
        if let token = try node.secrets().peerTokens[nodeId] { return token }
        guard
            let stored = try node.database.read({ db in
                try String.fetchOne(db, sql: "SELECT token FROM peers WHERE node_id = ?", arguments: [nodeId])
            })
        else { return nil }
        try node.updateSecrets { $0.peerTokens[nodeId] = stored }
        try node.database.write { db in
            try db.execute(sql: "UPDATE peers SET token = NULL WHERE node_id = ?", arguments: [nodeId])
        }
        return stored
    }

    /// The peer presenting `token`, or nil (unknown, or removed).
    public func authenticate(token: String) throws -> Peer? {
        guard !token.isEmpty else { return nil }
        return try node.database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM peers WHERE token_hash = ?", arguments: [sha256Hex(Array(token.utf8))]
            ).map(Self.peer)
        }
    }

    func recordCheckpoints(_ nodeId: String, pullSince: Int64?, pushSince: Int64?) throws {
        try node.database.write { db in
            if let pullSince {
                try db.execute(
                    sql: "UPDATE peers SET pull_since = ? WHERE node_id = ?", arguments: [pullSince, nodeId])
            }
            if let pushSince {
                try db.execute(
                    sql: "UPDATE peers SET push_since = ? WHERE node_id = ?", arguments: [pushSince, nodeId])
            }
        }
    }

    static func peer(_ row: Row) -> Peer {
        Peer(
            nodeId: row["node_id"], role: NodeRole(rawValue: row["role"]) ?? .kiosk, publicKey: row["public_key"],
            courtCode: row["court_code"], url: row["url"], pullSince: row["pull_since"], pushSince: row["push_since"],
            pins: ((row["pins"] as String?) ?? "").split(separator: ",").map(String.init))
    }

    static func checkPeer(_ nodeId: String, publicKey: String, role: NodeRole, courtCode: String?) throws {
        guard Identifier.isNodeID(nodeId) else {
            throw DocketError(
                .invalidInput, key: "peer.node-id-invalid", zh: "“\(nodeId)”不是节点 ID。",
                en: "\"\(nodeId)\" is not a node id.")
        }
        guard let raw = Data(base64Encoded: publicKey), raw.count == 32 else {
            throw DocketError(
                .invalidInput, key: "peer.public-key-invalid",
                zh: "公钥必须是在对等节点上运行 `docket node --json` 所显示的 base64 格式 Ed25519 公钥。",
                en: "The public key must be the base64 Ed25519 key that `docket node --json` prints on the peer.")
        }
        if role == .court, (courtCode ?? "").isEmpty {
            throw DocketError(
                .invalidInput, key: "peer.court-code-required", zh: "法院对等节点须填写法院代字（--court-code）。",
                en: "A court peer needs its court code (--court-code).")
        }
    }
}
