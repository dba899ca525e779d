/// The kinds of court fee Docket can quote, named as on the command line.
///
/// The first nine are case acceptance fees (案件受理费, Decree 481 art. 13); the rest are application
/// fees (申请费, art. 14). Only acceptance fees can be halved (arts. 15, 16, 18).
public enum FeeKind: String, CaseIterable, Codable, Sendable {
    /// Property case: cumulative bands on the claim (art. 13(1)).
    case property
    /// Divorce: a provincial amount of 50–300 yuan, plus 0.5% on property above 200,000 (art. 13(2)1).
    case divorce
    /// Personality rights: 100–500 yuan, plus 1% / 0.5% on damages above 50,000 (art. 13(2)2).
    case personality
    /// Other non-property case: 50–100 yuan (art. 13(2)3).
    case nonProperty = "non-property"
    /// Intellectual property: 500–1,000 yuan without an amount, property scale with one (art. 13(3)).
    case ip
    /// Labour dispute: 10 yuan (art. 13(4)).
    case labor
    /// Trademark, patent and maritime administrative case: 100 yuan (art. 13(5)1).
    case adminSpecial = "admin-special"
    /// Other administrative case: 50 yuan (art. 13(5)2).
    case admin
    /// Failed objection to jurisdiction: 50–100 yuan (art. 13(6)).
    case jurisdictionObjection = "jurisdiction-objection"
    /// Enforcement application: 50–500 yuan without an amount, cumulative bands with one (art. 14(1)).
    case enforcement
    /// Preservation application: 30 yuan, 1% / 0.5% bands, at most 5,000 yuan (art. 14(2)).
    case preservation
    /// Payment order: one third of the property-case fee (art. 14(3)).
    case paymentOrder = "payment-order"
    /// Public notice for assertion of claims: 100 yuan (art. 14(4)).
    case publicNotice = "public-notice"
    /// Setting aside an arbitral award or confirming an arbitration agreement: 400 yuan (art. 14(5)).
    case arbitration
    /// Bankruptcy: half the property scale on the estate, at most 300,000 yuan (art. 14(6)).
    case bankruptcy

    /// True for case acceptance fees (art. 13), which arts. 15, 16 and 18 may halve.
    public var isAcceptanceFee: Bool {
        switch self {
        case .property, .divorce, .personality, .nonProperty, .ip, .labor, .adminSpecial, .admin,
            .jurisdictionObjection:
            true
        case .enforcement, .preservation, .paymentOrder, .publicNotice, .arbitration, .bankruptcy: false
        }
    }

    /// Whether the fee is paid in advance.
    ///
    /// Art. 20: the applicant does not prepay the enforcement fee (paid after enforcement) or the
    /// bankruptcy fee (paid after liquidation); every other fee is prepaid.
    public var isPrepaid: Bool { self != .enforcement && self != .bankruptcy }

    /// Whether the fee is paid with the application, before any case is accepted: a preservation is ruled on
    /// within 48 hours (5 days) of the application, long before a pre-suit 财保 case could be accepted.
    public var isPaidOnApplication: Bool { self == .preservation }

    /// Whether the province sets the per-case amount within a legal range (art. 13, last paragraph); for
    /// ip and enforcement this applies only when there is no amount.
    public var isRanged: Bool { FeeSchedule.legalRange(for: self) != nil }

    /// The Chinese name used in court documents.
    public var chineseName: String {
        switch self {
        case .property: "财产案件受理费"
        case .divorce: "离婚案件受理费"
        case .personality: "人格权案件受理费"
        case .nonProperty: "其他非财产案件受理费"
        case .ip: "知识产权民事案件受理费"
        case .labor: "劳动争议案件受理费"
        case .adminSpecial: "商标、专利、海事行政案件受理费"
        case .admin: "其他行政案件受理费"
        case .jurisdictionObjection: "管辖权异议不成立案件受理费"
        case .enforcement: "申请执行费"
        case .preservation: "申请保全费"
        case .paymentOrder: "申请支付令费"
        case .publicNotice: "申请公示催告费"
        case .arbitration: "申请撤销仲裁裁决或认定仲裁协议效力费"
        case .bankruptcy: "破产案件申请费"
        }
    }
}
