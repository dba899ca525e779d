import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find cases by title, cause, claims or party name.",
        discussion:
            "Chinese works without spaces. Text of three characters or more uses the full-text index; "
            + "shorter text is matched anywhere."
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "What to look for.") var text: String

    func run() throws { try printSummaries(try node.open().search(text), json: output.json) }
}

struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild the SQLite index from the case repositories.",
        discussion: "Safe at any time: git holds the cases, the index only mirrors them. Node-local tables are kept."
    )
    @OptionGroup var node: NodeOptions

    func run() throws {
        let count = try node.open().reindex()
        print("Re-indexed \(count) cases.")
    }
}

struct FsckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsck",
        abstract:
            "Check every case: schemas, commit signatures, and that SQLite matches git; and the node's file modes.",
        discussion: """
            Exits 1 and lists the problems when anything is wrong. Secrets, keys and the index must be readable by \
            the node's owner only: --fix-permissions makes them so (for a node made by an older version, or \
            restored from a backup) before checking.
            """
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Flag(name: .customLong("fix-permissions"), help: "Make the node's files the owner's alone first (0700/0600).")
    var fixPermissions = false

    struct Report: Encodable { var ok: Bool; var problems: [FsckProblem] }

    func run() throws {
        let opened = try node.open()
        if fixPermissions { opened.tightenPermissions() }
        let problems = try opened.fsck(publicKeys: try opened.knownKeys())
        if output.json {
            try printJSON(Report(ok: problems.isEmpty, problems: problems))
        } else if problems.isEmpty {
            print("No problems found.")
        } else {
            for p in problems { print("\(p.uid): \(p.problem)") }
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
