/// A year's holiday arrangement as a court publishes it (`calendar/holidays-<year>.json` in its announcements
/// repository, signed like every publication), so that firm and kiosk nodes judge periods by it from their next
/// sync on — no software update needed when the State Council publishes next year's notice.
public struct HolidayNoticeRecord: Record, Equatable {
    public static let schema = "docket.holidays/1"
    public static let explicitNullFields = ["published"]

    public struct Holiday: Codable, Equatable, Sendable {
        public var name: String
        /// Every day off of the range (YYYY-MM-DD), weekend days folded in included.
        public var dates: [String]
    }

    public var court: String
    public var year: Int
    /// The notice's title and number (国务院办公厅关于2027年部分节假日安排的通知 …).
    public var title: String
    public var published: String?
    public var holidays: [Holiday]
    /// Make-up working days (YYYY-MM-DD).
    public var workdays: [String]
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    /// Its file in the announcements repository.
    public var path: String { Self.path(year) }
    public static func path(_ year: Int) -> String { "calendar/holidays-\(year).json" }

    /// True for `calendar/holidays-<four digits>.json`.
    public static func isPath(_ path: String) -> Bool {
        guard path.hasPrefix("calendar/holidays-"), path.hasSuffix(".json") else { return false }
        let year = path.dropFirst("calendar/holidays-".count).dropLast(5)
        return year.count == 4 && year.allSatisfy(\.isNumber)
    }

    public init(court: String, notice: HolidayNotice, at time: HybridTimestamp, by node: String) {
        self.court = court; self.year = notice.year; self.title = notice.title; self.published = notice.published
        var byName: [String: [String]] = [:]
        for (day, name) in notice.holidays { byName[name, default: []].append(day.description) }
        holidays =
            HolidayNotice.festivals.compactMap { name in byName[name].map { Holiday(name: name, dates: $0.sorted()) } }
            + byName.keys.filter { !HolidayNotice.festivals.contains($0) }.sorted().map {
                Holiday(name: $0, dates: byName[$0]!.sorted())
            }
        workdays = notice.workdays.map(\.description).sorted()
        updatedAt = time; updatedBy = node
    }

    /// The notice it publishes, checked (`HolidayNotice.check`).
    public func notice() throws -> HolidayNotice {
        var days: [LocalDate: String] = [:]
        for holiday in holidays { for text in holiday.dates { days[try LocalDate(parsing: text)] = holiday.name } }
        let notice = HolidayNotice(
            year: year, title: title, published: published, holidays: days,
            workdays: Set(try workdays.map { try LocalDate(parsing: $0) }))
        try notice.check()
        return notice
    }

    /// The change that publishes it.
    public func publication() throws -> CaseChange {
        var change = CaseChange(message: "Holiday arrangement \(year): \(title)")
        try change.write(self, at: path)
        return change
    }
}

extension HolidayNotice {
    /// A notice from a JSON file in the shape of one year of the shipped calendar, with its year:
    /// `{"year": 2027, "notice": "…", "published": "…", "holidays": [{"name", "dates"}], "workdays": […]}`.
    public init(json: [UInt8]) throws {
        let value = try JSONParser.parse(json)
        guard let year = value["year"]?.intValue else {
            throw DocketError(
                .invalidInput, key: "holiday.no-year", zh: "通知文件缺少年份。",
                en: "The notice file names no year (\"year\": 2027).")
        }
        var days: [LocalDate: String] = [:]
        for holiday in value["holidays"]?.arrayValue ?? [] {
            guard let name = holiday["name"]?.stringValue else {
                throw DocketError(
                    .invalidInput, key: "holiday.unnamed", zh: "假日缺少名称。", en: "A holiday in the notice has no "
                        + "name.")
            }
            for date in holiday["dates"]?.arrayValue ?? [] {
                guard let text = date.stringValue else {
                    throw DocketError(
                        .invalidInput, key: "holiday.date-not-text", zh: "\(name)的日期格式错误。",
                        en: "A date of \(name) is not text.")
                }
                days[try LocalDate(parsing: text)] = name
            }
        }
        let workdays = try (value["workdays"]?.arrayValue ?? []).map { date -> LocalDate in
            guard let text = date.stringValue else {
                throw DocketError(
                    .invalidInput, key: "holiday.workday-not-text", zh: "调休日期格式错误。",
                    en: "A make-up working day is not text.")
            }
            return try LocalDate(parsing: text)
        }
        self.init(
            year: Int(year),
            title: value["notice"]?.stringValue ?? value["title"]?.stringValue ?? "国务院办公厅关于\(year)年部分节假日安排的通知",
            published: value["published"]?.stringValue, holidays: days, workdays: Set(workdays))
        try check()
    }
}
