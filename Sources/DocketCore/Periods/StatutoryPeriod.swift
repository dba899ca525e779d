/// The unit a statutory period is counted in (CPL art. 85(1): hours, days, months, years).
public enum PeriodUnit: String, Codable, Sendable {
    case hours, days, months, years
}

/// Whether the period runs forward from its trigger or is a minimum notice before an event.
public enum PeriodDirection: String, Codable, Sendable {
    /// The act must be done within the period after the trigger.
    case after
    /// The act must be done at least the period before the event (hearing notice).
    case before
}

/// The statutory periods Docket tracks, each with its length, unit and legal basis.
///
/// Lengths are the law's, not local targets; where a court works to a tighter target (same-day filing)
/// the `note` says so.
public enum StatutoryPeriod: String, CaseIterable, Codable, Sendable {
    /// Filing review: accept or refuse a complaint within 7 days of receipt; target: register on the spot.
    case filingReview = "filing-review"
    /// Paying the acceptance fee: 7 days from the day after the fee notice is served.
    case feePayment = "fee-payment"
    /// Defendant's answer: 15 days from service of the complaint.
    case answer
    /// Preservation ruling in an urgent case: 48 hours from acceptance of the application.
    case preservationUrgent = "preservation-urgent"
    /// Preservation ruling otherwise: 5 days from acceptance (or from the security being given).
    case preservationRuling = "preservation-ruling"
    /// Pre-suit preservation lapses when no suit or arbitration is brought within 30 days.
    case preSuitPreservationLapse = "pre-suit-preservation-lapse"
    /// Hearing notice: at least 3 days before the hearing.
    case hearingNotice = "hearing-notice"
    /// Reading the hearing transcript: in court or within 5 days.
    case transcriptReview = "transcript-review"
    /// Appeal against a first-instance judgment: 15 days from service.
    case appealJudgment = "appeal-judgment"
    /// Appeal against a first-instance ruling: 10 days from service.
    case appealRuling = "appeal-ruling"
    /// Mediation assigned by the court before filing (委派调解): 30 days.
    case mediationPreFiling = "mediation-pre-filing"
    /// Mediation entrusted after filing, ordinary procedure (委托调解): 15 days.
    case mediationOrdinary = "mediation-ordinary"
    /// Mediation entrusted after filing, simple procedure: 7 days.
    case mediationSimple = "mediation-simple"
    /// Applying for enforcement: 2 years from the last day of the performance period.
    case enforcementApplication = "enforcement-application"
    /// Applying for retrial: 6 months from the judgment or ruling taking effect.
    case retrialApplication = "retrial-application"
    /// 起诉状副本发送被告: within 5 days of acceptance.
    case complaintService = "complaint-service"
    /// 管辖权异议: within the answer period.
    case jurisdictionObjection = "jurisdiction-objection"
    /// 审理期限: ordinary procedure 6 months, simple 3, small claims 2, from acceptance.
    case trialOrdinary = "trial-ordinary"
    case trialSimple = "trial-simple"
    case trialSmallClaims = "trial-small-claims"
    /// 执行通知: within 10 days of receiving the enforcement application.
    case enforcementNotice = "enforcement-notice"
    /// 执行期限: an enforcement case concluded within 6 months of its acceptance.
    case enforcementConclusion = "enforcement-conclusion"
    /// 执行异议裁定的复议: 10 days from service of the ruling on the objection.
    case objectionReconsideration = "objection-reconsideration"
    /// 信访: whether it is taken up, told within 15 days of receipt; handled within 60 days.
    case petitionAcknowledgement = "petition-acknowledgement"
    case petitionHandling = "petition-handling"
    /// 举证期限, as the court sets it: at least 15 days (ordinary), at most 15 (simple), at most 7 (small claims).
    case evidencePeriod = "evidence-period"
    /// 发送判决书: within 10 days of a judgment pronounced in court (at once when pronounced on a set day).
    case judgmentDelivery = "judgment-delivery"

    /// How many units the period lasts.
    public var length: Int {
        switch self {
        case .filingReview, .feePayment, .mediationSimple: 7
        case .answer, .appealJudgment, .mediationOrdinary, .jurisdictionObjection, .petitionAcknowledgement: 15
        case .complaintService: 5
        case .trialOrdinary, .enforcementConclusion: 6
        case .trialSimple: 3
        case .trialSmallClaims: 2
        case .enforcementNotice, .objectionReconsideration, .judgmentDelivery: 10
        case .petitionHandling: 60
        case .evidencePeriod: 15
        case .preservationUrgent: 48
        case .preservationRuling, .transcriptReview: 5
        case .preSuitPreservationLapse, .mediationPreFiling: 30
        case .hearingNotice: 3
        case .appealRuling: 10
        case .enforcementApplication: 2
        case .retrialApplication: 6
        }
    }

    /// The unit of `length`.
    public var unit: PeriodUnit {
        switch self {
        case .preservationUrgent: .hours
        case .enforcementApplication: .years
        case .retrialApplication, .trialOrdinary, .trialSimple, .trialSmallClaims, .enforcementConclusion: .months
        default: .days
        }
    }

    /// `.before` only for the hearing notice; every other period runs forward from its trigger.
    public var direction: PeriodDirection { self == .hearingNotice ? .before : .after }

    /// A short English name for lists and messages.
    public var title: String {
        switch self {
        case .filingReview: "Filing review"
        case .feePayment: "Fee payment"
        case .answer: "Answer"
        case .preservationUrgent: "Urgent preservation ruling"
        case .preservationRuling: "Preservation ruling"
        case .preSuitPreservationLapse: "Pre-suit preservation lapse"
        case .hearingNotice: "Hearing notice"
        case .transcriptReview: "Transcript review"
        case .appealJudgment: "Appeal against a judgment"
        case .appealRuling: "Appeal against a ruling"
        case .mediationPreFiling: "Pre-filing mediation"
        case .mediationOrdinary: "Entrusted mediation (ordinary procedure)"
        case .mediationSimple: "Entrusted mediation (simple procedure)"
        case .enforcementApplication: "Enforcement application"
        case .retrialApplication: "Retrial application"
        case .complaintService: "Complaint copy sent to the defendant"
        case .jurisdictionObjection: "Objection to jurisdiction"
        case .trialOrdinary: "Trial time limit (ordinary procedure)"
        case .trialSimple: "Trial time limit (simple procedure)"
        case .trialSmallClaims: "Trial time limit (small claims)"
        case .enforcementNotice: "Enforcement notice"
        case .enforcementConclusion: "Enforcement concluded"
        case .objectionReconsideration: "Reconsideration of the ruling on an enforcement objection"
        case .petitionAcknowledgement: "Petition: whether it is taken up"
        case .petitionHandling: "Petition handled"
        case .evidencePeriod: "Evidence period"
        case .judgmentDelivery: "Judgment sent to the parties"
        }
    }

    /// The event the period is counted from.
    public var trigger: String {
        switch self {
        case .filingReview: "receipt of the complaint"
        case .feePayment: "service of the fee notice"
        case .answer: "service of the complaint on the defendant"
        case .preservationUrgent, .preservationRuling:
            "acceptance of the preservation application (or the security being given)"
        case .preSuitPreservationLapse: "the preservation measure being taken"
        case .hearingNotice: "the hearing (counted backwards)"
        case .transcriptReview: "the end of the hearing"
        case .appealJudgment: "service of the judgment"
        case .appealRuling: "service of the ruling"
        case .mediationPreFiling: "assignment of the dispute to the mediator"
        case .mediationOrdinary, .mediationSimple: "entrustment of the case to the mediator"
        case .enforcementApplication: "the last day of the performance period in the document"
        case .retrialApplication: "the judgment or ruling taking legal effect"
        case .complaintService, .trialOrdinary, .trialSimple, .trialSmallClaims: "acceptance of the case"
        case .jurisdictionObjection: "service of the complaint on the defendant"
        case .enforcementNotice, .enforcementConclusion: "acceptance of the enforcement application"
        case .objectionReconsideration: "service of the ruling on the objection"
        case .petitionAcknowledgement: "receipt of the petition"
        case .petitionHandling: "the petition being taken up"
        case .evidencePeriod: "the court setting it"
        case .judgmentDelivery: "pronouncement of the judgment in court"
        }
    }

    /// The legal basis, article included.
    public var basis: String {
        switch self {
        case .filingReview: "CPL (2023) art. 126; SPC Provisions on Case Filing Registration (法释〔2015〕8号) arts. "
            + "2, 8"
        case .feePayment: "Measures on the Payment of Litigation Costs (State Council Decree 481) art. 22"
        case .answer: "CPL (2023) art. 128"
        case .preservationUrgent: "CPL (2023) arts. 103, 104"
        case .preservationRuling: "SPC Provisions on Property Preservation (法释〔2016〕22号) art. 4"
        case .preSuitPreservationLapse: "CPL (2023) art. 104"
        case .hearingNotice: "CPL (2023) art. 139"
        case .transcriptReview: "CPL (2023) art. 150"
        case .appealJudgment, .appealRuling: "CPL (2023) art. 171"
        case .mediationPreFiling, .mediationOrdinary, .mediationSimple:
            "SPC Provisions on Specially Invited Mediation (法释〔2016〕14号) art. 20"
        case .enforcementApplication: "CPL (2023) art. 250"
        case .retrialApplication: "CPL (2023) art. 216"
        case .complaintService: "CPL (2023) art. 128"
        case .jurisdictionObjection: "CPL (2023) art. 130"
        case .trialOrdinary: "CPL (2023) art. 152"
        case .trialSimple: "CPL (2023) art. 164"
        case .trialSmallClaims: "CPL (2023) art. 169"
        case .enforcementNotice:
            "SPC Provisions on Enforcement Work (最高人民法院关于人民法院执行工作若干问题的规定（试行）, amended 2020) art. 22"
        case .enforcementConclusion: "SPC Provisions on Time Limits in Enforcement (法发〔2006〕35号) art. 1"
        case .objectionReconsideration: "CPL (2023) art. 236"
        case .petitionAcknowledgement: "Regulations on Petitions (信访条例, 2005) art. 22, as continued by "
            + "信访工作条例 (2022)"
        case .petitionHandling: "Regulations on Petitions (信访条例, 2005) art. 33, as continued by 信访工作条例 (2022)"
        case .evidencePeriod:
            "SPC Interpretation of the CPL (法释〔2022〕11号) arts. 99, 275; appraisal applied for within it, art. 121"
        case .judgmentDelivery: "CPL (2023) art. 151"
        }
    }

    /// A local target tighter than the law, or another caveat, when there is one.
    public var note: String? {
        switch self {
        case .filingReview:
            "Target: register on the day of receipt when the complaint is complete (当场登记立案); 7 days is the legal "
                + "maximum."
        case .preservationUrgent: "Counted from the next whole hour; not extended over rest days."
        case .preSuitPreservationLapse:
            "On the day after the last day, without suit or arbitration, the court must lift the preservation."
        case .mediationPreFiling, .mediationOrdinary, .mediationSimple:
            "The parties may agree to extend it; the extension is not counted in the trial time limit."
        default: nil
        }
    }

    /// The day the period ends before any rest day moves it (hour periods: the day it starts). What the register
    /// shows, beside the error, for a deadline the calendar cannot compute.
    public func nominalEnd(from trigger: LocalDate) -> LocalDate {
        switch unit {
        case .hours: trigger
        case .days: trigger.adding(days: direction == .before ? -length : length)
        case .months: trigger.adding(months: length)
        case .years: trigger.adding(years: length)
        }
    }

    /// One line: what, how long, from when, on what basis.
    public var summary: String {
        let unitName = length == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue
        let relation = direction == .before ? "at least \(length) \(unitName) before" : "\(length) \(unitName) from"
        return "\(title): \(relation) \(trigger) (\(basis))."
    }
}
