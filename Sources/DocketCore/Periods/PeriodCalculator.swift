/// Computes the end of statutory periods under the Civil Procedure Law (2023) art. 85.
///
/// Art. 85: periods are counted in hours, days, months or years; the hour and the day on which the period
/// begins are not counted; when the last day is a statutory rest day, the period ends on the first day
/// after the rest days. Following the Supreme People's Court's reading, rest days are weekends and public
/// holidays, State Council make-up working days (调休上班) are working days, and rest days inside the
/// period are not deducted.
///
/// A last day that rests on a year without a published notice is still computed — from the law's holidays
/// and weekends — and the result says it is provisional and why (`PeriodResult.provisional`).
public struct PeriodCalculator: Sendable {
    /// The national holiday calendar used to decide whether a last day is a rest day.
    public let calendar: HolidayCalendar

    /// A calculator over `calendar`.
    public init(calendar: HolidayCalendar) { self.calendar = calendar }

    /// The last day of a period of `days` days after `trigger` (service, judgment, filing...).
    ///
    /// Art. 85(2): counting starts the day after the trigger, so the nominal last day is trigger + days;
    /// art. 85(3): a rest day moves it to the next working day. Throws past the calendar's last year.
    public func lastDay(from trigger: LocalDate, days: Int) throws -> PeriodResult {
        guard days >= 1 else {
            throw DocketError(
                .invalidInput, key: "period.days-too-few", zh: "期间至少为1日，所填为\(days)。",
                en: "A period must be at least 1 day; \(days) was given.")
        }
        let start = trigger.adding(days: 1)
        let nominal = trigger.adding(days: days)
        var rule = [
            "The day of the event (\(trigger)) is not counted; counting starts on \(start) (CPL art. 85(2)).",
            "\(days) day\(days == 1 ? "" : "s") from \(start) ends on \(nominal).",
        ]
        rule += holidaysInside(after: trigger, before: nominal)
        let end = try moveOffRestDay(nominal, rule: &rule)
        return PeriodResult(lastDay: end, rule: rule, provisional: provisional(from: nominal, to: end))
    }

    /// The last day of a period of `months` months after `trigger`.
    ///
    /// The period ends on the day of the last month that corresponds to the trigger day, or on that
    /// month's last day when it has no such day (2024-01-31 + 1 month → 2024-02-29); then the rest-day
    /// rule of art. 85(3) applies.
    public func lastDay(from trigger: LocalDate, months: Int) throws -> PeriodResult {
        guard months >= 1 else {
            throw DocketError(
                .invalidInput, key: "period.months-too-few", zh: "期间至少为1个月，所填为\(months)。",
                en: "A period must be at least 1 month; \(months) was given.")
        }
        return try calendarPeriod(from: trigger, to: trigger.adding(months: months), amount: months, unit: "month")
    }

    /// The last day of a period of `years` years after `trigger` (29 February ends on 28 February in a
    /// common year), then the rest-day rule of art. 85(3).
    public func lastDay(from trigger: LocalDate, years: Int) throws -> PeriodResult {
        guard years >= 1 else {
            throw DocketError(
                .invalidInput, key: "period.years-too-few", zh: "期间至少为1年，所填为\(years)。",
                en: "A period must be at least 1 year; \(years) was given.")
        }
        return try calendarPeriod(from: trigger, to: trigger.adding(years: years), amount: years, unit: "year")
    }

    /// A period counted in months or years: it ends on the corresponding day `nominal`, moved off a rest day.
    private func calendarPeriod(
        from trigger: LocalDate, to nominal: LocalDate, amount: Int, unit: String
    ) throws -> PeriodResult {
        var rule = [
            "The day of the event (\(trigger)) is not counted; counting starts on \(trigger.adding(days: 1)) (CPL "
                + "art. 85(2)).",
            correspondingDayRule(trigger: trigger, nominal: nominal, amount: amount, unit: unit),
        ]
        rule += holidaysInside(after: trigger, before: nominal)
        let end = try moveOffRestDay(nominal, rule: &rule)
        return PeriodResult(lastDay: end, rule: rule, provisional: provisional(from: nominal, to: end))
    }

    /// The deadline of a period of `hours` hours after an event at `event` (Asia/Shanghai wall time).
    ///
    /// Art. 85(2): the hour in which the event happened is not counted, so counting starts at the next
    /// whole hour (09:30 → 10:00; 09:00 → 10:00). Hour periods run through nights and rest days: the
    /// rest-day extension of art. 85(3) speaks of a last *day* and does not apply.
    public func deadline(fromHour event: LocalDateTime, hours: Int) throws -> PeriodResult {
        guard hours >= 1 else {
            throw DocketError(
                .invalidInput, key: "period.hours-too-few", zh: "期间至少为1小时，所填为\(hours)。",
                en: "A period must be at least 1 hour; \(hours) was given.")
        }
        let start = event.nextWholeHour
        let end = start.adding(hours: hours)
        let rule = [
            "The hour of the event (\(event)) is not counted; counting starts at \(start) (CPL art. 85(2)).",
            "\(hours) hour\(hours == 1 ? "" : "s") from \(start) ends at \(end) (Asia/Shanghai).",
            "Hour periods run through nights, weekends and holidays; the rest-day extension (art. 85(3)) applies only "
                + "to periods counted in days, months or years.",
        ]
        return PeriodResult(lastDay: end.date, deadline: end, rule: rule)
    }

    /// The latest day to act when the law requires acting at least `days` days *before* an event
    /// (e.g. the hearing notice, CPL art. 139: "应当在开庭三日前通知").
    ///
    /// The latest day is event − days. No rest-day shift is applied: moving the day later would shorten the
    /// notice, so when it falls on a rest day the step list says so and the court serves earlier.
    public func latestDay(before event: LocalDate, days: Int) -> PeriodResult {
        let latest = event.adding(days: -days)
        var rule = [
            "Acting at least \(days) day\(days == 1 ? "" : "s") before \(event) means acting on \(latest) at "
                + "the latest."
        ]
        if let reason = (try? calendar.restReason(latest)) ?? nil {
            rule.append(
                "\(latest) is \(reason); the law gives no extension for a deadline counted backwards, so act on an "
                    + "earlier working day or serve electronically."
            )
        }
        return PeriodResult(lastDay: latest, rule: rule, provisional: provisional(from: latest, to: latest))
    }

    /// The end of one of the product's statutory periods, counted from `trigger`.
    ///
    /// Hour periods need a time: use `period(_:fromHour:)` for those.
    public func period(_ period: StatutoryPeriod, from trigger: LocalDate) throws -> PeriodResult {
        var result: PeriodResult
        switch (period.unit, period.direction) {
        case (.hours, _):
            throw DocketError(
                .invalidInput, key: "period.needs-time", zh: "\(period.title)以小时计算，"
                    + "请同时填写事件发生的日期和时间。",
                en: "\(period.title) is counted in hours; give the time of the event as well as the day.")
        case (_, .before):
            result = latestDay(before: trigger, days: period.length)
        case (.days, .after):
            result = try lastDay(from: trigger, days: period.length)
        case (.months, .after):
            result = try lastDay(from: trigger, months: period.length)
        case (.years, .after):
            result = try lastDay(from: trigger, years: period.length)
        }
        result.rule.insert(period.summary, at: 0)
        return result
    }

    /// The end of one of the product's statutory periods, counted from an event at a given minute.
    ///
    /// Hour periods give an exact deadline; day, month and year periods use the event's day.
    public func period(_ period: StatutoryPeriod, fromHour event: LocalDateTime) throws -> PeriodResult {
        guard period.unit == .hours else { return try self.period(period, from: event.date) }
        var result = try deadline(fromHour: event, hours: period.length)
        result.rule.insert(period.summary, at: 0)
        return result
    }

    // MARK: - Steps

    /// The reason the days from `nominal` to `end` (the days the rest-day rule looked at) are provisional, if any is.
    private func provisional(from nominal: LocalDate, to end: LocalDate) -> String? {
        var day = nominal
        while day <= end {
            if let reason = calendar.provisionalReason(day) { return reason }
            day = day.adding(days: 1)
        }
        return nil
    }

    private func moveOffRestDay(_ nominal: LocalDate, rule: inout [String]) throws -> LocalDate {
        if let reason = try calendar.restReason(nominal) {
            let end = try calendar.firstWorkingDay(onOrAfter: nominal)
            var line = "\(nominal) is \(reason); moved to \(end), the next working day (CPL art. 85(3))."
            if calendar.isMakeUpWorkday(end) {
                line += " \(end) is a \(end.weekday.name) but a make-up working day (调休上班)."
            }
            rule.append(line)
            return end
        }
        if calendar.isMakeUpWorkday(nominal) {
            rule.append(
                "\(nominal) is a \(nominal.weekday.name) but a make-up working day (调休上班), so the period ends that day."
            )
        } else {
            rule.append("\(nominal) is a working day, so the period ends that day.")
        }
        return nominal
    }

    private func holidaysInside(after trigger: LocalDate, before nominal: LocalDate) -> [String] {
        var names: [String] = []
        var day = trigger.adding(days: 1)
        while day < nominal {
            if let name = calendar.holidayName(day), !names.contains(name) { names.append(name) }
            day = day.adding(days: 1)
        }
        guard !names.isEmpty else { return [] }
        return ["Holidays inside the period (\(names.joined(separator: ", "))) are counted, not deducted."]
    }

    private func correspondingDayRule(trigger: LocalDate, nominal: LocalDate, amount: Int, unit: String) -> String {
        let plural = amount == 1 ? unit : unit + "s"
        if nominal.day == trigger.day {
            return "\(amount) \(plural) after \(trigger) ends on the corresponding day, \(nominal)."
        }
        return
            "\(amount) \(plural) after \(trigger): "
            + "\(LocalDate.pad(nominal.year, 4))-\(LocalDate.pad(nominal.month, 2)) has no day \(trigger.day), so "
            + "the period ends on the month's last day, \(nominal)."
    }
}
