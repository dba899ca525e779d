import ArgumentParser
import DocketCore
import DocketStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a new node in an empty directory.",
        discussion: """
            Creates the node config, an Ed25519 key pair (the private key readable by its owner only), a TLS key \
            and self-signed certificate (peers pin its fingerprint), the SQLite index and the cases folder; the \
            directory is readable by its owner only. Refuses a directory that already holds anything, so an \
            existing node is never overwritten.

            Example: docket init --role court --node-id court-lixia --name 济南市历下区人民法院 --court-code 鲁0102
            """
    )

    @OptionGroup var node: NodeOptions

    @Option(help: "What this node is: court, firm or kiosk.")
    var role: NodeRole

    @Option(name: .customLong("node-id"), help: "A short unique name: 2–40 of a–z, 0–9, '-'.")
    var nodeId: String

    @Option(help: "The name people see (e.g. the court's or the firm's name).")
    var name: String

    @Option(name: .customLong("court-code"), help: "The court's code (法院代字), required for a court, e.g. 鲁0102.")
    var courtCode: String?

    @Option(
        name: .customLong("host"),
        help: "A name or address peers reach this node by, for its certificate (repeatable; loopback is always in).")
    var hosts: [String] = []

    func run() throws {
        let config = NodeConfig(nodeId: nodeId, role: role, name: name, courtCode: courtCode)
        let created = try Node.initialize(
            at: node.dataURL, config: config, operatorName: node.operatorResolved, tlsHosts: hosts)
        print("Made \(role.rawValue) node \(nodeId) at \(created.paths.root.path)")
        print("Public key: \(created.key.publicKeyBase64)")
        if let identity = try created.tlsIdentity() {
            print("Certificate fingerprint: \(identity.fingerprint)")
        }
    }
}

extension NodeRole: ExpressibleByArgument {}
