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
    public init(kind: FeeKind, amount: Fen? = nil, simple: Bool = false, mediated: Bool = false,
                withdrawn: Bool = false, counterclaim: Bool = false, exemption: FeeExemption? = nil) {
        self.kind = kind
        self.amount = amount
        self.simple = simple
        self.mediated = mediated
        self.withdrawn = withdrawn
        self.counterclaim = counterclaim
        self.exemption = exemption
    }

    /// The halving grounds present, with their articles, in a fixed order.
    var halvingGrounds: [String] {
        var grounds: [String] = []
        if mediated { grounds.append("mediation (art. 15)") }
        if withdrawn { grounds.append("withdrawal (art. 15)") }
        if simple { grounds.append("simple procedure (art. 16)") }
        if counterclaim { grounds.append("counterclaim (art. 18)") }
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
