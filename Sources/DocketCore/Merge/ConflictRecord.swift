/// A value two nodes changed differently, `conflicts/<id>.json`. It replicates like every record, so every
/// administrator sees the same open conflicts, and it keeps the losing value: a merge never drops one.
///
/// The merge writes it with a provisional winner already applied to the tree; `CaseActions.resolveConflict`
/// closes it with a person's decision.
public struct ConflictRecord: Record, Equatable {
    public static let schema = "docket.conflict/1"
    public static let explicitNullFields = ["resolution"]

    /// One side's value: which node's tree carried it, the value (`null` for a deleted file or member), and the
    /// `updatedAt` of the record it came from.
    public struct Value: Codable, Equatable, Sendable {
        public var node: String
        public var value: JSONValue
        public var updatedAt: HybridTimestamp

        public init(node: String, value: JSONValue, updatedAt: HybridTimestamp) {
            self.node = node; self.value = value; self.updatedAt = updatedAt
        }

        enum CodingKeys: String, CodingKey { case node, value, updatedAt }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            node = try c.decode(String.self, forKey: .node)
            value = try c.decode(CodedJSON.self, forKey: .value).value
            updatedAt = try c.decode(HybridTimestamp.self, forKey: .updatedAt)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(node, forKey: .node)
            try c.encode(CodedJSON(value), forKey: .value)
            try c.encode(updatedAt, forKey: .updatedAt)
        }
    }

    /// A person's decision: which node decided, the value set, an optional note, and when.
    public struct Resolution: Codable, Equatable, Sendable {
        public var by: String
        public var value: JSONValue
        public var note: String?
        public var at: HybridTimestamp

        public init(by: String, value: JSONValue, note: String?, at: HybridTimestamp) {
            self.by = by; self.value = value; self.note = note; self.at = at
        }

        enum CodingKeys: String, CodingKey { case by, value, note, at }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            by = try c.decode(String.self, forKey: .by)
            value = try c.decode(CodedJSON.self, forKey: .value).value
            note = try c.decodeIfPresent(String.self, forKey: .note)
            at = try c.decode(HybridTimestamp.self, forKey: .at)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(by, forKey: .by)
            try c.encode(CodedJSON(value), forKey: .value)
            // An explicit null, so every node writes the same lines (as for top-level optional fields).
            if let note { try c.encode(note, forKey: .note) } else { try c.encodeNil(forKey: .note) }
            try c.encode(at, forKey: .at)
        }
    }

    /// Open until a person resolves it; a resolved conflict stays (history for the dossier).
    public enum Status: String, Codable, Sendable {
        case open, resolved
    }

    /// `c` + 16 hex characters, derived from case, path, field and both values (`id(caseUID:…)`).
    public var id: String
    /// The case uid (written as `case`).
    public var caseUID: String
    /// The file the conflict is about.
    public var path: String
    /// The field, dotted for nested members (`representative.phone`), or `*` for the whole file.
    public var field: String
    /// Both sides' values, sorted by node (then by value).
    public var values: [Value]
    /// The node whose value the merge applied provisionally.
    public var winner: String
    /// True when a person must decide even though a value was applied (court-owned, `x-review` and whole-record
    /// conflicts).
    public var needsReview: Bool
    /// `open` until `resolveConflict`; a resolved version beats an open one when both meet in a merge.
    public var status: Status
    /// The later of the two values' `updatedAt`: the same on every node that opens it, no clock needed.
    public var openedAt: HybridTimestamp
    /// The decision, nil while open.
    public var resolution: Resolution?
    /// `openedAt` and the winner when opened; the resolver's time and node once resolved.
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    /// A conflict record with every field given (the merge and `resolveConflict` make them).
    public init(
        id: String, caseUID: String, path: String, field: String, values: [Value], winner: String,
        needsReview: Bool, status: Status = .open, openedAt: HybridTimestamp, resolution: Resolution? = nil,
        updatedAt: HybridTimestamp, updatedBy: String
    ) {
        self.id = id; self.caseUID = caseUID; self.path = path; self.field = field; self.values = values
        self.winner = winner; self.needsReview = needsReview; self.status = status; self.openedAt = openedAt
        self.resolution = resolution; self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, caseUID = "case", path, field, values, winner, needsReview, status, openedAt, resolution, updatedAt,
            updatedBy
    }

    /// Where the record lives in the case tree.
    public var recordPath: String { Self.recordPath(id: id) }

    /// `conflicts/<id>.json`.
    public static func recordPath(id: String) -> String { "conflicts/\(id).json" }

    /// The conflict id: `c` + the first 16 hex characters of the SHA-256 of the canonical JSON array
    /// `[case, path, field, value, value]`, the two values in byte order of their canonical text. The same clash
    /// gets the same id on every node, whichever side it merges from.
    public static func id(caseUID: String, path: String, field: String, values: [JSONValue]) -> String {
        let sorted = values.map(CanonicalJSON.encode).sorted { $0.lexicographicallyPrecedes($1) }
        var text = CanonicalJSON.encode(.array([.string(caseUID), .string(path), .string(field)]))
        for value in sorted { text.append(contentsOf: value) }
        return "c" + SHA256.hex(text).prefix(16)
    }
}

/// Carries a `JSONValue` through Foundation's coders.
struct CodedJSON: Codable {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            value = .null
        } else if let b = try? c.decode(Bool.self) {
            value = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            value = .int(i)
        } else if let s = try? c.decode(String.self) {
            value = .string(s)
        } else if let a = try? c.decode([CodedJSON].self) {
            value = .array(a.map(\.value))
        } else {
            value = .object(try c.decode([String: CodedJSON].self).mapValues(\.value))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch value {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a.map(CodedJSON.init))
        case .object(let o): try c.encode(o.mapValues(CodedJSON.init))
        }
    }
}

/// JSON values travel through Foundation's coders as themselves (used by records and by `--json` output).
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws { self = try CodedJSON(from: decoder).value }
    public func encode(to encoder: any Encoder) throws { try CodedJSON(self).encode(to: encoder) }
}
