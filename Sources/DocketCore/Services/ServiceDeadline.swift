/// One open deadline of a service request or hearing: what must happen, by whom, by when, and on what basis.
/// The `docket deadlines --json` shape.
public struct ServiceDeadline: Codable, Equatable, Sendable {
    public var caseUID: String
    public var caseNumber: String?
    /// The record the deadline belongs to (`filings/<id>.json`, `hearings/<id>.json`).
    public var recordPath: String
    /// A stable word (`preservation-ruling`, `pre-suit-preservation-lapse`, `transcript-signature`, …).
    public var name: String
    public var title: String
    public var chinese: String
    /// Who must act: `court`, `applicant`, `parties`, or a party id.
    public var owner: String
    /// The last day (Asia/Shanghai).
    public var lastDay: LocalDate
    /// For hour periods: the exact deadline (Asia/Shanghai).
    public var deadline: LocalDateTime?
    /// The legal basis, article included.
    public var basis: String
    /// How the last day was computed, step by step.
    public var rule: [String]
    /// Why the last day is provisional (no holiday notice yet for its year), or nil.
    public var provisional: String?
    /// Why the last day could not be computed, or nil; the entry is kept (with the nominal day) so that no
    /// deadline ever goes missing from the register.
    public var error: String?

    public init(
        caseUID: String, caseNumber: String?, recordPath: String, name: String, title: String, chinese: String,
        owner: String, result: PeriodResult, basis: String, error: String? = nil
    ) {
        self.caseUID = caseUID; self.caseNumber = caseNumber; self.recordPath = recordPath; self.name = name
        self.title = title; self.chinese = chinese; self.owner = owner; self.lastDay = result.lastDay
        self.deadline = result.deadline; self.basis = basis; self.rule = result.rule;
        self.provisional = result.provisional
        self.error = error
    }

    /// A deadline whose computation failed: kept with its nominal last day and the error.
    public init(
        caseUID: String, caseNumber: String?, recordPath: String, name: String, title: String, chinese: String,
        owner: String, nominal: LocalDate, basis: String, error: Error
    ) {
        self.init(
            caseUID: caseUID, caseNumber: caseNumber, recordPath: recordPath, name: name, title: title,
            chinese: chinese,
            owner: owner, result: PeriodResult(lastDay: nominal, rule: ["Not computed: \(error)"]), basis: basis,
            error: "\(error)")
    }

    /// True once the deadline has passed at `now` (after the exact time, or after the last day).
    public func isOverdue(at now: LocalDateTime) -> Bool {
        if let deadline { return now > deadline }
        return now.date > lastDay
    }

    /// True when the last day falls within `days` days of `today` (overdue ones included).
    public func isDue(within days: Int, today: LocalDate) -> Bool { lastDay <= today.adding(days: days) }
}
