/// Who a rule of the policy lets act, always relative to one case.
public enum Authority: String, Codable, CaseIterable, Sendable {
    /// The court the case is filed with (its court node).
    case court
    /// A lobby terminal (kiosk) of that court, acting for the walk-in who unlocked the case.
    case terminal
    /// The node that filed the case.
    case filer
    /// The node acting for the party the record or member concerns: that party's representative firm, or a lobby
    /// terminal of the case's court (CPL art. 62: an agent acts within the client's mandate only).
    case partySide = "party-side"
    /// Any node that takes part in the case (it holds the case and its signature verifies).
    case participant

    /// 中文名称, for `docket policy` and refusals.
    public var chinese: String {
        switch self {
        case .court: "法院"
        case .terminal: "法院自助终端"
        case .filer: "立案提交方"
        case .partySide: "该当事人一方（其代理律所或自助终端）"
        case .participant: "案件任一参与节点"
        }
    }

    /// English name.
    public var english: String {
        switch self {
        case .court: "the court"
        case .terminal: "a lobby terminal of the court"
        case .filer: "the filer"
        case .partySide: "the party's side (its firm or a lobby terminal)"
        case .participant: "any participant"
        }
    }
}

/// When a grant holds, beyond who acts.
public enum PolicyCondition: String, Codable, CaseIterable, Sendable {
    /// Always.
    case always
    /// While the court has not decided on the filing (status submitted or correction-requested), on the state the
    /// step started from and on the receiver's.
    case underReview = "under-review"
    /// Only adding a member that was absent: never changing or removing one (consents, signatures, steps).
    case addOnly = "add-only"
    /// Only while the payment is not settled as paid or refunded (a gateway's order details).
    case unsettled
    /// Only by the step that moves the request into that state (the time a state was first entered).
    case enteringState = "entering-state"

    public var chinese: String {
        switch self {
        case .always: ""
        case .underReview: "（仅在立案审查期间）"
        case .addOnly: "（只能新增，不能修改或删除）"
        case .unsettled: "（仅在款项未结清时）"
        case .enteringState: "（仅由进入该状态的那一步写入）"
        }
    }

    public var english: String {
        switch self {
        case .always: ""
        case .underReview: " (while the filing is under review)"
        case .addOnly: " (add only; never change or remove)"
        case .unsettled: " (while not settled)"
        case .enteringState: " (by the step entering that state)"
        }
    }
}

/// One grant: who, and when.
public struct Grant: Sendable, Hashable {
    public var who: Authority
    public var when: PolicyCondition

    public init(_ who: Authority, _ when: PolicyCondition = .always) { self.who = who; self.when = when }

    public static let court = Grant(.court)
}
