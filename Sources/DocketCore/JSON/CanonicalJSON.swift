import Foundation

/// The canonical text of a record: UTF-8, object keys sorted by their UTF-8 bytes, one member or element per
/// line indented by two spaces, integers only, a trailing newline.
///
/// Equal values give equal bytes on every node, so equal records are equal git blobs, and a change of one
/// field is a change of one line in `git diff`.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The canonical bytes of an `Encodable` record.
    /// Throws if the record contains a non-integer number.
    public static func encode<T: Encodable>(_ record: T) throws -> [UInt8] {
        encode(try value(of: record))
    }

    /// The JSON value of an `Encodable` record.
    public static func value<T: Encodable>(of record: T) throws -> JSONValue {
        let value = try JSONValueEncoder.value(of: record)
        // Debug builds (every test run) check every record written against the long way round.
        assert(value == (try? foundationValue(of: record)), "JSONValueEncoder differs from JSONEncoder for \(T.self)")
        return value
    }

    /// `value(of:)` the long way, through Foundation's encoder and `JSONParser`: what `value(of:)` must equal.
    public static func foundationValue<T: Encodable>(of record: T) throws -> JSONValue {
        try JSONParser.parse(Array(try JSONEncoder().encode(record)))
    }

    /// Decodes a record from JSON bytes (canonical or not) after the strict checks of `JSONParser`.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: try JSONParser.parse(bytes))
    }

    /// Decodes a record from an already-parsed value, without parsing it again (`JSONValueDecoder`). A value that
    /// does not decode so is decoded by Foundation's decoder, whose error the caller gets as it always did.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        guard let decoded = try? JSONValueDecoder.decode(type, from: value) else {
            let decoded = try foundationDecode(type, from: value)
            assertionFailure("JSONDecoder decodes a \(T.self) that JSONValueDecoder does not")
            return decoded
        }
        // Debug builds (every test run) check every value read against the long way round.
        assert(
            sameValue(decoded, try? foundationDecode(type, from: value)),
            "JSONValueDecoder differs from JSONDecoder for \(T.self)")
        return decoded
    }

    /// `decode(_:from:)` the long way, through the canonical bytes and Foundation's decoder.
    public static func foundationDecode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONDecoder().decode(type, from: Data(encode(value)))
    }

    /// Whether two decodings are the same value, by their JSON values (a type that cannot be encoded is taken on
    /// trust, once both decoded).
    private static func sameValue<T>(_ one: T, _ other: T?) -> Bool {
        guard let other else { return false }
        guard let one = one as? any Encodable, let other = other as? any Encodable else { return true }
        return (try? value(of: one)) == (try? value(of: other))
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (n, element) in elements.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                write(element, indent: indent + 1, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.map { (key: $0, bytes: Array($0.utf8)) }
                .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                writeString(key.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(members[key.key]!, indent: indent + 1, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case 0..<0x20, 0x7f:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xf)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
