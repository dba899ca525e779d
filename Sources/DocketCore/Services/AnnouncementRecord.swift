/// A court's announcement (宣传公告), `announcements/<id>.json` in the court's announcements repository, which
/// every peer of the court receives. Only the court writes that repository.
public struct AnnouncementRecord: Record, Equatable {
    public static let schema = "docket.announcement/1"
    public static let explicitNullFields = ["validUntil", "language"]

    public var id: String
    /// The publishing court's code (法院代字, e.g. 鲁0102).
    public var court: String
    public var title: String
    public var body: String
    /// Shown from this minute (Asia/Shanghai) on.
    public var validFrom: LocalDateTime
    /// Shown until just before this minute; nil: until withdrawn.
    public var validUntil: LocalDateTime?
    /// `zh-Hans`, `en`, …; nil: for every language.
    public var language: String?
    public var createdAt: HybridTimestamp
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    /// An announcement; refuses an empty title or body and a validity that ends before it starts.
    public init(
        id: String, court: String, title: String, body: String, validFrom: LocalDateTime,
        validUntil: LocalDateTime?, language: String? = nil, at time: HybridTimestamp, by node: String
    ) throws {
        guard !title.trimmingSpaces.isEmpty, !body.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "announcement.title-body-required", zh: "公告须有标题和正文。",
                en: "An announcement needs a title and a body.")
        }
        if let validUntil, validUntil <= validFrom {
            throw DocketError(
                .invalidInput, key: "announcement.ends-before-start",
                zh: "公告有效期结束时间（\(validUntil)）早于开始时间（\(validFrom)）。",
                en: "The announcement would end (\(validUntil)) before it starts (\(validFrom)).")
        }
        self.id = id; self.court = court; self.title = title; self.body = body; self.validFrom = validFrom
        self.validUntil = validUntil; self.language = language
        self.createdAt = time; self.updatedAt = time; self.updatedBy = node
    }

    /// Its file in the announcements repository.
    public var path: String { "announcements/\(id).json" }

    /// True when shown at `time`: from `validFrom` (inclusive) to `validUntil` (exclusive).
    public func isCurrent(at time: LocalDateTime) -> Bool {
        validFrom <= time && (validUntil.map { time < $0 } ?? true)
    }

    /// The announcements shown at `time` in `language` (those without a language are shown in every language),
    /// newest first (by `validFrom`, then id).
    public static func current(
        _ all: [AnnouncementRecord], at time: LocalDateTime, language: String? = nil
    ) -> [AnnouncementRecord] {
        all.filter { $0.isCurrent(at: time) && ($0.language == nil || language == nil || $0.language == language) }
            .sorted { ($1.validFrom, $1.id) < ($0.validFrom, $0.id) }
    }

    /// The change that publishes (or, with a new `validUntil`, withdraws) the announcement: one file and a message.
    public func publication() throws -> CaseChange {
        var change = CaseChange(message: "Announcement \(id): \(title)")
        try change.write(self, at: path)
        return change
    }
}
