import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Carry cases by hand (USB) to a node that is off the network.",
        discussion: """
            `export` writes the cases the peer may see that changed since the last push to it (or since --since) into \
            one file: a git bundle per case and a manifest signed with this node's key. `import` takes such a file \
            with the same checks as a push: signed by a registered peer, addressed to this node, every commit signed \
            and within its sender's rights.
            """,
        subcommands: [Export.self, Import.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a transfer file for a peer.")
        @OptionGroup var node: NodeOptions
        @Option(help: "The peer it is for.") var peer: String
        @Option(name: .shortAndLong, help: "The file to write.") var output: String
        @Option(help: "Include cases changed after this change sequence (0: every case the peer may see).") var since:
            Int64?

        func run() throws {
            let manifest = try node.open().replication.exportBundle(
                for: peer, to: URL(fileURLWithPath: output), since: since)
            print("Wrote \(manifest.cases.count) case\(manifest.cases.count == 1 ? "" : "s") for \(peer) to \(output).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take in a transfer file from a peer.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The transfer file.") var file: String

        func run() throws {
            let report = try node.open().replication.importBundle(URL(fileURLWithPath: file))
            if output.json {
                try printJSON(report)
            } else {
                print(
                    "From \(report.from): imported \(report.imported.count), fast-forwarded \(report.fastForwarded), "
                        + "diverged \(report.diverged), refused \(report.refused.count)"
                )
                for line in report.refused { print("  refused \(line)") }
            }
            if !report.refused.isEmpty { throw ExitCode(1) }
        }
    }
}
