import Foundation

/// A record stored as one canonical JSON file in a case repository.
public protocol Record: Codable, Sendable {
    /// The schema name and version written into every record (`"schema": "docket.case/1"`), and the name of its
    /// JSON Schema file in Schemas/records/.
    static var schema: String { get }
    /// Optional fields that are written as `null` rather than left out, so every node's file has the same lines.
    static var explicitNullFields: [String] { get }
}

extension Record {
    public static var explicitNullFields: [String] { [] }

    /// The record as a JSON value, with `schema` set and explicit nulls filled in.
    public func jsonValue() throws -> JSONValue {
        var value = try CanonicalJSON.value(of: self)
        guard case .object(var members) = value else { return value }
        members["schema"] = .string(Self.schema)
        for field in Self.explicitNullFields where members[field] == nil { members[field] = .null }
        value = .object(members)
        return value
    }

    /// The canonical bytes of the record.
    public func canonicalBytes() throws -> [UInt8] { CanonicalJSON.encode(try jsonValue()) }

    /// Decodes a record from a file's bytes, refusing a file of another schema.
    public static func decode(_ bytes: [UInt8]) throws -> Self { try decode(try JSONParser.parse(bytes)) }

    /// Decodes a record from its JSON value, refusing a value of another schema.
    public static func decode(_ value: JSONValue) throws -> Self {
        try checkSchema(value)
        return try decoding { try CanonicalJSON.decode(Self.self, from: value) }
    }

    private static func checkSchema(_ value: JSONValue) throws {
        guard value["schema"]?.stringValue == schema else {
            throw DocketError(
                .internal, key: "record.wrong-schema",
                zh: "应为\(schema)记录，实际为\(value["schema"]?.stringValue ?? "no schema")。",
                en: "Expected a \(schema) record, found \(value["schema"]?.stringValue ?? "no schema").")
        }
    }

    private static func decoding(_ body: () throws -> Self) throws -> Self {
        do { return try body() } catch let error as DocketError { throw error } catch {
            throw DocketError(
                .internal, key: "record.schema-mismatch", zh: "\(schema)记录不符合其格式定义：\(error.chineseMessage)。",
                en: "The \(schema) record does not match its schema: \(error.englishMessage).")
        }
    }
}

/// A record that knows its own file in the case tree (`filings/<id>.json`, `hearings/<id>.json`, …).
public protocol PathedRecord: Record {
    var path: String { get }
}
