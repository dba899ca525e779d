import ArgumentParser
import DocketStore
import Foundation

/// The options every command that works on a node takes.
struct NodeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The node's data directory (or set DOCKET_DATA).", valueName: "dir"))
    var data: String?

    @Option(
        name: .customLong("operator"),
        help: ArgumentHelp("Who is working (recorded as the commit author; default $USER).", valueName: "name"))
    var operatorName: String?

    /// The data directory: --data, then DOCKET_DATA, then ./docket-data.
    var dataURL: URL {
        let env = ProcessInfo.processInfo.environment
        return URL(fileURLWithPath: data ?? env["DOCKET_DATA"] ?? "docket-data")
    }

    var operatorResolved: String {
        let env = ProcessInfo.processInfo.environment
        let name = operatorName ?? env["DOCKET_OPERATOR"] ?? env["USER"] ?? "operator"
        return name.isEmpty ? "operator" : name
    }

    /// Opens the node (finishing any write a crashed process left unindexed).
    func open() throws -> Node { try Node.open(at: dataURL, operatorName: operatorResolved) }
}

/// The `--json` flag of read commands.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}
