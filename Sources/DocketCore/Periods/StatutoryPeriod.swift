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

    /// How many units the period lasts.
    public var length: Int {
        switch self {
        case .filingReview, .feePayment, .mediationSimple: 7
        case .answer, .appealJudgment, .mediationOrdinary: 15
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
        case .retrialApplication: .months
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
        }
    }

    /// The event the period is counted from.
    public var trigger: String {
        switch self {
        case .filingReview: "receipt of the complaint"
        case .feePayment: "service of the fee notice"
        case .answer: "service of the complaint on the defendant"
        case .preservationUrgent, .preservationRuling: "acceptance of the preservation application (or the security being given)"
        case .preSuitPreservationLapse: "the preservation measure being taken"
        case .hearingNotice: "the hearing (counted backwards)"
        case .transcriptReview: "the end of the hearing"
        case .appealJudgment: "service of the judgment"
        case .appealRuling: "service of the ruling"
        case .mediationPreFiling: "assignment of the dispute to the mediator"
        case .mediationOrdinary, .mediationSimple: "entrustment of the case to the mediator"
        case .enforcementApplication: "the last day of the performance period in the document"
        case .retrialApplication: "the judgment or ruling taking legal effect"
        }
    }

    /// The legal basis, article included.
    public var basis: String {
        switch self {
        case .filingReview: "CPL (2023) art. 126; SPC Provisions on Case Filing Registration (法释〔2015〕8号) arts. 2, 8"
        case .feePayment: "Measures on the Payment of Litigation Costs (State Council Decree 481) art. 22"
        case .answer: "CPL (2023) art. 128"
        case .preservationUrgent: "CPL (2023) arts. 103, 104"
        case .preservationRuling: "SPC Provisions on Property Preservation (法释〔2016〕22号) art. 4"
        case .preSuitPreservationLapse: "CPL (2023) art. 104"
        case .hearingNotice: "CPL (2023) art. 139"
        case .transcriptReview: "CPL (2023) art. 150"
        case .appealJudgment, .appealRuling: "CPL (2023) art. 171"
        case .mediationPreFiling, .mediationOrdinary, .mediationSimple: "SPC Provisions on Specially Invited Mediation (法释〔2016〕14号) art. 20"
        case .enforcementApplication: "CPL (2023) art. 250"
        case .retrialApplication: "CPL (2023) art. 216"
        }
    }

    /// A local target tighter than the law, or another caveat, when there is one.
    public var note: String? {
        switch self {
        case .filingReview: "Target: register on the day of receipt when the complaint is complete (当场登记立案); 7 days is the legal maximum."
        case .preservationUrgent: "Counted from the next whole hour; not extended over rest days."
        case .preSuitPreservationLapse: "On the day after the last day, without suit or arbitration, the court must lift the preservation."
        case .mediationPreFiling, .mediationOrdinary, .mediationSimple: "The parties may agree to extend it; the extension is not counted in the trial time limit."
        default: nil
        }
    }

    /// One line: what, how long, from when, on what basis.
    public var summary: String {
        let unitName = length == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue
        let relation = direction == .before ? "at least \(length) \(unitName) before" : "\(length) \(unitName) from"
        return "\(title): \(relation) \(trigger) (\(basis))."
    }
}
