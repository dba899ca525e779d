import DocketCore
import Foundation
import Logging

/// The log of a long-running command: one line per event on stderr, `time level label: message key=value …`, the
/// time in Beijing time with its offset. Built on swift-log, so the server's own events go the same way.
enum ServeLog {
    private static let bootstrapped: Void = {
        LoggingSystem.bootstrap { label in LineLogHandler(label: label) }
    }()

    /// A logger for `label` at `level` (debug, info, warning, error; anything else is info).
    static func logger(_ label: String, level: String) -> Logger {
        _ = bootstrapped
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        return logger
    }
}

/// One line per event: `2026-12-07 11:02:03 +08:00 warning docket.serve: sync failed peer=court-lixia errors="…"`.
struct LineLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { all["error"] = "\(error)" }
        let level = event.level, message = event.message
        let fields = all.sorted { $0.key < $1.key }.map { key, value in
            let text = "\(value)"
            let quoted = text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || text.isEmpty
            return "\(key)=" + (quoted ? "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : text)
        }
        let now = UTCTime.beijingText(Date().timeIntervalSince1970)
        let text = ([now, level.rawValue, "\(label):", "\(message)"] + fields).joined(separator: " ")
        FileHandle.standardError.write(Data((text.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }
}
