import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// The attacks of a hostile firm with its own valid key, as histories: pushed by it (`HostilePushTests`) or served
/// by a hostile node to a firm that pulls (`HostilePullTests`).
enum HostileAttack: String, CaseIterable, CustomTestStringConvertible {
    case lowerFee, forgedPaidPayment, deletedAssessment, deletedTimelineEntry, deletedCourtNotice, revertThroughMerge
    case approvedDocument, oversizedDocument, mismatchedDocument, queryCodeOnOtherParty, otherSideRepresentative
    case deletedCaseJSON, emptyTree, caseOfAnotherFirm, symlink, executableRecord, gitlink, dotDot, dotGit, caseFold
    case controlCharacter
    case consentForOtherParty, petitionAsOtherParty, signedByUnknownNode, forgedTimelineNode
    case duplicateEntry, unsortedTree, zeroPaddedMode, unknownCommitHeader

    var testDescription: String { rawValue }

    /// What must be read in the refusal of this attack made by `node`: by the pusher, or in the puller's report.
    func reason(by node: String, pulled: Bool) -> String {
        switch self {
        case .caseOfAnotherFirm where pulled: return "A new case must be filed by its signer \(node)"
        case .dotDot where pulled: return "is not a file name"
        case .dotGit where pulled: return "is reserved by git"
        // Stock git's `receive.fsckObjects` refuses these three before the hook runs; a pull, and the batched push,
        // meet Docket's own check (`ObjectShapeCheck`).
        case .duplicateEntry where !pulled: return "duplicateEntries"
        case .unsortedTree where !pulled: return "treeNotSorted"
        case .zeroPaddedMode where !pulled: return "zeroPaddedFilemode"
        default: return pushReason.replacingOccurrences(of: "firm-a", with: node)
        }
    }

    private var pushReason: String {
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
        case .symlink, .executableRecord: "is not a regular file"
        case .gitlink: "sub is not a place the case format has"
        case .dotDot: ".."
        case .dotGit: ".git"
        case .caseFold: "names differing only by case"
        case .controlCharacter: "control characters"
        case .consentForOtherParty: "firm-a may not change consents."
        case .petitionAsOtherParty: "firm-a may not add a service request"
        case .signedByUnknownNode: "is signed by unknown node firm-x"
        case .forgedTimelineNode: "but it is signed by firm-a"
        case .duplicateEntry: "case.json appears twice in one tree"
        case .unsortedTree: "is out of git's order in its tree"
        case .zeroPaddedMode: "case.json has mode 0100644 (only 100644 and 40000)"
        case .unknownCommitHeader: "\"x-hidden docket\" is not one of tree, parent, author, committer"
        }
    }

    static func newUID() -> String {
        var rng = SystemRandomNumberGenerator()
        return Identifier.caseUID(milliseconds: Int64(Date().timeIntervalSince1970 * 1000), using: &rng)
    }

    /// A document folder's two files, meta and bytes, for a forged tree.
    static func document(
        by node: String, _ id: String, bytes: [UInt8], review: String?, party: String?, sha: String? = nil,
        at time: HybridTimestamp
    ) throws -> [String: [UInt8]] {
        var meta = DocumentMeta(
            id: id, name: "证据.pdf", title: "证据", size: Int64(bytes.count), sha256: sha ?? sha256Hex(bytes),
            mediaType: "application/pdf", addedAt: time, addedBy: node)
        meta.review = review
        meta.submittedBy = party
        return [meta.metaPath: try meta.canonicalBytes(), meta.contentPath: bytes]
    }

    func forge(in s: HostileScene, by firm: Node, own: PartyRecord, other: PartyRecord, uid: String) throws -> ObjectID
    {
        let me = firm.config.nodeId
        let tools = s.tools(me)
        let main = try firm.repository(s.uid).reference("refs/heads/main")!
        switch self {
        case .lowerFee:
            return try firm.forge(uid) { try Forge.edit(&$0, s.assessment.path) { $0["amountFen"] = .int(100) } }
        case .forgedPaidPayment:
            let paid = PaymentRecord(
                id: "yforged000001", kind: .payment, amountFen: s.assessment.amountFen, state: .paid,
                assessmentId: s.assessment.id, method: "counter", reference: "POS-1", at: firm.tick(), by: me)
            return try firm.forge(uid) { $0[paid.path] = try paid.canonicalBytes() }
        case .deletedAssessment:
            return try firm.forge(uid) { $0[s.assessment.path] = nil }
        case .deletedTimelineEntry:
            let entry = s.file.timeline.first { $0.node == "court-lixia" }!
            return try firm.forge(uid) { $0[entry.path] = nil }
        case .deletedCourtNotice:
            let notice = s.file.documents.first { $0.addedBy == "court-lixia" }!
            return try firm.forge(uid) {
                $0[notice.metaPath] = nil; $0[notice.contentPath] = nil
            }
        case .revertThroughMerge:
            // An old commit (before acceptance), a harmless edit on top of it, and a merge with the court's main
            // that takes the old case record: every value in it is "a value some parent had".
            let root = try firm.repository(uid).history(from: main).last!
            let side = try firm.forge(uid, parents: [root]) { files in
                try Forge.edit(&files, "parties/\(own.id).json") { $0["phone"] = .string("13700137000") }
            }
            let old = try firm.repository(uid).files(inTree: try firm.repository(uid).commit(root).tree)["case.json"]!
            return try firm.forge(uid, parents: [main, side]) { $0["case.json"] = old }
        case .approvedDocument:
            let doc = try Self.document(
                by: me, "dforged0001", bytes: Array("证据".utf8), review: "approved", party: own.id, at: firm.tick())
            return try firm.forge(uid) { $0.merge(doc) { $1 } }
        case .oversizedDocument:
            let doc = try Self.document(
                by: me, "dforged0002", bytes: Array(repeating: 7, count: 2000), review: "pending", party: own.id,
                at: firm.tick())
            return try firm.forge(uid) { $0.merge(doc) { $1 } }
        case .mismatchedDocument:
            let doc = try Self.document(
                by: me, "dforged0003", bytes: Array("真的".utf8), review: "pending", party: own.id,
                sha: sha256Hex(Array("假的".utf8)), at: firm.tick())
            return try firm.forge(uid) { $0.merge(doc) { $1 } }
        case .queryCodeOnOtherParty:
            return try firm.forge(uid) {
                try Forge.edit(&$0, "parties/\(other.id).json") {
                    $0["queryCodeHash"] = .string(String(repeating: "a", count: 64))
                }
            }
        case .otherSideRepresentative:
            return try firm.forge(uid) { files in
                try Forge.edit(&files, "parties/\(other.id).json") {
                    $0["representative"] = .object(["name": .string("孙律师"), "firm": .string("firm-c")])
                }
            }
        case .deletedCaseJSON:
            return try firm.forge(uid) { $0["case.json"] = nil }
        case .emptyTree:
            return try firm.forge(uid) { $0 = [:] }
        case .caseOfAnotherFirm:
            // A new case signed by this firm but filed, it says, by the other.
            let otherFirm = me == "firm-a" ? "firm-b" : "firm-a"
            try firm.ensureRepository(uid)
            let repo = try firm.repository(uid)
            let time = firm.tick()
            let record = CaseRecord(
                uid: uid, title: "假冒立案", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷", claimAmountFen: 100,
                claims: "冒名", status: .submitted, caseNumber: nil, filedAt: time, filedBy: otherFirm, updatedAt: time,
                updatedBy: me)
            let tree = try repo.updateTree(
                nil, applying: [.upsert(path: "case.json", blob: try repo.writeBlob(try record.canonicalBytes()))])
            return try firm.forge(uid, tree: tree, parents: [])
        case .symlink:
            let target = try tools.blob(Array("../../etc/passwd".utf8))
            return try firm.forge(
                uid, tree: try tools.tree(adding: ["120000 blob \(target.hex)\tplink.json"], to: "parties"),
                parents: [main])
        case .executableRecord:
            // The party's record as main holds it, byte for byte, made executable: the entry differs from main's in
            // its mode alone, and the check walks what differs from main.
            let party = try tools.mktree(
                try tools.lsTree("parties").map { line in
                    guard line.hasSuffix("\t\(own.id).json") else { return line }
                    return line.replacingOccurrences(of: "100644 blob", with: "100755 blob")
                })
            let root = try tools.lsTree("").map { $0.hasSuffix("\tparties") ? "040000 tree \(party.hex)\tparties" : $0 }
            return try firm.forge(uid, tree: try tools.mktree(root), parents: [main])
        case .gitlink:
            return try firm.forge(
                uid, tree: try tools.mktree(try tools.lsTree("") + ["160000 commit \(main.hex)\tsub"]), parents: [main])
        case .dotDot:
            let blob = try tools.blob(Array("x".utf8))
            return try firm.forge(
                uid, tree: try tools.tree(adding: ["100644 blob \(blob.hex)\t.."], to: "parties"), parents: [main])
        case .dotGit:
            let config = try tools.blob(Array("[core]\n\thooksPath = /tmp\n".utf8))
            let dotgit = try tools.mktree(["100644 blob \(config.hex)\tconfig"])
            return try firm.forge(
                uid, tree: try tools.mktree(try tools.lsTree("") + ["040000 tree \(dotgit.hex)\t.git"]), parents: [main]
            )
        case .caseFold:
            let bytes = try firm.repository(uid).readBlob(
                try firm.repository(uid).blob(
                    at: "parties/\(own.id).json",
                    inTree: try firm.repository(uid).commit(main).tree)!)
            let blob = try tools.blob(bytes)
            return try firm.forge(
                uid,
                tree: try tools.tree(adding: ["100644 blob \(blob.hex)\t\(own.id.uppercased()).json"], to: "parties"),
                parents: [main])
        case .duplicateEntry, .unsortedTree, .zeroPaddedMode:
            // Raw trees only `git hash-object --literally` writes: git's fsck refuses or warns, libgit2 reads them.
            var lines = try tools.lsTree("")
            let caseLine = lines.firstIndex { $0.hasSuffix("\tcase.json") }!
            switch self {
            case .duplicateEntry: lines.insert(lines[caseLine], at: caseLine)
            case .unsortedTree: lines.reverse()
            default: lines[caseLine] = "0" + lines[caseLine]
            }
            return try firm.forge(uid, tree: try tools.rawTree(lines), parents: [main])
        case .unknownCommitHeader:
            return try firm.forgeRawCommit(
                uid, tree: try firm.repository(uid).commit(main).tree, parents: [main], extraHeader: "x-hidden docket",
                in: tools)
        case .controlCharacter:
            let blob = try tools.blob(Array("{}".utf8))
            return try firm.forge(
                uid, tree: try tools.tree(adding: ["100644 blob \(blob.hex)\tp\u{1}x.json"], to: "parties"),
                parents: [main])
        case .consentForOtherParty:
            // A mediation request firm A may make for its client, then the other side's consent written by firm A.
            let id = "fmediation01"
            let requested = try firm.forge(uid) { files in
                var filing = FilingRecord(id: id, kind: .mediation, applicantPartyId: own.id, at: firm.tick(), by: me)
                filing.consents[own.id] = filing.createdAt.description
                files[filing.path] = try filing.canonicalBytes()
            }
            return try firm.forge(uid, parents: [requested]) { files in
                try Forge.edit(&files, "filings/\(id).json") {
                    var consents = $0["consents"]!.objectValue!
                    consents[other.id] = .string(firm.tick().description)
                    $0["consents"] = .object(consents)
                    $0["state"] = .string("consented")
                }
            }
        case .petitionAsOtherParty:
            let petition = FilingRecord(
                id: "fpetition001", kind: .petition, applicantPartyId: other.id,
                details: ["name": other.name, "text": "冒名申诉"], at: firm.tick(), by: me)
            return try firm.forge(uid) { $0[petition.path] = try petition.canonicalBytes() }
        case .signedByUnknownNode:
            let stranger = try Node.initialize(
                at: s.c.root.appendingPathComponent("stranger"),
                config: NodeConfig(nodeId: "firm-x", role: .firm, name: "陌生律所", courtCode: nil))
            let repo = try firm.repository(uid)
            var change = CaseChange(message: "from a stranger")
            try change.write(
                try CaseActions.edit(
                    s.file, set: [("title", "陌生人改的标题")], by: Actor(node: "firm-x", name: "x", time: firm.tick())
                ).files["case.json"]!.map { try CaseRecord.decode($0) }!, at: "case.json")
            return try stranger.commitSigned(
                change, in: repo, parents: [main], baseTree: try repo.commit(main).tree, at: firm.tick())
        case .forgedTimelineNode:
            // A timeline entry that claims the court wrote it.
            let entry = DocketEntry(
                at: firm.tick(), node: "court-lixia", actor: "书记员", kind: "accepted", summary: "法院已确认收到全部诉讼费")
            return try firm.forge(uid) { $0[entry.path] = try entry.canonicalBytes() }
        }
    }
}
