import ArgumentParser
import DocketStore

struct NodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Show who this node is: id, role, name, court code, public key and certificate fingerprint."
    )

    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag

    struct Info: Encodable {
        var nodeId: String, role: String, name: String, courtCode: String?, publicKey: String
        /// The certificate peers pin, and the next one while a rotation is under way.
        var tlsFingerprint: String?, tlsNextFingerprint: String?
    }

    func run() throws {
        let opened = try node.open()
        let config = opened.config
        let info = Info(
            nodeId: config.nodeId, role: config.role.rawValue, name: config.name, courtCode: config.courtCode,
            publicKey: opened.key.publicKeyBase64, tlsFingerprint: try opened.tlsIdentity()?.fingerprint,
            tlsNextFingerprint: try opened.nextTLSIdentity()?.fingerprint)
        if output.json { try printJSON(info); return }
        print("\(info.name) (\(info.nodeId), \(info.role)\(info.courtCode.map { ", " + $0 } ?? ""))")
        print("public key: \(info.publicKey)")
        if let fingerprint = info.tlsFingerprint { print("certificate: \(fingerprint)") }
        if let next = info.tlsNextFingerprint { print("next certificate: \(next)") }
    }
}
