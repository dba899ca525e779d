/// The hours a court works: the sessions of a working day (Asia/Shanghai wall time), on the days the holiday
/// calendar says are working days. Hearings and reception slots outside them are refused unless the court says
/// why it sits then.
public struct CourtHours: Sendable, Equatable, CustomStringConvertible {
    /// One session of the day, in minutes after midnight: [start, end).
    public struct Session: Sendable, Equatable {
        public var start: Int
        public var end: Int
    }

    public var sessions: [Session]

    /// 08:30–12:00 and 13:30–17:30, as most people's courts keep them.
    public static let standard = try! CourtHours(parsing: "08:30-12:00,13:30-17:30")

    /// Sessions as the node setting `court.hours` writes them: "08:30-12:00,13:30-17:30".
    public init(parsing text: String) throws {
        var sessions: [Session] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let start = Self.minutes(ends[0]), let end = Self.minutes(ends[1]), start < end
            else {
                throw DocketError(
                    .invalidInput, key: "hours.format", zh: "工作时间格式应为 08:30-12:00,13:30-17:30，"
                        + "“\(part)”不符合。",
                    en: "Court hours are written like 08:30-12:00,13:30-17:30; \"\(part)\" is not.")
            }
            sessions.append(Session(start: start, end: end))
        }
        guard !sessions.isEmpty else {
            throw DocketError(
                .invalidInput, key: "hours.required", zh: "请填写工作时间。", en: "Give at least one session of court "
                    + "hours.")
        }
        self.sessions = sessions.sorted { $0.start < $1.start }
    }

    public var description: String {
        sessions.map { "\(Self.clock($0.start))-\(Self.clock($0.end))" }.joined(separator: ",")
    }

    /// Why a sitting from `start` to `end` is outside the court's hours, or nil when it is inside: on a working day,
    /// starting within a session and ending by the close of the day's last session.
    public func problem(from start: LocalDateTime, to end: LocalDateTime, calendar: HolidayCalendar) -> String? {
        if let rest = (try? calendar.restReason(start.date)) ?? nil {
            return "\(start.date) is \(rest) (休息日)"
        }
        let from = start.hour * 60 + start.minute, until = end.date == start.date ? end.hour * 60 + end.minute : 24 * 60
        guard sessions.contains(where: { $0.start <= from && from < $0.end }) else {
            return "\(Self.clock(from)) is outside the court's hours \(description) (不在工作时间内)"
        }
        if until > sessions.last!.end {
            return
                "it would end at \(Self.clock(until)), after the court closes at \(Self.clock(sessions.last!.end)) "
                + "(超出工作时间)"
        }
        return nil
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }

    static func clock(_ minutes: Int) -> String {
        "\(LocalDate.pad(minutes / 60, 2)):\(LocalDate.pad(minutes % 60, 2))"
    }
}
