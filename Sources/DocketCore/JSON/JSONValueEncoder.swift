import Foundation

/// Encodes an `Encodable` value straight into a `JSONValue`: the value `JSONEncoder` followed by `JSONParser` gives,
/// without writing and re-reading the text in between (that round trip was most of the cost of writing a record).
///
/// Like that round trip it refuses non-integer numbers and integers outside `Int64`. `Data`, `Date`, `URL` and
/// `Decimal`, which `JSONEncoder` treats specially, are handed to `JSONEncoder` so the result stays the same.
enum JSONValueEncoder {
    static func value<T: Encodable>(of value: T) throws -> JSONValue {
        try box(value, at: []).build()
    }

    fileprivate static func box<T: Encodable>(_ value: T, at path: [any CodingKey]) throws -> Slot {
        switch value {
        case let string as String: return .value(.string(string))
        case let bool as Bool: return .value(.bool(bool))
        case let int as Int: return .value(.int(Int64(int)))
        case let int as Int64: return .value(.int(int))
        case is Data, is Date, is URL, is Decimal:
            return .value(try CanonicalJSON.foundationValue(of: value))
        default:
            let encoder = ValueEncoder(codingPath: path)
            try value.encode(to: encoder)
            // JSONEncoder writes a value that encoded nothing as an empty object.
            return encoder.slot ?? .object(ObjectSlot())
        }
    }
}

/// Where an encoded value goes; objects and arrays are filled in after they are handed out.
fileprivate enum Slot {
    case value(JSONValue)
    case object(ObjectSlot)
    case array(ArraySlot)
    case encoder(ValueEncoder)

    func build() -> JSONValue {
        switch self {
        case .value(let value): return value
        case .object(let object): return .object(object.members.mapValues { $0.build() })
        case .array(let array): return .array(array.elements.map { $0.build() })
        case .encoder(let encoder): return (encoder.slot ?? .object(ObjectSlot())).build()
        }
    }
}

fileprivate final class ObjectSlot { var members: [String: Slot] = [:] }
fileprivate final class ArraySlot { var elements: [Slot] = [] }

private func number<T: BinaryInteger>(_ value: T, at path: [any CodingKey]) throws -> JSONValue {
    guard let int = Int64(exactly: value) else {
        throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) is outside Int64."))
    }
    return .int(int)
}

private func notAnInteger(_ value: Any, at path: [any CodingKey]) -> EncodingError {
    .invalidValue(
        value, .init(codingPath: path, debugDescription: "Records hold integers only (money in fen), not \(value)."))
}

fileprivate final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var slot: Slot?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectSlot
        if case .object(let existing) = slot {
            object = existing
        } else {
            object = ObjectSlot(); slot = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArraySlot
        if case .array(let existing) = slot { array = existing } else { array = ArraySlot(); slot = .array(array) }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectSlot
    let codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) { object.members[key.stringValue] = .value(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw notAnInteger(value, at: codingPath + [key]) }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw notAnInteger(value, at: codingPath + [key]) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(try number(value, at: codingPath + [key]), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        put(try number(value, at: codingPath + [key]), key)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.members[key.stringValue] = try JSONValueEncoder.box(value, at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectSlot()
        object.members[key.stringValue] = .object(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArraySlot()
        object.members[key.stringValue] = .array(nested)
        return UnkeyedContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath + [AnyKey(name)])
        object.members[name] = .encoder(encoder)
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer, ScalarSink {
    let array: ArraySlot
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    private var nextPath: [any CodingKey] { codingPath + [AnyKey(index: array.elements.count)] }
    var errorPath: [any CodingKey] { nextPath }
    func put(_ value: JSONValue) { array.elements.append(.value(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try JSONValueEncoder.box(value, at: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectSlot()
        let path = nextPath
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArraySlot()
        let path = nextPath
        array.elements.append(.array(nested))
        return UnkeyedContainer(array: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = ValueEncoder(codingPath: nextPath)
        array.elements.append(.encoder(encoder))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer, ScalarSink {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    var errorPath: [any CodingKey] { codingPath }
    func put(_ value: JSONValue) { encoder.slot = .value(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.slot = try JSONValueEncoder.box(value, at: codingPath)
    }
}

/// The scalar methods an unkeyed and a single-value container share: each scalar becomes one value, put where the
/// container puts values.
private protocol ScalarSink {
    var errorPath: [any CodingKey] { get }
    func put(_ value: JSONValue)
}

extension ScalarSink {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { throw notAnInteger(value, at: errorPath) }
    mutating func encode(_ value: Float) throws { throw notAnInteger(value, at: errorPath) }
    mutating func encode(_ value: Int) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.int(value)) }
    mutating func encode(_ value: UInt) throws { put(try number(value, at: errorPath)) }
    mutating func encode(_ value: UInt8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(try number(value, at: errorPath)) }
}

private struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ string: String) { stringValue = string; intValue = nil }
    init(index: Int) { stringValue = "Index \(index)"; intValue = index }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
