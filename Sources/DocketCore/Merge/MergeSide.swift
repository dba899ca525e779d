/// One of the two trees a merge combines: a case tree (path → bytes) and who made its tip.
public struct MergeSide: Sendable, Equatable {
    /// The node id that made the side's tip commit; names the side in conflict records.
    public var node: String
    /// True when that node is a court: its values win conflicts on court-owned fields.
    public var isCourt: Bool
    /// The case tree: path → bytes.
    public var files: [String: [UInt8]]

    /// A side as given; the merge orders the two sides itself.
    public init(node: String, isCourt: Bool, files: [String: [UInt8]]) {
        self.node = node
        self.isCourt = isCourt
        self.files = files
    }

    /// The two sides in a fixed order that does not depend on argument order: by node id, then non-court before
    /// court, then by their files (paths and bytes). Every decision of the merge is made on this order, so
    /// `merge(base, a, b)` and `merge(base, b, a)` run the same steps.
    static func canonicalOrder(_ a: MergeSide, _ b: MergeSide) -> (MergeSide, MergeSide) {
        if a.node != b.node { return Array(a.node.utf8).lexicographicallyPrecedes(b.node.utf8) ? (a, b) : (b, a) }
        if a.isCourt != b.isCourt { return b.isCourt ? (a, b) : (b, a) }
        return filesPrecede(a.files, b.files) ? (a, b) : (b, a)
    }

    /// A total order on trees: the first path (in byte order) where they differ decides, a missing file first.
    private static func filesPrecede(_ x: [String: [UInt8]], _ y: [String: [UInt8]]) -> Bool {
        let paths = Set(x.keys).union(y.keys).sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
        for path in paths where x[path] != y[path] {
            guard let left = x[path] else { return true }
            guard let right = y[path] else { return false }
            return left.lexicographicallyPrecedes(right)
        }
        return false
    }
}
