/// The kinds of service request a case carries in `filings/<id>.json` (services 4–10 of the mission), each with
/// its own state machine.
public enum FilingKind: String, Codable, CaseIterable, Sendable {
    /// 财产保全: property preservation, pre-suit (its own 财保 case) or in a suit.
    case preservation
    /// 担保: the security for a preservation (pre-suit: the full amount; in a suit: at most 30 %).
    case guarantee
    /// 司法鉴定: judicial appraisal.
    case appraisal
    /// 延期申请 (12368): a request to extend a period or postpone a hearing.
    case `extension`
    /// 联系法官 (12368): a message to the judge, answered in the timeline.
    case judgeMessage = "judge-message"
    /// 在线调解: mediation, needing every party's consent.
    case mediation
    /// 执行申请: enforcement of an effective judgment (its own 执 case).
    case enforcement
    /// 财产线索: a lead on the debtor's property, for an enforcement case.
    case propertyLead = "property-lead"
    /// 执行异议/投诉: an objection to an enforcement act, reviewed within 15 days.
    case objection
    /// 申诉信访: a petition.
    case petition
    /// 预约视频接访: a video reception slot booked against the court's calendar.
    case receptionBooking = "reception-booking"
    /// 视频会见: a lawyer's video meeting with a detained defendant, booked as an appointment.
    case videoMeeting = "video-meeting"
    /// 变更诉讼请求: a plaintiff asks to change the claims (and their amount) of an accepted case; the fee follows
    /// the new amount (Decree 481 art. 21).
    case claimAmendment = "claim-amendment"

    /// The Chinese name shown in the timeline and on the kiosk.
    public var chinese: String {
        switch self {
        case .preservation: "财产保全申请"
        case .guarantee: "保全担保"
        case .appraisal: "司法鉴定申请"
        case .extension: "延期申请"
        case .judgeMessage: "给法官的留言"
        case .mediation: "在线调解申请"
        case .enforcement: "执行申请"
        case .propertyLead: "财产线索"
        case .objection: "执行异议"
        case .petition: "申诉信访"
        case .receptionBooking: "视频接访预约"
        case .videoMeeting: "视频会见预约"
        case .claimAmendment: "变更诉讼请求申请"
        }
    }

    /// The state a new request of this kind starts in.
    public var initialState: FilingState {
        switch self {
        case .preservation, .guarantee, .appraisal, .mediation, .enforcement, .videoMeeting: .applied
        case .extension, .judgeMessage, .propertyLead, .objection, .petition, .claimAmendment: .submitted
        case .receptionBooking: .booked
        }
    }

    /// Every move the kind allows. A move not listed is refused; a move marked `requiresCourt` is refused on a
    /// node that is not a court.
    public var transitions: [FilingTransition] {
        typealias T = FilingTransition
        switch self {
        case .preservation:
            return [
                T(.applied, .feePaid, court: false), T(.applied, .withdrawn, court: false),
                T(.feePaid, .withdrawn, court: false),
                T(.feePaid, .granted, court: true), T(.feePaid, .refused, court: true),
                T(.granted, .reconsiderationRequested, court: false),
                T(.refused, .reconsiderationRequested, court: false),
                T(.reconsiderationRequested, .reconsidered, court: true),
                T(.granted, .lapsed, court: true), T(.reconsidered, .lapsed, court: true),
            ]
        case .guarantee:
            return [
                T(.applied, .paid, court: false), T(.applied, .withdrawn, court: false),
                T(.applied, .refused, court: true), T(.paid, .accepted, court: true), T(.paid, .refused, court: true),
            ]
        case .appraisal:
            return [
                T(.applied, .institutionSelected, court: true), T(.applied, .refused, court: true),
                T(.applied, .withdrawn, court: false), T(.institutionSelected, .inProgress, court: true),
                T(.inProgress, .reportFiled, court: true),
            ]
        case .extension, .claimAmendment:
            return [
                T(.submitted, .granted, court: true), T(.submitted, .refused, court: true),
                T(.submitted, .withdrawn, court: false),
            ]
        case .judgeMessage:
            return [T(.submitted, .answered, court: true)]
        case .mediation:
            // consented → mediator-assigned is a court move when the court assigns, a party move when every party
            // named the same mediator; `CaseActions.assignMediator` checks the court itself.
            return [
                T(.applied, .consented, court: false), T(.applied, .withdrawn, court: false),
                T(.consented, .mediatorAssigned, court: false), T(.consented, .withdrawn, court: false),
                T(.mediatorAssigned, .agreementDrafted, court: true), T(.mediatorAssigned, .failed, court: true),
                T(.agreementDrafted, .settled, court: true), T(.agreementDrafted, .failed, court: true),
            ]
        case .enforcement:
            return [
                T(.applied, .accepted, court: true), T(.applied, .refused, court: true),
                T(.applied, .withdrawn, court: false), T(.accepted, .concluded, court: true),
            ]
        case .propertyLead:
            return [T(.submitted, .checked, court: true)]
        case .objection:
            return [
                T(.submitted, .upheld, court: true), T(.submitted, .dismissed, court: true),
                T(.submitted, .withdrawn, court: false),
            ]
        case .petition:
            return [
                T(.submitted, .accepted, court: true), T(.submitted, .answered, court: true),
                T(.accepted, .answered, court: true), T(.submitted, .withdrawn, court: false),
            ]
        case .receptionBooking:
            return [T(.booked, .held, court: true), T(.booked, .cancelled, court: false)]
        case .videoMeeting:
            return [
                T(.applied, .booked, court: true), T(.applied, .refused, court: true),
                T(.applied, .withdrawn, court: false), T(.booked, .held, court: true),
                T(.booked, .cancelled, court: false),
            ]
        }
    }

    /// The move from `from` to `to`, or nil when the kind has none.
    public func transition(from: FilingState, to: FilingState) -> FilingTransition? {
        transitions.first { $0.from == from && $0.to == to }
    }

    /// True when the move exists and only a court node may make it.
    public func requiresCourt(from: FilingState, to: FilingState) -> Bool {
        transition(from: from, to: to)?.requiresCourt ?? false
    }

    /// Whose move is next for a request in `state`: the court's when any move from it is the court's, the parties'
    /// when only theirs are left, nil when nothing more can happen. What the clerk's queue is made of.
    public func awaiting(in state: FilingState) -> ActingSide? {
        let moves = transitions.filter { $0.from == state }
        if moves.isEmpty { return nil }
        return moves.contains { $0.requiresCourt } ? .court : .party
    }

    /// True when nothing more can happen to a request of this kind in `state`.
    public func isFinal(_ state: FilingState) -> Bool { !transitions.contains { $0.from == state } }

    /// Checks a move: it must exist for this kind, and a court move must be made on a court node.
    /// Throws a `DocketError` in English and Chinese naming the states.
    public func checkMove(from: FilingState, to: FilingState, side: ActingSide) throws {
        guard let move = transition(from: from, to: to) else {
            throw DocketError(
                .conflict, key: "request.bad-transition", zh: "\(chinese)当前为“\(from.chinese)”，"
                    + "不能变为“\(to.chinese)”。",
                en: "A \(rawValue) request that is \(from.rawValue) cannot become \(to.rawValue).")
        }
        if move.requiresCourt, side != .court {
            throw Self.courtOnly("move a \(rawValue) request to \(to.rawValue)", chinese: "\(chinese)“\(to.chinese)”")
        }
    }

    /// The refusal when a court step is tried on another node.
    public static func courtOnly(_ what: String, chinese: String) -> DocketError {
        DocketError(
            .notAllowed, key: "policy.court-only", zh: "该操作（\(chinese)）只能由法院办理，本节点不是法院。",
            en: "Only a court node can \(what); this node is not a court.")
    }
}
