/// Whose side `Authority.partySide` means for a record or a field.
public enum PartyReference: Sendable, Equatable {
    /// The party record itself (`parties/<id>.json`).
    case recordItself
    /// The party a field of the record names (`submittedBy`, `partyId`).
    case field(String)
    /// A request's applicant (`applicantPartyId`); a request made for no party (a petitioner who is not a party,
    /// a lawyer's video meeting) may be moved on by any participant.
    case applicant
    /// The member's key in the field path (`consents.<party>`, `signatures.<party>`).
    case member
    /// The party named by the value of a field of the record after the step (`details.reconsiderationBy`).
    case valueOf(String)
}

/// Which moves of a state field a rule allows, beyond the court's.
public enum StateMoves: String, Sendable {
    /// `case.json` `status`: the filer resubmits after a correction notice and may withdraw before acceptance.
    case caseStatus
    /// A request's `state`: the moves of its kind (`FilingKind.transitions`); court moves by the court, the others
    /// by the side the move belongs to.
    case filingState
    /// A payment's `state` (`PaymentState.canMove`): a lobby terminal settles the court's QR payments; other
    /// participants may record only that a payment they started failed, expired or is unknown.
    case paymentState
}

/// Who may change one field (or member) of a record. `field` is a dotted path: `title`, `representative.firm`,
/// `consents.{party}` (one member per party), `details.*` (every member), `transcripts.*.signatures.{party}.*`
/// (inside a path, `*` is any one member).
public struct FieldRule: Sendable {
    public var field: String
    public var change: [Grant]
    /// Whose side `.partySide` means here; nil: the record's.
    public var party: PartyReference?
    /// For state fields: the moves allowed besides the court's.
    public var moves: StateMoves?

    public init(_ field: String, _ change: [Grant], party: PartyReference? = nil, moves: StateMoves? = nil) {
        self.field = field; self.change = change; self.party = party; self.moves = moves
    }

    /// True when the dotted `leaf` path falls under this rule; the `{party}` segment, if any, is returned.
    func matches(_ leaf: [Substring]) -> (matched: Bool, member: String?) {
        let pattern = field.split(separator: ".")
        var member: String?
        for (index, segment) in pattern.enumerated() {
            // `*` last: every member below; `*` inside a path: any one member (a transcript's version number).
            if segment == "*", index == pattern.count - 1 { return (leaf.count > index, member) }
            if segment == "*" { guard index < leaf.count else { return (false, nil) }; continue }
            guard index < leaf.count else { return (false, nil) }
            if segment == "{party}" { member = String(leaf[index]); continue }
            if segment.hasSuffix("{party}") {
                let prefix = segment.dropLast("{party}".count)
                guard leaf[index].hasPrefix(prefix) else { return (false, nil) }
                member = String(leaf[index].dropFirst(prefix.count))
                continue
            }
            guard segment == leaf[index] else { return (false, nil) }
        }
        return (leaf.count == pattern.count, member)
    }
}

/// Checks on content rather than on who acts: they hold for every signer, court included where it says so.
public enum PolicyInvariant: String, CaseIterable, Sendable {
    case recordAtItsPath = "record-at-its-path"
    case stampedBySigner = "stamped-by-signer"
    case caseBornAsFiling = "case-born-as-filing"
    case partyBornWithoutCode = "party-born-without-code"
    case documentAsDescribed = "document-as-described"
    case materialWaitsForReview = "material-waits-for-review"
    case paymentBornUnpaid = "payment-born-unpaid"
    case filingBornAsApplied = "filing-born-as-applied"
    case mediationByEveryParty = "mediation-by-every-party"
    case preservationFeeCovered = "preservation-fee-covered"
    case transcriptSignatureValid = "transcript-signature-valid"
    case conflictsStayResolved = "conflicts-stay-resolved"

    public var chinese: String {
        switch self {
        case .recordAtItsPath: "记录的编号与其文件路径一致，模式与所在目录一致；格式之外的路径、符号链接、子模块、"
            + "“..”、“.git”、仅大小写不同的文件名、控制字符一律拒收"
        case .stampedBySigner: "写入记录的一步把 updatedBy 设为签名节点本身；流程记录的 node 即签名节点"
        case .caseBornAsFiling: "新案件的 uid 即其仓库，立案提交方即签名节点，状态为“已提交”，法院字段为空"
        case .partyBornWithoutCode: "非法院节点新增的当事人不带查询码"
        case .documentAsDescribed: "材料文件与元数据的文件名、大小、SHA-256 一致，不超过 documents.maxBytes，"
            + "每份材料只有一个文件"
        case .materialWaitsForReview: "受理后由当事人一方提交的材料一律“待审核”，并写明提交的当事人；addedBy 为签名节点"
        case .paymentBornUnpaid: "非法院节点只能新建“待支付”的扫码缴费记录，不能新建核定、退费或已支付记录"
        case .filingBornAsApplied: "非法院节点新建的申请处于该类申请的初始状态，没有法院字段、签名，"
            + "只有申请人本人的同意"
        case .mediationByEveryParty: "各方当事人均同意后调解才进入“已同意”；当事人共同选定调解员须各方选择一致"
        case .preservationFeeCovered: "保全费由已支付款项缴足后才能进入“已缴费”"
        case .transcriptSignatureValid: "庭审笔录签名写明签名节点并可用该节点公钥验证"
        case .conflictsStayResolved: "已解决的冲突不能重新打开"
        }
    }

    public var english: String {
        switch self {
        case .recordAtItsPath:
            "a record's id matches its file and its schema its folder; paths outside the format, symlinks, gitlinks, "
                + "'..', '.git', names differing only by case and control characters are refused"
        case .stampedBySigner:
            "a step that writes a record sets updatedBy to its signer; a timeline entry's node is its signer"
        case .caseBornAsFiling:
            "a new case is its repository's uid, filed by its signer, submitted, with no court fields set"
        case .partyBornWithoutCode: "a party added by a node that is not the court carries no query-code hash"
        case .documentAsDescribed:
            "a document's bytes match its metadata's name, size and SHA-256, stay within documents.maxBytes, one file "
                + "per document"
        case .materialWaitsForReview:
            "material a party's side adds after acceptance waits for review (pending) and names the party who handed "
                + "it in; addedBy is the signer"
        case .paymentBornUnpaid:
            "a node that is not the court creates only QR payments awaiting payment — no assessments, refunds or "
                + "paid records"
        case .filingBornAsApplied:
            "a request created by a node that is not the court starts in its kind's first state, with no court fields, "
                + "no signatures and only the applicant's consent"
        case .mediationByEveryParty:
            "mediation becomes consented only with every party's consent; a mediator chosen by the parties needs every "
                + "party's same choice"
        case .preservationFeeCovered: "a preservation becomes fee-paid only when paid payments cover the fee"
        case .transcriptSignatureValid: "a transcript signature names its node and verifies with that node's key"
        case .conflictsStayResolved: "a resolved conflict is not reopened"
        }
    }
}

/// Everything the policy says about one kind of record: who creates it, who deletes it, who changes each field
/// (a field no rule names can be changed by nobody), and the content checks that apply to it.
public struct RecordRule: Sendable {
    public var kind: RecordKind
    public var create: [Grant]
    public var delete: [Grant]
    /// Whose side `.partySide` means on this record, unless a field rule says otherwise.
    public var party: PartyReference?
    public var fields: [FieldRule]
    public var invariants: [PolicyInvariant]

    public init(
        _ kind: RecordKind, create: [Grant], delete: [Grant] = [], party: PartyReference? = nil,
        fields: [FieldRule], invariants: [PolicyInvariant] = []
    ) {
        self.kind = kind; self.create = create; self.delete = delete; self.party = party
        self.fields = fields; self.invariants = invariants
    }

    /// The first rule naming `leaf` (dotted), with the party member it captured; nil: nobody may change it.
    public func rule(for leaf: String) -> (FieldRule, String?)? {
        let segments = leaf.split(separator: ".", omittingEmptySubsequences: false)
        for rule in fields {
            let (matched, member) = rule.matches(segments)
            if matched { return (rule, member) }
        }
        return nil
    }
}
