import DocketCore
import Foundation
import GRDB

/// One document the court served electronically on a party this node represents: an entry of a firm's inbox.
public struct ServedDocument: Sendable, Equatable {
    public var caseUID: String
    public var caseNumber: String?
    public var caseTitle: String
    /// The party served (one this node represents).
    public var partyName: String
    /// The service as it stands: sent, reached, read and served times (UTC ISO 8601), failure.
    public var service: ServiceRecord
}

/// A firm's inbox of electronic service: the documents the court served on the parties this node represents,
/// and the reading of them (which the court's record of service takes as served). It owns no table: it reads the
/// timeline index and the cases.
public struct Inbox: Sendable {
    /// The node whose cases are read.
    let node: Node
}

extension Node {
    /// The inbox of documents served on this node's clients.
    public var inbox: Inbox { Inbox(node: self) }

    /// True when this node represents the party (its representative's firm is this node).
    public func represents(_ party: PartyRecord) -> Bool { party.representative?.firm == config.nodeId }
}

extension Inbox {
    /// The inbox of electronic service: every document served on a party this node represents, newest first
    /// (at most `limit`). Only cases whose timeline records a service are read (found in the timeline index), so
    /// a firm with many cases and little service reads few repositories.
    public func documents(limit: Int = 500) throws -> [ServedDocument] {
        let uids = try node.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT case_uid FROM timeline WHERE kind = 'service-queued' ORDER BY case_uid")
        }
        var found: [ServedDocument] = []
        for uid in uids {
            guard let file = try? node.caseFile(uid) else { continue }
            for service in file.services {
                guard let party = file.party(service.partyId), node.represents(party) else { continue }
                found.append(
                    ServedDocument(
                        caseUID: uid, caseNumber: file.record.caseNumber, caseTitle: file.record.title,
                        partyName: party.name, service: service))
            }
        }
        return Array(
            found.sorted {
                ($0.service.reachedAt ?? "", $0.service.createdAt) > ($1.service.reachedAt ?? "", $1.service.createdAt)
            }.prefix(limit))
    }

    /// Someone at this node opened a document of a case: every service of that document on a party this node
    /// represents that was not read yet is marked read now (`markServiceRead`, as a party's own reading on a kiosk
    /// is), which makes it effective where the address was not the party's own. Returns the services marked.
    @discardableResult
    public func open(_ uid: String, documentId: String, at now: Date = Date()) throws -> [ServiceRecord]
    {
        let file = try node.caseFile(uid)
        let unread = file.services.filter { service in
            service.documentId == documentId && service.readAt == nil
                && file.party(service.partyId).map(node.represents) == true
        }
        for service in unread { try node.outbox.markRead(uid, serviceId: service.id, at: now) }
        guard !unread.isEmpty else { return [] }
        let ids = Set(unread.map(\.id))
        return try node.caseFile(uid).services.filter { ids.contains($0.id) }
    }
}
