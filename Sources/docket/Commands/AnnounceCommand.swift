import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct AnnounceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Publish, list and withdraw the court's announcements (宣传公告).",
        discussion: """
            A court publishes announcements on its own node; every peer of the court (law firms, lobby kiosks) \
            receives them on its next `docket sync`, and the kiosk shows the current ones on its welcome screen. \
            Times are Beijing time (Asia/Shanghai), written 'YYYY-MM-DD HH:MM'. An announcement is shown from its \
            start (default: now) until its end (default: until withdrawn). Withdrawing ends it now; the record stays \
            as history. Only a court node publishes or withdraws.
            """,
        subcommands: [Publish.self, List.self, Withdraw.self]
    )

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish an announcement of this court.",
            discussion:
                "Example: docket announce publish --title '国庆假期安排' --body '10月1日至7日立案大厅暂停开放。' "
                + "--until '2025-10-08 08:30' --language zh-Hans"
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Option(help: "The headline, one line.") var title: String
        @Option(help: "The text of the announcement.") var body: String
        @Option(help: ArgumentHelp("Shown from this time on (default: now).", valueName: "YYYY-MM-DD HH:MM")) var from:
            String?
        @Option(
            help: ArgumentHelp(
                "Shown until just before this time (default: until withdrawn).", valueName: "YYYY-MM-DD HH:MM"))
        var until: String?
        @Option(
            help: ArgumentHelp(
                "Show it only to people using the kiosk in this language: zh-Hans or en (default: everyone).",
                valueName: "language"))
        var language: String?

        func run() throws {
            let record = try node.open().publishAnnouncement(
                title: title, body: body, validFrom: try from.map { try Self.time($0, option: "--from") },
                validUntil: try until.map { try Self.time($0, option: "--until") }, language: language)
            if output.json { try printJSON(AnnouncementView(record, now: nil)); return }
            print(
                "Published announcement \(record.id) (\(AnnouncementView.validity(record))). "
                    + "Peers receive it on their next sync."
            )
        }

        /// Beijing wall time from 'YYYY-MM-DD HH:MM', with a message that names the option and shows the form.
        static func time(_ text: String, option: String) throws -> LocalDateTime {
            do { return try LocalDateTime(parsing: text) } catch {
                throw DocketError(
                    .invalidInput, key: "announcement.time-format",
                    zh: "\(option) \(text)：请以北京时间“YYYY-MM-DD HH:MM”格式填写，如“2025-10-01 08:30”。",
                    en: "\(option) \(text): write Beijing time as 'YYYY-MM-DD HH:MM', e.g. '2025-10-01 08:30'.")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the announcements shown now (with --all, every one this node holds).",
            discussion: "A court lists its own; a law firm or kiosk those of every court it has received them from.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Flag(help: "Also list announcements that have ended, been withdrawn or not started yet.") var all = false

        func run() throws {
            let opened = try node.open()
            let now = opened.tick().shanghai
            let records =
                all
                ? try opened.announcementCourts().flatMap { try opened.announcements(court: $0) }.sorted {
                    ($1.validFrom, $1.id) < ($0.validFrom, $0.id)
                }
                : try opened.currentAnnouncements(at: now)
            let views = records.map { AnnouncementView($0, now: now) }
            if output.json { try printJSON(views); return }
            if views.isEmpty {
                print(all ? "No announcements." : "No announcements are shown now (see --all)."); return
            }
            for (record, view) in zip(records, views) {
                let state = view.current == true ? "" : "  [not shown now]"
                print(
                    "\(record.id)  \(record.court)  \(view.validity)"
                        + "\(record.language.map { "  (\($0) only)" } ?? "")\(state)"
                )
                print("  \(record.title)")
                print("  \(record.body.replacingOccurrences(of: "\n", with: "\n  "))")
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw an announcement of this court now.",
            discussion:
                "Its end becomes now; peers stop showing it once they sync. "
                + "The id is the one `docket announce list` shows."
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The announcement's id (a…).") var id: String

        func run() throws {
            let record = try node.open().withdrawAnnouncement(id: id)
            if output.json { try printJSON(AnnouncementView(record, now: nil)); return }
            print("Withdrew announcement \(record.id) (\(AnnouncementView.validity(record))).")
        }
    }
}

/// An announcement as `docket announce … --json` prints it.
struct AnnouncementView: Encodable {
    var id: String
    var court: String
    var title: String
    var body: String
    var validFrom: String
    var validUntil: String?
    var language: String?
    /// Whether it is shown now (Asia/Shanghai); left out where the command does not say.
    var current: Bool?
    var validity: String

    init(_ record: AnnouncementRecord, now: LocalDateTime?) {
        id = record.id; court = record.court; title = record.title; body = record.body
        validFrom = record.validFrom.description; validUntil = record.validUntil?.description
        language = record.language; current = now.map(record.isCurrent(at:)); validity = Self.validity(record)
    }

    /// "2025-10-01 08:30 – 2025-10-08 08:30", or "from 2025-10-01 08:30, until withdrawn".
    static func validity(_ record: AnnouncementRecord) -> String {
        let from = record.validFrom.description.replacingOccurrences(of: "T", with: " ")
        guard let until = record.validUntil else { return "from \(from), until withdrawn" }
        return "\(from) – \(until.description.replacingOccurrences(of: "T", with: " "))"
    }
}
