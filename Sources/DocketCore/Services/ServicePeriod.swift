/// Periods of the services that `StatutoryPeriod` does not list: counted in days or in working days, each with
/// its legal basis. (`StatutoryPeriod` already covers the preservation ruling, the pre-suit lapse, the hearing
/// notice, the transcript and the mediation periods; `ServiceDeadlines` uses both.)
public enum ServicePeriod: String, CaseIterable, Codable, Sendable {
    /// The parties may choose the mediator together within 2 working days of consenting.
    case mediatorChoice = "mediator-choice"
    /// Otherwise the court assigns one within 3 working days.
    case mediatorAssignment = "mediator-assignment"
    /// A party may ask once for reconsideration of a preservation ruling within 5 days of its service.
    case reconsiderationRequest = "reconsideration-request"
    /// The court decides a reconsideration within 10 days of receiving it.
    case reconsiderationReview = "reconsideration-review"
    /// The court reviews a written objection to an enforcement act within 15 days of receiving it.
    case enforcementObjectionReview = "enforcement-objection-review"

    /// How many units the period lasts.
    public var length: Int {
        switch self {
        case .mediatorChoice: 2
        case .mediatorAssignment: 3
        case .reconsiderationRequest: 5
        case .reconsiderationReview: 10
        case .enforcementObjectionReview: 15
        }
    }

    /// True when the law counts working days (rest days inside the period are skipped), not calendar days.
    public var countsWorkingDays: Bool { self == .mediatorChoice || self == .mediatorAssignment }

    /// A short English name.
    public var title: String {
        switch self {
        case .mediatorChoice: "Mediator chosen by the parties"
        case .mediatorAssignment: "Mediator assigned by the court"
        case .reconsiderationRequest: "Reconsideration of a preservation ruling (request)"
        case .reconsiderationReview: "Reconsideration of a preservation ruling (decision)"
        case .enforcementObjectionReview: "Review of an enforcement objection"
        }
    }

    /// The same in Chinese.
    public var chinese: String {
        switch self {
        case .mediatorChoice: "当事人共同选定调解员"
        case .mediatorAssignment: "法院指定调解员"
        case .reconsiderationRequest: "申请保全复议"
        case .reconsiderationReview: "保全复议审查"
        case .enforcementObjectionReview: "执行异议审查"
        }
    }

    /// The event the period is counted from.
    public var trigger: String {
        switch self {
        case .mediatorChoice, .mediatorAssignment: "every party's consent to mediation"
        case .reconsiderationRequest: "service of the preservation ruling"
        case .reconsiderationReview: "receipt of the reconsideration request"
        case .enforcementObjectionReview: "receipt of the written objection"
        }
    }

    /// The legal basis.
    public var basis: String {
        switch self {
        case .mediatorChoice, .mediatorAssignment: "SPC Rules on Online Mediation (人民法院在线调解规则, "
            + "法释〔2021〕23号)"
        case .reconsiderationRequest, .reconsiderationReview:
            "CPL (2023) art. 111; SPC Provisions on Property Preservation (法释〔2016〕22号) art. 25"
        case .enforcementObjectionReview: "CPL (2023) art. 236"
        }
    }
}

extension PeriodCalculator {
    /// The last day of a period of `workingDays` working days after `trigger`: the trigger day is not counted, and
    /// weekends and public holidays inside the period are skipped (make-up working days count). Throws outside the
    /// calendar's years.
    public func lastDay(from trigger: LocalDate, workingDays: Int) throws -> PeriodResult {
        guard workingDays >= 1 else {
            throw DocketError(
                .invalidInput, key: "period.working-days-too-few", zh: "期间至少为1个工作日，所填为\(workingDays)。",
                en: "A period must be at least 1 working day; \(workingDays) was given.")
        }
        var day = trigger, counted = 0, skipped: [String] = []
        while counted < workingDays {
            day = day.adding(days: 1)
            if try calendar.isWorkingDay(day) {
                counted += 1
            } else if let reason = try calendar.restReason(day) {
                skipped.append("\(day) (\(reason))")
            }
        }
        var rule = [
            "The day of the event (\(trigger)) is not counted; \(workingDays) working "
                + "day\(workingDays == 1 ? "" : "s") from \(trigger.adding(days: 1)) end on \(day)."
        ]
        if !skipped.isEmpty { rule.append("Rest days skipped: \(skipped.joined(separator: ", ")).") }
        return PeriodResult(lastDay: day, rule: rule)
    }

    /// The end of one of the services' periods, counted from `trigger`.
    public func period(_ period: ServicePeriod, from trigger: LocalDate) throws -> PeriodResult {
        var result =
            period.countsWorkingDays
            ? try lastDay(from: trigger, workingDays: period.length)
            : try lastDay(from: trigger, days: period.length)
        let unit = period.countsWorkingDays ? "working days" : "days"
        result.rule.insert("\(period.title): \(period.length) \(unit) from \(period.trigger) (\(period.basis)).", at: 0)
        return result
    }
}
