/// State fields: the moves a rule allows besides the court's (which may set any state).
extension StateMoves {
    public var chinese: String {
        switch self {
        case .caseStatus: "立案提交方可在补正后重新提交（correction-requested → submitted），受理前可撤回（→ "
            + "withdrawn）"
        case .filingState: "申请的非法院步骤由该步骤所属的当事人一方进行（撤回、缴费等由申请人；同意调解、"
            + "选定调解员由各当事人；申请复议由提出复议的当事人）"
        case .paymentState: "法院自助终端可按缴费状态机结算扫码缴费；其他参与节点只能记录自己发起的缴费未成功、"
            + "过期或状态不明"
        }
    }

    public var english: String {
        switch self {
        case .caseStatus:
            "the filer resubmits after a correction notice (correction-requested → submitted) and may withdraw before "
                + "acceptance (→ withdrawn)"
        case .filingState:
            "a request's moves that are not the court's are made by the side they belong to (withdrawal and payment by "
                + "the applicant; mediation consent and the parties' mediator by each party; reconsideration by the "
                + "party asking for it)"
        case .paymentState:
            "a lobby terminal settles the court's QR payments by the payment state machine; other participants may "
                + "record only that a payment they started failed, expired or is unknown"
        }
    }
}

extension AuthorityJudge {
    /// The filer's own moves of a case's status.
    static let filerStatusMoves: Set<[CaseStatus]> = [
        [.correctionRequested, .submitted], [.submitted, .withdrawn],
        [.correctionRequested, .withdrawn],
    ]

    func movesAllowed(_ moves: StateMoves, leaf: String, in context: StepContext) -> Bool {
        let from = context.beforeLeaves?[leaf]?.stringValue, to = context.afterLeaves?[leaf]?.stringValue
        switch moves {
        case .caseStatus:
            guard let from = from.flatMap(CaseStatus.init), let to = to.flatMap(CaseStatus.init) else { return false }
            return context.signer.nodeId == context.standing.filedBy && Self.filerStatusMoves.contains([from, to])
        case .paymentState:
            guard let from = from.flatMap(PaymentState.init), let to = to.flatMap(PaymentState.init),
                context.step.after?["kind"]?.stringValue == PaymentKind.payment.rawValue, from.canMove(to: to)
            else { return false }
            if context.signer.isTerminal(of: context.standing.court) { return true }
            return to != .paid && to != .refunded
        case .filingState:
            guard let from = from.flatMap(FilingState.init), let to = to.flatMap(FilingState.init),
                let kind = context.step.after?["kind"]?.stringValue.flatMap(FilingKind.init)
            else { return false }
            return partyPath(kind, from: from, to: to, context: context)
        }
    }

    /// True when a chain of moves that are not the court's leads from `from` to `to`, each one the signer's to
    /// make (a party's consent can complete consent and choose the mediator in one step).
    private func partyPath(_ kind: FilingKind, from: FilingState, to: FilingState, context: StepContext) -> Bool {
        var seen: Set<FilingState> = [from], frontier = [from]
        while let state = frontier.popLast() {
            for move in kind.transitions where move.from == state && !move.requiresCourt && mayMake(move, kind, context)
            {
                if move.to == to { return true }
                if seen.insert(move.to).inserted { frontier.append(move.to) }
            }
        }
        return false
    }

    /// Whose move a party move is: mediation consent and the parties' common mediator belong to every party, a
    /// reconsideration to the party asking for it, every other move to the applicant.
    private func mayMake(_ move: FilingTransition, _ kind: FilingKind, _ context: StepContext) -> Bool {
        let standing = context.standing, signer = context.signer
        if kind == .mediation, move.to == .consented || move.to == .mediatorAssigned {
            return !standing.parties(actedForBy: signer).isEmpty
        }
        if kind == .preservation, move.to == .reconsiderationRequested {
            guard let party = context.afterLeaves?["details.reconsiderationBy"]?.stringValue else { return false }
            return standing.node(signer, actsFor: party)
        }
        switch party(.applicant, in: context, member: nil) {
        case .party(let id): return standing.node(signer, actsFor: id)
        case .anyone: return true
        case .nobody: return false
        }
    }
}
