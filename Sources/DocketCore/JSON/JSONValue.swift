/// A JSON value as Docket stores it: objects, arrays, strings, integers, booleans and null.
///
/// There is deliberately no floating-point case: money is integer fen and every other number in a record is an
/// integer, so a value decoded on one node re-encodes to the same bytes on every other.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object, or nil for a missing member or a non-object.
    public subscript(key: String) -> JSONValue? {
        get { if case .object(let members) = self { return members[key] } else { return nil } }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The string, or nil when this is not a string.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer, or nil when this is not an integer.
    public var intValue: Int64? { if case .int(let i) = self { return i } else { return nil } }
    /// The members, or nil when this is not an object.
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    /// The elements, or nil when this is not an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// True for `null`.
    public var isNull: Bool { self == .null }
}
