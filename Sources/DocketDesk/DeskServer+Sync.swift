import DocketCore
import DocketStore
import DocketSync
import Foundation
import Hummingbird

/// Sync status per peer (the last sync and what it did), the cases held back with their reasons, and a sync now.
extension DeskServer {
    func syncPage(_ request: Request) async -> Response {
        let done = request.uri.queryParameters.get("done")
        return await page(request, .sync) { visit, _ in
            let english = visit.english
            let values = try await self.read { node -> [String: Any] in
                let names = node.nodeNames(english: english)
                let logs = Dictionary(
                    try node.replication.log().map { ($0.peer, $0) }, uniquingKeysWith: { first, _ in first })
                let peers = try node.peers.all().map { peer -> [String: Any] in
                    let last = logs[peer.nodeId]
                    return [
                        "id": peer.nodeId, "name": names[peer.nodeId] ?? peer.nodeId, "url": peer.url ?? "",
                        "connects": peer.url != nil, "at": last.map { DeskFormat.time($0.at) } ?? "",
                        "fetched": last.map { String($0.report.fetched) } ?? "",
                        "pushed": last.map { String($0.report.pushed) } ?? "",
                        "merged": last.map { String($0.report.merged) } ?? "",
                        "problems": (last?.report.errors ?? []) + (last?.report.refused ?? [])
                            + (last?.report.declined ?? []),
                    ]
                }
                let holds = try node.replication.holds().map { hold -> [String: String] in
                    [
                        "peer": names[hold.peer] ?? hold.peer, "uid": hold.uid,
                        "direction": english
                            ? (hold.direction == .push ? "refused by the peer" : "declined here")
                            : (hold.direction == .push ? "对方拒收" : "本节点拒收"),
                        "reason": hold.reason, "since": DeskFormat.time(hold.firstAt),
                        "attempts": String(hold.attempts),
                    ]
                }
                return ["peers": peers, "holds": holds, "holdCount": holds.count]
            }
            var context = values
            context["done"] = done.map { DeskText.done($0, english: english) } as Any
            return self.html(self.pages.render("sync", context, visit: visit, title: visit.say("同步", "Sync")))
        }
    }

    /// Syncs with one peer now (or every peer this node connects to) and comes back to the status.
    func syncNow(_ request: Request) async -> Response {
        await action(request, .sync) { form, _, session in
            let only = form["peer"]
            _ = try await self.work(session) { node -> Int in
                let peers = try node.peers.all().filter { $0.url != nil && (only == nil || $0.nodeId == only) }
                for peer in peers { _ = node.replication.sync(with: peer.nodeId) }
                return peers.count
            }
            return self.redirect("/sync?done=synced")
        }
    }
}
