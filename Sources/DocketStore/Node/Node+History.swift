import DocketCore
import DocketGit
import Foundation

/// One commit of a case, for people: who, when, what and which files changed.
public struct CaseHistoryEntry: Codable, Sendable {
    public var commit: String
    public var node: String
    public var author: String
    /// UTC, ISO 8601.
    public var time: String
    public var message: String
    /// Paths added (`+`), changed (`~`) or removed (`-`) against the first parent.
    public var changes: [String]
    public var signed: Bool
}

extension Node {
    /// The commits of a case, newest first.
    public func history(_ uid: String, limit: Int = 200) throws -> [CaseHistoryEntry] {
        let repo = try repository(uid)
        guard let tip = try repo.reference(Self.mainRef) else { return [] }
        return try repo.history(from: tip, limit: limit).map { id in
            let commit = try repo.commit(id)
            let after = try repo.blobs(inTree: commit.tree)
            let before = try commit.parents.first.map { try repo.blobs(inTree: try repo.commit($0).tree) } ?? [:]
            var changes: [String] = []
            for path in Set(after.keys).union(before.keys).sorted() {
                switch (before[path], after[path]) {
                case (nil, _?): changes.append("+ " + path)
                case (_?, nil): changes.append("- " + path)
                case let (a?, b?) where a != b: changes.append("~ " + path)
                default: break
                }
            }
            return CaseHistoryEntry(
                commit: id.hex, node: commit.committer.name, author: commit.author.name,
                time: UTCTime.isoString(milliseconds: commit.author.time * 1000),
                message: commit.message.trimmingCharacters(in: .whitespacesAndNewlines),
                changes: changes, signed: commit.signature != nil)
        }
    }
}
