/// What the clerk asks a fee for: the kind, the amount in dispute, and how the case ends or is tried.
public struct FeeRequest: Sendable, Equatable {
    /// The kind of fee.
    public var kind: FeeKind
    /// The claim, property total, damages, enforcement or preservation amount; nil when there is none.
    public var amount: Fen?
    /// Tried under the simple procedure (art. 16: halved).
    public var simple: Bool
    /// Ended by mediation (art. 15: halved).
    public var mediated: Bool
    /// Ended by withdrawal (art. 15: halved).
    public var withdrawn: Bool
    /// A counterclaim, or an independent third-party claim tried together (art. 18: halved).
    public var counterclaim: Bool
    /// A case that pays no acceptance fee at all (art. 8), or nil.
    public var exemption: FeeExemption?

    /// A request; every halving ground defaults to false and the amount to none.
    public init(
        kind: FeeKind, amount: Fen? = nil, simple: Bool = false, mediated: Bool = false,
        withdrawn: Bool = false, counterclaim: Bool = false, exemption: FeeExemption? = nil
    ) {
        self.kind = kind
        self.amount = amount
        self.simple = simple
        self.mediated = mediated
        self.withdrawn = withdrawn
        self.counterclaim = counterclaim
        self.exemption = exemption
    }

    /// The halving grounds present, with their articles, in a fixed order: English, Chinese.
    var halvingGrounds: [(en: String, zh: String)] {
        var grounds: [(String, String)] = []
        if mediated { grounds.append(("mediation (art. 15)", "调解结案（第十五条）")) }
        if withdrawn { grounds.append(("withdrawal (art. 15)", "撤诉（第十五条）")) }
        if simple { grounds.append(("simple procedure (art. 16)", "适用简易程序（第十六条）")) }
        if counterclaim { grounds.append(("counterclaim (art. 18)", "反诉（第十八条）")) }
        return grounds
    }
}

/// Cases that pay no acceptance fee (Decree 481 art. 8).
public enum FeeExemption: String, CaseIterable, Codable, Sendable {
    /// Cases tried under the special procedures of the Civil Procedure Law (art. 8(1)).
    case specialProcedure = "special-procedure"
    /// Rulings not accepting a case, dismissing a suit or dismissing an appeal (art. 8(2)).
    case notAcceptedOrDismissed = "not-accepted-or-dismissed"
    /// Appeals against rulings of non-acceptance, dismissal or on jurisdiction objections (art. 8(3)).
    case proceduralAppeal = "procedural-appeal"
    /// Administrative compensation cases (art. 8(4)).
    case administrativeCompensation = "administrative-compensation"

    /// The paragraph of art. 8, in Chinese.
    public var chineseBasis: String {
        switch self {
        case .specialProcedure: "第八条第一项：依照民事诉讼法规定的特别程序审理的案件"
        case .notAcceptedOrDismissed: "第八条第二项：裁定不予受理、驳回起诉、驳回上诉的案件"
        case .proceduralAppeal: "第八条第三项：对不予受理、驳回起诉和管辖权异议裁定不服提起上诉的案件"
        case .administrativeCompensation: "第八条第四项：行政赔偿案件"
        }
    }

    /// The paragraph of art. 8, in words.
    public var basis: String {
        switch self {
        case .specialProcedure: "art. 8(1): special-procedure case"
        case .notAcceptedOrDismissed: "art. 8(2): ruling of non-acceptance or dismissal"
        case .proceduralAppeal: "art. 8(3): appeal against a ruling of non-acceptance, dismissal or on jurisdiction"
        case .administrativeCompensation: "art. 8(4): administrative compensation case"
        }
    }
}
