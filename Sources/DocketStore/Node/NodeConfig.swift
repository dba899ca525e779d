import DocketCore
import Foundation

/// The node's identity and settings, `<data>/node.json`.
public struct NodeConfig: Codable, Equatable, Sendable {
    public var nodeId: String
    public var role: NodeRole
    public var name: String
    /// The court's code (法院代字) for a court node, e.g. 鲁0102.
    public var courtCode: String?
    /// Node settings by key; see `NodeSettings` for what exists and the defaults.
    public var settings: [String: String]

    public init(nodeId: String, role: NodeRole, name: String, courtCode: String?, settings: [String: String] = [:]) {
        self.nodeId = nodeId; self.role = role; self.name = name; self.courtCode = courtCode; self.settings = settings
    }

    /// Checks what `docket init` takes from a person.
    public func validate() throws {
        guard Identifier.isNodeID(nodeId) else {
            throw DocketError(
                .invalidInput, key: "node.id-invalid",
                zh: "节点 ID“\(nodeId)”须为2至40个字符，只能包含 a–z、0–9 和“-”（如 court-jinan-lixia）。",
                en: "The node id \"\(nodeId)\" must be 2–40 characters of a–z, 0–9 and '-' (e.g. court-jinan-lixia).")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DocketError(
                .invalidInput, key: "node.name-required", zh: "节点须有显示名称。", en: "The node needs a display name.")
        }
        if role == .court, (courtCode ?? "").isEmpty {
            throw DocketError(
                .invalidInput, key: "node.court-code-required", zh: "法院节点须填写法院代字，如 --court-code 鲁0102。",
                en: "A court node needs its court code (法院代字), e.g. --court-code 鲁0102.")
        }
    }

    /// The value of a setting, or its default.
    public func setting(_ key: NodeSettings.Key) -> String { settings[key.rawValue] ?? key.defaultValue }

    static func load(from url: URL) throws -> NodeConfig {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DocketError(
                .notFound, key: "node.not-found",
                zh: "\(url.deletingLastPathComponent().path)下没有 Docket 节点（缺少 node.json）。请先运行 `docket "
                    + "init`。",
                en:
                    "There is no Docket node at \(url.deletingLastPathComponent().path) (no node.json). "
                    + "Run `docket init` first."
            )
        }
        do { return try JSONDecoder().decode(NodeConfig.self, from: data) } catch {
            throw DocketError(
                .internal, key: "node.config-damaged", zh: "\(url.path)已损坏：\(error.chineseMessage)。",
                en: "\(url.path) is damaged: \(error.englishMessage).")
        }
    }

    func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
        chmod(url.path, 0o600)
    }
}

/// The settings a node knows, with their defaults and meaning (`docket config get|set`).
public enum NodeSettings {
    public enum Key: String, CaseIterable, Sendable {
        case documentMaxBytes = "documents.maxBytes"
        case mailCommand = "mail.command"
        case smsCommand = "sms.command"
        case mailFrom = "mail.from"
        case qrURL = "payments.qr.url"
        case qrSecret = "payments.qr.secret"
        case qrNotifyURL = "payments.qr.notifyURL"
        case kioskPINHash = "kiosk.pinHash"
        case courtHours = "court.hours"

        /// True for the settings kept in secrets.json rather than node.json.
        public var isSecret: Bool { self == .qrSecret }

        public var defaultValue: String {
            switch self {
            case .documentMaxBytes: return String(100 * 1024 * 1024)
            case .mailCommand: return "/usr/sbin/sendmail -t -i"
            case .smsCommand: return ""
            case .mailFrom: return "docket@localhost"
            case .qrURL, .qrSecret, .qrNotifyURL, .kioskPINHash: return ""
            case .courtHours: return CourtHours.standard.description
            }
        }

        public var help: String {
            switch self {
            case .documentMaxBytes: return "largest document accepted, in bytes (default 100 MiB)"
            case .mailCommand: return "sendmail-compatible command that delivers e-mail read from stdin"
            case .smsCommand: return "command that sends an SMS (number and text as arguments)"
            case .mailFrom: return "sender address of e-mails this node sends"
            case .qrURL: return "base URL of the QR payment service (e.g. http://127.0.0.1:8480)"
            case .qrSecret: return "shared secret that signs the payment service's callbacks (HMAC-SHA256)"
            case .qrNotifyURL:
                return "where the payment service sends its callbacks (this node's /api/v1/payments/callback)"
            case .kioskPINHash: return "salted hash of the kiosk administrator PIN (set it with `docket kiosk set-pin`)"
            case .courtHours:
                return
                    "the court's sessions on a working day, Beijing time "
                    + "(hearings and reception slots outside them need a reason)"
            }
        }

        /// Checks a value before it is stored.
        public func validate(_ value: String) throws {
            switch self {
            case .documentMaxBytes:
                guard let n = Int64(value), n > 0 else {
                    throw DocketError(
                        .invalidInput, key: "config.max-bytes-invalid", zh: "documents.maxBytes 须为正整数（字节数）。",
                        en: "documents.maxBytes must be a positive number of bytes.")
                }
            case .qrURL, .qrNotifyURL:
                guard value.isEmpty || URL(string: value)?.scheme?.hasPrefix("http") == true else {
                    throw DocketError(
                        .invalidInput, key: "config.url-invalid", zh: "\(rawValue)须为 http(s) URL。",
                        en: "\(rawValue) must be an http(s) URL.")
                }
            case .kioskPINHash:
                guard value.isEmpty || value.split(separator: "$").count == 3 else {
                    throw DocketError(
                        .notAllowed, key: "config.pin-hash-not-settable",
                        zh: "kiosk.pinHash 由 `docket kiosk set-pin` 写入，请用该命令设置 PIN。",
                        en: "kiosk.pinHash is written by `docket kiosk set-pin`; set the PIN with that command.")
                }
            case .courtHours: _ = try CourtHours(parsing: value)
            case .mailCommand, .smsCommand, .mailFrom, .qrSecret: break
            }
        }
    }

    /// The key named `text`, or an error listing the known keys.
    public static func key(_ text: String) throws -> Key {
        guard let key = Key(rawValue: text) else {
            throw DocketError(
                .notFound, key: "config.setting-unknown",
                zh: "未知的设置项“\(text)”。可用设置项：\(Key.allCases.map(\.rawValue).joined(separator: ", "))。",
                en:
                    "Unknown setting \"\(text)\". Known settings: "
                    + "\(Key.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        return key
    }
}
