import DocketCore
import DocketStore
import Foundation

/// What `case show` prints: the case record with its parties (ID numbers masked), documents, timeline and where its
/// repository lives.
struct CaseView: Encodable {
    struct Party: Encodable {
        var id: String, role: String, name: String, idNumber: String?, idKind: String?, phone: String?, email: String?
        var address: String?
        var representative: Representative?
    }
    struct Document: Encodable {
        var id: String, name: String, title: String, size: Int64, sha256: String, addedAt: String
    }
    struct Entry: Encodable {
        var at: String, node: String, actor: String, kind: String, summary: String
    }

    var uid: String, title: String, court: String, caseType: String, cause: String, status: String
    var caseNumber: String?
    var claimAmountFen: Int64?
    var claimAmount: String?
    var claims: String
    var facts: String?
    var filedAt: String, filedBy: String, updatedAt: String, updatedBy: String
    var parties: [Party]
    var documents: [Document]
    var timeline: [Entry]
    var repository: String

    init(_ file: CaseFile, node: Node) {
        let r = file.record
        uid = r.uid; title = r.title; court = r.court; caseType = r.caseType; cause = r.cause;
        status = r.status.rawValue
        caseNumber = r.caseNumber; claimAmountFen = r.claimAmountFen;
        claimAmount = r.claimAmountFen.map { Fen($0).yuanString }
        claims = r.claims; facts = r.facts; filedAt = r.filedAt.description; filedBy = r.filedBy
        updatedAt = r.updatedAt.description; updatedBy = r.updatedBy
        parties = file.parties.map {
            Party(
                id: $0.id, role: $0.role.rawValue, name: $0.name, idNumber: $0.idNumber.map(Masking.mask),
                idKind: $0.idKind,
                phone: $0.phone, email: $0.email, address: $0.address, representative: $0.representative)
        }
        documents = file.documents.map {
            Document(
                id: $0.id, name: $0.name, title: $0.title, size: $0.size, sha256: $0.sha256,
                addedAt: $0.addedAt.description)
        }
        timeline = file.timeline.map {
            Entry(at: $0.at.description, node: $0.node, actor: $0.actor, kind: $0.kind, summary: $0.summary)
        }
        repository = node.paths.relativeRepository(ofCase: r.uid)
    }

    func print(json: Bool) throws {
        if json { try printJSON(self); return }
        Swift.print("\(title)")
        Swift.print("  uid \(uid)   status \(status)   案号 \(caseNumber ?? "（未立案）")")
        Swift.print(
            "  court \(court)   type \(caseType)   cause \(cause)   claim \(claimAmount.map { "¥" + $0 } ?? "—")")
        if !claims.isEmpty { Swift.print("  claims: \(claims)") }
        if let facts { Swift.print("  facts: \(facts)") }
        Swift.print("Parties:")
        for p in parties {
            Swift.print(
                "  \(p.id)  \(p.role)  \(p.name)  \(p.idNumber ?? "")  \(p.phone ?? "")  \(p.email ?? "")"
                    + "\(p.address.map { "  送达地址 " + $0 } ?? "")\(p.representative.map { "  代理人 " + $0.name } ?? "")"
            )
        }
        if !documents.isEmpty {
            Swift.print("Documents:")
            for d in documents { Swift.print("  \(d.id)  \(d.name)  \(d.size) bytes  \(d.title)") }
        }
        Swift.print("Timeline:")
        for e in timeline {
            let when = (try? HybridTimestamp(parsing: e.at)).map { UTCTime.displayWithZone($0.date) } ?? e.at
            Swift.print("  \(when)  \(e.summary)  (\(e.actor)@\(e.node))")
        }
        Swift.print("Repository: \(repository)")
    }
}
