/// When and by which node a version of a file was last stamped: a record's `updatedAt`/`updatedBy` (a timeline
/// entry's `at`/`node`). Compared as text, which the fixed-width clock format makes time order.
struct MergeStamp: Comparable {
    var at: String
    var by: String

    /// No stamp at all: sorts before every real one.
    static let none = MergeStamp(at: "", by: "")

    /// The stamp of a record value; `none` for a value without one.
    init(record value: JSONValue?) {
        at = value?["updatedAt"]?.stringValue ?? value?["at"]?.stringValue ?? ""
        by = value?["updatedBy"]?.stringValue ?? value?["node"]?.stringValue ?? ""
    }

    init(at: String, by: String) { self.at = at; self.by = by }

    static func < (l: MergeStamp, r: MergeStamp) -> Bool {
        if l.at != r.at { return Array(l.at.utf8).lexicographicallyPrecedes(r.at.utf8) }
        return Array(l.by.utf8).lexicographicallyPrecedes(r.by.utf8)
    }

    /// The clock reading, or the epoch for a missing or malformed stamp (a conflict record needs one).
    var timestamp: HybridTimestamp { (try? HybridTimestamp(parsing: at)) ?? HybridTimestamp(milliseconds: 0) }
}

/// A value the two sides changed differently, found by the merge before it becomes a `ConflictRecord`.
/// `x`/`y` are the sides in canonical order (see `MergeSide.canonicalOrder`).
struct MergeClash {
    var path: String
    var field: String
    var xValue: JSONValue
    var yValue: JSONValue
    var xStamp: MergeStamp
    var yStamp: MergeStamp
    var xWins: Bool
    var needsReview: Bool

    /// The conflict record, open, with the provisional winner named. Everything in it comes from the two
    /// versions, so both nodes that make this merge write the same bytes.
    func record(caseUID: String, xNode: String, yNode: String) -> ConflictRecord {
        let values = [
            ConflictRecord.Value(node: xNode, value: xValue, updatedAt: xStamp.timestamp),
            ConflictRecord.Value(node: yNode, value: yValue, updatedAt: yStamp.timestamp),
        ]
        .sorted { l, r in
            l.node != r.node
                ? Array(l.node.utf8).lexicographicallyPrecedes(r.node.utf8)
                : CanonicalJSON.encode(l.value).lexicographicallyPrecedes(CanonicalJSON.encode(r.value))
        }
        let opened = max(xStamp.timestamp, yStamp.timestamp)
        let winner = xWins ? xNode : yNode
        return ConflictRecord(
            id: ConflictRecord.id(caseUID: caseUID, path: path, field: field, values: [xValue, yValue]),
            caseUID: caseUID, path: path, field: field, values: values, winner: winner,
            needsReview: needsReview, openedAt: opened, updatedAt: opened, updatedBy: winner)
    }

    /// Tie-breaks that remain when stamps are equal: the greater node id, then the greater canonical bytes —
    /// never argument order.
    static func xWinsTie(xNode: String, yNode: String, xBytes: [UInt8], yBytes: [UInt8]) -> Bool {
        if xNode != yNode { return Array(yNode.utf8).lexicographicallyPrecedes(xNode.utf8) }
        return yBytes.lexicographicallyPrecedes(xBytes)
    }
}
