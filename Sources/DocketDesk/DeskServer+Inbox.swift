import DocketCore
import DocketStore
import Foundation
import Hummingbird

/// The firm's inbox of electronic service: every document the court served on a client of this firm, with when
/// it was sent, reached the firm and was read, and when service took effect. Opening the document in the desk is
/// the firm's reading of it (`Node.openServedDocument`, the read receipt a party's own reading on a kiosk gives).
extension DeskServer {
    func inbox(_ request: Request) async -> Response {
        await page(request, .readInbox) { visit, _ in
            let english = visit.english
            let served = try await self.read { node in try node.inbox.documents() }
            let rows = served.map { item -> [String: Any] in
                let s = item.service
                return [
                    "uid": item.caseUID, "case": item.caseNumber ?? DeskFormat.filingNumber(item.caseUID),
                    "caseTitle": item.caseTitle, "doc": s.documentId, "title": s.documentTitle, "id": s.id,
                    "party": item.partyName, "channel": DeskFormat.channel(s.channel, english: english),
                    "address": s.address, "sent": DeskFormat.time(s.sentAt), "reached": DeskFormat.time(s.reachedAt),
                    "read": DeskFormat.time(s.readAt), "served": DeskFormat.time(s.servedAt),
                    "unread": s.readAt == nil, "failure": s.failure ?? "",
                ]
            }
            let values: [String: Any] = [
                "items": rows, "count": rows.count, "any": !rows.isEmpty,
                "unreadCount": served.filter { $0.service.readAt == nil }.count,
            ]
            return self.html(
                self.pages.render("inbox", values, visit: visit, title: visit.say("送达文书", "Served documents")))
        }
    }

    /// On a firm's desk, opening a document served on a client records that it was read (once).
    func noteReading(_ session: DeskSession, caseReference: String, documentId: String) async throws {
        guard DeskPermission.readInbox.allows(session.user.role) else { return }
        try await work(session) { node in
            _ = try node.inbox.open(try node.resolveCase(caseReference), documentId: documentId)
        }
    }
}
