import DocketCore
import DocketStore
import Foundation
import Hummingbird

/// The courts' announcements: everyone signed in reads the current ones (a firm those of every court it syncs
/// with); a court's administrators and clerks publish and withdraw them (`Node.publishAnnouncement`, the step of
/// `docket announce publish`), and every peer of the court receives them on its next sync.
extension DeskServer {
    func announcementsPage(_ request: Request) async -> Response {
        let done = request.uri.queryParameters.get("done")
        return await page(request, .readAnnouncements) { visit, session in
            let english = visit.english
            let publishing = DeskPermission.publishAnnouncements.allows(session.user.role)
            let (current, all, now) = try await self.read { node in
                let now = node.tick().shanghai
                let current = try node.currentAnnouncements(at: now, language: english ? "en" : "zh-Hans")
                let all =
                    publishing
                    ? try node.announcementCourts().flatMap { try node.announcements(court: $0) }
                        .sorted { ($1.validFrom, $1.id) < ($0.validFrom, $0.id) } : []
                return (current, all, now)
            }
            let values: [String: Any] = [
                "current": current.map { Self.announcementValues($0, now: now, english: english) },
                "all": all.map { Self.announcementValues($0, now: now, english: english) },
                "publishing": publishing, "anyCurrent": !current.isEmpty, "done": done.map {
                    DeskText.done($0, english: english)
                } as Any,
            ]
            return self.html(
                self.pages.render(
                    "announcements", values, visit: visit, title: visit.say("法院公告", "Court announcements")))
        }
    }

    static func announcementValues(_ record: AnnouncementRecord, now: LocalDateTime, english: Bool) -> [String: Any] {
        let status: String
        if record.isCurrent(at: now) {
            status = english ? "shown now" : "公示中"
        } else if record.validFrom > now {
            status = english ? "not yet shown" : "尚未开始"
        } else {
            status = english ? "ended" : "已结束"
        }
        return [
            "id": record.id, "court": record.court, "title": record.title, "body": record.body,
            "from": beijing(record.validFrom, english: english),
            "until": record.validUntil.map { beijing($0, english: english) } ?? "",
            "language": record.language ?? "", "status": status,
            "withdrawable": record.validUntil.map { $0 > now } ?? true,
        ]
    }

    /// Publishes an announcement of this court; times are Beijing wall time ("YYYY-MM-DD HH:MM").
    func publishAnnouncement(_ request: Request) async -> Response {
        await action(request, .publishAnnouncements) { form, _, session in
            let from = try Self.announcementTime(form["from"], field: "from")
            let until = try Self.announcementTime(form["until"], field: "until")
            let language = form["language"].flatMap { $0.isEmpty ? nil : $0 }
            _ = try await self.work(session) { node in
                try node.publishAnnouncement(
                    title: form["title"] ?? "", body: form["body"] ?? "", validFrom: from, validUntil: until,
                    language: language)
            }
            return self.redirect("/announcements?done=published")
        }
    }

    func withdrawAnnouncement(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let id = context.parameters.get("id") ?? ""
        return await action(request, .publishAnnouncements) { _, _, session in
            _ = try await self.work(session) { node in try node.withdrawAnnouncement(id: id) }
            return self.redirect("/announcements?done=withdrawn")
        }
    }

    /// A time from the form (a browser's `datetime-local` or typed), or nil when left empty.
    static func announcementTime(_ text: String?, field: String) throws -> LocalDateTime? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        do { return try LocalDateTime(parsing: text) } catch {
            throw DocketError(
                .invalidInput, key: "desk.announcement-time",
                zh: "“\(text)”不是有效的时间，请按北京时间“YYYY-MM-DD HH:MM”填写，如“2026-10-01 08:30”。",
                en: "\"\(text)\" is not a time; write Beijing time as YYYY-MM-DD HH:MM, e.g. 2026-10-01 08:30.",
                arguments: ["field": field])
        }
    }
}
