import Crypto
import DocketCore
import DocketStore
import Foundation
import GRDB
import HummingbirdBcrypt

/// An operator account of this node.
public struct DeskUser: Codable, Equatable, Sendable {
    public var name: String
    public var role: DeskRole
    public var displayName: String?
    /// UTC, ISO 8601.
    public var createdAt: String
}

/// A signed-in browser: who, and the token its forms must carry.
public struct DeskSession: Equatable, Sendable {
    /// The cookie's secret (only its SHA-256 is stored).
    public var token: String
    public var user: DeskUser
    /// The CSRF token every form of this session carries.
    public var csrf: String
}

/// Operator accounts, sign-in with lockout, and sessions: the owner of `desk_users`, `desk_sessions` and
/// `desk_signin_failures` (migration 0015). Passwords are kept as bcrypt hashes only.
public struct DeskAccounts: Sendable {
    public let node: Node
    /// bcrypt's cost (2^cost rounds); 12 for accounts people use.
    public let cost: UInt8
    /// Failed sign-ins of one name within `lockoutWindow` that lock it for `lockoutWindow`.
    public static let lockoutFailures = 5
    public static let lockoutWindow: TimeInterval = 15 * 60
    /// A session ends after this long without a request.
    public static let idleTimeout: TimeInterval = 8 * 3600
    public static let minimumPasswordLength = 8

    public init(node: Node, cost: UInt8 = 12) { self.node = node; self.cost = cost }

    /// Adds an account. The name is the commit author of the person's work (`Node.isValidOperatorName`); the role
    /// must be one of this node's kind; the password at least 8 characters.
    @discardableResult
    public func addUser(name: String, role: DeskRole, password: String, displayName: String? = nil) throws -> DeskUser {
        guard Node.isValidOperatorName(name) else {
            throw DocketError(
                .invalidInput, key: "desk.user-name-invalid",
                zh: "用户名“\(name)”无效：应为 1 至 32 个字符，不含空白、尖括号或 @。",
                en: "The user name \"\(name)\" is not valid: 1 to 32 characters, no spaces, angle brackets or @.")
        }
        guard role.nodeRole == node.config.role else {
            _ = try DeskRole.parse(role.rawValue, on: node.config.role)
            fatalError("unreachable: parse refuses a role of another kind of node")
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw DocketError(
                .invalidInput, key: "desk.password-too-short",
                zh: "密码至少需要\(Self.minimumPasswordLength)个字符。",
                en: "A password needs at least \(Self.minimumPasswordLength) characters.")
        }
        let user = DeskUser(
            name: name, role: role, displayName: displayName?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
            createdAt: ISO8601DateFormatter().string(from: Date()))
        let hash = Bcrypt.hash(password, cost: cost)
        try node.database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM desk_users WHERE name = ?", arguments: [name]) == nil else {
                throw DocketError(
                    .conflict, key: "desk.user-exists", zh: "用户“\(name)”已存在。",
                    en: "The user \"\(name)\" already exists.")
            }
            try db.execute(
                sql: """
                    INSERT INTO desk_users (name, role, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [name, role.rawValue, user.displayName, hash, user.createdAt])
        }
        return user
    }

    /// Every account, by name.
    public func users() throws -> [DeskUser] {
        try node.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM desk_users ORDER BY name").compactMap(Self.user)
        }
    }

    /// Removes an account and ends its sessions.
    public func removeUser(_ name: String) throws {
        try node.database.write { db in
            try db.execute(sql: "DELETE FROM desk_sessions WHERE user = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM desk_drafts WHERE user = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM desk_users WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else {
                throw DocketError(
                    .notFound, key: "desk.user-not-found", zh: "没有用户“\(name)”。", en: "No user \"\(name)\".")
            }
        }
    }

    /// Signs in: a new session when the name and password are right and the name is not locked. A wrong name and
    /// a wrong password are the same error (and take the same time); every failure counts towards the lockout.
    public func signIn(name: String, password: String, source: String, now: Date = Date()) throws -> DeskSession {
        let since = now.timeIntervalSince1970 - Self.lockoutWindow
        let (row, failures) = try node.database.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT * FROM desk_users WHERE name = ?", arguments: [name]),
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM desk_signin_failures WHERE name = ? AND at > ?",
                    arguments: [name, since]) ?? 0
            )
        }
        if failures >= Self.lockoutFailures {
            throw DocketError(
                .unavailable, key: "desk.signin-locked",
                zh: "该账户因连续输错密码已被锁定，请\(Int(Self.lockoutWindow / 60))分钟后再试，或请管理员协助。",
                en:
                    "This account is locked after repeated wrong passwords; "
                    + "try again in \(Int(Self.lockoutWindow / 60)) minutes, or ask an administrator.")
        }
        // A made-up hash for unknown names, so a wrong name costs as long as a wrong password.
        let hash = (row?["password_hash"] as String?) ?? Bcrypt.hash(Self.randomToken(), cost: cost)
        guard Bcrypt.verify(password, hash: hash), let row, let user = Self.user(row) else {
            try node.database.write { db in
                try db.execute(
                    sql: "INSERT INTO desk_signin_failures (name, source, at) VALUES (?, ?, ?)",
                    arguments: [name, source, now.timeIntervalSince1970])
                try db.execute(sql: "DELETE FROM desk_signin_failures WHERE at < ?", arguments: [since])
            }
            throw DocketError(
                .unauthorized, key: "desk.signin-wrong", zh: "用户名或密码不正确。", en: "The user name or password is "
                    + "wrong.")
        }
        let session = DeskSession(token: Self.randomToken(), user: user, csrf: Self.randomToken())
        try node.database.write { db in
            try db.execute(sql: "DELETE FROM desk_signin_failures WHERE name = ?", arguments: [name])
            try db.execute(
                sql: "DELETE FROM desk_sessions WHERE expires_at < ?", arguments: [now.timeIntervalSince1970])
            try db.execute(
                sql: """
                    INSERT INTO desk_sessions (token_hash, user, csrf_token, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Self.hashToken(session.token), name, session.csrf, now.timeIntervalSince1970,
                    now.timeIntervalSince1970 + Self.idleTimeout,
                ])
        }
        return session
    }

    /// The session a cookie's token names, if it is live; its idle expiry moves forward.
    public func session(token: String, now: Date = Date()) throws -> DeskSession? {
        let hash = Self.hashToken(token)
        return try node.database.write { db -> DeskSession? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.csrf_token, u.* FROM desk_sessions s JOIN desk_users u ON u.name = s.user
                        WHERE s.token_hash = ? AND s.expires_at > ?
                        """, arguments: [hash, now.timeIntervalSince1970]),
                let user = Self.user(row)
            else { return nil }
            try db.execute(
                sql: "UPDATE desk_sessions SET expires_at = ? WHERE token_hash = ?",
                arguments: [now.timeIntervalSince1970 + Self.idleTimeout, hash])
            return DeskSession(token: token, user: user, csrf: row["csrf_token"])
        }
    }

    /// Ends the session a token names (nothing happens for an unknown token).
    public func signOut(token: String) throws {
        try node.database.write { db in
            try db.execute(sql: "DELETE FROM desk_sessions WHERE token_hash = ?", arguments: [Self.hashToken(token)])
        }
    }

    static func user(_ row: Row) -> DeskUser? {
        guard let role = DeskRole(rawValue: row["role"]) else { return nil }
        return DeskUser(name: row["name"], role: role, displayName: row["display_name"], createdAt: row["created_at"])
    }

    /// 32 random bytes, base64url without padding.
    static func randomToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hashToken(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
