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
        static let configuration = CommandConfiguration(
            abstract: "Let a node connect to this one; prints its token (once).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The peer's node id.") var nodeId: String
        @Option(help: "court, firm or kiosk.") var role: NodeRole
        @Option(name: .customLong("public-key"), help: "The peer's public key (docket node --json).") var publicKey:
            String
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
            try node.open().addPeer(
                nodeId, url: url, role: role, publicKey: publicKey, token: token, courtCode: courtCode)
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
            for p in peers {
                print(
                    "\(p.nodeId)  \(p.role.rawValue)  \(p.url ?? "(connects to us)")  pulled to \(p.pullSince), pushed to \(p.pushSince)"
                )
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a peer; its token stops working at once.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String

        func run() throws { try node.open().removePeer(nodeId) }
    }
}

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "git hooks run by `docket serve` for pushes (not for people).",
        shouldDisplay: false,
        subcommands: [PreReceive.self, PostReceive.self]
    )

    /// Reads git's hook environment: the node (DOCKET_DATA), the pusher (DOCKET_PEER), the case (DOCKET_CASE),
    /// the repository (cwd: the case's own, or the staging repository of a first push when DOCKET_STAGED is set).
    static func context() throws -> (node: Node, peer: String, uid: String, repository: String, staged: Bool) {
        let env = ProcessInfo.processInfo.environment
        guard let data = env["DOCKET_DATA"], let peer = env["DOCKET_PEER"], let uid = env["DOCKET_CASE"] else {
            throw DocketError(
                .invalidInput, key: "peer.hook-outside-serve",
                zh: "该钩子须在 docket serve 下运行（未设置 DOCKET_DATA、DOCKET_PEER 和 DOCKET_CASE）。",
                en: "This hook runs under docket serve (DOCKET_DATA, DOCKET_PEER and DOCKET_CASE are not set).")
        }
        return (
            try Node.open(at: URL(fileURLWithPath: data), operatorName: peer), peer, uid,
            FileManager.default.currentDirectoryPath, env["DOCKET_STAGED"] == "1"
        )
    }

    struct PreReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-receive", abstract: "Check a push before git takes it.")
        func run() throws {
            do {
                let hook = try HookCommand.context()
                var updates: [ReceiveUpdate] = []
                while let line = readLine() {
                    if let update = ReceiveUpdate(line: Substring(line)) { updates.append(update) }
                }
                try hook.node.checkReceive(
                    uid: hook.uid, repositoryPath: hook.repository,
                    quarantine: ProcessInfo.processInfo.environment["GIT_QUARANTINE_PATH"],
                    peerID: hook.peer, updates: updates)
            } catch {
                FileHandle.standardError.write(
                    Data(
                        "docket: refused:\n\("\(error)".split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))\n"
                            .utf8))
                throw ExitCode(1)
            }
        }
    }

    struct PostReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post-receive", abstract: "Take a push into main and the index.")
        func run() throws {
            while readLine() != nil {}
            let hook = try HookCommand.context()
            let outcome =
                hook.staged
                ? try hook.node.takeStagedCase(
                    uid: hook.uid, staged: URL(fileURLWithPath: hook.repository), peerID: hook.peer)
                : try hook.node.afterReceive(uid: hook.uid, peerID: hook.peer)
            if outcome == .merged {
                print(
                    "docket: both sides changed the case; merged (conflicts, if any, are listed by docket conflicts list)"
                )
            }
        }
    }
}
