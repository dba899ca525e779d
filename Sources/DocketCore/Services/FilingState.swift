/// Where a service request (`filings/<id>.json`) stands. One vocabulary for every kind; each kind uses the states
/// its `FilingKind.transitions` name, and no others.
public enum FilingState: String, Codable, CaseIterable, Sendable {
    /// An application made by a party (preservation, guarantee, appraisal, mediation, enforcement, video meeting).
    case applied
    /// A request, message, lead, objection or petition handed in.
    case submitted
    /// A reception slot taken (bookings start here: the calendar check happens before the record is written).
    case booked
    /// The prepaid application fee has been paid (preservation).
    case feePaid = "fee-paid"
    /// The guarantee money or premium has been paid.
    case paid
    /// Every party has consented to mediation.
    case consented
    /// A mediator is assigned by the court or chosen by all parties; the mediation period runs from here.
    case mediatorAssigned = "mediator-assigned"
    /// The mediation agreement is drafted and waits for every party's signature.
    case agreementDrafted = "agreement-drafted"
    /// Every party signed the agreement: it is effective and closes the case.
    case settled
    /// Mediation ended without agreement: the case continues.
    case failed
    /// The court granted the request (preservation ruling, extension).
    case granted
    /// The court refused the request.
    case refused
    /// The court accepted the application or guarantee (enforcement becomes its own case; petition registered).
    case accepted
    /// A party asked the court to reconsider a preservation ruling (allowed once).
    case reconsiderationRequested = "reconsideration-requested"
    /// The court decided the reconsideration.
    case reconsidered
    /// A pre-suit preservation lifted because no suit was brought in 30 days.
    case lapsed
    /// The court chose the appraisal institution.
    case institutionSelected = "institution-selected"
    /// The appraisal is under way.
    case inProgress = "in-progress"
    /// The appraisal report joined the dossier.
    case reportFiled = "report-filed"
    /// The judge answered a message; a petition was answered.
    case answered
    /// The court looked into a property lead.
    case checked
    /// An enforcement objection was upheld.
    case upheld
    /// An enforcement objection was dismissed.
    case dismissed
    /// An enforcement case ended.
    case concluded
    /// The meeting or reception took place.
    case held
    /// A booking was cancelled.
    case cancelled
    /// The applicant withdrew the request before the court decided it.
    case withdrawn

    /// The word a person reads (状态 in the timeline and on the kiosk).
    public var chinese: String {
        switch self {
        case .applied: "已申请"
        case .submitted: "已提交"
        case .booked: "已预约"
        case .feePaid: "已缴费"
        case .paid: "已缴纳"
        case .consented: "各方已同意调解"
        case .mediatorAssigned: "已确定调解员"
        case .agreementDrafted: "调解协议待签署"
        case .settled: "调解协议已生效"
        case .failed: "调解不成"
        case .granted: "已准许"
        case .refused: "已驳回"
        case .accepted: "已受理"
        case .reconsiderationRequested: "已申请复议"
        case .reconsidered: "复议已审查"
        case .lapsed: "已解除（未起诉）"
        case .institutionSelected: "已选定鉴定机构"
        case .inProgress: "鉴定中"
        case .reportFiled: "鉴定意见已入卷"
        case .answered: "已答复"
        case .checked: "已核查"
        case .upheld: "异议成立"
        case .dismissed: "异议驳回"
        case .concluded: "已结案"
        case .held: "已进行"
        case .cancelled: "已取消"
        case .withdrawn: "已撤回"
        }
    }
}

/// Which kind of node makes a move: a court node, or anyone else (a law firm, a kiosk, a party's own node).
public enum ActingSide: String, Codable, Sendable {
    /// A court node: the only side that may make court moves and write court-owned fields.
    case court
    /// Any other node (law firm, kiosk, a party's own node).
    case party
}

/// One move of a filing's state machine.
public struct FilingTransition: Equatable, Sendable {
    /// The state the move starts from.
    public var from: FilingState
    /// The state the move leads to.
    public var to: FilingState
    /// True when only a court node may make the move; the store refuses it elsewhere with `refusal`'s message.
    public var requiresCourt: Bool

    public init(_ from: FilingState, _ to: FilingState, court: Bool) {
        self.from = from; self.to = to; self.requiresCourt = court
    }
}
