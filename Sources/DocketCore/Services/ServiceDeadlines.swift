/// Every open deadline of a case's service requests and hearings, from the domain rules: pure, so every node lists
/// the same. Fee deadlines stay with `FeeAccount`; the filing review with `FilingReview`.
public enum ServiceDeadlines {
    /// The open deadlines of `file`, earliest first (then by record and name).
    public static func open(in file: CaseFile, periods: PeriodCalculator) -> [ServiceDeadline] {
        var out: [ServiceDeadline] = []
        /// One entry: computed, or — when the computation fails — kept with its nominal day and the error.
        func add(
            _ record: String, _ name: String, _ title: String, _ chinese: String, _ owner: String, _ basis: String,
            nominal: LocalDate, _ compute: () throws -> PeriodResult
        ) {
            do {
                out.append(
                    ServiceDeadline(
                        caseUID: file.record.uid, caseNumber: file.record.caseNumber, recordPath: record,
                        name: name, title: title, chinese: chinese, owner: owner, result: try compute(), basis: basis))
            } catch {
                out.append(
                    ServiceDeadline(
                        caseUID: file.record.uid, caseNumber: file.record.caseNumber, recordPath: record,
                        name: name, title: title, chinese: chinese, owner: owner, nominal: nominal, basis: basis,
                        error: error))
            }
        }
        func statutory(
            _ p: StatutoryPeriod, _ trigger: HybridTimestamp, _ record: String, _ chinese: String, _ owner: String,
            basis extra: String = ""
        ) {
            add(
                record, p.rawValue, p.title, chinese, owner, p.basis + extra,
                nominal: trigger.shanghai.date.adding(days: p.length)
            ) {
                p.unit == .hours
                    ? try periods.period(p, fromHour: trigger.shanghai)
                    : try periods.period(p, from: trigger.shanghai.date)
            }
        }
        func service(_ p: ServicePeriod, _ trigger: LocalDate, _ record: String, _ owner: String) {
            add(record, p.rawValue, p.title, p.chinese, owner, p.basis, nominal: trigger.adding(days: p.length)) {
                try periods.period(p, from: trigger)
            }
        }
        for filing in file.filings where !filing.kind.isFinal(filing.state) || filing.kind == .preservation {
            let path = filing.path
            switch filing.kind {
            case .preservation:
                let preSuit = filing.flag("preSuit")
                if filing.state == .feePaid, let paid = filing.enteredAt(.feePaid) {
                    // The court takes the application in once its prepaid fee is paid (法释〔2016〕22号 art. 4), and
                    // rules from then — or from the security, when one is given later; never from the filing. The
                    // hour period starts at the next whole hour of that event.
                    var trigger = paid
                    for guarantee in file.filings where guarantee.kind == .guarantee && guarantee.relatedId == filing.id
                    {
                        if let accepted = guarantee.enteredAt(.accepted) { trigger = max(trigger, accepted) }
                    }
                    let urgent = preSuit || filing.flag("urgent")
                    statutory(
                        urgent ? .preservationUrgent : .preservationRuling, trigger, path,
                        urgent ? "保全裁定（四十八小时内）" : "保全裁定（五日内）", "court")
                }
                if [.granted, .refused].contains(filing.state), filing.enteredAt(.reconsiderationRequested) == nil,
                    let ruled = filing.enteredAt(filing.state)
                {
                    let served = filing.court["servedOn"].flatMap { try? LocalDate(parsing: $0) } ?? ruled.shanghai.date
                    service(.reconsiderationRequest, served, path, "parties")
                }
                if filing.state == .reconsiderationRequested, let asked = filing.enteredAt(.reconsiderationRequested) {
                    service(.reconsiderationReview, asked.shanghai.date, path, "court")
                }
                if preSuit, filing.state != .lapsed, filing.court["suitCaseNumber"] == nil,
                    filing.court["decision"] == "granted", let granted = filing.enteredAt(.granted)
                {
                    statutory(.preSuitPreservationLapse, granted, path, "诉前保全后三十日内起诉", "applicant")
                }
            case .mediation:
                if filing.state == .consented, let consented = filing.enteredAt(.consented) {
                    service(.mediatorChoice, consented.shanghai.date, path, "parties")
                    service(.mediatorAssignment, consented.shanghai.date, path, "court")
                }
                if [.mediatorAssigned, .agreementDrafted].contains(filing.state),
                    let assigned = filing.enteredAt(.mediatorAssigned)
                {
                    let period = mediationPeriod(file.record)
                    statutory(period, assigned, path, "调解期限", "court")
                }
            case .objection:
                if filing.state == .submitted {
                    service(.enforcementObjectionReview, filing.createdAt.shanghai.date, path, "court")
                }
            default:
                continue
            }
        }
        for hearing in file.hearings where hearing.state != .cancelled {
            if hearing.state == .scheduled, hearing.noticeDocumentId == nil {
                let p = StatutoryPeriod.hearingNotice
                add(
                    hearing.path, p.rawValue, p.title, "开庭通知（三日前）", "court", p.basis,
                    nominal: hearing.startsAt.date.adding(days: -p.length)
                ) { try periods.period(p, from: hearing.startsAt.date) }
            }
            if let heldOn = hearing.heldOn, hearing.transcriptSha256 != nil {
                for party in hearing.unsignedParties(file.parties.map(\.id)) {
                    let p = StatutoryPeriod.transcriptReview
                    add(
                        hearing.path, "transcript-signature", "Transcript signature", "庭审笔录签名确认", party,
                        p.basis + "; 人民法院在线诉讼规则 (法释〔2021〕12号), electronic transcripts confirmed online",
                        nominal: heldOn.adding(days: p.length)
                    ) { try periods.period(p, from: heldOn) }
                }
            }
        }
        return out.sorted {
            ($0.lastDay, $0.deadline?.description ?? "", $0.recordPath, $0.name, $0.owner) < (
                $1.lastDay, $1.deadline?.description ?? "", $1.recordPath, $1.name, $1.owner
            )
        }
    }

    /// The mediation period for the case: 30 days before the case is accepted (委派), 15 under the ordinary
    /// procedure, 7 under the simple or small-claims procedure (委托, 法释〔2016〕14号 art. 20).
    public static func mediationPeriod(_ record: CaseRecord) -> StatutoryPeriod {
        guard record.status == .accepted else { return .mediationPreFiling }
        return record.procedure == Procedure.ordinary.rawValue || record.procedure == nil
            ? .mediationOrdinary : .mediationSimple
    }
}
