/// The subset of JSON Schema (2020-12) that Docket's record schemas use, and Docket's own annotations.
///
/// Supported: `type` (one or a list), `properties`, `required`, `additionalProperties` (boolean or schema),
/// `items`, `enum`, `const`, `minLength`, `maxLength`, `minimum`, `maximum`, and `format` with Docket's formats
/// `hlc` (a `HybridTimestamp`), `node-id` and `case-uid`. Annotations: `x-docket-schema` (the record's schema
/// name), `x-court-owned` (only a court may change the field), `x-review` (a conflict on it always waits for a
/// person). Anything else in a schema is ignored, so the files stay valid standard JSON Schema.
public struct JSONSchema: Sendable {
    public let value: JSONValue

    public init(_ value: JSONValue) throws {
        guard value.objectValue != nil else {
            throw DocketError(
                .internal, key: "schema.not-object", zh: "格式定义必须是 JSON 对象。", en: "A schema must be a JSON "
                    + "object.")
        }
        self.value = value
    }

    /// The record schema name (`docket.case/1`) from `x-docket-schema`.
    public var recordName: String? { value["x-docket-schema"]?.stringValue }

    /// Top-level fields marked `x-court-owned`.
    public var courtOwnedFields: Set<String> { annotated("x-court-owned") }

    /// Top-level fields marked `x-review`.
    public var reviewFields: Set<String> { annotated("x-review") }

    private func annotated(_ key: String) -> Set<String> {
        Set((value["properties"]?.objectValue ?? [:]).filter { $0.value[key] == .bool(true) }.keys)
    }

    /// Throws a `DocketError` naming the first place where `instance` breaks the schema (members in key order).
    public func validate(_ instance: JSONValue) throws {
        do {
            try Self.check(instance, against: value, sorted: false, at: { "" })
        } catch {
            // Checked in whatever order first (the common case, a valid record, costs no sort); a record that
            // fails is checked again in key order, so the error named is the same on every run.
            try Self.check(instance, against: value, sorted: true, at: { "" })
            throw error
        }
    }

    /// `path` is made only when a message needs it: validation runs on every record a node writes.
    private static func check(
        _ instance: JSONValue, against schema: JSONValue, sorted: Bool, at path: () -> String
    ) throws {
        func fail(_ what: String) -> DocketError {
            let here = path();
            return DocketError(
                .invalidInput, key: "schema.violation", zh: "记录不符合格式定义：\(here.isEmpty ? "the record" : here) "
                    + "\(what)。",
                en: "\(here.isEmpty ? "the record" : here) \(what)")
        }
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            guard allowed.contains(where: { matches(instance, type: $0) }) else {
                throw fail("must be \(allowed.joined(separator: " or "))")
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(instance) {
            throw fail("is not one of the allowed values")
        }
        if let constant = schema["const"], constant != instance {
            throw fail("must be \(CanonicalJSONText.inline(constant))")
        }
        switch instance {
        case .string(let s):
            // Characters are never more than UTF-8 bytes nor fewer than a quarter of them: count only when it matters.
            let bytes = s.utf8.count
            if let min = schema["minLength"]?.intValue, bytes / 4 < min, s.count < min {
                throw fail("is shorter than \(min) characters")
            }
            if let max = schema["maxLength"]?.intValue, bytes > max, s.count > max {
                throw fail("is longer than \(max) characters")
            }
            if let format = schema["format"]?.stringValue, !formatMatches(s, format) {
                throw fail("is not a valid \(format)")
            }
        case .int(let n):
            if let min = schema["minimum"]?.intValue, n < min { throw fail("is below \(min)") }
            if let max = schema["maximum"]?.intValue, n > max { throw fail("is above \(max)") }
        case .array(let elements):
            if let items = schema["items"] {
                for (i, element) in elements.enumerated() {
                    try check(element, against: items, sorted: sorted, at: { "\(path())[\(i)]" })
                }
            }
        case .object(let members):
            let properties = schema["properties"]?.objectValue ?? [:]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            where members[required] == nil {
                let here = path()
                throw DocketError(
                    .invalidInput, key: "schema.required-missing",
                    zh: "缺少必填字段\(here.isEmpty ? "" : here + ".")\(required)。",
                    en: "\(here.isEmpty ? "" : here + ".")\(required) is required")
            }
            let additional = schema["additionalProperties"]
            func member(_ key: String, _ value: JSONValue) throws {
                func memberPath() -> String { let here = path(); return here.isEmpty ? key : "\(here).\(key)" }
                if let propertySchema = properties[key] {
                    try check(value, against: propertySchema, sorted: sorted, at: memberPath)
                } else if let additional {
                    if additional == .bool(false) {
                        throw DocketError(
                            .invalidInput, key: "schema.unknown-field", zh: "\(memberPath())不是该记录的字段。",
                            en: "\(memberPath()) is not a field of this record")
                    }
                    if additional.objectValue != nil {
                        try check(value, against: additional, sorted: sorted, at: memberPath)
                    }
                }
            }
            if sorted {
                for (key, value) in members.sorted(by: { $0.key < $1.key }) { try member(key, value) }
            } else {
                for (key, value) in members { try member(key, value) }
            }
        default: break
        }
    }

    private static func matches(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("string", .string),
            ("array", .array), ("object", .object):
            return true
        default: return false
        }
    }

    private static func formatMatches(_ text: String, _ format: String) -> Bool {
        switch format {
        case "hlc": return (try? HybridTimestamp(parsing: text)) != nil
        case "node-id": return Identifier.isNodeID(text)
        case "case-uid": return Identifier.isCaseUID(text)
        case "record-id": return Identifier.isRecordID(text)
        default: return true
        }
    }
}

/// Short one-line JSON for messages.
enum CanonicalJSONText {
    static func inline(_ value: JSONValue) -> String {
        String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
            .split(separator: "\n").map { String($0).trimmingSpaces }.joined(separator: " ")
    }
}
