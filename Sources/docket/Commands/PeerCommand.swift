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
            firm-a must use and the court's certificate fingerprint. On firm-a: `docket peer add court-lixia \
            --url https://court.example:8470 --role court --court-code 鲁0102 --public-key KEY --token TOKEN \
            --fingerprint sha256:…`. Public keys are what `docket node --json` prints.

            Links beyond this machine are HTTPS only, and the peer's certificate must match a pinned fingerprint — \
            whatever authority signed it. When a peer rotates its certificate, pin the new fingerprint (peer pin) \
            before it switches, and unpin the old one after.
            """,
        subcommands: [Invite.self, Add.self, Pin.self, Unpin.self, List.self, Remove.self]
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
            let opened = try node.open()
            let token = try opened.peers.invite(nodeId, role: role, publicKey: publicKey, courtCode: courtCode)
            // The peer pins these: the certificate in use, and the next one while a rotation is under way.
            let fingerprints = [try opened.tlsIdentity(), try opened.nextTLSIdentity()].compactMap { $0?.fingerprint }
            if output.json {
                struct Invitation: Encodable { var token: String, fingerprints: [String] }
                try printJSON(Invitation(token: token, fingerprints: fingerprints))
                return
            }
            print(token)
            for fingerprint in fingerprints { print("fingerprint: \(fingerprint)") }
            print(
                "(give both to \(nodeId) privately: docket peer add … --token TOKEN"
                    + fingerprints.map { " --fingerprint \($0)" }.joined() + ")")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Connect this node to a peer that invited it.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String
        @Option(help: "The peer's address: https://HOST:PORT (http only for loopback).") var url: String
        @Option(help: "court, firm or kiosk.") var role: NodeRole
        @Option(name: .customLong("public-key"), help: "The peer's public key.") var publicKey: String
        @Option(help: "The token the peer's `peer invite` printed.") var token: String
        @Option(name: .customLong("court-code"), help: "For a court peer: its court code.") var courtCode: String?
        @Option(
            name: .customLong("fingerprint"),
            help: "The peer's certificate fingerprint (sha256:…), required for https; repeat during a rotation.")
        var fingerprints: [String] = []

        func run() throws {
            try node.open().peers.add(
                nodeId, url: url, role: role, publicKey: publicKey, token: token, courtCode: courtCode,
                fingerprints: fingerprints)
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept another certificate of a peer (it is rotating); its old one stays accepted.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String
        @Argument(help: "The new certificate's fingerprint (sha256:…), from the peer's docket tls rotate.")
        var fingerprint: String

        func run() throws { try node.open().peers.pin(nodeId, fingerprint: fingerprint) }
    }

    struct Unpin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop accepting a certificate of a peer (its rotation is over).")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String
        @Argument(help: "The old certificate's fingerprint (sha256:…).") var fingerprint: String

        func run() throws { try node.open().peers.unpin(nodeId, fingerprint: fingerprint) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The peers and their checkpoints.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let peers = try node.open().peers.all()
            if output.json { try printJSON(peers); return }
            if peers.isEmpty { print("No peers."); return }
            for p in peers {
                print(
                    "\(p.nodeId)  \(p.role.rawValue)  \(p.url ?? "(connects to us)")  "
                        + "pulled to \(p.pullSince), pushed to \(p.pushSince)"
                )
                for pin in p.pins { print("    pinned \(pin)") }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a peer; its token stops working at once.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The peer's node id.") var nodeId: String

        func run() throws { try node.open().peers.remove(nodeId) }
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
                try hook.node.replication.checkReceive(
                    uid: hook.uid, repositoryPath: hook.repository,
                    quarantine: ProcessInfo.processInfo.environment["GIT_QUARANTINE_PATH"],
                    peerID: hook.peer, updates: updates)
            } catch {
                FileHandle.standardError.write(
                    Data(
                        ("docket: refused:\n"
                            + "\("\(error)".split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))\n")
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
                ? try hook.node.replication.takeStagedCase(
                    uid: hook.uid, staged: URL(fileURLWithPath: hook.repository), peerID: hook.peer)
                : try hook.node.replication.afterReceive(uid: hook.uid, peerID: hook.peer)
            if outcome == .merged {
                print(
                    "docket: both sides changed the case; merged "
                        + "(conflicts, if any, are listed by docket conflicts list)"
                )
            }
        }
    }
}
