/// The merge of two versions of a case tree against their common base, as a pure function: the same inputs give
/// the same bytes on every node, whichever side is "ours".
///
/// Per path, three-way: a file unchanged on one side takes the other side's version (deletion included). Files
/// changed differently on both sides:
/// - JSON records merge field by field (`RecordMerge`); clashing fields get a provisional winner and a conflict.
/// - A record or file deleted on one side and changed on the other is kept, with a conflict (field `*`).
/// - Other bytes (documents): the winner's bytes stay at the path, the loser's go beside them under
///   `<stem>.<loser node>.<8 hex of their SHA-256><.ext>`, with a conflict.
/// - Append-only folders (the timeline): a union; two different files at one path cannot happen by construction,
///   and if they do the greater bytes stay and the other is kept in a conflict.
/// - Conflict records: a union; for one id, resolved beats open, then the later stamp, then the greater bytes.
///
/// Guarantees: `merge(base, a, b)` and `merge(base, b, a)` are equal (byte for byte, same conflicts), because
/// the sides are put in a canonical order first and every tie-break looks at content, never at argument order;
/// merging the result with either side again (that side as base) gives the result back unchanged; no changed
/// value is dropped: it is in the result or in a conflict record.
public enum CaseMerge {
    /// Merges sides `a` and `b` of case `caseUID` against `base` (empty for sides without a common ancestor).
    /// Throws when a record that needs a field-level merge is not a JSON object, naming the file and the side.
    public static func merge(
        base: [String: [UInt8]], _ a: MergeSide, _ b: MergeSide, caseUID: String,
        policy: MergePolicy
    ) throws -> MergeResult {
        let (x, y) = MergeSide.canonicalOrder(a, b)
        var run = TreeMerge(base: base, x: x, y: y, policy: policy)
        for path in Set(base.keys).union(x.files.keys).union(y.files.keys) { try run.merge(path) }
        for (path, bytes) in run.extraFiles {
            // A loser's copy is named by its content, so a file already there has the same bytes; keep the greater
            // of the two otherwise, to stay symmetric.
            if let present = run.out[path], !present.lexicographicallyPrecedes(bytes) { continue }
            run.out[path] = bytes
        }
        var opened: [ConflictRecord] = []
        for clash in run.clashes {
            let record = clash.record(caseUID: caseUID, xNode: x.node, yNode: y.node)
            let path = record.recordPath
            let bytes = try record.canonicalBytes()
            run.out[path] = run.out[path].map { joinConflicts($0, bytes) } ?? bytes
            if x.files[path] == nil, y.files[path] == nil { opened.append(record) }
        }
        opened.sort { Array($0.id.utf8).lexicographicallyPrecedes($1.id.utf8) }
        return MergeResult(files: run.out, conflicts: opened)
    }

    /// The name a losing version of a file gets beside the winner: `<stem>.<node>.<8 hex><.ext>` in the same folder.
    public static func loserPath(_ path: String, node: String, bytes: [UInt8]) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tag = ".\(node).\(SHA256.hex(bytes).prefix(8))"
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return folder + name[..<dot] + tag + name[dot...]
        }
        return folder + name + tag
    }

    /// A file's bytes as a conflict value: where they are, their SHA-256 and size.
    static func describe(_ path: String, _ bytes: [UInt8]) -> JSONValue {
        .object(["path": .string(path), "sha256": .string(SHA256.hex(bytes)), "size": .int(Int64(bytes.count))])
    }

    /// Two versions of one conflict record: resolved beats open (a resolution is a later, deliberate act), then
    /// the later `updatedAt`/`updatedBy`, then the greater bytes. A maximum over a total order, so any number of
    /// versions meeting in any order end in the same one.
    static func joinConflicts(_ l: [UInt8], _ r: [UInt8]) -> [UInt8] {
        func rank(_ bytes: [UInt8]) -> (Int, MergeStamp)? {
            guard let value = try? JSONParser.parse(bytes) else { return nil }
            return (
                value["status"]?.stringValue == ConflictRecord.Status.resolved.rawValue ? 1 : 0,
                MergeStamp(record: value)
            )
        }
        if let lr = rank(l), let rr = rank(r), lr.0 != rr.0 || lr.1 != rr.1 {
            return (lr.0, lr.1) < (rr.0, rr.1) ? r : l
        }
        return l.lexicographicallyPrecedes(r) ? r : l
    }
}

/// One run of `CaseMerge.merge`: the output tree so far, the clashes found, the losers' copies to add.
private struct TreeMerge {
    let base: [String: [UInt8]]
    let x: MergeSide
    let y: MergeSide
    let policy: MergePolicy
    var out: [String: [UInt8]] = [:]
    var clashes: [MergeClash] = []
    var extraFiles: [(String, [UInt8])] = []

    init(base: [String: [UInt8]], x: MergeSide, y: MergeSide, policy: MergePolicy) {
        self.base = base; self.x = x; self.y = y; self.policy = policy
    }

    mutating func merge(_ path: String) throws {
        let o = base[path], l = x.files[path], r = y.files[path]
        if l == r { out[path] = l; return }
        if l == o { out[path] = r; return }
        if r == o { out[path] = l; return }
        // Changed differently on both sides.
        if MergePolicy.isConflictPath(path) {
            out[path] = l.flatMap { l in r.map { CaseMerge.joinConflicts(l, $0) } } ?? l ?? r
            return
        }
        let isRecord = policy.mergesFieldByField(path)
        guard let l, let r else {
            keepChanged(path, isRecord: isRecord || policy.isAppendOnly(path), o: o, l: l, r: r)
            return
        }
        if isRecord {
            try mergeRecord(path, o: o, l: l, r: r)
        } else if policy.isAppendOnly(path) {
            keepGreater(path, l: l, r: r)
        } else {
            keepBoth(path, l: l, r: r)
        }
    }

    /// Deleted on one side, changed on the other: the changed version stays; the deletion is a conflict value
    /// (`null`) stamped like the base version, since a deletion leaves no stamp of its own.
    private mutating func keepChanged(_ path: String, isRecord: Bool, o: [UInt8]?, l: [UInt8]?, r: [UInt8]?) {
        let kept = (l ?? r)!
        out[path] = kept
        let keptValue =
            isRecord
            ? ((try? JSONParser.parse(kept)) ?? CaseMerge.describe(path, kept)) : CaseMerge.describe(path, kept)
        let keptStamp =
            isRecord
            ? MergeStamp(record: try? JSONParser.parse(kept)) : stamp(ofFileAt: path, in: (l != nil ? x : y).files)
        let goneStamp =
            isRecord
            ? MergeStamp(record: o.flatMap { try? JSONParser.parse($0) })
            : stamp(ofFileAt: path, in: base)
        let xKept = l != nil
        clashes.append(
            MergeClash(
                path: path, field: "*", xValue: xKept ? keptValue : .null, yValue: xKept ? .null : keptValue,
                xStamp: xKept ? keptStamp : goneStamp, yStamp: xKept ? goneStamp : keptStamp,
                xWins: xKept, needsReview: true))
    }

    private mutating func mergeRecord(_ path: String, o: [UInt8]?, l: [UInt8], r: [UInt8]) throws {
        func object(_ bytes: [UInt8], _ whose: String) throws -> [String: JSONValue] {
            let value: JSONValue
            do { value = try JSONParser.parse(bytes) } catch {
                throw DocketError(
                    .internal, key: "merge.record-unreadable", zh: "无法合并\(path)（\(whose)）："
                        + "\(error.chineseMessage)",
                    en: "Cannot merge \(path) (\(whose)): \(error.englishMessage)")
            }
            guard let members = value.objectValue else {
                throw DocketError(
                    .internal, key: "merge.record-not-object", zh: "无法合并\(path)（\(whose)）：不是 JSON 对象。",
                    en: "Cannot merge \(path) (\(whose)): not a JSON object.")
            }
            return members
        }
        let baseObject = try o.map { try object($0, "merge base") } ?? [:]
        var record = RecordMerge(path: path, policy: policy, x: x, y: y)
        let merged = record.merge(base: baseObject, try object(l, "from \(x.node)"), try object(r, "from \(y.node)"))
        out[path] = CanonicalJSON.encode(.object(merged))
        clashes.append(contentsOf: record.clashes)
    }

    /// Timeline files differ only if something went wrong elsewhere: keep the greater, record the other.
    private mutating func keepGreater(_ path: String, l: [UInt8], r: [UInt8]) {
        let xWins = r.lexicographicallyPrecedes(l)
        out[path] = xWins ? l : r
        let lv = (try? JSONParser.parse(l)) ?? CaseMerge.describe(path, l),
            rv = (try? JSONParser.parse(r)) ?? CaseMerge.describe(path, r)
        clashes.append(
            MergeClash(
                path: path, field: "*", xValue: lv, yValue: rv, xStamp: MergeStamp(record: lv),
                yStamp: MergeStamp(record: rv), xWins: xWins, needsReview: true))
    }

    /// A document (or any non-record file) changed on both sides: both versions stay, the loser under a new
    /// name. The winner is decided like a record's, by the stamps of the document's `meta.json` on each side,
    /// so the bytes at the path match the `sha256` the merged metadata keeps.
    private mutating func keepBoth(_ path: String, l: [UInt8], r: [UInt8]) {
        let xStamp = stamp(ofFileAt: path, in: x.files), yStamp = stamp(ofFileAt: path, in: y.files)
        let xWins =
            xStamp != yStamp ? yStamp < xStamp : MergeClash.xWinsTie(xNode: x.node, yNode: y.node, xBytes: l, yBytes: r)
        let (winner, loser, loserNode) = xWins ? (l, r, y.node) : (r, l, x.node)
        let loserPath = CaseMerge.loserPath(path, node: loserNode, bytes: loser)
        out[path] = winner
        extraFiles.append((loserPath, loser))
        let winnerValue = CaseMerge.describe(path, winner), loserValue = CaseMerge.describe(loserPath, loser)
        clashes.append(
            MergeClash(
                path: path, field: "*", xValue: xWins ? winnerValue : loserValue,
                yValue: xWins ? loserValue : winnerValue, xStamp: xStamp, yStamp: yStamp,
                xWins: xWins, needsReview: false))
    }

    /// The stamp of a document's bytes: its `meta.json` in the same tree; none for other files.
    private func stamp(ofFileAt path: String, in files: [String: [UInt8]]) -> MergeStamp {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "documents", let meta = files["documents/\(parts[1])/meta.json"] else {
            return .none
        }
        return MergeStamp(record: try? JSONParser.parse(meta))
    }
}
