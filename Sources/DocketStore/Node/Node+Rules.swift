import DocketCore
import DocketSchemas
import Foundation

extension Node {
    /// Refuses a step that only a court may take, naming it, on a firm or kiosk node.
    public func requireCourt(_ step: String) throws {
        guard config.role == .court else {
            throw DocketError("\(step) is a court step; this is a \(config.role.rawValue) node (\(config.nodeId)).")
        }
    }

    /// The statutory-period calculator over the shipped holiday calendar.
    public func periods() throws -> PeriodCalculator {
        PeriodCalculator(calendar: try Self.holidayCalendar())
    }

    private static let calendarCache = NSLock()
    nonisolated(unsafe) private static var cachedCalendar: HolidayCalendar?

    static func holidayCalendar() throws -> HolidayCalendar {
        calendarCache.lock(); defer { calendarCache.unlock() }
        if let cachedCalendar { return cachedCalendar }
        let calendar = try HolidayCalendar(json: try DocketSchemas.data("calendar/holidays-cn.json"))
        cachedCalendar = calendar
        return calendar
    }

    /// A shipped document template (Schemas/templates/<name>.txt).
    static func template(_ name: String) throws -> String {
        String(decoding: try DocketSchemas.data("templates/\(name).txt"), as: UTF8.self)
    }

    /// A template filled with `values`, as a generated dossier document.
    func renderedDocument(_ template: String, _ values: [String: String], name: String, title: String,
                          at actor: Actor) throws -> (meta: DocumentMeta, bytes: [UInt8]) {
        generatedDocument(name: name, title: title, text: try Template.render(template, values), at: actor)
    }

    /// A generated document (notice, ruling, certificate, letter) as dossier metadata and bytes.
    public func generatedDocument(name: String, title: String, text: String, at actor: Actor) -> (meta: DocumentMeta, bytes: [UInt8]) {
        newDocument(name: name, title: title, bytes: Array(text.utf8), at: actor)
    }

    /// Dossier metadata for `bytes` under a name already known to be safe: a new id, the hash and size, the media
    /// type from the name, stamped with the acting node and time.
    func newDocument(name: String, title: String, bytes: [UInt8], at actor: Actor) -> (meta: DocumentMeta, bytes: [UInt8]) {
        var rng = SystemRandomNumberGenerator()
        let meta = DocumentMeta(id: Identifier.short("d", using: &rng), name: name, title: title, size: Int64(bytes.count),
                                sha256: sha256Hex(bytes), mediaType: FileName.mediaType(of: name),
                                addedAt: actor.time, addedBy: actor.node)
        return (meta, bytes)
    }
}
