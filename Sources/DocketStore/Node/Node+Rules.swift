import DocketCore
import DocketSchemas
import Foundation
import Synchronization

extension Node {
    /// Refuses a step that only a court may take, naming it, on a firm or kiosk node.
    package func requireCourt(_ step: String) throws {
        guard config.role == .court else {
            throw DocketError(
                .notAllowed, key: "policy.court-only",
                zh: "\(step)须由法院办理；本节点是\(config.role.rawValue)节点（\(config.nodeId)）。",
                en: "\(step) is a court step; this is a \(config.role.rawValue) node (\(config.nodeId)).")
        }
    }

    /// The statutory-period calculator over this node's holiday calendar (`holidayCalendar()`).
    public func periods() throws -> PeriodCalculator {
        PeriodCalculator(calendar: try holidayCalendar())
    }

    /// The shipped holiday calendar with every year's arrangement a court has published since (in the court
    /// repositories of announcements this node holds — its own on a court). Read again only when one of those
    /// repositories moved.
    public func holidayCalendar() throws -> HolidayCalendar {
        let courts = try announcementCourtsOnDisk()
        let key =
            paths.root.path + "|"
            + courts.map { court in
                court + "@"
                    + ((try? String(
                        contentsOf: paths.announcements(ofCourt: court).appendingPathComponent("refs/heads/main"),
                        encoding: .utf8)) ?? "")
            }.joined(separator: ",")
        if let known = Self.calendars.withLock({ $0.byNode[key] }) { return known }
        var calendar = try Self.holidayCalendar()
        for court in courts {
            guard let repo = try announcementsRepository(court: court), let tip = try repo.reference(Self.mainRef)
            else { continue }
            for record in try AnnouncementHistory.holidayNotices(in: repo, at: tip) {
                calendar = try calendar.adding(try record.notice(), source: "published by \(record.court)")
            }
        }
        Self.calendars.withLock { $0.byNode[key] = calendar }
        return calendar
    }

    /// Holiday calendars computed once per process: the shipped one, and each node's (keyed by its data directory
    /// and the tips of the announcements repositories it was read from).
    private static let calendars = Mutex<(shipped: HolidayCalendar?, byNode: [String: HolidayCalendar])>((nil, [:]))

    /// The shipped calendar alone.
    static func holidayCalendar() throws -> HolidayCalendar {
        try calendars.withLock { calendars in
            if let shipped = calendars.shipped { return shipped }
            let calendar = try HolidayCalendar(json: try DocketSchemas.data("calendar/holidays-cn.json"))
            calendars.shipped = calendar
            return calendar
        }
    }

    /// A shipped document template (Schemas/templates/<name>.txt).
    static func template(_ name: String) throws -> String {
        String(decoding: try DocketSchemas.data("templates/\(name).txt"), as: UTF8.self)
    }

    /// A template filled with `values`, as a generated dossier document.
    func renderedDocument(
        _ template: String, _ values: [String: String], name: String, title: String,
        at actor: Actor
    ) throws -> (meta: DocumentMeta, bytes: [UInt8]) {
        generatedDocument(name: name, title: title, text: try Template.render(template, values), at: actor)
    }

    /// A generated document (notice, ruling, certificate, letter) as dossier metadata and bytes.
    public func generatedDocument(
        name: String, title: String, text: String, at actor: Actor
    ) -> (meta: DocumentMeta, bytes: [UInt8]) {
        newDocument(name: name, title: title, bytes: Array(text.utf8), at: actor)
    }

    /// Dossier metadata for `bytes` under a name already known to be safe: a new id, the hash and size, the media
    /// type from the name, stamped with the acting node and time.
    func newDocument(
        name: String, title: String, bytes: [UInt8], at actor: Actor
    ) -> (meta: DocumentMeta, bytes: [UInt8]) {
        var rng = SystemRandomNumberGenerator()
        let meta = DocumentMeta(
            id: Identifier.short("d", using: &rng), name: name, title: title, size: Int64(bytes.count),
            sha256: sha256Hex(bytes), mediaType: FileName.mediaType(of: name),
            addedAt: actor.time, addedBy: actor.node)
        return (meta, bytes)
    }
}
