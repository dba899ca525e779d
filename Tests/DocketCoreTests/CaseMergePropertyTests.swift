import Foundation
import Testing

@testable import DocketCore

/// Random edits on two sides of random cases: the merge must be symmetric byte for byte, idempotent, and keep
/// every value either side wrote (in the result or in a conflict record). Prints its seed; `DOCKET_MERGE_SEED`
/// reproduces a run, `DOCKET_MERGE_EDITS` (default 500) makes it longer.
@Suite struct CaseMergePropertyTests {
    typealias Files = [String: [UInt8]]
    let policy = CaseMergeTests.policy

    @Test func randomEditsMergeSymmetricallyAndLoseNothing() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["DOCKET_MERGE_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        print("CaseMerge property test seed: \(seed) (reproduce with DOCKET_MERGE_SEED=\(seed))")
        var rng = SplitMix64(seed: seed)
        let total = env["DOCKET_MERGE_EDITS"].flatMap { Int($0) } ?? 500
        var done = 0, conflicts = 0
        while done < total {
            let edits = Int.random(in: 2...24, using: &rng)
            conflicts += try trial(edits: edits, rng: &rng, seed: seed)
            done += edits
        }
        #expect(conflicts > 0, "the random edits should clash at least once")
    }

    /// One random base, `edits` random edits split between two sides, all checks; returns the conflicts opened.
    func trial(edits: Int, rng: inout SplitMix64, seed: UInt64) throws -> Int {
        let base = randomBase(&rng)
        var nodes = ["court-1", "firm-a", "firm-b"].shuffled(using: &rng)
        // Two tips made by one node happen when a virtual base merges two of its bases: ties on every key but bytes.
        if Int.random(in: 0..<10, using: &rng) == 0 { nodes[1] = nodes[0] }
        var a = MergeSide(node: nodes[0], isCourt: nodes[0] == "court-1", files: base)
        var b = MergeSide(node: nodes[1], isCourt: nodes[1] == "court-1", files: base)
        for n in 0..<edits {
            if Bool.random(using: &rng) { edit(&a, n, &rng) } else { edit(&b, n, &rng) }
        }
        let ab = try CaseMerge.merge(base: base, a, b, caseUID: CaseMergeTests.uid, policy: policy)
        let ba = try CaseMerge.merge(base: base, b, a, caseUID: CaseMergeTests.uid, policy: policy)
        #expect(
            CaseMergeTests.differing(ab.files, ba.files) == [] && ab.conflicts == ba.conflicts,
            "asymmetric merge (seed \(seed))")
        for s in [a, b] {
            let again = try CaseMerge.merge(
                base: s.files, s, MergeSide(node: "firm-c", isCourt: false, files: ab.files),
                caseUID: CaseMergeTests.uid, policy: policy)
            #expect(
                CaseMergeTests.differing(again.files, ab.files) == [] && again.conflicts.isEmpty,
                "merging the merge again changed it (seed \(seed))")
        }
        let records = try ab.files.filter { MergePolicy.isConflictPath($0.key) }.map {
            try ConflictRecord.decode($0.value)
        }
        #expect(Set(records.map(\.id)) == Set(ab.conflicts.map(\.id)))
        for side in [a, b] { try checkNothingLost(side, base: base, result: ab.files, conflicts: records, seed: seed) }
        return ab.conflicts.count
    }

    func checkNothingLost(
        _ side: MergeSide, base: Files, result: Files, conflicts: [ConflictRecord], seed: UInt64
    ) throws {
        func inConflict(_ path: String, _ leaf: [String], _ want: JSONValue) -> Bool {
            conflicts.contains { c in
                let field = c.field == "*" ? [] : c.field.split(separator: ".").map(String.init)
                guard c.path == path, leaf.starts(with: field) else { return false }
                return c.values.contains { (lookup($0.value, leaf.dropFirst(field.count)) ?? .null) == want }
            }
        }
        for path in Set(base.keys).union(side.files.keys) where side.files[path] != base[path] {
            let mine = side.files[path]
            if mine == nil {
                #expect(
                    result[path] == nil || inConflict(path, [], .null),
                    "deletion of \(path) by \(side.node) lost (seed \(seed))")
            } else if policy.mergesFieldByField(path) {
                let mv = try JSONParser.parse(mine!), bv = try base[path].map(JSONParser.parse) ?? .object([:])
                let have = try result[path].map(JSONParser.parse)
                for leaf in changedLeaves(mv, bv) {
                    let want = lookup(mv, leaf[...]) ?? .null
                    let kept = (have.flatMap { lookup($0, leaf[...]) } ?? .null) == want
                    #expect(
                        kept || inConflict(path, leaf, want),
                        "\(side.node)'s \(path) \(leaf) = \(want) lost (seed \(seed))")
                }
            } else {
                let folder = path.split(separator: "/").dropLast().joined(separator: "/")
                let kept = result.contains {
                    $0.value == mine && $0.key.split(separator: "/").dropLast().joined(separator: "/") == folder
                }
                let recorded = (try? JSONParser.parse(mine!)).map { inConflict(path, [], $0) } ?? false
                #expect(kept || recorded, "\(side.node)'s \(path) lost (seed \(seed))")
            }
        }
    }

    /// Member paths (to scalars, arrays and null; absent counts as null) where `mine` differs from `base`.
    func changedLeaves(_ mine: JSONValue, _ base: JSONValue, prefix: [String] = []) -> [[String]] {
        let m = mine.objectValue ?? [:], b = base.objectValue ?? [:]
        var out: [[String]] = []
        for key in Set(m.keys).union(b.keys) where m[key] != b[key] {
            if prefix.isEmpty, key == "updatedAt" || key == "updatedBy" { continue }
            if case .object? = m[key] {
                out += changedLeaves(m[key]!, b[key] ?? .null, prefix: prefix + [key])
            } else if (m[key] ?? .null) != (b[key] ?? .null) {
                out.append(prefix + [key])
            }
        }
        return out
    }

    func lookup(_ value: JSONValue, _ keys: ArraySlice<String>) -> JSONValue? {
        guard let key = keys.first else { return value }
        return value[key].flatMap { lookup($0, keys.dropFirst()) }
    }

    // MARK: - Random cases and edits

    static let pool: [JSONValue] = [
        .string("a"), .string("b"), .string("c"), .int(1), .int(2), .null, .bool(true),
        .array([.string("a")]), .object(["k": .string("a")]), .object(["k": .string("b"), "j": .int(1)]),
    ]
    static let fields: [[String]] = [
        ["title"], ["cause"], ["status"], ["caseNumber"], ["claimAmountFen"], ["contact", "phone"],
        ["contact", "addr", "city"], ["contact", "addr"], ["contact"], ["name"], ["idNumber"],
        ["representative", "name"], ["representative"], ["tags"], ["extra", "x"],
    ]

    func randomBase(_ rng: inout SplitMix64) -> Files {
        var files: Files = [:]
        var record: JSONValue = .object([
            "schema": .string("docket.case/1"), "uid": .string(CaseMergeTests.uid),
            "updatedAt": .string(CaseMergeTests.t(Int64.random(in: 0...5, using: &rng))),
            "updatedBy": .string("firm-a"),
        ])
        for field in Self.fields.shuffled(using: &rng).prefix(6) {
            record = set(record, field[...], Self.pool.randomElement(using: &rng)!)
        }
        files["case.json"] = CanonicalJSON.encode(record)
        for id in ["p1", "p2", "p3"] where Bool.random(using: &rng) {
            files["parties/\(id).json"] = CaseMergeTests.party(
                id, ["name": Self.pool.randomElement(using: &rng)!], at: 1)
        }
        for id in ["d1", "d2"] where Bool.random(using: &rng) {
            let bytes = [UInt8.random(in: 0...3, using: &rng)]
            files["documents/\(id)/f.pdf"] = bytes
            files["documents/\(id)/meta.json"] = CaseMergeTests.meta(
                id, name: "f.pdf", bytes: bytes, at: 1, by: "firm-a")
        }
        files["docket/20261129T082124000Z0000-firm-a.json"] = Array("{\"e\":0}\n".utf8)
        return files
    }

    func edit(_ side: inout MergeSide, _ n: Int, _ rng: inout SplitMix64) {
        // Times from a small range, so equal `updatedAt` on both sides (the node-id tie-break) happens often.
        let at = CaseMergeTests.t(Int64.random(in: 6...14, using: &rng))
        func stamp(_ value: JSONValue) -> [UInt8] {
            var value = value
            // Sometimes the stamp of a node other than the side's (a record carried over by an earlier merge), so
            // whole stamps tie across the sides and the node-id and byte tie-breaks get exercised.
            let by =
                Int.random(in: 0..<10, using: &rng) < 7 ? side.node : ["firm-a", "firm-c"].randomElement(using: &rng)!
            value["updatedAt"] = .string(at); value["updatedBy"] = .string(by)
            return CanonicalJSON.encode(value)
        }
        let records = side.files.keys.filter { policy.mergesFieldByField($0) }.sorted()
        let parties = records.filter { $0.hasPrefix("parties/") }
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<55 where !records.isEmpty:
            let path = records.randomElement(using: &rng)!
            let value = (try? JSONParser.parse(side.files[path]!)) ?? .object([:])
            side.files[path] = stamp(
                set(value, Self.fields.randomElement(using: &rng)![...], Self.pool.randomElement(using: &rng)!))
        case 55..<63 where !parties.isEmpty:
            side.files[parties.randomElement(using: &rng)!] = nil
        case 55..<73:
            let id = ["p1", "p2", "p3", "p4"].randomElement(using: &rng)!
            side.files["parties/\(id).json"] = CaseMergeTests.party(
                id, ["name": Self.pool.randomElement(using: &rng)!],
                at: 7, by: side.node)
        case 73..<85:
            let id = ["d1", "d2", "d3"].randomElement(using: &rng)!, bytes = [UInt8.random(in: 0...3, using: &rng)]
            side.files["documents/\(id)/f.pdf"] = bytes
            let meta =
                side.files["documents/\(id)/meta.json"].flatMap { try? JSONParser.parse($0) }
                ?? (try! JSONParser.parse(CaseMergeTests.meta(id, name: "f.pdf", bytes: bytes, at: 7, by: side.node)))
            var updated = meta
            updated["sha256"] = .string(SHA256.hex(bytes)); updated["size"] = .int(1)
            side.files["documents/\(id)/meta.json"] = stamp(updated)
        case 85..<90:
            let id = ["d1", "d2", "d3"].randomElement(using: &rng)!
            side.files["documents/\(id)/f.pdf"] = nil
            side.files["documents/\(id)/meta.json"] = nil
        default:
            side.files["docket/\(at)-\(n)-\(side.node).json"] = Array("{\"e\":\(n)}\n".utf8)
        }
    }

    func set(_ value: JSONValue, _ keys: ArraySlice<String>, _ new: JSONValue) -> JSONValue {
        guard let key = keys.first else { return new }
        var members = value.objectValue ?? [:]
        members[key] = set(members[key] ?? .object([:]), keys.dropFirst(), new)
        return .object(members)
    }
}

/// A small, fast, seedable generator (SplitMix64), so a printed seed replays the same run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
