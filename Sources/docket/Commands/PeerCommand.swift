import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

struct PeerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer",
        abstract: "Configure the nodes this node replicates with.",
        discussion: """
        On the serving node (a court): `docket peer invite firm-a --role firm --public-key KEY` prints the token \
        firm-a must use. On firm-a: `docket peer add court-lixia --url http://court:8470 --role court \
        --court-code 鲁0102 --public-key KEY --token TOKEN`. Public keys are what `docket node --json` prints.
        """,
        subcommands: [Invite.self, Add.self, List.self, Remove.self]
    )

    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a node connect to this one; prints its token (once).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The peer's node id.") var nodeId: String
        @Option(help: "court, firm or kiosk.") var role: NodeRole
        @Option(name: .customLong("public-key"), help: "The peer's public key (docket node --json).") var publicKey: String
        @Option(name: .customLong("court-code"), help: "For a court peer: its court code.") var courtCode: String?

        func run() throws {
            let token = try node.open().invitePeer(nodeId, role: role, publicKey: publicKey, courtCode: courtCode)
            if output.json { try printJSON(["token": token]) } else { print(token) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Connect this node to a peer that invited it.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String
        @Option(help: "The peer's address, e.g. http://127.0.0.1:8470.") var url: String
        @Option(help: "court, firm or kiosk.") var role: NodeRole
        @Option(name: .customLong("public-key"), help: "The peer's public key.") var publicKey: String
        @Option(help: "The token the peer's `peer invite` printed.") var token: String
        @Option(name: .customLong("court-code"), help: "For a court peer: its court code.") var courtCode: String?

        func run() throws {
            try node.open().addPeer(nodeId, url: url, role: role, publicKey: publicKey, token: token, courtCode: courtCode)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The peers and their checkpoints.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let peers = try node.open().peers()
            if output.json { try printJSON(peers); return }
            if peers.isEmpty { print("No peers."); return }
            for p in peers { print("\(p.nodeId)  \(p.role.rawValue)  \(p.url ?? "(connects to us)")  pulled to \(p.pullSince), pushed to \(p.pushSince)") }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a peer; its token stops working at once.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String

        func run() throws { try node.open().removePeer(nodeId) }
    }
}

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync with peers now: fetch what changed there, push what changed here.",
        discussion: "Without names, every peer this node connects to. A peer that is down is reported and skipped."
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "Peers to sync with (default: all with a URL).") var names: [String] = []

    func run() throws {
        let opened = try node.open()
        let targets = names.isEmpty ? try opened.peers().filter { $0.url != nil }.map(\.nodeId) : names
        let reports = targets.map { opened.sync(with: $0) }
        if output.json { try printJSON(reports) } else {
            for r in reports {
                print("\(r.peer): fetched \(r.fetched), pushed \(r.pushed), fast-forwarded \(r.fastForwarded), diverged \(r.diverged) (merged \(r.merged)), announcements \(r.announcements), refused \(r.refused.count), errors \(r.errors.count)")
                for line in r.refused + r.errors { print("  \(line)") }
            }
        }
        if reports.contains(where: { !$0.errors.isEmpty }) { throw ExitCode(1) }
    }
}

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "git hooks run by `docket serve` for pushes (not for people).",
        shouldDisplay: false,
        subcommands: [PreReceive.self, PostReceive.self]
    )

    /// Reads git's hook environment: the node (DOCKET_DATA), the pusher (DOCKET_PEER), the repository (cwd).
    static func context() throws -> (Node, String, String) {
        let env = ProcessInfo.processInfo.environment
        guard let data = env["DOCKET_DATA"], let peer = env["DOCKET_PEER"] else {
            throw DocketError("This hook runs under docket serve (DOCKET_DATA and DOCKET_PEER are not set).")
        }
        return (try Node.open(at: URL(fileURLWithPath: data), operatorName: peer), peer, FileManager.default.currentDirectoryPath)
    }

    struct PreReceive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pre-receive", abstract: "Check a push before git takes it.")
        func run() throws {
            do {
                let (node, peer, repo) = try HookCommand.context()
                var updates: [ReceiveUpdate] = []
                while let line = readLine() { if let update = ReceiveUpdate(line: Substring(line)) { updates.append(update) } }
                try node.checkReceive(repositoryPath: repo, quarantine: ProcessInfo.processInfo.environment["GIT_QUARANTINE_PATH"],
                                      peerID: peer, updates: updates)
            } catch {
                FileHandle.standardError.write(Data("docket: refused: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct PostReceive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "post-receive", abstract: "Take a push into main and the index.")
        func run() throws {
            while readLine() != nil {}
            let (node, peer, repo) = try HookCommand.context()
            let uid = String(URL(fileURLWithPath: repo).lastPathComponent.dropLast(4))
            let outcome = try node.afterReceive(uid: uid, peerID: peer)
            if outcome == .merged { print("docket: both sides changed the case; merged (conflicts, if any, are listed by docket conflicts list)") }
        }
    }
}
