import DocketCore
import DocketGit
import DocketStore
import Foundation

/// One line of a push as git's `pre-receive` hook reads it: old and new commit of a reference (nil for none).
public struct ReceiveUpdate: Sendable, Equatable {
    public var old: ObjectID?
    public var new: ObjectID?
    public var ref: String

    public init(old: ObjectID?, new: ObjectID?, ref: String) {
        self.old = old; self.new = new; self.ref = ref
    }

    /// Parses `<old> <new> <ref>`; the all-zero id means "none".
    public init?(line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count == 3 else { return nil }
        let zero = String(repeating: "0", count: 40)
        old = parts[0] == zero ? nil : ObjectID(hex: String(parts[0]))
        new = parts[1] == zero ? nil : ObjectID(hex: String(parts[1]))
        ref = String(parts[2])
    }
}

/// The check every push passes before git lets it in (run by `docket hook pre-receive` while the pushed objects
/// still sit in git's quarantine). Any refusal leaves the repository exactly as it was.
///
/// - only the pusher's own peer ref (`refs/peers/<peer>/main`) or a fast-forward of `main` may move; nothing is
///   deleted;
/// - every new commit carries a valid signature of a known node (the pusher, or a peer whose commit it relays);
/// - a commit signed by a non-court node changes no court-owned field: every court-owned value it writes is one
///   some parent already had (so merges of court changes pass), and records it creates start as a filer's would;
/// - every record it writes matches its JSON Schema, and nothing is written outside the case folders.
struct ReceiveCheck {
    let node: Node
    let peer: Peer
    let repo: Repository
    let keys: [String: String]
    let schemas: RecordSchemas

    static let folders: Set<String> = ["parties", "documents", "docket", "payments", "service", "filings", "hearings", "conflicts"]

    func check(_ updates: [ReceiveUpdate]) throws {
        let existing = try repo.referenceNames().compactMap { try repo.reference($0) }
        for update in updates {
            guard let new = update.new else { throw DocketError("deleting \(update.ref) is not allowed") }
            switch update.ref {
            case "refs/peers/\(peer.nodeId)/main": break
            case "refs/heads/main":
                if let old = update.old, !(try repo.isDescendant(new, of: old)) {
                    throw DocketError("main does not fast-forward; push to refs/peers/\(peer.nodeId)/main to have it merged")
                }
            default:
                throw DocketError("\(update.ref) is not a reference \(peer.nodeId) may push (use refs/peers/\(peer.nodeId)/main)")
            }
            for commit in try repo.commits(from: new, hiding: existing) { try checkCommit(commit) }
            if try repo.reference("refs/heads/main") == nil { try checkNewCase(at: new) }
        }
    }

    /// A case that arrives for the first time must be for this court and, from a firm, be the firm's own.
    private func checkNewCase(at tip: ObjectID) throws {
        let file = try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
        if node.config.role == .court, file.record.court != node.config.courtCode {
            throw DocketError("the case is filed with court \(file.record.court), not with this court")
        }
        if peer.role == .firm, file.record.filedBy != peer.nodeId, !file.parties.contains(where: { $0.representative?.firm == peer.nodeId }) {
            throw DocketError("\(peer.nodeId) may only bring cases it filed or in which it represents a party")
        }
    }

    private func checkCommit(_ id: ObjectID) throws {
        let short = String(id.hex.prefix(12))
        let commit = try repo.commit(id)
        guard let (header, signed) = commit.signature, let signature = CommitSignature(header: header) else {
            throw DocketError("commit \(short) is not signed")
        }
        guard let publicKey = keys[signature.nodeId] else { throw DocketError("commit \(short) is signed by unknown node \(signature.nodeId)") }
        guard NodeKey.verify(signature.signature, of: signed, publicKeyBase64: publicKey) else {
            throw DocketError("commit \(short) has a bad signature (claims \(signature.nodeId))")
        }
        let signerIsCourt = signature.nodeId == node.config.nodeId ? node.config.role == .court
            : (try? node.peer(signature.nodeId).role) == .court
        let files = try repo.blobs(inTree: commit.tree)
        let parents = try commit.parents.map { try repo.blobs(inTree: try repo.commit($0).tree) }
        for (path, blob) in files where parents.allSatisfy({ $0[path] != blob }) {
            let top = path.split(separator: "/").first.map(String.init) ?? path
            guard path == "case.json" || Self.folders.contains(top) else { throw DocketError("commit \(short) writes \(path), outside the case folders") }
            guard CaseFile.isRecordPath(path) else { continue } // document bytes
            let value: JSONValue
            do {
                value = try JSONParser.parse(try repo.readBlob(blob))
                try schemas.validate(value)
            } catch { throw DocketError("commit \(short): \(path): \(error)") }
            if !signerIsCourt { try checkCourtFields(value, path: path, parents: parents, short: short, signer: signature.nodeId) }
        }
    }

    private func checkCourtFields(_ value: JSONValue, path: String, parents: [[String: ObjectID]], short: String, signer: String) throws {
        let parentValues = try parents.compactMap { try $0[path].map { try JSONParser.parse(try repo.readBlob($0)) } }
        for field in schemas.courtOwnedFields(of: value) {
            let mine = value[field] ?? .null
            if parentValues.isEmpty {
                let initial: JSONValue = field == "status" && value["schema"]?.stringValue == CaseRecord.schema ? .string("submitted")
                    : (field == "review" ? mine : .null)
                // A new record's court-owned maps start empty (a filing's `court` notes).
                if mine != initial, mine != .object([:]), !(field == "review" && (mine == .null || mine == .string("pending"))) {
                    throw DocketError("commit \(short) by \(signer) sets court-owned field \(field) in \(path)")
                }
            } else if !parentValues.contains(where: { ($0[field] ?? .null) == mine }) {
                throw DocketError("commit \(short) by \(signer) changes court-owned field \(field) in \(path)")
            }
        }
        if path.hasPrefix("filings/"), let problem = (try? CanonicalJSON.decode(FilingRecord.self, from: value))?.courtStateProblem {
            throw DocketError("commit \(short) by \(signer): \(problem)")
        }
        if path.hasPrefix("payments/"), parentValues.isEmpty, value["kind"]?.stringValue != "payment" {
            throw DocketError("commit \(short) by \(signer) creates a fee \(value["kind"]?.stringValue ?? "record"); only a court assesses and refunds")
        }
        if path.hasPrefix("service/"), parentValues.isEmpty {
            throw DocketError("commit \(short) by \(signer) creates a service record; only a court serves documents")
        }
    }
}

extension Node {
    /// Checks a push into a case repository (see `ReceiveCheck`); throws the reason to show the pusher.
    /// `quarantine` is git's quarantine object folder, where the pushed objects wait.
    public func checkReceive(repositoryPath: String, quarantine: String?, peerID: String, updates: [ReceiveUpdate]) throws {
        let peer = try peer(peerID)
        let repo = try Repository.open(repositoryPath)
        if let quarantine { try repo.addObjectAlternate(quarantine) }
        try ReceiveCheck(node: self, peer: peer, repo: repo, keys: try knownKeys(), schemas: try RecordSchemas.load()).check(updates)
    }

    /// After a push was taken: brings `main` up to the pusher's ref where history allows and re-indexes.
    public func afterReceive(uid: String, peerID: String) throws -> Integration {
        let ref = "refs/peers/\(peerID)/main"
        let repo = try repository(uid)
        if try repo.reference(ref) == nil { try indexCase(uid); return .unchanged }
        let outcome = try integrate(uid, peerRef: ref)
        let result = outcome == .diverged ? try mergeDiverged(uid, peerRef: ref) : outcome
        try openBookingConflicts()
        return result
    }
}
