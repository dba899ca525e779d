import DocketCore
import Foundation

/// Stock git, for the few things libgit2 1.5 cannot do (bundles). Runs with no user or system configuration.
enum GitCommand {
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        let box = ErrorBox()
        group.enter()
        DispatchQueue.global().async { box.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DocketError(.internal, key: "git.command-failed", zh: "git \(arguments.first ?? "") 执行失败：\(String(decoding: box.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))", en: "git \(arguments.first ?? "") failed: \(String(decoding: box.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    private final class ErrorBox: @unchecked Sendable { var data = Data() }
}
