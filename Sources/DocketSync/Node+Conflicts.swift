import DocketCore
import DocketStore
import Foundation
import GRDB

extension Node {
    /// Merge conflicts from the index, oldest first: open ones only unless `includeResolved`.
    public func conflicts(case uid: String? = nil, includeResolved: Bool = false) throws -> [ConflictRecord] {
        try database.read { db in
            var conditions: [String] = [], arguments: [any DatabaseValueConvertible] = []
            if !includeResolved { conditions.append("status = 'open'") }
            if let uid { conditions.append("case_uid = ?"); arguments.append(uid) }
            let sql =
                "SELECT record FROM conflicts"
                + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                + " ORDER BY opened_at, id"
            return try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                try ConflictRecord.decode(Array($0.utf8))
            }
        }
    }

    /// One conflict by id, open or resolved.
    public func conflict(_ id: String) throws -> ConflictRecord {
        guard
            let text = try database.read({ db in
                try String.fetchOne(db, sql: "SELECT record FROM conflicts WHERE id = ?", arguments: [id])
            })
        else {
            throw DocketError(
                .notFound, key: "conflict.not-found", zh: "没有合并冲突\(id)，请查看 docket conflicts list。",
                en: "No conflict \(id); see docket conflicts list.")
        }
        return try ConflictRecord.decode(Array(text.utf8))
    }

    /// The current value at a conflict's place (the provisional winner, or what was chosen since).
    public func currentValue(of conflict: ConflictRecord) throws -> JSONValue {
        let repo = try repository(conflict.caseUID)
        guard let tip = try repo.reference("refs/heads/main"),
            let blob = try repo.blob(at: conflict.path, inTree: try repo.commit(tip).tree)
        else { return .null }
        let bytes = try repo.readBlob(blob)
        guard conflict.field != "*", let value = try? JSONParser.parse(bytes) else {
            return (try? JSONParser.parse(bytes)) ?? .string("\(bytes.count) bytes")
        }
        return conflict.field.split(separator: ".").reduce(value) { $0[String($1)] ?? .null }
    }

    /// Resolves a conflict with one side's value (`choose`: that side's node id) or a value given as JSON: an
    /// ordinary signed commit that sets the value and closes the conflict; it replicates like any change.
    public func resolveConflict(
        _ id: String, choose node: String? = nil, value: JSONValue? = nil, note: String? = nil
    ) throws -> ConflictRecord {
        let conflict = try conflict(id)
        guard conflict.status == .open else {
            throw DocketError(
                .conflict, key: "conflict.already-resolved", zh: "合并冲突\(id)已解决。",
                en: "Conflict \(id) is already resolved.")
        }
        let chosen: JSONValue
        if let node {
            guard let side = conflict.values.first(where: { $0.node == node }) else {
                throw DocketError(
                    .invalidInput, key: "conflict.no-value-from-node",
                    zh: "合并冲突\(id)中没有来自\(node)的值；冲突各方节点为："
                        + "\(conflict.values.map(\.node).joined(separator: ", "))。",
                    en:
                        "Conflict \(id) has no value from \(node); its sides are "
                        + "\(conflict.values.map(\.node).joined(separator: ", "))."
                )
            }
            chosen = side.value
        } else if let value {
            chosen = value
        } else {
            throw DocketError(
                .invalidInput, key: "conflict.choice-required", zh: "请指定采用哪个值：--choose <node-id> 或 --value "
                    + "JSON。",
                en: "Say which value wins: --choose <node-id> or --value JSON.")
        }
        let (_, file) = try updateCaseRecords(conflict.caseUID) { records, actor in
            try CaseActions.resolveConflict(records, conflictID: id, value: chosen, note: note, by: actor)
        }
        return file.conflicts.first { $0.id == id }!
    }
}
