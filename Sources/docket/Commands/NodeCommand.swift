import ArgumentParser
import DocketStore

struct NodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Show who this node is: id, role, name, court code and public key."
    )

    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag

    struct Info: Encodable {
        var nodeId: String, role: String, name: String, courtCode: String?, publicKey: String
    }

    func run() throws {
        let opened = try node.open()
        let config = opened.config
        let info = Info(
            nodeId: config.nodeId, role: config.role.rawValue, name: config.name, courtCode: config.courtCode,
            publicKey: opened.key.publicKeyBase64)
        if output.json { try printJSON(info); return }
        print("\(info.name) (\(info.nodeId), \(info.role)\(info.courtCode.map { ", " + $0 } ?? ""))")
        print("public key: \(info.publicKey)")
    }
}
