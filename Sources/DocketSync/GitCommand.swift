import DocketCore
import DocketProcess
import Foundation

/// Stock git, for the few things libgit2 1.5 cannot do (bundles). Runs with no user or system configuration.
enum GitCommand {
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outcome = try ProcessRunner.run(
            "/usr/bin/git", arguments,
            environment: [
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
            ])
        guard outcome.succeeded else {
            let said = outcome.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw DocketError(
                .internal, key: "git.command-failed", zh: "git \(arguments.first ?? "") 执行失败：\(said)",
                en: "git \(arguments.first ?? "") failed: \(said)")
        }
        return outcome.outputText
    }
}
