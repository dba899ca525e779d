/// What the merge needs to know about records beyond their bytes: which fields only a court may set, which
/// fields always queue a conflict for a person, and which folders only ever grow.
///
/// The store fills it from the JSON Schemas in Schemas/records/ (`init(schemas:)`); tests may spell it out.
public struct MergePolicy: Sendable, Equatable {
    /// Record schema name (`docket.case/1`) → top-level fields marked `x-court-owned`.
    public var courtOwned: [String: Set<String>]
    /// Record schema name → top-level fields marked `x-review`.
    public var review: [String: Set<String>]
    /// Top-level folders whose files are written once and never edited (merged as a union).
    public var appendOnlyFolders: Set<String>

    /// The timeline, `docket/`, is the one append-only folder: service and payment records move through states
    /// in place, so they merge field by field like every other record.
    public static let defaultAppendOnlyFolders: Set<String> = ["docket"]

    /// A policy spelled out (tests); nodes use `init(schemas:)`.
    public init(
        courtOwned: [String: Set<String>] = [:], review: [String: Set<String>] = [:],
        appendOnlyFolders: Set<String> = MergePolicy.defaultAppendOnlyFolders
    ) {
        self.courtOwned = courtOwned
        self.review = review
        self.appendOnlyFolders = appendOnlyFolders
    }

    /// The policy the record schemas describe (`x-docket-schema`, `x-court-owned`, `x-review`); schemas without a
    /// record name are skipped.
    public init(schemas: [JSONSchema], appendOnlyFolders: Set<String> = MergePolicy.defaultAppendOnlyFolders) {
        var courtOwned: [String: Set<String>] = [:], review: [String: Set<String>] = [:]
        for schema in schemas {
            guard let name = schema.recordName else { continue }
            courtOwned[name] = schema.courtOwnedFields
            review[name] = schema.reviewFields
        }
        self.init(courtOwned: courtOwned, review: review, appendOnlyFolders: appendOnlyFolders)
    }

    /// True when `field` (top level) of a record of this schema is court-owned.
    public func isCourtOwned(_ field: String, schema: String?) -> Bool {
        schema.map { courtOwned[$0]?.contains(field) ?? false } ?? false
    }

    /// True when a conflict on `field` (top level) must wait for a person: review fields and court-owned fields.
    public func needsReview(_ field: String, schema: String?) -> Bool {
        isCourtOwned(field, schema: schema) || (schema.map { review[$0]?.contains(field) ?? false } ?? false)
    }

    /// True for files in an append-only folder (the timeline).
    public func isAppendOnly(_ path: String) -> Bool {
        guard let slash = path.firstIndex(of: "/") else { return false }
        return appendOnlyFolders.contains(String(path[..<slash]))
    }

    /// True for conflict records, `conflicts/<id>.json`.
    public static func isConflictPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0] == "conflicts" && parts[1].hasSuffix(".json") && parts[1].count > 5
    }

    /// True for JSON records that merge field by field: every record path of a case (`CaseFile.isRecordPath`)
    /// outside the append-only folders, except conflict records, which merge by their own rule (see `CaseMerge`).
    public func mergesFieldByField(_ path: String) -> Bool {
        CaseFile.isRecordPath(path) && !isAppendOnly(path) && !Self.isConflictPath(path)
    }
}
