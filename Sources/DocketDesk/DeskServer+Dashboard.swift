import DocketCore
import DocketStore
import DocketSync
import Foundation
import Hummingbird

/// The first page after signing in: the court's work list, or the firm's cases.
extension DeskServer {
    func home(_ request: Request) async -> Response {
        let done = request.uri.queryParameters.get("done")
        return await page(request, .readCases) { visit, session in
            session.user.role.nodeRole == .court
                ? try await self.dashboard(visit, done: done) : try await self.firmCases(visit, session)
        }
    }

    /// The court's dashboard: every list is one indexed query (no case repository is opened) cut at `listed`, with
    /// the true count beside it, so the page costs the same at a hundred cases as at a hundred thousand.
    func dashboard(_ visit: DeskVisit, done: String?) async throws -> Response {
        let english = visit.english
        let (values, totals) = try await read { node in
            (try Self.dashboardLists(node, english: english), try Self.dashboardTotals(node))
        }
        var context: [String: Any] = [:]
        for (key, rows) in values {
            context[key] = rows
            context[key + "Count"] = totals[key] ?? rows.count
            context[key + "Any"] = !rows.isEmpty
            // A list cut at `listed` says so, with the way to the rest where there is one.
            context[key + "More"] = (totals[key] ?? 0) > rows.count
        }
        context["done"] = done.map { DeskText.done($0, english: english) } as Any
        return html(pages.render("dashboard", context, visit: visit, title: visit.say("工作台", "Work list")))
    }

    /// How many rows a list of the dashboard shows at most: the most urgent (oldest filing, earliest deadline).
    static let listed = 200

    /// The true sizes of the lists that are cut at `listed` (one count over an index each).
    static func dashboardTotals(_ node: Node) throws -> [String: Int] {
        ["filings": try node.pendingFilingCount(), "deadlines": try node.services.deadlineCount(withinDays: 3)]
    }

    /// The dashboard's lists, read from the node: what the page shows before it is rendered (`docket bench court`
    /// times this beside the page). Lists that grow with the node are cut at `listed`, in SQL.
    public static func dashboardLists(_ node: Node, english: Bool) throws -> [String: [[String: String]]] {
        let today = Node.today()
        let filings = try node.pendingFilings(limit: listed).map { summary, due -> [String: String] in
            [
                "uid": summary.uid, "filingNumber": DeskFormat.filingNumber(summary.uid), "title": summary.title,
                "status": DeskFormat.status(summary.status, english: english),
                "filedAt": DeskFormat.time(summary.filedAt), "due": due.lastDay.description,
                "daysLeft": String(today.days(until: due.lastDay)),
                "overdue": today > due.lastDay && summary.status == CaseStatus.submitted.rawValue ? "1" : "",
            ]
        }
        let material = try node.pendingMaterial().map { item -> [String: String] in
            [
                "uid": item.caseUID, "case": item.caseNumber ?? DeskFormat.filingNumber(item.caseUID),
                "caseTitle": item.caseTitle, "doc": item.documentId, "title": item.title,
                "addedAt": DeskFormat.time(item.addedAt),
            ]
        }
        let deliveries = try node.outbox.messages().filter { $0.state != "waiting" }
            .map { message -> [String: String] in
            [
                "id": message.id, "uid": message.caseUID, "channel": message.channel, "address": message.address,
                "state": message.state, "error": message.lastError ?? "", "next": message.nextAttemptAt ?? "",
                "attempts": String(message.attempts),
            ]
        }
        let names = node.nodeNames(english: english)
        let conflicts = try node.conflicts().map { conflict -> [String: String] in
            // Open conflicts are few: reading each case gives the party's role and name (原告张伟), not its id.
            let described = ConflictWording.describe(
                conflict, in: try? node.caseFile(conflict.caseUID), nodeNames: names,
                language: english ? .english : .chinese)
            return ["id": conflict.id, "uid": conflict.caseUID, "heading": described.heading]
        }
        let deadlines = try node.services.deadlines(withinDays: 3, today: today, limit: listed)
            .map { d -> [String: String] in
            [
                "uid": d.caseUID, "case": d.caseNumber ?? DeskFormat.filingNumber(d.caseUID),
                "title": english ? d.title : d.chinese, "lastDay": d.lastDay.description, "owner": d.owner,
                "overdue": d.lastDay < today ? "1" : "",
            ]
        }
        let lockouts = try node.queryLockouts().map { l -> [String: String] in
            [
                "scope": l.scope.rawValue, "case": l.caseKey ?? "", "source": l.source ?? "",
                "failures": String(l.failures), "until": l.until,
            ]
        }
        let requests = try node.services.queuedRequests(awaiting: .court).prefix(listed).map { r -> [String: String] in
            [
                "uid": r.caseUID, "case": r.caseNumber ?? DeskFormat.filingNumber(r.caseUID),
                "kind": english ? r.kind : r.kindChinese, "summary": r.summary,
                "since": DeskFormat.time(r.updatedAt),
            ]
        }
        return [
            "filings": filings, "material": material, "deliveries": deliveries, "conflicts": conflicts,
            "deadlines": Array(deadlines), "lockouts": lockouts, "requests": Array(requests),
        ]
    }

}
