import Foundation

/// The civil timetable of an accepted case beside its service requests: the court's own duties (the complaint
/// copy within 5 days, the trial time limit by procedure), each defendant's answer and jurisdiction-objection
/// periods counted from that defendant's receipt of the complaint (never from acceptance), appeal periods from
/// the service of a judgment, hearings, refunds due, extensions granted, enforcement and petition periods. Pure:
/// every node lists the same; each entry names its owner (the court, or which party), its legal basis and what
/// starts it.
public enum CivilTimetable {
    /// The open entries of `file`.
    public static func open(in file: CaseFile, periods: PeriodCalculator) -> [ServiceDeadline] {
        var list = DeadlineList(file: file, periods: periods)
        let r = file.record
        // The trial timetable is a suit's; enforcement and preservation cases keep their own (`ServiceDeadlines`).
        if r.status == .accepted, FilingReview.isSuit(r),
            let accepted = r.acceptedOn.flatMap({ try? LocalDate(parsing: $0) })
        {
            let trial: StatutoryPeriod =
                r.procedure == Procedure.simple.rawValue
                ? .trialSimple
                : r.procedure == Procedure.smallClaims.rawValue ? .trialSmallClaims : .trialOrdinary
            list.trialLimit(
                trial, accepted: accepted, extendedBy: r.trialExtensionMonths ?? 0, excluding: r.trialExcludedDays ?? 0)
            if let until = r.evidenceUntil.flatMap({ try? LocalDate(parsing: $0) }) {
                list.add(
                    "case.json", name: StatutoryPeriod.evidencePeriod.rawValue,
                    title: StatutoryPeriod.evidencePeriod.title,
                    chinese: "举证期限（申请鉴定亦应在此前提出）", owner: "parties", basis: StatutoryPeriod.evidencePeriod.basis,
                    result: PeriodResult(
                        lastDay: until, rule: ["The court set the evidence period to end on \(until)."],
                        provisional: periods.calendar.provisionalReason(until)))
            }
            for defendant in file.parties where defendant.role == .defendant {
                let services = file.services.filter { $0.partyId == defendant.id }
                let path = "parties/\(defendant.id).json"
                if !services.contains(where: { $0.sentAt != nil }) {
                    list.statutory(
                        .complaintService, from: accepted, record: path, chinese: "向\(defendant.name)发送起诉状副本（立案后五日内）",
                        owner: "court")
                }
                if let received = services.compactMap({ $0.effectiveServiceTime.flatMap(beijingDay) }).min() {
                    list.statutory(
                        .answer, from: received, record: path, chinese: "答辩期限（\(defendant.name)）", owner: defendant.id)
                    list.statutory(
                        .jurisdictionObjection, from: received, record: path, chinese: "管辖权异议期限（\(defendant.name)）",
                        owner: defendant.id)
                }
            }
            if let pronounced = r.judgmentOn.flatMap({ try? LocalDate(parsing: $0) }),
                let judgment = r.judgmentDocumentId
            {
                let unsent = file.parties.filter { party in
                    !file.services.contains { $0.documentId == judgment && $0.partyId == party.id && $0.sentAt != nil }
                }
                if !unsent.isEmpty {
                    let names = unsent.map(\.name).joined(separator: "、")
                    if r.judgmentInCourt == true {
                        list.statutory(
                            .judgmentDelivery, from: pronounced, record: "case.json",
                            chinese: "发送判决书（当庭宣判后十日内：\(names)）", owner: "court")
                    } else {
                        list.add(
                            "case.json", name: StatutoryPeriod.judgmentDelivery.rawValue,
                            title: StatutoryPeriod.judgmentDelivery.title,
                            chinese: "发送判决书（定期宣判，宣判后立即发给：\(names)）", owner: "court",
                            basis: StatutoryPeriod.judgmentDelivery.basis,
                            result: PeriodResult(
                                lastDay: pronounced,
                                rule: [
                                    "Pronounced on a set day (\(pronounced)): the judgment is handed over at once (CPL "
                                        + "art. 151)."
                                ]))
                    }
                }
            }
            if let judgment = r.judgmentDocumentId,
                let effective = effectiveDay(of: judgment, in: file, periods: periods)
            {
                let owners = file.parties.filter { $0.role == .plaintiff }.map(\.id)
                for party in owners {
                    list.statutory(
                        .enforcementApplication, from: effective, record: "case.json",
                        chinese: "申请执行期限（判决生效后二年，以判决未被上诉、未另定履行期为前提）", owner: party)
                }
                list.statutory(
                    .retrialApplication, from: effective, record: "case.json",
                    chinese: "申请再审期限（判决生效后六个月）", owner: "parties")
            }
            if r.procedure != Procedure.smallClaims.rawValue {
                for judgment in file.documents where judgment.title.contains("判决书") {
                    for service in file.services where service.documentId == judgment.id {
                        guard let served = service.effectiveServiceTime.flatMap(beijingDay) else { continue }
                        let party = file.party(service.partyId)?.name ?? service.partyId
                        list.statutory(
                            .appealJudgment, from: served, record: judgment.metaPath, chinese: "上诉期限（\(party)，"
                                + "判决）",
                            owner: service.partyId)
                    }
                }
            }
        }
        // The rulings that may be appealed — not to accept the case, dismissing the suit, on an objection to
        // jurisdiction — within 10 days of their service (CPL arts. 157, 171).
        for ruling in file.documents where ruling.title.contains("裁定") {
            guard let what = appealableRulings.first(where: ruling.title.contains) else { continue }
            for service in file.services where service.documentId == ruling.id {
                guard let served = service.effectiveServiceTime.flatMap(beijingDay) else { continue }
                let party = file.party(service.partyId)?.name ?? service.partyId
                list.statutory(
                    .appealRuling, from: served, record: ruling.metaPath, chinese: "上诉期限（\(party)，\(what)裁定）",
                    owner: service.partyId)
            }
        }
        for hearing in file.hearings where hearing.state == .scheduled {
            list.add(
                hearing.path, name: "hearing", title: "Hearing",
                chinese: "\(hearing.mode.chinese)\(hearing.place.map { "（\($0)）" } ?? "")",
                owner: "parties", basis: StatutoryPeriod.hearingNotice.basis,
                result: PeriodResult(
                    lastDay: hearing.startsAt.date, deadline: hearing.startsAt,
                    rule: ["The hearing is set for \(hearing.startsAt) (Asia/Shanghai)."]))
        }
        for refund in file.payments where refund.kind == .refund && refund.state == .refundRequested {
            guard let due = refund.dueDate.flatMap({ try? LocalDate(parsing: $0) }) else { continue }
            list.add(
                refund.path, name: "refund", title: "Refund", chinese: "退费期限（\(Fen(refund.amountFen).yuanString)元）",
                owner: "court",
                basis: "Measures on the Payment of Litigation Costs (State Council Decree 481) art. 27",
                result: PeriodResult(lastDay: due, rule: ["as set when the refund was decided"]))
        }
        for filing in file.filings {
            let path = filing.path
            switch (filing.kind, filing.state) {
            case (.extension, .granted):
                guard let day = filing.court["newDate"].flatMap({ try? LocalDate(parsing: $0) }) else { continue }
                list.add(
                    path, name: "extended", title: "Extended deadline",
                    chinese: "延期后的期限（\(filing.details["what"] ?? "延期事项")）",
                    owner: filing.applicantPartyId ?? "parties",
                    basis: "as granted by the court (12368 extension request)",
                    result: PeriodResult(lastDay: day, rule: ["The court granted the extension to \(day)."]))
            case (.appraisal, .institutionSelected), (.appraisal, .inProgress):
                guard let due = filing.court["reportDue"].flatMap({ try? LocalDate(parsing: $0) }) else { continue }
                list.add(
                    path, name: "appraisal-report", title: "Appraisal opinion due",
                    chinese: "鉴定意见提交期限（\(filing.court["institution"] ?? "鉴定机构")）",
                    owner: "institution",
                    basis:
                        "SPC Provisions on Evidence in Civil Procedure (法释〔2019〕19号) art. 32: the time limit set in "
                        + "the entrustment",
                    result: PeriodResult(
                        lastDay: due, rule: ["The court set the opinion to be due on \(due)."],
                        provisional: periods.calendar.provisionalReason(due)))
            case (.enforcement, .accepted):
                guard let accepted = filing.enteredAt(.accepted)?.shanghai.date else { continue }
                if filing.court["noticeSentOn"] == nil {
                    list.statutory(
                        .enforcementNotice, from: accepted, record: path, chinese: "发出执行通知（十日内）", owner: "court")
                }
                list.statutory(
                    .enforcementConclusion, from: accepted, record: path, chinese: "执行期限（六个月）", owner: "court")
            case (.objection, .upheld), (.objection, .dismissed):
                guard let decided = filing.enteredAt(filing.state)?.shanghai.date else { continue }
                let served = filing.court["servedOn"].flatMap { try? LocalDate(parsing: $0) } ?? decided
                list.statutory(
                    .objectionReconsideration, from: served, record: path, chinese: "执行异议裁定复议期限", owner: "parties")
            case (.petition, .submitted):
                list.statutory(
                    .petitionAcknowledgement, from: filing.createdAt.shanghai.date, record: path,
                    chinese: "告知信访人是否受理（十五日内）", owner: "court")
            case (.petition, .accepted):
                guard let taken = filing.enteredAt(.accepted)?.shanghai.date else { continue }
                list.statutory(.petitionHandling, from: taken, record: path, chinese: "信访事项办结（六十日内）", owner: "court")
            default:
                continue
            }
        }
        return list.entries
    }

    /// What the title of an appealable ruling says (CPL art. 157).
    static let appealableRulings = ["不予受理", "驳回起诉", "管辖权异议"]

    /// The day the judgment takes effect, once it has been served on every party: the day after the last appeal
    /// period ends (no appeal is recorded here), or — small claims, final at first instance — the day of the last
    /// service. Nil while a party has not been served.
    static func effectiveDay(of judgment: String, in file: CaseFile, periods: PeriodCalculator) -> LocalDate? {
        var served: [LocalDate] = []
        for party in file.parties {
            guard
                let day = file.services.filter({ $0.documentId == judgment && $0.partyId == party.id })
                    .compactMap({ $0.effectiveServiceTime.flatMap(beijingDay) }).min()
            else { return nil }
            served.append(day)
        }
        guard let last = served.max() else { return nil }
        if file.record.procedure == Procedure.smallClaims.rawValue { return last }
        // A period the calendar cannot compute still ends: on its nominal day, so the periods that follow the
        // judgment's effect are kept (each then says itself whether it could be computed).
        let ends = served.map { day in
            (try? periods.period(.appealJudgment, from: day).lastDay)
                ?? StatutoryPeriod.appealJudgment.nominalEnd(from: day)
        }
        return ends.max()!.adding(days: 1)
    }

    /// The day in Beijing of a UTC ISO 8601 time (a service record's effective time).
    static func beijingDay(_ iso: String) -> LocalDate? {
        UTCTime.milliseconds(parsingISO: iso).map {
            LocalDate(date: Date(timeIntervalSince1970: Double($0) / 1000), timeZone: UTCTime.displayZone)
        }
    }
}

/// Entries being gathered for one case: computed, or kept with their nominal day and the error.
struct DeadlineList {
    let file: CaseFile
    let periods: PeriodCalculator
    private(set) var entries: [ServiceDeadline] = []

    init(file: CaseFile, periods: PeriodCalculator) { self.file = file; self.periods = periods }

    mutating func add(
        _ record: String, name: String, title: String, chinese: String, owner: String, basis: String,
        result: PeriodResult
    ) {
        entries.append(
            ServiceDeadline(
                caseUID: file.record.uid, caseNumber: file.record.caseNumber, recordPath: record, name: name,
                title: title, chinese: chinese, owner: owner, result: result, basis: basis))
    }

    /// The trial time limit from acceptance, with the months it was extended by and the days not counted in it.
    mutating func trialLimit(
        _ period: StatutoryPeriod, accepted: LocalDate, extendedBy months: Int, excluding days: Int
    ) {
        do {
            var result = try periods.lastDay(from: accepted.adding(days: days), months: period.length + months)
            result.rule.insert(period.summary, at: 0)
            if months > 0 {
                result.rule.insert("Extended by \(months) month\(months == 1 ? "" : "s") (CPL art. 152).", at: 1)
            }
            if days > 0 {
                result.rule.insert(
                    "\(days) day\(days == 1 ? "" : "s") not counted (民诉法解释 art. 243): counted from "
                        + "\(accepted.adding(days: days)).",
                    at: 1)
            }
            add(
                "case.json", name: period.rawValue, title: period.title, chinese: "审理期限", owner: "court",
                basis: period.basis, result: result)
        } catch {
            entries.append(
                ServiceDeadline(
                    caseUID: file.record.uid, caseNumber: file.record.caseNumber, recordPath: "case.json",
                    name: period.rawValue, title: period.title, chinese: "审理期限", owner: "court",
                    nominal: accepted.adding(months: period.length + months).adding(days: days), basis: period.basis,
                    error: error))
        }
    }

    mutating func statutory(
        _ period: StatutoryPeriod, from trigger: LocalDate, record: String, chinese: String, owner: String
    ) {
        do {
            add(
                record, name: period.rawValue, title: period.title, chinese: chinese, owner: owner, basis: period.basis,
                result: try periods.period(period, from: trigger))
        } catch {
            entries.append(
                ServiceDeadline(
                    caseUID: file.record.uid, caseNumber: file.record.caseNumber, recordPath: record,
                    name: period.rawValue, title: period.title, chinese: chinese, owner: owner,
                    nominal: period.nominalEnd(from: trigger), basis: period.basis,
                    error: error))
        }
    }
}
