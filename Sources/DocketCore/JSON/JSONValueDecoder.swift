/// Decodes a `Decodable` value straight from a parsed `JSONValue`: a record read from a file is parsed once, by
/// `JSONParser` (which also enforces Docket's strict JSON), instead of a second time by Foundation's `JSONDecoder`.
/// It accepts what `JSONDecoder` accepts of the JSON Docket stores (integers, strings, booleans, null, arrays and
/// objects; unknown members ignored); a value it cannot decode is decoded again by `JSONDecoder` for its error
/// (`CanonicalJSON.decode`), so messages stay as they were.
public enum JSONValueDecoder {
    /// The value of type `T` that `value` holds.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: []))
    }
}

/// A key for the positions of an array in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self, value, codingPath) }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValue(value: value, codingPath: codingPath)
    }
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected \(type), found \(value)."))
}

/// Decodes one scalar or nested value: the work every container hands to it.
private func decodeValue<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    switch (type, value) {
    case (is String.Type, .string(let s)): return s as! T
    case (is Bool.Type, .bool(let b)): return b as! T
    case (is Int64.Type, .int(let i)): return i as! T
    case (is Int.Type, .int(let i)): return try exactly(Int.self, i, path) as! T
    case (is Int32.Type, .int(let i)): return try exactly(Int32.self, i, path) as! T
    case (is Int16.Type, .int(let i)): return try exactly(Int16.self, i, path) as! T
    case (is Int8.Type, .int(let i)): return try exactly(Int8.self, i, path) as! T
    case (is UInt.Type, .int(let i)): return try exactly(UInt.self, i, path) as! T
    case (is UInt64.Type, .int(let i)): return try exactly(UInt64.self, i, path) as! T
    case (is UInt32.Type, .int(let i)): return try exactly(UInt32.self, i, path) as! T
    case (is UInt16.Type, .int(let i)): return try exactly(UInt16.self, i, path) as! T
    case (is UInt8.Type, .int(let i)): return try exactly(UInt8.self, i, path) as! T
    case (is Double.Type, .int(let i)): return Double(i) as! T
    case (is Float.Type, .int(let i)): return Float(i) as! T
    case (is String.Type, _), (is Bool.Type, _), (is Int64.Type, _), (is Int.Type, _), (is Int32.Type, _),
        (is Int16.Type, _), (is Int8.Type, _), (is UInt.Type, _), (is UInt64.Type, _), (is UInt32.Type, _),
        (is UInt16.Type, _), (is UInt8.Type, _), (is Double.Type, _), (is Float.Type, _):
        if value == .null {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Found null."))
        }
        throw mismatch(type, value, path)
    default:
        return try T(from: ValueDecoder(value: value, codingPath: path))
    }
}

private func exactly<I: FixedWidthInteger>(_ type: I.Type, _ value: Int64, _ path: [any CodingKey]) throws -> I {
    guard let exact = I(exactly: value) else {
        throw DecodingError.dataCorrupted(
            .init(codingPath: path, debugDescription: "Number \(value) does not fit in \(type)."))
    }
    return exact
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value for key \(key.stringValue)."))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, try member(key), codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(members), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private func next<T>(_ type: T.Type) throws -> JSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "No element is left."))
        }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard try next(Never.self) == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoded = try decodeValue(type, try next(type), codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return decoded
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try ValueDecoder(value: try next(type), codingPath: codingPath + [IndexKey(currentIndex)])
            .container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try ValueDecoder(value: try next([Any].self), codingPath: codingPath + [IndexKey(currentIndex)])
            .unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = ValueDecoder(value: try next(Any.self), codingPath: codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return decoder
    }
}

private struct SingleValue: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, value, codingPath) }
}
