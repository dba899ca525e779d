/// The court's review of a filing: accept, ask for corrections, refuse; and the filer's corrected resubmission.
extension CaseActions {
    /// Accepts a submitted case: number, procedure, contacts, query-code hashes, the fee assessment with its due
    /// date, the two notices, and a timeline entry.
    public static func accept(_ file: CaseFile, _ acceptance: Acceptance, by actor: Actor) throws -> CaseChange {
        guard file.record.status == .submitted else {
            throw DocketError(
                .conflict, key: "filing.only-submitted-accepted",
                zh:
                    "只有已提交的案件才能受理；"
                    + "本案当前状态为\(file.record.status.rawValue)\(file.record.caseNumber.map { " (\($0))" } ?? "")。",
                en:
                    "Only a submitted case can be accepted; this one is "
                    + "\(file.record.status.rawValue)\(file.record.caseNumber.map { " (\($0))" } ?? "")."
            )
        }
        var record = file.record
        record.status = .accepted
        record.caseNumber = acceptance.caseNumber.canonical
        record.procedure = acceptance.procedure?.rawValue
        record.acceptedOn = acceptance.acceptedOn.description
        record.judge = acceptance.judge
        record.clerk = acceptance.clerk
        record.clerkPhone = acceptance.clerkPhone
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        var change = CaseChange(message: "Accept case as \(acceptance.caseNumber.canonical)")
        try change.write(record, at: "case.json")
        for var party in file.parties {
            guard let hash = acceptance.queryCodeHashes[party.id] else { continue }
            party.queryCodeHash = hash
            party.updatedAt = actor.time
            party.updatedBy = actor.node
            try change.write(party, at: "parties/\(party.id).json")
        }
        // Only a prepaid fee is assessed now; an enforcement or bankruptcy fee is paid at the end (art. 20).
        if acceptance.fee.feeFen > 0, acceptance.feeKind.isPrepaid {
            let assessment = PaymentRecord(
                id: acceptance.assessmentID, kind: .assessment, feeKind: acceptance.feeKind.rawValue,
                amountFen: acceptance.fee.feeFen, dueDate: acceptance.feeDue.description,
                basis: acceptance.fee.chineseBasis, at: actor.time, by: actor.node)
            try change.write(assessment, at: assessment.path)
        }
        for notice in acceptance.notices {
            try change.add(notice.meta, bytes: notice.bytes)
        }
        let kind = acceptance.feeKind
        let fee =
            acceptance.fee.feeFen == 0
            ? "不交纳\(kind.isAcceptanceFee ? "案件受理费" : kind.chineseName)"
            : kind.isPrepaid
                ? "\(kind.isAcceptanceFee ? "受理费" : kind.chineseName)\(acceptance.fee.fee)元，"
                    + "缴费期限\(acceptance.feeDue)"
                : "\(kind.chineseName)\(acceptance.fee.fee)元不预交"
        let procedure = acceptance.procedure.map { "，\($0.chinese)" } ?? ""
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "accepted",
                summary: "立案受理，案号\(acceptance.caseNumber.canonical)\(procedure)，\(fee)"))
        return change
    }

    /// Asks the filer to correct the filing: one notice listing every item (在线诉讼规则 art. 9).
    public static func requestCorrection(
        _ file: CaseFile, items: [String], notice: (meta: DocumentMeta, bytes: [UInt8]),
        by actor: Actor
    ) throws -> CaseChange {
        guard file.record.status == .submitted else {
            throw DocketError(
                .conflict, key: "filing.correction-only-submitted",
                zh: "只有已提交的案件才能要求补正；本案当前状态为\(file.record.status.rawValue)。",
                en: "Corrections can only be asked of a submitted case; this one is \(file.record.status.rawValue).")
        }
        guard !items.isEmpty else {
            throw DocketError(
                .invalidInput, key: "filing.correction-items-required", zh: "请列明所有需补正的事项（--item），"
                    + "一次性告知。",
                en: "List every item to correct (--item), all in one notice.")
        }
        return try moveStatus(
            file, to: .correctionRequested, kind: "correction-requested",
            summary: "通知补正：" + items.joined(separator: "；"), message: "Ask for corrections",
            document: notice, by: actor)
    }

    /// The filer hands in the corrected filing: the review clock restarts from `receivedOn`.
    public static func resubmit(_ file: CaseFile, receivedOn: LocalDate, by actor: Actor) throws -> CaseChange {
        guard file.record.status == .correctionRequested else {
            throw DocketError(
                .conflict, key: "filing.resubmit-only-correction",
                zh: "只有等待补正的案件才能重新提交；本案当前状态为\(file.record.status.rawValue)。",
                en:
                    "Only a case waiting for corrections can be resubmitted; this one is "
                    + "\(file.record.status.rawValue)."
            )
        }
        var change = try moveStatus(
            file, to: .submitted, kind: "resubmitted", summary: "提交补正材料，审查期限重新计算",
            message: "Resubmit corrected filing", document: nil, by: actor)
        var record = try CaseRecord.decode(change.files["case.json"]!!)
        record.receivedOn = receivedOn.description
        try change.write(record, at: "case.json")
        return change
    }

    /// Refuses the filing with a ruling (不予受理).
    public static func reject(
        _ file: CaseFile, reason: String, ruling: (meta: DocumentMeta, bytes: [UInt8]),
        by actor: Actor
    ) throws -> CaseChange {
        guard file.record.status == .submitted || file.record.status == .correctionRequested else {
            throw DocketError(
                .conflict, key: "filing.refuse-only-under-review",
                zh: "只有审查中的案件才能裁定不予受理；本案当前状态为\(file.record.status.rawValue)。",
                en: "Only a case under review can be refused; this one is \(file.record.status.rawValue).")
        }
        return try moveStatus(
            file, to: .rejected, kind: "rejected", summary: "裁定不予受理：\(reason)",
            message: "Refuse filing", document: ruling, by: actor)
    }

    /// Records the court's permission to withdraw an accepted case (准许撤诉); the fee is then halved (art. 15).
    public static func withdraw(_ file: CaseFile, by actor: Actor) throws -> CaseChange {
        guard file.record.status == .accepted else {
            throw DocketError(
                .conflict, key: "filing.withdraw-only-accepted",
                zh: "只有已受理的案件才能准许撤诉；本案当前状态为\(file.record.status.rawValue)。",
                en: "Only an accepted case can be withdrawn; this one is \(file.record.status.rawValue).")
        }
        return try moveStatus(
            file, to: .withdrawn, kind: "withdrawn", summary: "准许撤诉", message: "Withdraw case",
            document: nil, by: actor)
    }

    /// The filer takes back a filing the court has not decided on yet (submitted, or waiting for corrections):
    /// no ruling is needed, nothing was assessed, and the case is closed as withdrawn.
    public static func withdrawFiling(_ file: CaseFile, by actor: Actor) throws -> CaseChange {
        guard file.record.status == .submitted || file.record.status == .correctionRequested else {
            throw DocketError(
                .conflict, key: "filing.withdraw-only-under-review",
                zh: "只能撤回尚在审查中的立案申请；本案当前状态为\(file.record.status.rawValue)。",
                en:
                    "Only a filing under review can be withdrawn by its filer; this one is "
                    + "\(file.record.status.rawValue)."
            )
        }
        return try moveStatus(
            file, to: .withdrawn, kind: "filing-withdrawn", summary: "立案申请人撤回立案申请（立案审查期间撤回，"
                + "无需裁定）",
            message: "Withdraw filing", document: nil, by: actor)
    }

    private static func moveStatus(
        _ file: CaseFile, to status: CaseStatus, kind: String, summary: String, message: String,
        document: (meta: DocumentMeta, bytes: [UInt8])?, by actor: Actor
    ) throws -> CaseChange {
        var record = file.record
        record.status = status
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        var change = CaseChange(message: message)
        try change.write(record, at: "case.json")
        if let document {
            try change.add(document.meta, bytes: document.bytes)
        }
        try change.append(
            DocketEntry(at: actor.time, node: actor.node, actor: actor.name, kind: kind, summary: summary))
        return change
    }
}
