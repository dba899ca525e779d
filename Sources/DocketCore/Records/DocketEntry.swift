/// One line of the case timeline, `docket/<time>-<node>.json`. Entries are written once and never edited, so
/// timelines from two nodes merge as a plain union.
public struct DocketEntry: Record, Equatable {
    public static let schema = "docket.entry/1"

    public var at: HybridTimestamp
    public var node: String
    /// The person at the node (operator) who made the change.
    public var actor: String
    /// What happened, as a stable word (`filed`, `party-edited`, `document-added`, …).
    public var kind: String
    /// The same for a person, in Chinese.
    public var summary: String

    public init(at: HybridTimestamp, node: String, actor: String, kind: String, summary: String) {
        self.at = at; self.node = node; self.actor = actor; self.kind = kind; self.summary = summary
    }

    /// Its file in the case tree; time first so that a folder listing is the timeline.
    public var path: String { "docket/\(at.compact)-\(node).json" }
}
