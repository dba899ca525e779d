/// The invariants of `PolicyInvariant`, checked after the grants: content every signer must respect.
extension AuthorityJudge {
    func checkInvariants(_ context: inout StepContext, payments: () -> [PaymentRecord]) {
        guard let after = context.step.after else { return }
        let created = context.step.before == nil
        for invariant in context.rule.invariants {
            switch invariant {
            case .recordAtItsPath: recordAtItsPath(&context, after)
            case .stampedBySigner: stampedBySigner(&context, after, created: created)
            case .caseBornAsFiling where created: caseBornAsFiling(&context, after)
            case .partyBornWithoutCode where created && !context.isCourt:
                if !(after["queryCodeHash"]?.isNull ?? true) {
                    context.refuse(
                        .notAllowed, field: "queryCodeHash", zh: "只有法院能为当事人设置查询码（\(context.step.path)）"
                            + "。",
                        en: "Only the court sets a party's query code (\(context.step.path)).")
                }
            case .materialWaitsForReview where created: materialWaitsForReview(&context, after)
            case .paymentBornUnpaid where created && !context.isCourt: paymentBornUnpaid(&context, after)
            case .filingBornAsApplied where created && !context.isCourt: filingBornAsApplied(&context, after)
            case .mediationByEveryParty where !context.isCourt: mediationByEveryParty(&context, after)
            case .preservationFeeCovered where !context.isCourt: preservationFeeCovered(&context, after, payments)
            case .transcriptSignatureValid: transcriptSignatures(&context, after)
            case .conflictsStayResolved:
                if context.step.before?["status"]?.stringValue == ConflictRecord.Status.resolved.rawValue,
                    after["status"] != context.step.before?["status"]
                        || after["resolution"] != context.step.before?["resolution"]
                {
                    context.refuse(
                        .notAllowed, field: "status", zh: "已解决的冲突不能重新打开或改写（\(context.step.path)）。",
                        en: "A resolved conflict cannot be reopened or rewritten (\(context.step.path)).")
                }
            default: continue
            }
        }
    }

    private func recordAtItsPath(_ context: inout StepContext, _ after: JSONValue) {
        let path = context.step.path
        let expected: String?
        switch context.kind {
        case .caseRecord:
            expected = after["uid"]?.stringValue == context.standing.uid ? path : "case.json of \(context.standing.uid)"
        case .document: expected = after["id"]?.stringValue.map { "documents/\($0)/meta.json" }
        case .timeline:
            let at = after["at"]?.stringValue.flatMap { try? HybridTimestamp(parsing: $0) }
            expected = at.flatMap { at in after["node"]?.stringValue.map { "docket/\(at.compact)-\($0).json" } }
        case .documentContent: expected = path
        default: expected = after["id"]?.stringValue.map { "\(path.split(separator: "/")[0])/\($0).json" }
        }
        if expected != path {
            context.refuse(
                .invalid, zh: "\(path) 中的记录编号与其路径不符（应为 \(expected ?? "—")）。",
                en: "The record in \(path) does not belong at that path (its place is \(expected ?? "—")).")
        }
    }

    private func stampedBySigner(_ context: inout StepContext, _ after: JSONValue, created: Bool) {
        // Conflict records are derived by every node that merges the same two sides: their stamp names a side.
        if context.kind == .conflict { return }
        let field = context.kind == .timeline ? "node" : "updatedBy"
        let written = created || context.beforeLeaves?[field] != context.afterLeaves?[field]
        guard written, after[field]?.stringValue != context.signer.nodeId else { return }
        context.refuse(
            .notAllowed, field: field,
            zh:
                "\(context.step.path) 的 \(field) 写的是 \(after[field]?.stringValue ?? "—")，而签名节点是 "
                + "\(context.signer.nodeId)。",
            en:
                "\(context.step.path) says \(field) \(after[field]?.stringValue ?? "—"), but it is signed by "
                + "\(context.signer.nodeId)."
        )
    }

    private func caseBornAsFiling(_ context: inout StepContext, _ after: JSONValue) {
        var problems: [String] = []
        if after["filedBy"]?.stringValue != context.signer.nodeId {
            problems.append("filedBy \(after["filedBy"]?.stringValue ?? "—")")
        }
        if after["status"]?.stringValue != CaseStatus.submitted.rawValue {
            problems.append("status \(after["status"]?.stringValue ?? "—")")
        }
        for field in ["caseNumber", "procedure", "acceptedOn", "judge", "clerk", "clerkPhone"]
        where !(after[field]?.isNull ?? true) {
            problems.append(field)
        }
        guard !problems.isEmpty else { return }
        context.refuse(
            .notAllowed,
            zh: "新案件必须由签名节点 \(context.signer.nodeId) 以“已提交”状态立案、不带法院字段；此处："
                + "\(problems.joined(separator: "、"))。",
            en:
                "A new case must be filed by its signer \(context.signer.nodeId), submitted, with no court fields; "
                + "found: \(problems.joined(separator: ", "))."
        )
    }

    private func materialWaitsForReview(_ context: inout StepContext, _ after: JSONValue) {
        if after["addedBy"]?.stringValue != context.signer.nodeId {
            context.refuse(
                .notAllowed, field: "addedBy",
                zh: "材料的 addedBy 必须是签名节点 \(context.signer.nodeId)（\(context.step.path)）。",
                en: "A document's addedBy must be its signer \(context.signer.nodeId) (\(context.step.path)).")
        }
        guard !context.isCourt else { return }
        let review = after["review"]?.stringValue
        let filingMaterial =
            review == nil && context.signer.nodeId == context.standing.filedBy && context.standing.isUnderReview
        let material =
            review == "pending"
            && after["submittedBy"]?.stringValue.map { context.standing.node(context.signer, actsFor: $0) } == true
        if !filingMaterial && !material {
            context.refuse(
                .notAllowed, field: "review",
                zh:
                    "\(context.signer.nodeId) 提交的材料（\(context.step.path)）必须“待审核”并写明其代理的提交当事人；只有立案审查期间的立案提交方可直接附入卷宗，"
                    + "已审核状态只能由法院设定。",
                en:
                    "Material from \(context.signer.nodeId) (\(context.step.path)) must wait for review (pending) and "
                    + "name a party it acts for (submittedBy); only the filer while the filing is under review "
                    + "adds documents straight to the dossier, and only the court sets a review outcome."
            )
        }
    }

    private func paymentBornUnpaid(_ context: inout StepContext, _ after: JSONValue) {
        let kind = after["kind"]?.stringValue, state = after["state"]?.stringValue
        guard kind == PaymentKind.payment.rawValue, state == PaymentState.awaiting.rawValue,
            after["method"]?.stringValue == "qr"
        else {
            context.refuse(
                .notAllowed,
                zh:
                    "\(context.signer.nodeId) 只能新建待支付的扫码缴费记录；核定、退费、柜台缴费和已支付状态只能由法院记录（\(context.step.path)："
                    + "\(kind ?? "—")，\(state ?? "—")）。",
                en:
                    "\(context.signer.nodeId) may create only a QR payment awaiting payment; assessments, refunds, "
                    + "counter payments and settled states are the court's (\(context.step.path): \(kind ?? "—"), "
                    + "\(state ?? "—"))."
            )
            return
        }
    }

    private func filingBornAsApplied(_ context: inout StepContext, _ after: JSONValue) {
        guard let kind = after["kind"]?.stringValue.flatMap(FilingKind.init) else { return }
        let initial = kind.initialState.rawValue
        var problems: [String] = []
        if after["state"]?.stringValue != initial { problems.append("state \(after["state"]?.stringValue ?? "—")") }
        if !(after["courtState"]?.isNull ?? true) { problems.append("courtState") }
        if !(after["feeFen"]?.isNull ?? true) { problems.append("feeFen") }
        if !(after["court"]?.objectValue?.isEmpty ?? true) { problems.append("court") }
        if !(after["signatures"]?.objectValue?.isEmpty ?? true) { problems.append("signatures") }
        let applicant = after["applicantPartyId"]?.stringValue
        if let consents = after["consents"]?.objectValue, consents.keys.contains(where: { $0 != applicant }) {
            problems.append("consents")
        }
        if let steps = after["steps"]?.objectValue, Set(steps.keys) != [initial] { problems.append("steps") }
        guard !problems.isEmpty else { return }
        context.refuse(
            .notAllowed,
            zh:
                "新申请必须处于初始状态“\(kind.initialState.chinese)”，不带法院字段、签名或他人同意（\(context.step.path)："
                + "\(problems.joined(separator: "、"))）。",
            en:
                "A new request must start as \(initial) with no court fields, signatures or others' consent "
                + "(\(context.step.path): \(problems.joined(separator: ", ")))."
        )
    }

    private func mediationByEveryParty(_ context: inout StepContext, _ after: JSONValue) {
        guard after["kind"]?.stringValue == FilingKind.mediation.rawValue, let state = after["state"]?.stringValue,
            state != context.step.before?["state"]?.stringValue
        else { return }
        let parties = context.standing.representatives.keys
        if state == FilingState.consented.rawValue {
            let consents = after["consents"]?.objectValue ?? [:]
            if parties.contains(where: { consents[$0] == nil }) {
                context.refuse(
                    .notAllowed, field: "state", zh: "尚有当事人未同意调解，"
                        + "调解不能进入“已同意”（\(context.step.path)）。",
                    en:
                        "Not every party has consented, so the mediation cannot become consented "
                        + "(\(context.step.path))."
                )
            }
        }
        if state == FilingState.mediatorAssigned.rawValue {
            let details = after["details"]?.objectValue ?? [:]
            let choices = Set(parties.map { details["mediatorChoice-\($0)"] })
            if choices.count != 1 || choices.first! == nil || choices.first! != details["mediator"] {
                context.refuse(
                    .notAllowed, field: "state", zh: "各方当事人没有共同选定同一调解员，"
                        + "只有法院能指定调解员（\(context.step.path)）。",
                    en:
                        "The parties did not all choose the same mediator; only the court assigns one otherwise "
                        + "(\(context.step.path))."
                )
            }
        }
    }

    private func preservationFeeCovered(
        _ context: inout StepContext, _ after: JSONValue, _ payments: () -> [PaymentRecord]
    ) {
        guard after["kind"]?.stringValue == FilingKind.preservation.rawValue,
            after["state"]?.stringValue == FilingState.feePaid.rawValue,
            context.step.before?["state"]?.stringValue != FilingState.feePaid.rawValue
        else { return }
        let assessment = after["court"]?["assessmentId"]?.stringValue, fee = after["feeFen"]?.intValue
        let paid = payments().filter { $0.kind == .payment && $0.state == .paid && $0.assessmentId == assessment }
            .reduce(Int64(0)) { $0 + $1.amountFen }
        guard let fee, assessment != nil, paid >= fee else {
            context.refuse(
                .notAllowed, field: "state", zh: "保全费尚未缴足，申请不能进入“已缴费”（\(context.step.path)）。",
                en: "The preservation fee is not paid, so the request cannot become fee-paid (\(context.step.path)).")
            return
        }
    }

    /// Every signature a step adds, in any version of the transcript, is the signer's own and verifies against the
    /// hash of the version it is in.
    private func transcriptSignatures(_ context: inout StepContext, _ after: JSONValue) {
        for (number, version) in after["transcripts"]?.objectValue ?? [:] {
            let before = context.step.before?["transcripts"]?[number]?["signatures"]?.objectValue ?? [:]
            for (party, value) in version["signatures"]?.objectValue ?? [:] where before[party] != value {
                guard let signature = try? CanonicalJSON.decode(TranscriptSignature.self, from: value),
                    signature.partyId == party,
                    signature.node == context.signer.nodeId,
                    signature.documentId == version["documentId"]?.stringValue,
                    signature.verify(
                        caseUID: context.standing.uid, hearingId: after["id"]?.stringValue ?? "",
                        transcriptSha256: version["sha256"]?.stringValue ?? "",
                        isValid: { environment.verifySignature(signature.node, $0, $1) })
                else {
                    context.refuse(
                        .invalid, field: "transcripts.\(number).signatures.\(party)",
                        zh:
                            "\(context.step.path) 中当事人 \(party) 对第\(number)版笔录的签名不是签名节点 \(context.signer.nodeId) "
                            + "所签，或验证不通过。",
                        en:
                            "The signature of party \(party) on version \(number) of the transcript in "
                            + "\(context.step.path) is not made by its signer \(context.signer.nodeId) or does "
                            + "not verify."
                    )
                    continue
                }
            }
        }
    }
}
