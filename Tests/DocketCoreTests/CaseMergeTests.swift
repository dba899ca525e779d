import Foundation
import Testing

@testable import DocketCore

/// Every merge rule, each checked both ways round (byte-identical) and for idempotence by `merged`.
@Suite struct CaseMergeTests {
    static let uid = "01kb5s2q3r4t5v6w7x8y9z0a1b"
    static let policy = MergePolicy(
        courtOwned: ["docket.case/1": ["status", "caseNumber"]],
        review: ["docket.case/1": ["claimAmountFen"], "docket.party/1": ["name", "idNumber"]])

    static func t(_ ms: Int64, _ counter: Int = 0) -> String {
        HybridTimestamp(milliseconds: 1_795_940_484_000 + ms, counter: counter).description
    }

    static func caseJSON(_ fields: [String: JSONValue] = [:], at: Int64 = 0, by node: String = "firm-a") -> [UInt8] {
        var members: [String: JSONValue] = [
            "schema": .string("docket.case/1"), "uid": .string(uid), "title": .string("甲诉乙"),
            "cause": .string("借贷"), "status": .string("submitted"), "caseNumber": .null,
            "claimAmountFen": .int(100), "updatedAt": .string(t(at)), "updatedBy": .string(node),
        ]
        for (key, value) in fields { members[key] = value }
        return CanonicalJSON.encode(.object(members))
    }

    static func party(
        _ id: String, _ fields: [String: JSONValue] = [:], at: Int64 = 0, by node: String = "firm-a"
    ) -> [UInt8] {
        var members: [String: JSONValue] = [
            "schema": .string("docket.party/1"), "id": .string(id), "name": .string("张三"),
            "representative": .object(["name": .string("王律师"), "phone": .null, "email": .null]),
            "updatedAt": .string(t(at)), "updatedBy": .string(node),
        ]
        for (key, value) in fields { members[key] = value }
        return CanonicalJSON.encode(.object(members))
    }

    static func meta(_ id: String, name: String, bytes: [UInt8], at: Int64, by node: String) -> [UInt8] {
        CanonicalJSON.encode(
            .object([
                "schema": .string("docket.document/1"), "id": .string(id), "name": .string(name),
                "sha256": .string(SHA256.hex(bytes)), "size": .int(Int64(bytes.count)),
                "updatedAt": .string(t(at)), "updatedBy": .string(node),
            ]))
    }

    static let base: [String: [UInt8]] = [
        "case.json": caseJSON(), "parties/pa.json": party("pa"),
        "parties/pb.json": party("pb", ["name": .string("李四")]),
        "docket/20261129T082124000Z0000-firm-a.json": Array("{\"e\":1}\n".utf8),
    ]

    static func side(_ node: String, court: Bool = false, _ edit: (inout [String: [UInt8]]) -> Void) -> MergeSide {
        var files = base
        edit(&files)
        return MergeSide(node: node, isCourt: court, files: files)
    }

    /// Merges both ways round (must be byte-identical), then merges the result again with each side as base
    /// (must change nothing and open nothing).
    static func merged(_ a: MergeSide, _ b: MergeSide, base: [String: [UInt8]] = base) throws -> MergeResult {
        let ab = try CaseMerge.merge(base: base, a, b, caseUID: uid, policy: policy)
        let ba = try CaseMerge.merge(base: base, b, a, caseUID: uid, policy: policy)
        #expect(differing(ab.files, ba.files) == [], "merge(A,B) and merge(B,A) differ")
        #expect(ab.conflicts == ba.conflicts)
        for s in [a, b] {
            let result = MergeSide(node: "court-1", isCourt: true, files: ab.files)
            for (l, r) in [(s, result), (result, s)] {
                let again = try CaseMerge.merge(base: s.files, l, r, caseUID: uid, policy: policy)
                #expect(
                    differing(again.files, ab.files) == [] && again.conflicts.isEmpty,
                    "merging the merge again changed it")
            }
        }
        for record in ab.conflicts { #expect(ab.files[record.recordPath] == (try record.canonicalBytes())) }
        return ab
    }

    /// The paths whose bytes differ (a short failure message instead of two whole trees).
    static func differing(_ l: [String: [UInt8]], _ r: [String: [UInt8]]) -> [String] {
        Set(l.keys).union(r.keys).filter { l[$0] != r[$0] }.sorted()
    }

    static func json(_ files: [String: [UInt8]], _ path: String) throws -> JSONValue {
        try JSONParser.parse(try #require(files[path], "\(path) missing"))
    }

    @Test func takesEachSidesOneSidedChangesIncludingDeletions() throws {
        let a = Self.side("firm-a") { $0["case.json"] = Self.caseJSON(["title": .string("新标题")], at: 5) }
        let b = Self.side("firm-b") {
            $0["parties/pb.json"] = nil
            $0["parties/pc.json"] = Self.party("pc", by: "firm-b")
            $0["docket/20261129T082125000Z0000-firm-b.json"] = Array("{\"e\":2}\n".utf8)
        }
        let result = try Self.merged(a, b)
        #expect(result.conflicts.isEmpty)
        #expect(result.files["case.json"] == a.files["case.json"])
        #expect(result.files["parties/pb.json"] == nil && result.files["parties/pc.json"] == b.files["parties/pc.json"])
        #expect(result.files.count == 5)
    }

    @Test func theSameChangeOnBothSidesIsNoConflictAndKeepsTheLaterStamp() throws {
        let a = Self.side("firm-a") { $0["case.json"] = Self.caseJSON(["title": .string("同一")], at: 5, by: "firm-a") }
        let b = Self.side("firm-b") { $0["case.json"] = Self.caseJSON(["title": .string("同一")], at: 9, by: "firm-b") }
        let result = try Self.merged(a, b)
        #expect(result.conflicts.isEmpty)
        #expect(result.files["case.json"] == b.files["case.json"])
    }

    @Test func differentFieldsMergeAndADifferingFieldGoesToTheLaterUpdatedAt() throws {
        let a = Self.side("firm-a") {
            $0["case.json"] = Self.caseJSON(["title": .string("A题"), "cause": .string("租赁")], at: 9)
        }
        let b = Self.side("firm-b") { $0["case.json"] = Self.caseJSON(["title": .string("B题")], at: 5, by: "firm-b") }
        let result = try Self.merged(a, b)
        let merged = try Self.json(result.files, "case.json")
        #expect(merged["title"] == .string("A题") && merged["cause"] == .string("租赁"))
        #expect(merged["updatedAt"] == .string(Self.t(9)) && merged["updatedBy"] == .string("firm-a"))
        let conflict = try #require(result.conflicts.first)
        #expect(result.conflicts.count == 1)
        #expect(
            conflict.path == "case.json" && conflict.field == "title" && conflict.winner == "firm-a"
                && !conflict.needsReview)
        #expect(conflict.values.map(\.node) == ["firm-a", "firm-b"])
        #expect(conflict.values.map(\.value) == [.string("A题"), .string("B题")])
        #expect(conflict.openedAt.description == Self.t(9) && conflict.status == .open && conflict.caseUID == Self.uid)
        #expect(
            conflict.id
                == ConflictRecord.id(
                    caseUID: Self.uid, path: "case.json", field: "title",
                    values: [.string("B题"), .string("A题")]))
        #expect(try ConflictRecord.decode(try #require(result.files[conflict.recordPath])) == conflict)
    }

    @Test func equalUpdatedAtGoesToTheGreaterNodeID() throws {
        let a = Self.side("firm-a") { $0["case.json"] = Self.caseJSON(["title": .string("A题")], at: 5, by: "firm-a") }
        let b = Self.side("firm-b") { $0["case.json"] = Self.caseJSON(["title": .string("B题")], at: 5, by: "firm-b") }
        let result = try Self.merged(a, b)
        #expect(try Self.json(result.files, "case.json")["title"] == .string("B题"))
        #expect(result.conflicts.map(\.winner) == ["firm-b"])
    }

    @Test func equalStampsGoToTheGreaterSideNodeThenTheGreaterValue() throws {
        // Both records carry the same stamp (made by a third node and carried over by earlier merges).
        let a = Self.side("firm-b") { $0["case.json"] = Self.caseJSON(["title": .string("B题")], at: 5, by: "firm-c") }
        let b = Self.side("firm-a") { $0["case.json"] = Self.caseJSON(["title": .string("A题")], at: 5, by: "firm-c") }
        let result = try Self.merged(a, b)
        #expect(
            try Self.json(result.files, "case.json")["title"] == .string("B题")
                && result.conflicts.map(\.winner) == ["firm-b"])
        let same = try Self.merged(MergeSide(node: "firm-a", isCourt: false, files: a.files), b)
        #expect(try Self.json(same.files, "case.json")["title"] == .string("B题"))
        #expect(same.conflicts.first?.values.map(\.value) == [.string("A题"), .string("B题")])
    }

    @Test func theCourtWinsItsOwnFieldsEvenWhenOlder() throws {
        let court = Self.side("court-1", court: true) {
            $0["case.json"] = Self.caseJSON(
                ["status": .string("accepted"), "title": .string("法院题")], at: 1, by: "court-1")
        }
        let firm = Self.side("firm-z") {
            $0["case.json"] = Self.caseJSON(
                ["status": .string("withdrawn"), "title": .string("律所题")], at: 9, by: "firm-z")
        }
        let result = try Self.merged(court, firm)
        let merged = try Self.json(result.files, "case.json")
        #expect(merged["status"] == .string("accepted") && merged["title"] == .string("律所题"))
        let byField = Dictionary(uniqueKeysWithValues: result.conflicts.map { ($0.field, $0) })
        #expect(byField["status"]?.winner == "court-1" && byField["status"]?.needsReview == true)
        #expect(byField["title"]?.winner == "firm-z" && byField["title"]?.needsReview == false)
    }

    @Test func reviewFieldsGetAProvisionalWinnerAndNeedReview() throws {
        let a = Self.side("firm-a") { $0["case.json"] = Self.caseJSON(["claimAmountFen": .int(200)], at: 3) }
        let b = Self.side("firm-b") {
            $0["case.json"] = Self.caseJSON(["claimAmountFen": .int(300)], at: 4, by: "firm-b")
        }
        let result = try Self.merged(a, b)
        #expect(try Self.json(result.files, "case.json")["claimAmountFen"] == .int(300))
        #expect(result.conflicts.map(\.needsReview) == [true])
    }

    @Test func nestedObjectsMergeMemberByMember() throws {
        func rep(_ phone: JSONValue, _ email: JSONValue, _ name: String) -> [String: JSONValue] {
            ["representative": .object(["name": .string(name), "phone": phone, "email": email])]
        }
        let a = Self.side("firm-a") {
            $0["parties/pa.json"] = Self.party("pa", rep(.string("13900000000"), .null, "赵律师"), at: 2)
        }
        let b = Self.side("firm-b") {
            $0["parties/pa.json"] = Self.party("pa", rep(.null, .string("w@x.cn"), "钱律师"), at: 7, by: "firm-b")
        }
        let result = try Self.merged(a, b)
        let rep = try Self.json(result.files, "parties/pa.json")["representative"]
        #expect(rep == .object(["name": .string("钱律师"), "phone": .string("13900000000"), "email": .string("w@x.cn")]))
        #expect(result.conflicts.map(\.field) == ["representative.name"])
        #expect(result.conflicts.first?.values.map(\.value) == [.string("赵律师"), .string("钱律师")])
    }

    @Test func anObjectReplacedByAScalarConflictsAsAWhole() throws {
        let a = Self.side("firm-a") { $0["parties/pa.json"] = Self.party("pa", ["representative": .null], at: 8) }
        let b = Self.side("firm-b") {
            $0["parties/pa.json"] = Self.party(
                "pa", ["representative": .object(["name": .string("孙律师")])], at: 2, by: "firm-b")
        }
        let result = try Self.merged(a, b)
        #expect(try Self.json(result.files, "parties/pa.json")["representative"] == .null)
        #expect(result.conflicts.first?.field == "representative")
        #expect(result.conflicts.first?.values.last?.value == .object(["name": .string("孙律师")]))
    }

    @Test func deletedOnOneSideAndChangedOnTheOtherKeepsTheChangedOne() throws {
        let a = Self.side("firm-a") { $0["parties/pb.json"] = nil }
        let b = Self.side("firm-b") {
            $0["parties/pb.json"] = Self.party("pb", ["name": .string("李四四")], at: 4, by: "firm-b")
        }
        let result = try Self.merged(a, b)
        #expect(result.files["parties/pb.json"] == b.files["parties/pb.json"])
        let conflict = try #require(result.conflicts.first)
        #expect(conflict.field == "*" && conflict.winner == "firm-b" && conflict.needsReview)
        #expect(conflict.values.map(\.value) == [.null, try Self.json(b.files, "parties/pb.json")])
    }

    @Test func aDocumentDeletedOnOneSideAndReplacedOnTheOtherIsKept() throws {
        var base = Self.base
        base["documents/d1/a.pdf"] = [1, 2, 3]
        let a = MergeSide(node: "firm-a", isCourt: false, files: base.filter { $0.key != "documents/d1/a.pdf" })
        var bFiles = base
        bFiles["documents/d1/a.pdf"] = [9, 9]
        let result = try Self.merged(a, MergeSide(node: "firm-b", isCourt: false, files: bFiles), base: base)
        #expect(result.files["documents/d1/a.pdf"] == [9, 9])
        #expect(
            result.conflicts.first?.values.map(\.value) == [.null, CaseMerge.describe("documents/d1/a.pdf", [9, 9])])
    }

    @Test func aDocumentAddedOnBothSidesKeepsBothVersionsUnderADeterministicName() throws {
        let older: [UInt8] = Array("%PDF older".utf8), newer: [UInt8] = Array("%PDF newer".utf8)
        let a = Self.side("firm-a") {
            $0["documents/d1/complaint.pdf"] = older
            $0["documents/d1/meta.json"] = Self.meta("d1", name: "complaint.pdf", bytes: older, at: 3, by: "firm-a")
        }
        let b = Self.side("firm-b") {
            $0["documents/d1/complaint.pdf"] = newer
            $0["documents/d1/meta.json"] = Self.meta("d1", name: "complaint.pdf", bytes: newer, at: 6, by: "firm-b")
        }
        let result = try Self.merged(a, b)
        let loserPath = "documents/d1/complaint.firm-a.\(SHA256.hex(older).prefix(8)).pdf"
        #expect(result.files["documents/d1/complaint.pdf"] == newer && result.files[loserPath] == older)
        #expect(try Self.json(result.files, "documents/d1/meta.json")["sha256"] == .string(SHA256.hex(newer)))
        let whole = try #require(result.conflicts.first { $0.field == "*" })
        #expect(whole.winner == "firm-b" && whole.path == "documents/d1/complaint.pdf")
        #expect(whole.values.map { $0.value["path"] } == [.string(loserPath), .string("documents/d1/complaint.pdf")])
        #expect(
            CaseMerge.loserPath("notes/README", node: "n1", bytes: [1])
                == "notes/README.n1.\(SHA256.hex([1]).prefix(8))")
    }

    @Test func aRecordAddedOnBothSidesMergesAgainstAnEmptyRecord() throws {
        let a = Self.side("firm-a") {
            $0["parties/pz.json"] = Self.party("pz", ["name": .string("周"), "phone": .string("1")], at: 2)
        }
        let b = Self.side("firm-b") {
            $0["parties/pz.json"] = Self.party(
                "pz", ["name": .string("吴"), "email": .string("e")], at: 3, by: "firm-b")
        }
        let result = try Self.merged(a, b)
        let merged = try Self.json(result.files, "parties/pz.json")
        #expect(merged["name"] == .string("吴") && merged["phone"] == .string("1") && merged["email"] == .string("e"))
        #expect(result.conflicts.map(\.field) == ["name"] && result.conflicts[0].needsReview)
    }

    @Test func theTimelineIsAUnion() throws {
        let a = Self.side("firm-a") { $0["docket/20261129T082130000Z0000-firm-a.json"] = Array("{\"e\":3}\n".utf8) }
        let b = Self.side("firm-b") { $0["docket/20261129T082130000Z0000-firm-b.json"] = Array("{\"e\":4}\n".utf8) }
        let result = try Self.merged(a, b)
        #expect(result.conflicts.isEmpty && result.files.keys.filter { $0.hasPrefix("docket/") }.count == 3)
        let clashA = Self.side("firm-a") { $0["docket/x-n.json"] = Array("{\"e\":5}\n".utf8) }
        let clashB = Self.side("firm-b") { $0["docket/x-n.json"] = Array("{\"e\":6}\n".utf8) }
        let clash = try Self.merged(clashA, clashB)
        #expect(clash.files["docket/x-n.json"] == Array("{\"e\":6}\n".utf8))
        #expect(clash.conflicts.first?.values.map(\.value) == [.object(["e": .int(5)]), .object(["e": .int(6)])])
    }

    @Test func conflictRecordsAreAUnionAndResolvedBeatsOpen() throws {
        let a = Self.side("firm-a") { $0["case.json"] = Self.caseJSON(["title": .string("A")], at: 2) }
        let b = Self.side("firm-b") { $0["case.json"] = Self.caseJSON(["title": .string("B")], at: 3, by: "firm-b") }
        let opened = try Self.merged(a, b)
        let id = try #require(opened.conflicts.first?.id)
        let admin = Actor(node: "court-1", name: "admin", time: try HybridTimestamp(parsing: Self.t(20)))
        let change = try CaseActions.resolveConflict(
            opened.files, conflictID: id, value: .string("C"), note: "核实", by: admin)
        var resolvedFiles = opened.files
        for (path, bytes) in change.files { resolvedFiles[path] = bytes }
        // Another node opened the same conflict on its own (so the base lacks it) and has one more.
        var otherFiles = opened.files
        otherFiles["conflicts/c0000000000000000.json"] = Array("{\"status\":\"open\"}\n".utf8)
        let result = try Self.merged(
            MergeSide(node: "court-1", isCourt: true, files: resolvedFiles),
            MergeSide(node: "firm-b", isCourt: false, files: otherFiles),
            base: opened.files.filter { !$0.key.hasPrefix("conflicts/") })
        #expect(result.conflicts.isEmpty)
        let conflict = try ConflictRecord.decode(try #require(result.files[ConflictRecord.recordPath(id: id)]))
        #expect(conflict.status == .resolved && conflict.resolution?.value == .string("C"))
        #expect(try Self.json(result.files, "case.json")["title"] == .string("C"))
        #expect(result.files["conflicts/c0000000000000000.json"] != nil)
    }

    @Test func resolvingSetsTheFieldClosesTheConflictAndAddsATimelineEntry() throws {
        let a = Self.side("firm-a") {
            $0["parties/pa.json"] = Self.party("pa", ["representative": .object(["name": .string("甲")])], at: 2)
        }
        let b = Self.side("firm-b") {
            $0["parties/pa.json"] = Self.party(
                "pa", ["representative": .object(["name": .string("乙")])], at: 3, by: "firm-b")
        }
        let opened = try Self.merged(a, b)
        let conflict = try #require(opened.conflicts.first)
        let admin = Actor(node: "court-1", name: "admin", time: try HybridTimestamp(parsing: Self.t(30)))
        let change = try CaseActions.resolveConflict(
            opened.files, conflictID: conflict.id, value: .string("甲"), note: nil, by: admin)
        #expect(change.files.count == 3)
        let party = try JSONParser.parse(try #require(change.files["parties/pa.json"] ?? nil))
        #expect(party["representative"]?["name"] == .string("甲") && party["updatedBy"] == .string("court-1"))
        #expect(party["updatedAt"] == .string(Self.t(30)))
        let closed = try ConflictRecord.decode(try #require(change.files[conflict.recordPath] ?? nil))
        #expect(
            closed.status == .resolved
                && closed.resolution == .init(by: "court-1", value: .string("甲"), note: nil, at: admin.time))
        let entry = try DocketEntry.decode(
            try #require(
                change.files[
                    DocketEntry(
                        at: admin.time, node: "court-1", actor: "admin",
                        kind: "", summary: ""
                    ).path] ?? nil))
        #expect(entry.kind == "conflict-resolved")
        var files = opened.files
        for (path, bytes) in change.files { files[path] = bytes }
        #expect(throws: DocketError.self) {
            _ = try CaseActions.resolveConflict(
                files, conflictID: conflict.id, value: .string("乙"), note: nil, by: admin)
        }
        #expect(throws: DocketError.self) {
            _ = try CaseActions.resolveConflict(
                files, conflictID: "cffffffffffffffff", value: .null, note: nil, by: admin)
        }
    }

    @Test func resolvingADocumentConflictTakesTheChosenVersion() throws {
        let v1: [UInt8] = [1, 1], v2: [UInt8] = [2, 2, 2]
        let a = Self.side("firm-a") {
            $0["documents/d1/x.pdf"] = v1;
            $0["documents/d1/meta.json"] = Self.meta("d1", name: "x.pdf", bytes: v1, at: 1, by: "firm-a")
        }
        let b = Self.side("firm-b") {
            $0["documents/d1/x.pdf"] = v2;
            $0["documents/d1/meta.json"] = Self.meta("d1", name: "x.pdf", bytes: v2, at: 2, by: "firm-b")
        }
        let opened = try Self.merged(a, b)
        let conflict = try #require(opened.conflicts.first { $0.field == "*" })
        let loser = try #require(conflict.values.first { $0.node == "firm-a" })
        let admin = Actor(node: "court-1", name: "admin", time: try HybridTimestamp(parsing: Self.t(40)))
        let change = try CaseActions.resolveConflict(
            opened.files, conflictID: conflict.id, value: loser.value, note: nil, by: admin)
        #expect(change.files["documents/d1/x.pdf"] == .some(v1))
        #expect(change.files[loser.value["path"]!.stringValue!] == .some(nil))
        let meta = try JSONParser.parse(try #require(change.files["documents/d1/meta.json"] ?? nil))
        #expect(meta["sha256"] == .string(SHA256.hex(v1)) && meta["size"] == .int(2))
        #expect(throws: DocketError.self) {
            _ = try CaseActions.resolveConflict(
                opened.files, conflictID: conflict.id, value: .string("new"), note: nil, by: admin)
        }
    }

    @Test func realRecordsStillDecodeAfterAMergeAndThePolicyComesFromTheSchemas() throws {
        let schemas = try ["case", "party", "document", "docket-entry", "payment", "service", "conflict"].map(
            ConflictSHA256Tests.schema)
        let policy = MergePolicy(schemas: schemas)
        #expect(
            policy.isCourtOwned("status", schema: CaseRecord.schema)
                && policy.needsReview("idNumber", schema: PartyRecord.schema))
        #expect(!policy.needsReview("phone", schema: PartyRecord.schema) && policy.isAppendOnly("docket/x.json"))
        let t0 = try HybridTimestamp(parsing: Self.t(0))
        let record = CaseRecord(
            uid: Self.uid, title: "甲诉乙", court: "鲁0102", caseType: "civil", cause: "借贷", claimAmountFen: 1,
            claims: "", status: .submitted, caseNumber: nil, filedAt: t0, filedBy: "firm-a", updatedAt: t0,
            updatedBy: "firm-a")
        var court = record, firm = record
        court.status = .accepted; court.caseNumber = "（2026）鲁0102民初1号";
        court.updatedAt = try HybridTimestamp(parsing: Self.t(5)); court.updatedBy = "court-1"
        firm.title = "新题"; firm.caseNumber = "x"; firm.updatedAt = try HybridTimestamp(parsing: Self.t(9));
        firm.updatedBy = "firm-a"
        let result = try CaseMerge.merge(
            base: ["case.json": try record.canonicalBytes()],
            MergeSide(node: "firm-a", isCourt: false, files: ["case.json": try firm.canonicalBytes()]),
            MergeSide(node: "court-1", isCourt: true, files: ["case.json": try court.canonicalBytes()]),
            caseUID: Self.uid, policy: policy)
        let merged = try CaseRecord.decode(try #require(result.files["case.json"]))
        #expect(merged.status == .accepted && merged.caseNumber == court.caseNumber && merged.title == "新题")
        #expect(merged.updatedBy == "firm-a" && result.conflicts.map(\.winner) == ["court-1"])
        for conflict in result.conflicts {
            try schemas.last!.validate(try JSONParser.parse(try #require(result.files[conflict.recordPath])))
        }
    }
}
