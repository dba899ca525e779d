/// The three-way merge of one JSON record that both sides changed: member by member, nested objects
/// recursively, arrays and scalars as whole values.
///
/// A member changed on one side takes that change; the same change on both is no conflict; different changes
/// give a `MergeClash` with a deterministic winner: on a court-owned field the court side (when exactly one side
/// is a court), otherwise the later record stamp (`updatedAt`, then `updatedBy`), then the greater node id, then
/// the greater value bytes. `updatedAt`/`updatedBy` of the result are the later side's and never clash.
struct RecordMerge {
    let path: String
    let policy: MergePolicy
    let x: MergeSide
    let y: MergeSide
    private(set) var clashes: [MergeClash] = []
    private var schemas: [String] = []
    private var xStamp = MergeStamp.none
    private var yStamp = MergeStamp.none

    init(path: String, policy: MergePolicy, x: MergeSide, y: MergeSide) {
        self.path = path; self.policy = policy; self.x = x; self.y = y
    }

    /// The merged record. `base` is the empty object when both sides added the record.
    mutating func merge(
        base: [String: JSONValue], _ l: [String: JSONValue], _ r: [String: JSONValue]
    ) -> [String: JSONValue] {
        // Either side's schema name decides the policy; they differ only in a malformed tree, and then the union
        // keeps the merge symmetric.
        schemas = Set([l["schema"]?.stringValue, r["schema"]?.stringValue].compactMap { $0 }).sorted()
        xStamp = MergeStamp(record: .object(l))
        yStamp = MergeStamp(record: .object(r))
        var merged = mergeObject(base, l, r, prefix: [])
        let later = xStamp < yStamp ? r : l
        for key in ["updatedAt", "updatedBy"] { merged[key] = later[key] }
        return merged
    }

    private mutating func mergeObject(
        _ o: [String: JSONValue], _ l: [String: JSONValue], _ r: [String: JSONValue],
        prefix: [String]
    ) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for key in Set(o.keys).union(l.keys).union(r.keys) {
            if prefix.isEmpty, key == "updatedAt" || key == "updatedBy" { continue }
            out[key] = mergeMember(o[key], l[key], r[key], field: prefix + [key])
        }
        return out
    }

    /// nil = the member is absent.
    private mutating func mergeMember(_ o: JSONValue?, _ l: JSONValue?, _ r: JSONValue?, field: [String]) -> JSONValue?
    {
        if l == r { return l }
        if l == o { return r }
        if r == o { return l }
        // Absent and null both say "no value": two sides that cleared a member agree.
        if (l ?? .null) == (r ?? .null) { return .null }
        if case .object(let lo)? = l, case .object(let ro)? = r {
            return .object(mergeObject(o?.objectValue ?? [:], lo, ro, prefix: field))
        }
        let top = field[0]
        let lv = l ?? .null, rv = r ?? .null
        let xWins: Bool
        if schemas.contains(where: { policy.isCourtOwned(top, schema: $0) }), x.isCourt != y.isCourt {
            xWins = x.isCourt
        } else if xStamp != yStamp {
            xWins = yStamp < xStamp
        } else {
            xWins = MergeClash.xWinsTie(
                xNode: x.node, yNode: y.node, xBytes: CanonicalJSON.encode(lv),
                yBytes: CanonicalJSON.encode(rv))
        }
        clashes.append(
            MergeClash(
                path: path, field: field.joined(separator: "."), xValue: lv, yValue: rv,
                xStamp: xStamp, yStamp: yStamp, xWins: xWins,
                needsReview: schemas.contains { policy.needsReview(top, schema: $0) }))
        return xWins ? l : r
    }
}
