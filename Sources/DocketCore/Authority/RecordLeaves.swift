/// A record as the policy reads it: every leaf value by its dotted path. Objects are entered (an empty object
/// has no leaves), everything else — strings, numbers, arrays, null — is one leaf. So a change to one member of a
/// map (`consents.<party>`) is a change of that member alone, and a field-by-field merge writes no leaf that
/// neither side had.
public struct RecordLeaves: Equatable, Sendable {
    public var values: [String: JSONValue]

    public init(_ value: JSONValue) {
        var values: [String: JSONValue] = [:]
        func walk(_ value: JSONValue, _ prefix: String) {
            if case .object(let members) = value {
                for (key, member) in members { walk(member, prefix.isEmpty ? key : prefix + "." + key) }
            } else {
                values[prefix] = value
            }
        }
        walk(value, "")
        self.values = values
    }

    public subscript(leaf: String) -> JSONValue? { values[leaf] }

    /// The leaves whose values differ between two versions (absent counts as a value), sorted.
    public static func changed(_ before: RecordLeaves?, _ after: RecordLeaves?) -> [String] {
        let b = before?.values ?? [:], a = after?.values ?? [:]
        return Set(b.keys).union(a.keys).filter { b[$0] != a[$0] }.sorted()
    }
}

extension RecordLeaves {
    /// `record` with the leaf at dotted `leaf` set to `value` (nil removes it), objects on the way made as needed;
    /// the other members, empty objects included, stay as they are.
    public static func setting(_ leaf: String, to value: JSONValue?, in record: JSONValue) -> JSONValue {
        func set(_ path: ArraySlice<Substring>, in node: JSONValue?) -> JSONValue? {
            guard let key = path.first.map(String.init) else { return value }
            var members = node?.objectValue ?? [:]
            members[key] = set(path.dropFirst(), in: members[key])
            return .object(members)
        }
        return set(leaf.split(separator: ".")[...], in: record) ?? record
    }
}
