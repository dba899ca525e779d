import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync with peers, or see which cases are held back and why.",
        subcommands: [Now.self, Status.self],
        defaultSubcommand: Now.self
    )

    struct Now: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "now",
            abstract: "Sync with peers now: fetch what changed there, push what changed here.",
            discussion: """
                Without names, every peer this node connects to. A peer that is down is reported and skipped. A case \
                this node refuses to take (its history breaks the authority policy) or the peer refuses is held back, \
                listed with the reason, and tried again at every sync: see docket sync status.
                """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "Peers to sync with (default: all with a URL).") var names: [String] = []

        func run() throws {
            let opened = try node.open()
            let targets = names.isEmpty ? try opened.peers.all().filter { $0.url != nil }.map(\.nodeId) : names
            if targets.isEmpty {
                throw DocketError(
                    .unavailable, key: "sync.no-peers", zh: "尚未配置可同步的节点。",
                    en:
                        "This node has no peer to sync with (none with a URL): add one with "
                        + "docket peer add NODE --url … --token …."
                )
            }
            let reports = opened.replication.sync(with: targets)
            if output.json {
                try printJSON(reports)
            } else {
                for r in reports {
                    print(
                        "\(r.peer)：取回 \(r.fetched)，推送 \(r.pushed)，快进 \(r.fastForwarded)，分叉 \(r.diverged)"
                            + "（合并 \(r.merged)），公告 \(r.announcements)，对方拒收 \(r.refused.count)，"
                            + "本节点拒收 \(r.declined.count)，撤回 \(r.yielded.count)，出错 \(r.errors.count)"
                    )
                    print(
                        "\(r.peer): fetched \(r.fetched), pushed \(r.pushed), fast-forwarded \(r.fastForwarded), "
                            + "diverged \(r.diverged) (merged \(r.merged)), announcements \(r.announcements), "
                            + "refused by the peer \(r.refused.count), declined here \(r.declined.count), "
                            + "yielded \(r.yielded.count), errors \(r.errors.count)"
                    )
                    for line in r.yielded { print("  撤回（法院已不再接受）withdrawn, the court no longer takes it: \(line)") }
                    for line in r.refused { print("  \(r.peer)拒收 refused by \(r.peer): \(line)") }
                    for line in r.declined { print("  本节点拒收 declined here: \(line)") }
                    for line in r.errors { print("  出错 error: \(line)") }
                }
            }
            if reports.contains(where: { !$0.errors.isEmpty }) { throw ExitCode(1) }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the cases held back from syncing, with the reason: 同步受阻的案件及原因。",
            discussion: """
                pull: this node refused what the peer serves for the case (its main did not move); push: the peer \
                refused this node's version. Each is tried again at the next sync and leaves this list when it goes \
                through. Times are Beijing time (UTC+8).
                """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Option(help: "Only this peer.") var peer: String?

        @Option(help: "Show this many recent syncs of each peer from the sync log (default: the last one).") var last =
            1

        func run() throws {
            let opened = try node.open()
            let holds = try opened.replication.holds(peer: peer)
            if output.json { try printJSON(holds); return }
            let peers = try peer.map { [$0] } ?? opened.replication.log().map(\.peer)
            for name in peers {
                for entry in try opened.replication.log(peer: name, limit: max(1, last)) {
                    let r = entry.report
                    let when =
                        UTCTime.milliseconds(parsingISO: entry.at).map {
                            UTCTime.displayWithZone(Date(timeIntervalSince1970: Double($0) / 1000))
                        } ?? entry.at
                    // A sync that held a case back did not simply succeed: it says so beside its counts.
                    let heldBack = r.refused.count + r.declined.count
                    let outcome =
                        !r.errors.isEmpty
                        ? "出错 \(r.errors.count) error\(r.errors.count == 1 ? "" : "s")"
                        : heldBack > 0 ? "完成，\(heldBack) 件受阻 done, \(heldBack) held back" : "成功 ok"
                    print(
                        "\(name)  \(when)  \(outcome)：取回 \(r.fetched)，推送 \(r.pushed)，对方拒收 "
                            + "\(r.refused.count)，本节点拒收 \(r.declined.count) / fetched \(r.fetched), pushed "
                            + "\(r.pushed), refused \(r.refused.count), declined \(r.declined.count)"
                    )
                    for line in r.errors { print("    \(line)") }
                }
            }
            if holds.isEmpty { print("没有受阻的案件。No case is held back."); return }
            for hold in holds {
                let since =
                    UTCTime.milliseconds(parsingISO: hold.firstAt)
                    .map { UTCTime.displayWithZone(Date(timeIntervalSince1970: Double($0) / 1000)) + " 北京时间" }
                    ?? hold.firstAt
                let direction = hold.direction == .pull ? "拒收自 from" : "被拒 by"
                print(
                    "\(hold.uid)  \(direction) \(hold.peer)  自 \(since) 起，已尝试 \(hold.attempts) 次 "
                        + "(since \(since), \(hold.attempts) attempts)"
                )
                for line in hold.reason.split(separator: "\n") { print("    \(line)") }
            }
        }
    }
}
