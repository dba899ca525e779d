/// What a merge produces: the merged case tree and the conflicts it opened.
public struct MergeResult: Sendable, Equatable {
    /// The merged tree (path → bytes), including the conflict records at `conflicts/<id>.json`.
    public var files: [String: [UInt8]]
    /// The conflicts this merge found that neither side had recorded yet, sorted by id.
    public var conflicts: [ConflictRecord]

    /// A result as given.
    public init(files: [String: [UInt8]], conflicts: [ConflictRecord]) {
        self.files = files
        self.conflicts = conflicts
    }
}
