import DocketCore
import DocketGit
import DocketStore
import Foundation

extension Replication {
    /// Before pushing a case to its court: judges our `main` as the court will (the same `HistoryCheck`, over the
    /// court's version we last took, `refs/peers/<court>/main`) and, where it would refuse a change of ours that
    /// the court's newer state no longer allows — material a filer added while the court was accepting, an edit
    /// of the filing made on an older state — writes the court's values back in one commit with a timeline line
    /// saying what was withdrawn and why. The court is the authority: our step lost the race, and without this
    /// the case would be refused at every sync. Returns the refusals it yielded to (empty when there were none);
    /// a refusal that is not about who may change what (a malformed record, a document over the court's limit)
    /// is not ours to undo and is left for the push to report.
    @discardableResult
    package func yieldToCourt(_ uid: String, court: Peer) throws -> [PolicyRefusal] {
        guard court.role == .court else { return [] }
        let repo = try node.repository(uid)
        guard let courtTip = try repo.reference(PeerRef.main(of: court.nodeId)),
            let main = try repo.reference(Node.mainRef), main != courtTip, !(try repo.isDescendant(courtTip, of: main))
        else { return [] }
        let refusals: [PolicyRefusal]
        do {
            try historyCheck(repo, uid: uid, tip: main, main: courtTip)
            return []
        } catch let refusal as AuthorityRefusal {
            refusals = refusal.refusals
        }
        let mine = refusals.filter {
            $0.kind == .notAllowed && $0.signer == node.config.nodeId && RecordKind.of(path: $0.path) != nil
        }
        guard !mine.isEmpty, mine.count == refusals.count else { return [] }
        let courtFiles = try repo.files(inTree: try repo.commit(courtTip).tree)
        try node.restoreCourtVersions(uid) { records, actor in
            let current = try repo.files(inTree: try repo.commit(try repo.reference(Node.mainRef)!).tree)
            var change = CaseChange(message: "Yield to the court: withdraw changes it does not take")
            for refusal in mine {
                let path = refusal.path
                guard let field = refusal.field, let ours = current[path], let theirs = courtFiles[path],
                    RecordKind.of(path: path) != .documentContent
                else {
                    change.files[path] = courtFiles[path]
                    // A document goes or comes back whole: its metadata and its bytes.
                    if path.hasSuffix("/meta.json") {
                        let folder = path.dropLast("meta.json".count)
                        for other in Set(current.keys).union(courtFiles.keys) where other.hasPrefix(folder) {
                            change.files[other] = courtFiles[other]
                        }
                    }
                    continue
                }
                var record = (try? JSONParser.parse(change.files[path].flatMap { $0 } ?? ours)) ?? .null
                let courtLeaves = RecordLeaves(try JSONParser.parse(theirs))
                for leaf in field.split(separator: ",").map(String.init) {
                    record = RecordLeaves.setting(leaf, to: courtLeaves[leaf], in: record)
                }
                change.files[path] = CanonicalJSON.encode(record)
            }
            let withdrawn = mine.map { "\($0.path)\($0.field.map { " \($0)" } ?? "")" }
            try change.append(
                DocketEntry(
                    at: actor.time, node: actor.node, actor: actor.name, kind: "yielded-to-court",
                    summary: "法院已先行处理，以下未获准许的改动已撤回：\(withdrawn.joined(separator: "；"))"))
            return change
        }
        return mine
    }
}
