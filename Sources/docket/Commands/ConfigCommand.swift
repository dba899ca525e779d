import ArgumentParser
import DocketStore

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Read or change node settings.",
        discussion: "Settings: "
            + NodeSettings.Key.allCases.map { "\($0.rawValue) — \($0.help)" }.joined(separator: "; "),
        subcommands: [Get.self, Set.self]
    )

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a setting (its default when unset).")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The setting, e.g. documents.maxBytes.") var key: String

        func run() throws {
            let key = try NodeSettings.key(key)
            print(try node.open().setting(key))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a setting.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The setting, e.g. mail.command.") var key: String
        @Argument(help: "Its new value.") var value: String

        func run() throws {
            let key = try NodeSettings.key(key)
            try node.open().set(key, to: value)
            let shown = key == .qrSecret || key == .kioskPINHash ? "(hidden)" : value
            print("\(key.rawValue) = \(shown); a running docket serve or kiosk takes it within a second.")
        }
    }
}
