import DocketCore
import DocketStore
import Foundation
import GRDB

extension Node {
    /// Registers a peer that will connect to this node and returns the token it must present (shown once; only
    /// its hash is kept). Inviting a node again replaces its token.
    public func invitePeer(
        _ nodeId: String, role: NodeRole, publicKey: String, courtCode: String? = nil
    ) throws -> String {
        try Self.checkPeer(nodeId, publicKey: publicKey, role: role, courtCode: courtCode)
        guard nodeId != config.nodeId else {
            throw DocketError(
                .invalidInput, key: "peer.self", zh: "节点不能将自身添加为对等节点。", en: "A node cannot be its own "
                    + "peer.")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let token =
            "dkt_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO peers (node_id, role, public_key, court_code, token_hash, added_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (node_id) DO UPDATE SET role = excluded.role, public_key = excluded.public_key,
                        court_code = excluded.court_code, token_hash = excluded.token_hash
                    """,
                arguments: [nodeId, role.rawValue, publicKey, courtCode, sha256Hex(Array(token.utf8)), Self.nowText()])
        }
        try republishDirectory()
        return token
    }

    /// Registers a peer this node connects to, with the token that peer gave us.
    public func addPeer(
        _ nodeId: String, url: String, role: NodeRole, publicKey: String, token: String, courtCode: String? = nil
    ) throws {
        try Self.checkPeer(nodeId, publicKey: publicKey, role: role, courtCode: courtCode)
        guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil
        else {
            throw DocketError(
                .invalidInput, key: "peer.url-invalid", zh: "\(url)不是 Docket 节点的 http(s) URL。",
                en: "\(url) is not an http(s) URL of a Docket node.")
        }
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO peers (node_id, role, public_key, court_code, url, token, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (node_id) DO UPDATE SET role = excluded.role, public_key = excluded.public_key,
                        court_code = excluded.court_code, url = excluded.url, token = excluded.token
                    """,
                arguments: [
                    nodeId, role.rawValue, publicKey, courtCode, url.hasSuffix("/") ? String(url.dropLast()) : url,
                    token, Self.nowText(),
                ])
        }
        try republishDirectory()
    }

    /// Forgets a peer: its token stops working at once.
    public func removePeer(_ nodeId: String) throws {
        let removed = try database.write { db -> Int in
            try db.execute(sql: "DELETE FROM peers WHERE node_id = ?", arguments: [nodeId])
            return db.changesCount
        }
        guard removed == 1 else {
            throw DocketError(.notFound, key: "peer.not-found", zh: "没有对等节点\(nodeId)。", en: "No peer \(nodeId).")
        }
        try republishDirectory()
    }

    /// Every peer, by node id.
    public func peers() throws -> [Peer] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM peers ORDER BY node_id").map(Self.peer) }
    }

    /// One peer.
    public func peer(_ nodeId: String) throws -> Peer {
        guard
            let peer = try database.read({ db in
                try Row.fetchOne(db, sql: "SELECT * FROM peers WHERE node_id = ?", arguments: [nodeId]).map(Self.peer)
            })
        else {
            throw DocketError(
                .notFound, key: "peer.not-found-see-list", zh: "没有对等节点\(nodeId)，请查看 docket peer list。",
                en: "No peer \(nodeId); see docket peer list.")
        }
        return peer
    }

    /// The token this node presents to a peer.
    func outgoingToken(_ nodeId: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT token FROM peers WHERE node_id = ?", arguments: [nodeId])
        }
    }

    /// The peer presenting `token`, or nil (unknown, or removed).
    public func authenticate(token: String) throws -> Peer? {
        guard !token.isEmpty else { return nil }
        return try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM peers WHERE token_hash = ?", arguments: [sha256Hex(Array(token.utf8))]
            ).map(Self.peer)
        }
    }

    /// The public keys of this node, its peers and the nodes its courts published in their directories, by node
    /// id (for signature checks over every case, as `docket fsck` makes them).
    public func knownKeys() throws -> [String: String] {
        var keys: [String: String] = [:]
        for court in try announcementCourtsOnDisk() {
            for entry in try publishedDirectory(court: court) { keys[entry.participant.nodeId] = entry.publicKey }
        }
        for peer in try peers() { keys[peer.nodeId] = peer.publicKey }
        keys[config.nodeId] = key.publicKeyBase64
        return keys
    }

    func recordCheckpoints(_ nodeId: String, pullSince: Int64?, pushSince: Int64?) throws {
        try database.write { db in
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
            courtCode: row["court_code"], url: row["url"], pullSince: row["pull_since"], pushSince: row["push_since"])
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

    static func nowText() -> String { UTCTime.isoString(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
}
