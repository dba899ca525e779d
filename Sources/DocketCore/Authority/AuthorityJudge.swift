/// One step's change to one file of a case tree: the file before and after the step (nil: absent), as parsed
/// records — or, for document bytes, any JSON value that tells versions apart (their hash).
public struct FileStep: Sendable {
    public var path: String
    public var before: JSONValue?
    public var after: JSONValue?
    /// The leaves to judge; nil judges every leaf that changed. A history check passes the leaves of the net
    /// change this step wrote, so a change written and undone again is not held against anyone.
    public var leaves: Set<String>?

    public init(path: String, before: JSONValue?, after: JSONValue?, leaves: Set<String>? = nil) {
        self.path = path; self.before = before; self.after = after; self.leaves = leaves
    }
}

/// What the judge needs beyond the policy: the record schemas, and how to check a node's Ed25519 signature
/// (transcript signatures carry one).
public struct JudgeEnvironment: Sendable {
    /// Record schema name → its schema; a record whose schema is missing here is refused.
    public var schemas: [String: JSONSchema]
    /// True when `signature` is `node`'s Ed25519 signature of `bytes` (false for a node whose key is unknown).
    public var verifySignature: @Sendable (_ node: String, _ bytes: [UInt8], _ signature: [UInt8]) -> Bool

    public init(
        schemas: [JSONSchema],
        verifySignature: @escaping @Sendable (String, [UInt8], [UInt8]) -> Bool = { _, _, _ in false }
    ) {
        self.init(schemaTable: Self.table(schemas), verifySignature: verifySignature)
    }

    /// With the schemas already by record name (`table`), as a node keeps them.
    public init(
        schemaTable: [String: JSONSchema],
        verifySignature: @escaping @Sendable (String, [UInt8], [UInt8]) -> Bool = { _, _, _ in false }
    ) {
        self.schemas = schemaTable
        self.verifySignature = verifySignature
    }

    /// Schemas by the record name they describe.
    public static func table(_ schemas: [JSONSchema]) -> [String: JSONSchema] {
        Dictionary(schemas.compactMap { s in s.recordName.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// Applies the `AuthorityPolicy` to steps: one file at a time, each changed leaf against the rules, then the
/// invariants of the record kind. Pure: the same step, signer and standing give the same refusals on every node.
public struct AuthorityJudge: Sendable {
    public let policy: AuthorityPolicy
    public let environment: JudgeEnvironment

    public init(policy: AuthorityPolicy = .standard, environment: JudgeEnvironment) {
        self.policy = policy; self.environment = environment
    }

    /// The refusals of one step on one file by `signer`, judged on `standing` (the case as the step found it).
    /// `payments` gives the case's payments after the step (asked only by a preservation moving to fee-paid).
    public func judge(
        _ step: FileStep, by signer: Participant, standing: CaseStanding,
        payments: () -> [PaymentRecord] = { [] }
    ) -> [PolicyRefusal] {
        let path = step.path
        guard let kind = RecordKind.of(path: path) else {
            return [
                refusal(
                    .invalid, step, signer: signer, zh: "\(path) 不在案件目录格式之内。",
                    en: "\(path) is not a place the case format has.")
            ]
        }
        if step.before == step.after { return [] }
        var context = StepContext(step: step, kind: kind, rule: policy.rule(kind), signer: signer, standing: standing)
        if let after = step.after, let schema = kind.schema {
            if let problem = schemaProblem(after, expected: schema) {
                return [
                    refusal(
                        .invalid, step, signer: signer, zh: "\(path) 的内容不符合记录格式：\(problem)",
                        en: "\(path) does not match its record schema: \(problem)")
                ]
            }
        }
        switch (step.before, step.after) {
        case (nil, .some):
            if !holdsAny(
                context.rule.create, in: &context, leaf: nil, party: party(context.rule.party, in: context, member: nil)
            ) {
                context.refuse(
                    .notAllowed,
                    zh:
                        "\(signer.nodeId) 无权新增\(kind.chinese)（\(path)）；"
                        + "可由\(names(context.rule.create, chinese: true))新增。",
                    en:
                        "\(signer.nodeId) may not add a \(kind.english) (\(path)); "
                        + "\(names(context.rule.create, chinese: false)) may."
                )
            }
        case (.some, nil):
            if !holdsAny(
                context.rule.delete, in: &context, leaf: nil, party: party(context.rule.party, in: context, member: nil)
            ) {
                let who =
                    context.rule.delete.isEmpty ? "任何节点都不能删除" : "只能由\(names(context.rule.delete, chinese: true))删除"
                let whoEn =
                    context.rule.delete.isEmpty
                    ? "nobody may delete it" : "only \(names(context.rule.delete, chinese: false)) may"
                context.refuse(
                    .notAllowed, zh: "\(signer.nodeId) 删除了\(kind.chinese)（\(path)），\(who)。",
                    en: "\(signer.nodeId) deletes a \(kind.english) (\(path)); \(whoEn).")
            }
        case (.some, .some):
            judgeLeaves(&context)
        case (nil, nil):
            break
        }
        checkInvariants(&context, payments: payments)
        return context.refusals
    }

    /// Every changed leaf of a record that exists before and after.
    private func judgeLeaves(_ context: inout StepContext) {
        let step = context.step
        if context.kind == .documentContent {
            context.refuse(
                .notAllowed, zh: "\(context.signer.nodeId) 改动了已提交材料的文件内容（\(step.path)）；"
                    + "材料一经提交不能改动。",
                en:
                    "\(context.signer.nodeId) changes the bytes of a document (\(step.path)); a document's bytes never "
                    + "change once added."
            )
            return
        }
        let everyChange = RecordLeaves.changed(context.beforeLeaves, context.afterLeaves)
        let changed = everyChange.filter { step.leaves?.contains($0) ?? true }
        var allowedSomething = false, bookkeepingOnly: [String] = []
        for leaf in changed {
            if policy.bookkeeping.contains(leaf) { bookkeepingOnly.append(leaf); continue }
            guard let rule = context.rule.rule(for: leaf)?.0 else {
                context.refuse(
                    .notAllowed, field: leaf,
                    zh: "\(context.signer.nodeId) 改动了\(context.kind.chinese)（\(step.path)）的 \(leaf)，"
                        + "该字段任何节点都不能改动。",
                    en: "\(context.signer.nodeId) changes \(leaf) of \(step.path); nobody may change that field.")
                continue
            }
            if isAllowed(leaf, in: &context) { allowedSomething = true; continue }
            context.refuse(
                .notAllowed, field: leaf,
                zh:
                    "\(context.signer.nodeId) 无权改动\(context.kind.chinese)（\(step.path)）的 "
                    + "\(leaf)（\(Self.inline(context.beforeLeaves?[leaf])) → "
                    + "\(Self.inline(context.afterLeaves?[leaf]))）；\(grantText(rule, chinese: true))。",
                en:
                    "\(context.signer.nodeId) may not change \(leaf) of \(step.path) "
                    + "(\(Self.inline(context.beforeLeaves?[leaf])) → \(Self.inline(context.afterLeaves?[leaf]))); "
                    + "\(grantText(rule, chinese: false))."
            )
        }
        // The stamp changes with the record: it is the step's when the step made any change it may make, even one
        // a later step overwrote (so that only the stamp is left of it in the net change).
        if !bookkeepingOnly.isEmpty, !allowedSomething, step.leaves != nil {
            allowedSomething = everyChange.contains { !policy.bookkeeping.contains($0) && isAllowed($0, in: &context) }
        }
        if !bookkeepingOnly.isEmpty, !allowedSomething, !context.isCourt, context.refusals.isEmpty {
            context.refuse(
                .notAllowed, field: bookkeepingOnly.joined(separator: ","),
                zh: "\(context.signer.nodeId) 只改动了\(step.path) 的 \(bookkeepingOnly.joined(separator: "、"))，"
                    + "却没有它可以做的改动。",
                en:
                    "\(context.signer.nodeId) changes only \(bookkeepingOnly.joined(separator: ", ")) of \(step.path), "
                    + "with no change it may make."
            )
        }
    }

    // MARK: grants

    /// True when a rule grants the signer the change of `leaf`, or the moves of a state field allow it.
    func isAllowed(_ leaf: String, in context: inout StepContext) -> Bool {
        guard let (rule, member) = context.rule.rule(for: leaf) else { return false }
        let whose = party(rule.party ?? context.rule.party, in: context, member: member)
        if holdsAny(rule.change, in: &context, leaf: leaf, party: whose) { return true }
        return rule.moves.map { movesAllowed($0, leaf: leaf, in: context) } ?? false
    }

    /// Whose side a rule's `.partySide` means for this leaf.
    enum Whose { case party(String), anyone, nobody }

    func party(_ reference: PartyReference?, in context: StepContext, member: String?) -> Whose {
        let record = context.step.before ?? context.step.after
        func named(_ value: JSONValue?) -> Whose { value?.stringValue.map(Whose.party) ?? .nobody }
        switch reference {
        case nil: return .nobody
        case .recordItself?: return named(record?["id"])
        case .field(let field)?: return named(record?[field])
        case .applicant?:
            guard let applicant = record?["applicantPartyId"] else { return .nobody }
            return applicant.isNull ? .anyone : named(applicant)
        case .member?: return member.map(Whose.party) ?? .nobody
        case .valueOf(let leaf)?: return named(context.afterLeaves?[leaf])
        }
    }

    func holdsAny(_ grants: [Grant], in context: inout StepContext, leaf: String?, party: Whose) -> Bool {
        grants.contains { holds($0, in: context, leaf: leaf, party: party) }
    }

    func holds(_ grant: Grant, in context: StepContext, leaf: String?, party: Whose) -> Bool {
        let signer = context.signer, standing = context.standing
        let who: Bool
        switch grant.who {
        case .court: who = context.isCourt
        case .terminal: who = signer.isTerminal(of: standing.court)
        case .filer: who = signer.nodeId == standing.filedBy
        case .participant: who = true
        case .partySide:
            switch party {
            case .party(let id): who = standing.node(signer, actsFor: id)
            case .anyone: who = true
            case .nobody: who = false
            }
        }
        guard who else { return false }
        switch grant.when {
        case .always: return true
        case .underReview: return standing.isUnderReview
        // Adding is giving a value where there was none: no member, or a field written as an explicit null.
        case .addOnly: return leaf.map { context.beforeLeaves?[$0]?.isNull ?? true } ?? true
        case .unsettled:
            let settled: Set<String> = [PaymentState.paid.rawValue, PaymentState.refunded.rawValue]
            return [context.step.before, context.step.after].allSatisfy {
                !settled.contains($0?["state"]?.stringValue ?? "")
            }
        case .enteringState:
            guard let leaf, leaf.hasPrefix("steps."), context.beforeLeaves?[leaf] == nil else { return false }
            let state = String(leaf.dropFirst("steps.".count))
            return context.step.after?["state"]?.stringValue == state
                && context.step.before?["state"]?.stringValue != state
        }
    }

    func names(_ grants: [Grant], chinese: Bool) -> String {
        guard !grants.isEmpty else { return chinese ? "任何节点都不能" : "nobody" }
        return grants.map { chinese ? $0.who.chinese + $0.when.chinese : $0.who.english + $0.when.english }
            .joined(separator: chinese ? "或" : " or ")
    }

    func grantText(_ rule: FieldRule, chinese: Bool) -> String {
        let base = chinese ? "可由\(names(rule.change, chinese: true))改动" : "\(names(rule.change, chinese: false)) "
            + "may"
        guard let moves = rule.moves else { return base }
        return base + (chinese ? "，以及\(moves.chinese)" : "; besides, \(moves.english)")
    }

    // MARK: helpers

    func schemaProblem(_ value: JSONValue, expected: String) -> String? {
        guard value["schema"]?.stringValue == expected else {
            return "expected \(expected), found \(value["schema"]?.stringValue ?? "no schema")"
        }
        guard let schema = environment.schemas[expected] else { return "no schema \(expected) is known" }
        do { try schema.validate(value) } catch { return "\(error)" }
        return nil
    }

    func refusal(
        _ kind: PolicyRefusal.Kind, _ step: FileStep, field: String? = nil, signer: Participant, zh: String, en: String
    ) -> PolicyRefusal {
        PolicyRefusal(kind, path: step.path, field: field, signer: signer.nodeId, chinese: zh, english: en)
    }

    static func inline(_ value: JSONValue?) -> String {
        guard let value else { return "无/none" }
        let text = String(decoding: CanonicalJSON.encode(value), as: UTF8.self).trimmingSpaces
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}

/// One judgement in progress: the step, its parsed leaves, who signed it, and the refusals so far.
struct StepContext {
    let step: FileStep
    let kind: RecordKind
    let rule: RecordRule
    let signer: Participant
    let standing: CaseStanding
    let beforeLeaves: RecordLeaves?
    let afterLeaves: RecordLeaves?
    var refusals: [PolicyRefusal] = []

    init(step: FileStep, kind: RecordKind, rule: RecordRule, signer: Participant, standing: CaseStanding) {
        self.step = step; self.kind = kind; self.rule = rule; self.signer = signer; self.standing = standing
        beforeLeaves = step.before.map(RecordLeaves.init)
        afterLeaves = step.after.map(RecordLeaves.init)
    }

    var isCourt: Bool { signer.isCourt(of: standing.court) }

    mutating func refuse(_ kind: PolicyRefusal.Kind, field: String? = nil, zh: String, en: String) {
        refusals.append(
            PolicyRefusal(kind, path: step.path, field: field, signer: signer.nodeId, chinese: zh, english: en))
    }
}
