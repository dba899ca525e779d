import DocketCore
import DocketSchemas
import Foundation

/// The JSON Schemas of Schemas/records/, by the record's `schema` name.
public struct RecordSchemas: Sendable {
    let byName: [String: JSONSchema]

    /// The shipped schemas.
    public static func load() throws -> RecordSchemas {
        var byName: [String: JSONSchema] = [:]
        for file in try DocketSchemas.files(in: "records") where file.hasSuffix(".schema.json") {
            let schema = try JSONSchema(try JSONParser.parse(Array(try DocketSchemas.data("records/" + file))))
            guard let name = schema.recordName else {
                throw DocketError(
                    .internal, key: "schema.file-missing-id", zh: "records/\(file)缺少 x-docket-schema。",
                    en: "records/\(file) has no x-docket-schema.")
            }
            byName[name] = schema
        }
        return RecordSchemas(byName: byName)
    }

    /// Every schema.
    public var all: [JSONSchema] { byName.keys.sorted().map { byName[$0]! } }

    /// The fields only a court may change, for a record of this schema (empty for an unknown schema).
    public func courtOwnedFields(of value: JSONValue) -> Set<String> {
        value["schema"]?.stringValue.flatMap { byName[$0]?.courtOwnedFields } ?? []
    }

    /// Validates a record against the schema its `schema` field names.
    public func validate(_ value: JSONValue) throws {
        guard let name = value["schema"]?.stringValue else {
            throw DocketError(
                .invalidInput, key: "schema.record-missing-field", zh: "记录缺少 schema 字段。",
                en: "the record has no schema field")
        }
        guard let schema = byName[name] else {
            throw DocketError(
                .invalidInput, key: "schema.unknown", zh: "未知的记录格式\(name)。", en: "unknown record schema \(name)")
        }
        try schema.validate(value)
    }
}
