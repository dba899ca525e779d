import DocketCore
import DocketStore
import Foundation
import GRDB

/// Filing drafts of the firm's desk, the owner of `desk_drafts`: the form as typed (uploads included, base64), kept
/// per person until the case is filed, so a form sent back with its errors loses nothing.
public struct DeskDrafts: Sendable {
    public let node: Node

    public init(node: Node) { self.node = node }

    /// A draft: field name → values, in the order the form sent them, and the files uploaded with it.
    public struct Draft: Codable, Equatable, Sendable {
        public struct File: Codable, Equatable, Sendable {
            public var name: String
            public var base64: String
        }
        public var id: String
        public var fields: [[String]]
        public var files: [File]
        public var updatedAt: Double
    }

    /// Saves `form` (with its uploads and those of the earlier version it replaces) as draft `id`, or as a new draft.
    public func save(_ form: DeskForm, id: String?, user: String, keeping earlier: [Draft.File] = []) throws -> Draft {
        var rng = SystemRandomNumberGenerator()
        let draft = Draft(
            id: id ?? Identifier.short("r", using: &rng),
            fields: form.fields.filter { !["csrf", "intent", "draft"].contains($0.name) }.map { [$0.name, $0.value] },
            files: earlier
                + form.uploads.map { Draft.File(name: $0.fileName, base64: Data($0.bytes).base64EncodedString()) },
            updatedAt: Date().timeIntervalSince1970)
        let json = String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)
        try node.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO desk_drafts (id, user, form, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at
                    WHERE desk_drafts.user = excluded.user
                    """, arguments: [draft.id, user, json, draft.updatedAt])
        }
        return draft
    }

    /// A draft of `user`'s; nil when it does not exist or is someone else's.
    public func draft(_ id: String, user: String) throws -> Draft? {
        try node.database.read { db in
            try String.fetchOne(
                db, sql: "SELECT form FROM desk_drafts WHERE id = ? AND user = ?", arguments: [id, user])
        }.map { try JSONDecoder().decode(Draft.self, from: Data($0.utf8)) }
    }

    /// `user`'s drafts, newest first.
    public func drafts(user: String) throws -> [Draft] {
        try node.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT form FROM desk_drafts WHERE user = ? ORDER BY updated_at DESC", arguments: [user])
        }.map { try JSONDecoder().decode(Draft.self, from: Data($0.utf8)) }
    }

    /// Removes a draft once its case is filed.
    public func remove(_ id: String, user: String) throws {
        try node.database.write { db in
            try db.execute(sql: "DELETE FROM desk_drafts WHERE id = ? AND user = ?", arguments: [id, user])
        }
    }
}
