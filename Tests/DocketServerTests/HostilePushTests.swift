import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 13: what a hostile firm with stock git, its own valid token and its own valid Ed25519 key can push into
/// a case it legitimately sees. Each attack is refused with a reason the pusher reads, the court's references
/// and objects do not move, and `docket fsck` stays clean.
@Suite struct HostilePushTests {
    enum Attack: String, CaseIterable, CustomTestStringConvertible {
        case lowerFee, forgedPaidPayment, deletedAssessment, deletedTimelineEntry, deletedCourtNotice, revertThroughMerge
        case approvedDocument, oversizedDocument, mismatchedDocument, queryCodeOnOtherParty, otherSideRepresentative
        case deletedCaseJSON, emptyTree, caseOfAnotherFirm, symlink, gitlink, dotDot, dotGit, caseFold, controlCharacter
        case consentForOtherParty, petitionAsOtherParty, signedByUnknownNode, forgedTimelineNode

        var testDescription: String { rawValue }

        /// What the pusher must read in the refusal.
        var reason: String {
            switch self {
            case .lowerFee: "firm-a may not change amountFen of payments/"
            case .forgedPaidPayment: "may create only a QR payment awaiting payment"
            case .deletedAssessment: "firm-a deletes a fee assessment, payment or refund"
            case .deletedTimelineEntry: "firm-a deletes a timeline entry"
            case .deletedCourtNotice: "firm-a deletes a document metadata"
            case .revertThroughMerge: "firm-a may not change status of case.json"
            case .approvedDocument: "must wait for review (pending)"
            case .oversizedDocument: "more than this node's documents.maxBytes"
            case .mismatchedDocument: "does not have the SHA-256 its meta.json names"
            case .queryCodeOnOtherParty: "firm-a may not change queryCodeHash of parties/"
            case .otherSideRepresentative: "firm-a may not change representative.firm of parties/"
            case .deletedCaseJSON, .emptyTree: "firm-a deletes a case record"
            case .caseOfAnotherFirm: "firm-a may only bring cases it filed itself"
            case .symlink: "is not a regular file"
            case .gitlink: "sub is not a place the case format has"
            case .dotDot: ".."
            case .dotGit: ".git"
            case .caseFold: "names differing only by case"
            case .controlCharacter: "control characters"
            case .consentForOtherParty: "firm-a may not change consents."
            case .petitionAsOtherParty: "firm-a may not add a service request"
            case .signedByUnknownNode: "is signed by unknown node firm-x"
            case .forgedTimelineNode: "but it is signed by firm-a"
            }
        }
    }

    @Test(arguments: Attack.allCases) func attackIsRefusedAndChangesNothing(_ attack: Attack) throws {
        let s = try HostileScene.accepted()
        let target = attack == .caseOfAnotherFirm ? Self.newUID() : s.uid
        if attack == .oversizedDocument { try s.c.docket("court", ["config", "set", "documents.maxBytes", "1000"]) }
        let before = try s.courtSnapshot(target)
        let commit = try forge(attack, in: s, uid: target)
        let pushed = try s.push(commit, uid: target)
        #expect(pushed.status != 0, "the push went through")
        #expect(pushed.err.contains(attack.reason), "\(pushed.err)")
        if ProcessInfo.processInfo.environment["DOCKET_SHOW_REFUSALS"] != nil { print("[\(attack.rawValue)]\n\(pushed.err)") }
        #expect(try s.courtSnapshot(target) == before)
        try s.c.docket("court", ["fsck"])
    }

    static func newUID() -> String {
        var rng = SystemRandomNumberGenerator()
        return Identifier.caseUID(milliseconds: Int64(Date().timeIntervalSince1970 * 1000), using: &rng)
    }

    /// A document folder's two files, meta and bytes, for a forged tree.
    static func document(_ id: String, bytes: [UInt8], review: String?, party: String?, sha: String? = nil, at time: HybridTimestamp) throws -> [String: [UInt8]] {
        var meta = DocumentMeta(id: id, name: "证据.pdf", title: "证据", size: Int64(bytes.count), sha256: sha ?? sha256Hex(bytes),
                                mediaType: "application/pdf", addedAt: time, addedBy: "firm-a")
        meta.review = review
        meta.submittedBy = party
        return [meta.metaPath: try meta.canonicalBytes(), meta.contentPath: bytes]
    }

    func forge(_ attack: Attack, in s: HostileScene, uid: String) throws -> ObjectID {
        let firm = s.firm
        let main = try firm.repository(s.uid).reference("refs/heads/main")!
        switch attack {
        case .lowerFee:
            return try firm.forge(uid) { try Forge.edit(&$0, s.assessment.path) { $0["amountFen"] = .int(100) } }
        case .forgedPaidPayment:
            let paid = PaymentRecord(id: "yforged000001", kind: .payment, amountFen: s.assessment.amountFen, state: .paid,
                                     assessmentId: s.assessment.id, method: "counter", reference: "POS-1", at: firm.tick(), by: "firm-a")
            return try firm.forge(uid) { $0[paid.path] = try paid.canonicalBytes() }
        case .deletedAssessment:
            return try firm.forge(uid) { $0[s.assessment.path] = nil }
        case .deletedTimelineEntry:
            let entry = s.file.timeline.first { $0.node == "court-lixia" }!
            return try firm.forge(uid) { $0[entry.path] = nil }
        case .deletedCourtNotice:
            let notice = s.file.documents.first { $0.addedBy == "court-lixia" }!
            return try firm.forge(uid) { $0[notice.metaPath] = nil; $0[notice.contentPath] = nil }
        case .revertThroughMerge:
            // An old commit (before acceptance), a harmless edit on top of it, and a merge with the court's main
            // that takes the old case record: every value in it is "a value some parent had".
            let root = try firm.repository(uid).history(from: main).last!
            let side = try firm.forge(uid, parents: [root]) { files in
                try Forge.edit(&files, "parties/\(s.plaintiff.id).json") { $0["phone"] = .string("13700137000") }
            }
            let old = try firm.repository(uid).files(inTree: try firm.repository(uid).commit(root).tree)["case.json"]!
            return try firm.forge(uid, parents: [main, side]) { $0["case.json"] = old }
        case .approvedDocument:
            let doc = try Self.document("dforged0001", bytes: Array("证据".utf8), review: "approved", party: s.plaintiff.id, at: firm.tick())
            return try firm.forge(uid) { $0.merge(doc) { $1 } }
        case .oversizedDocument:
            let doc = try Self.document("dforged0002", bytes: Array(repeating: 7, count: 2000), review: "pending", party: s.plaintiff.id, at: firm.tick())
            return try firm.forge(uid) { $0.merge(doc) { $1 } }
        case .mismatchedDocument:
            let doc = try Self.document("dforged0003", bytes: Array("真的".utf8), review: "pending", party: s.plaintiff.id,
                                        sha: sha256Hex(Array("假的".utf8)), at: firm.tick())
            return try firm.forge(uid) { $0.merge(doc) { $1 } }
        case .queryCodeOnOtherParty:
            return try firm.forge(uid) { try Forge.edit(&$0, "parties/\(s.defendant.id).json") { $0["queryCodeHash"] = .string(String(repeating: "a", count: 64)) } }
        case .otherSideRepresentative:
            return try firm.forge(uid) { files in
                try Forge.edit(&files, "parties/\(s.defendant.id).json") { $0["representative"] = .object(["name": .string("孙律师"), "firm": .string("firm-c")]) }
            }
        case .deletedCaseJSON:
            return try firm.forge(uid) { $0["case.json"] = nil }
        case .emptyTree:
            return try firm.forge(uid) { $0 = [:] }
        case .caseOfAnotherFirm:
            // A new case signed by firm A but filed, it says, by firm B.
            try firm.ensureRepository(uid)
            let repo = try firm.repository(uid)
            let time = firm.tick()
            let record = CaseRecord(uid: uid, title: "假冒立案", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷", claimAmountFen: 100,
                                    claims: "冒名", status: .submitted, caseNumber: nil, filedAt: time, filedBy: "firm-b", updatedAt: time, updatedBy: "firm-a")
            let tree = try repo.updateTree(nil, applying: [.upsert(path: "case.json", blob: try repo.writeBlob(try record.canonicalBytes()))])
            return try firm.forge(uid, tree: tree, parents: [])
        case .symlink:
            let target = try s.blob(Array("../../etc/passwd".utf8))
            return try firm.forge(uid, tree: try s.tree(adding: ["120000 blob \(target.hex)\tplink.json"], to: "parties"), parents: [main])
        case .gitlink:
            return try firm.forge(uid, tree: try s.mktree(try s.lsTree("") + ["160000 commit \(main.hex)\tsub"]), parents: [main])
        case .dotDot:
            let blob = try s.blob(Array("x".utf8))
            return try firm.forge(uid, tree: try s.tree(adding: ["100644 blob \(blob.hex)\t.."], to: "parties"), parents: [main])
        case .dotGit:
            let config = try s.blob(Array("[core]\n\thooksPath = /tmp\n".utf8))
            let dotgit = try s.mktree(["100644 blob \(config.hex)\tconfig"])
            return try firm.forge(uid, tree: try s.mktree(try s.lsTree("") + ["040000 tree \(dotgit.hex)\t.git"]), parents: [main])
        case .caseFold:
            let bytes = try s.firm.repository(uid).readBlob(try s.firm.repository(uid).blob(at: "parties/\(s.plaintiff.id).json",
                                                                                              inTree: try s.firm.repository(uid).commit(main).tree)!)
            let blob = try s.blob(bytes)
            return try firm.forge(uid, tree: try s.tree(adding: ["100644 blob \(blob.hex)\t\(s.plaintiff.id.uppercased()).json"], to: "parties"), parents: [main])
        case .controlCharacter:
            let blob = try s.blob(Array("{}".utf8))
            return try firm.forge(uid, tree: try s.tree(adding: ["100644 blob \(blob.hex)\tp\u{1}x.json"], to: "parties"), parents: [main])
        case .consentForOtherParty:
            // A mediation request firm A may make for its client, then the other side's consent written by firm A.
            let id = "fmediation01"
            let requested = try firm.forge(uid) { files in
                var filing = FilingRecord(id: id, kind: .mediation, applicantPartyId: s.plaintiff.id, at: firm.tick(), by: "firm-a")
                filing.consents[s.plaintiff.id] = filing.createdAt.description
                files[filing.path] = try filing.canonicalBytes()
            }
            return try firm.forge(uid, parents: [requested]) { files in
                try Forge.edit(&files, "filings/\(id).json") {
                    var consents = $0["consents"]!.objectValue!
                    consents[s.defendant.id] = .string(firm.tick().description)
                    $0["consents"] = .object(consents)
                    $0["state"] = .string("consented")
                }
            }
        case .petitionAsOtherParty:
            let petition = FilingRecord(id: "fpetition001", kind: .petition, applicantPartyId: s.defendant.id,
                                        details: ["name": s.defendant.name, "text": "冒名申诉"], at: firm.tick(), by: "firm-a")
            return try firm.forge(uid) { $0[petition.path] = try petition.canonicalBytes() }
        case .signedByUnknownNode:
            let stranger = try Node.initialize(at: s.c.root.appendingPathComponent("stranger"),
                                               config: NodeConfig(nodeId: "firm-x", role: .firm, name: "陌生律所", courtCode: nil))
            let repo = try firm.repository(uid)
            var change = CaseChange(message: "from a stranger")
            try change.write(try CaseActions.edit(s.file, set: [("title", "陌生人改的标题")], by: Actor(node: "firm-x", name: "x", time: firm.tick())).files["case.json"]!.map { try CaseRecord.decode($0) }!, at: "case.json")
            return try stranger.commitSigned(change, in: repo, parents: [main], baseTree: try repo.commit(main).tree, at: firm.tick())
        case .forgedTimelineNode:
            // A timeline entry that claims the court wrote it.
            let entry = DocketEntry(at: firm.tick(), node: "court-lixia", actor: "书记员", kind: "accepted", summary: "法院已确认收到全部诉讼费")
            return try firm.forge(uid) { $0[entry.path] = try entry.canonicalBytes() }
        }
    }
}
