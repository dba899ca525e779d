import ArgumentParser
import DocketCore
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show who may add, change and delete what in a case (权限规则).",
        discussion: """
            The table every check reads: the local write path, pushes, pulls, bundle imports and merges. A refusal \
            names the rule it broke. Chinese by default; --english shows it wholly in English.
            """
    )
    @Flag(help: "Wholly in English.") var english = false

    func run() throws {
        for line in AuthorityPolicy.standard.text(english ? .english : .chinese) { print(line) }
    }
}
