import ArgumentParser
import DocketCore
import DocketInput
import DocketKiosk
import DocketKioskData
import DocketKioskRuntime
import DocketStore
import DocketTerminal
import Foundation

struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract:
            "The lobby self-service terminal: filing, payment, case query and dossier review, in Chinese and English.",
        discussion: """
            Runs full-screen on the terminal it is started in, against this node's data directory, so it keeps working \
            when the network is down. Ctrl-C, Ctrl-Z and Ctrl-\\ do nothing; SIGTERM or SIGHUP wipe the screen and \
            exit; only the administrator (key 0 on Welcome, then the PIN set with `docket kiosk set-pin`) can leave \
            kiosk mode. Needs a UTF-8 locale (LANG=C.UTF-8) and a terminal of at least 80×24.
            """,
        subcommands: [Run.self, SetPIN.self],
        defaultSubcommand: Run.self
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Start the kiosk (the default).")
        @OptionGroup var node: NodeOptions
        @Option(
            help: ArgumentHelp(
                "Kiosk configuration (court name, default language, announcements); default: the shipped sample, "
                    + "with a court node's own name and court code.",
                valueName: "file"))
        var config: String?
        @Option(
            name: .customLong("idle-timeout"),
            help: "Seconds without a key before the idle warning (default 90, or the configuration's).")
        var idleTimeout: Int?
        @Option(
            name: .customLong("terminal-id"),
            help: "Names this terminal in the query rate limit (default: the host name).")
        var terminalID: String?
        @Option(
            name: .customLong("timing"),
            help: ArgumentHelp("Append latency figures to this file (for `docket bench kiosk`).", valueName: "file"))
        var timingPath: String?

        func run() throws {
            let opened = try node.open()
            let content = try KioskSetup.content(configPath: config, node: opened)
            let idle = idleTimeout.map { timeout in
                IdlePolicy(
                    timeout: TimeInterval(timeout), warning: TimeInterval(content.config.idleWarningSeconds ?? 30),
                    paymentAbandon: TimeInterval(content.config.paymentAbandonSeconds ?? 600))
            }
            let services = NodeKioskServices(node: opened, terminalID: terminalID ?? ProcessInfo.processInfo.hostName)
            let timing = try timingPath.map { try KioskTiming(path: $0) }
            let terminal = try Terminal()
            let reload = { [config] () -> KioskContent? in try? KioskSetup.content(configPath: config, node: opened) }
            let folder = opened.paths.kioskInputMethod
            let ending = KioskRunner(
                terminal: terminal, services: services, content: content, idle: idle, timing: timing,
                reloadContent: reload, inputMethod: { try RimeInputMethod(folder: folder) }
            ).run()
            if case .signalled(let number) = ending { throw ExitCode(128 + number) }
        }
    }

    struct SetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-pin",
            abstract:
                "Set the administrator PIN (4–8 digits, read from standard input so it stays out of the process list).")
        @OptionGroup var node: NodeOptions

        func run() throws {
            let opened = try node.open()
            if isatty(0) == 1 { print("New administrator PIN: ", terminator: ""); fflush(stdout) }
            guard let line = readLine(strippingNewline: true) else {
                throw DocketError(
                    .invalidInput, key: "kiosk.pin-missing", zh: "标准输入中没有提供 PIN。", en: "No PIN given on "
                        + "standard input."
                )
            }
            try opened.set(.kioskPINHash, to: try AdminPIN.hash(line.trimmingCharacters(in: .whitespaces)))
            print("Administrator PIN set.")
        }
    }
}

/// Loads what the kiosk shows.
enum KioskSetup {
    /// The shipped screens and locales with the configuration at `configPath`, or the shipped sample made to fit
    /// the node: a court node's kiosk shows that court's name and files to its court code. The node's current
    /// announcements (its court's, or those received from courts) come first, then the configuration's own.
    static func content(configPath: String?, node: Node) throws -> KioskContent {
        let locales = Dictionary(
            uniqueKeysWithValues: try KioskLanguage.allCases.map {
                ($0, try DocketKioskData.data("locales/\($0.rawValue).json"))
            })
        let configData: Data
        if let configPath {
            guard let data = FileManager.default.contents(atPath: configPath) else {
                throw DocketError(
                    .notFound, key: "kiosk.config-unreadable", zh: "无法读取终端机配置\(configPath)。",
                    en: "Cannot read the kiosk configuration \(configPath).")
            }
            configData = data
        } else {
            configData = try DocketKioskData.data("kiosk.sample.json")
        }
        var content: KioskContent
        do {
            content = try KioskContent(
                screens: try DocketKioskData.data("screens.json"), locales: locales, config: configData,
                causes: try DocketKioskData.data("causes.json"))
        } catch {
            throw DocketError(
                .invalidInput, key: "kiosk.config-invalid", zh: "终端机界面或配置无效：\(error.chineseMessage)",
                en: "The kiosk's screens or configuration are not valid: \(error.englishMessage)")
        }
        if configPath == nil, node.config.role == .court {
            content.config.court = node.config.name
            content.config.courtCode = node.config.courtCode
        }
        let published = KioskAnnouncements.notes(try node.currentAnnouncements())
        if !published.isEmpty { content.config.announcements = published + (content.config.announcements ?? []) }
        return content
    }
}
