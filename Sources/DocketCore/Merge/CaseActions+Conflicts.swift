/// An administrator's decision on a merge conflict, as one change to the case.
extension CaseActions {
    /// Resolves the open conflict `conflictID` with `value`, in one change:
    /// - a field conflict sets that (dotted) field of the record at the conflict's path and stamps the record;
    /// - a whole-file conflict (`*`) on a record writes `value` as the record (stamped), or deletes it for `null`;
    /// - a whole-file conflict on a document takes one of the versions (`value` must be one of the conflict's
    ///   values, or `null` to delete): its bytes go to the path, the losers' copies beside it are removed (history
    ///   keeps them), and the document's `meta.json` gets their `sha256` and `size`;
    /// - the conflict becomes `resolved` with `resolution {by, value, note, at}`, and a `conflict-resolved` timeline
    ///   entry is added.
    /// Throws for an unknown or already resolved conflict and for a value that cannot be applied.
    public static func resolveConflict(
        _ file: [String: [UInt8]], conflictID: String, value: JSONValue, note: String?,
        by actor: Actor
    ) throws -> CaseChange {
        let conflictPath = ConflictRecord.recordPath(id: conflictID)
        guard let bytes = file[conflictPath] else {
            throw DocketError(
                .notFound, key: "conflict.not-in-case", zh: "案件中没有合并冲突\(conflictID)。",
                en: "The case has no conflict \(conflictID).")
        }
        var conflict = try ConflictRecord.decode(bytes)
        guard conflict.status == .open else {
            throw DocketError(
                .conflict, key: "conflict.already-resolved-by",
                zh: "合并冲突\(conflictID)已解决\(conflict.resolution.map { " (by \($0.by))" } ?? "")。",
                en: "Conflict \(conflictID) is already resolved\(conflict.resolution.map { " (by \($0.by))" } ?? "").")
        }
        var change = CaseChange(message: "Resolve conflict \(conflictID): \(conflict.path) \(conflict.field)")
        if conflict.field != "*" {
            change.files[conflict.path] = .some(try setField(in: file, conflict: conflict, to: value, by: actor))
        } else if CaseFile.isRecordPath(conflict.path) {
            if value.isNull {
                change.files[conflict.path] = .some(nil)
            } else {
                guard value.objectValue != nil else {
                    throw DocketError(
                        .invalidInput, key: "conflict.record-not-object", zh: "整条记录必须是 JSON 对象。",
                        en: "A whole record must be a JSON object.")
                }
                change.files[conflict.path] = .some(CanonicalJSON.encode(stamped(value, by: actor)))
            }
        } else {
            try chooseVersion(in: file, conflict: conflict, value: value, by: actor, into: &change)
        }
        conflict.status = .resolved
        conflict.resolution = ConflictRecord.Resolution(by: actor.node, value: value, note: note, at: actor.time)
        conflict.updatedAt = actor.time
        conflict.updatedBy = actor.node
        try change.write(conflict, at: conflictPath)
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "conflict-resolved",
                summary: "解决同步冲突：\(conflict.path) \(conflict.field)\(note.map { "（\($0)）" } ?? "")"))
        return change
    }

    private static func setField(
        in file: [String: [UInt8]], conflict: ConflictRecord, to value: JSONValue,
        by actor: Actor
    ) throws -> [UInt8] {
        guard let recordBytes = file[conflict.path] else {
            throw DocketError(
                .conflict, key: "conflict.record-gone", zh: "\(conflict.path)已不在案件中，请改为以整条记录解决该冲突。",
                en: "\(conflict.path) is no longer in the case; resolve it with a whole record instead.")
        }
        var record = try JSONParser.parse(recordBytes)
        guard record.objectValue != nil else {
            throw DocketError(
                .internal, key: "conflict.path-not-object", zh: "\(conflict.path)不是 JSON 对象。",
                en: "\(conflict.path) is not a JSON object.")
        }
        let keys = conflict.field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        record = setting(keys[...], of: record, to: value)
        return CanonicalJSON.encode(stamped(record, by: actor))
    }

    /// `value` at the member path `keys`, making missing or non-object members on the way objects.
    private static func setting(_ keys: ArraySlice<String>, of object: JSONValue, to value: JSONValue) -> JSONValue {
        guard let key = keys.first else { return value }
        var members = object.objectValue ?? [:]
        members[key] = setting(keys.dropFirst(), of: members[key] ?? .object([:]), to: value)
        return .object(members)
    }

    private static func stamped(_ record: JSONValue, by actor: Actor) -> JSONValue {
        var record = record
        record["updatedAt"] = .string(actor.time.description)
        record["updatedBy"] = .string(actor.node)
        return record
    }

    private static func chooseVersion(
        in file: [String: [UInt8]], conflict: ConflictRecord, value: JSONValue,
        by actor: Actor, into change: inout CaseChange
    ) throws {
        guard value.isNull || conflict.values.contains(where: { $0.value == value }) else {
            throw DocketError(
                .invalidInput, key: "conflict.file-choose-version",
                zh: "请从\(conflict.path)的各节点版本中选择一个，或将其删除；文件不能直接输入新值。",
                en:
                    "Choose one of the versions of \(conflict.path) (by node), or delete it; a new value cannot be "
                    + "typed in for a file."
            )
        }
        // The versions kept beside the path go; the chosen one (if any) moves to the path.
        var chosen: [UInt8]?
        for version in conflict.values {
            guard let path = version.value["path"]?.stringValue else { continue }
            if version.value == value {
                guard let bytes = file[path] else {
                    throw DocketError(
                        .conflict, key: "conflict.chosen-version-gone", zh: "所选版本（\(path)）已不在案件中。",
                        en: "The chosen version (\(path)) is no longer in the case.")
                }
                chosen = bytes
            }
            if path != conflict.path, file[path] != nil { change.files[path] = .some(nil) }
        }
        change.files[conflict.path] = .some(chosen)
        let parts = conflict.path.split(separator: "/", omittingEmptySubsequences: false)
        guard let chosen, parts.count == 3, parts[0] == "documents" else { return }
        let metaPath = "documents/\(parts[1])/meta.json"
        guard let metaBytes = file[metaPath], var meta = try? JSONParser.parse(metaBytes),
            meta["name"]?.stringValue == String(parts[2])
        else { return }
        meta["sha256"] = .string(SHA256.hex(chosen))
        meta["size"] = .int(Int64(chosen.count))
        change.files[metaPath] = .some(CanonicalJSON.encode(stamped(meta, by: actor)))
    }
}
