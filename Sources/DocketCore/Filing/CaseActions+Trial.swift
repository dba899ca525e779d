/// The court's steps on the trial timetable: the evidence period it sets, the trial time limit extended or not
/// counting some days.
extension CaseActions {
    /// Sets the evidence period's last day (举证期限, 民诉法解释 art. 99): at least 15 days from `today` under the
    /// ordinary procedure, at most 15 under the simple one, at most 7 for small claims (art. 275).
    public static func setEvidencePeriod(
        _ file: CaseFile, until: LocalDate, today: LocalDate, side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "set the evidence period", chinese: "确定举证期限")
        guard file.record.status == .accepted else {
            throw DocketError(
                .conflict, key: "trial.evidence-period-not-accepted",
                zh: "案件尚未受理（当前状态为\(file.record.status.rawValue)），不能确定举证期限。",
                en: "The evidence period is set for an accepted case; this one is \(file.record.status.rawValue).")
        }
        let days = today.days(until: until)
        guard days >= 1 else {
            throw DocketError(
                .invalidInput, key: "trial.evidence-period-past", zh: "举证期限应晚于今日。",
                en: "The evidence period must end after today.")
        }
        switch file.record.procedure {
        case Procedure.simple.rawValue?:
            if days > 15 {
                throw DocketError(
                    .invalidInput, key: "trial.evidence-period-simple-too-long",
                    zh: "简易程序举证期限不得超过十五日；\(until)距今\(days)日。",
                    en:
                        "Under the simple procedure the evidence period is at most 15 days (民诉法解释 art. 99); \(until) "
                        + "is \(days) days away."
                )
            }
        case Procedure.smallClaims.rawValue?:
            if days > 7 {
                throw DocketError(
                    .invalidInput, key: "trial.evidence-period-small-claims-too-long",
                    zh: "小额诉讼举证期限一般不超过七日；\(until)距今\(days)日。",
                    en:
                        "For small claims the evidence period is at most 7 days (民诉法解释 art. 275); \(until) is \(days) "
                        + "days away."
                )
            }
        default:
            if days < 15 {
                throw DocketError(
                    .invalidInput, key: "trial.evidence-period-ordinary-too-short",
                    zh: "普通程序举证期限不得少于十五日；\(until)距今\(days)日。",
                    en:
                        "Under the ordinary procedure the evidence period is at least 15 days (民诉法解释 art. 99); "
                        + "\(until) is \(days) days away."
                )
            }
        }
        var record = file.record
        record.evidenceUntil = until.description
        return try writeTrialRecord(
            record, kind: "evidence-period", summary: "确定举证期限至\(until)", message: "Evidence period until "
                + "\(until)",
            by: actor)
    }

    /// Extends the trial time limit by `months` (CPL art. 152: six more months with the president's approval) or
    /// records days that do not count in it (民诉法解释 art. 243), with the reason.
    public static func adjustTrialLimit(
        _ file: CaseFile, extendMonths: Int?, excludeDays: Int?, reason: String, side: ActingSide,
        by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "adjust the trial time limit", chinese: "审限变更")
        guard file.record.status == .accepted else {
            throw DocketError(
                .conflict, key: "trial.limit-not-accepted", zh: "案件尚未受理。",
                en: "Only an accepted case has a trial time limit.")
        }
        guard extendMonths != nil || excludeDays != nil else {
            throw DocketError(
                .invalidInput, key: "trial.limit-option-required", zh: "请指定 --extend-months 或 --exclude-days。",
                en: "Say --extend-months or --exclude-days.")
        }
        guard !reason.trimmingSpaces.isEmpty else {
            throw DocketError(
                .invalidInput, key: "trial.limit-reason-required", zh: "请写明理由及批准情况。",
                en: "Give the reason (and the approval).")
        }
        var record = file.record
        var said: [String] = []
        if let extendMonths {
            guard (1...6).contains(extendMonths) else {
                throw DocketError(
                    .invalidInput, key: "trial.extension-months-range", zh: "每次延长一至六个月。",
                    en: "An extension is 1 to 6 months at a time.")
            }
            record.trialExtensionMonths = (record.trialExtensionMonths ?? 0) + extendMonths
            said.append("延长审限\(extendMonths)个月")
        }
        if let excludeDays {
            guard excludeDays >= 1 else {
                throw DocketError(
                    .invalidInput, key: "trial.excluded-days-too-few", zh: "不计入审限的天数至少为1天。",
                    en: "Days not counted must be at least 1.")
            }
            record.trialExcludedDays = (record.trialExcludedDays ?? 0) + excludeDays
            said.append("\(excludeDays)日不计入审限")
        }
        return try writeTrialRecord(
            record, kind: "trial-limit", summary: said.joined(separator: "，") + "（\(reason)）",
            message: "Trial time limit: " + said.joined(separator: ", "), by: actor)
    }

    private static func writeTrialRecord(
        _ record: CaseRecord, kind: String, summary: String, message: String, by actor: Actor
    ) throws -> CaseChange {
        var record = record
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        var change = CaseChange(message: message)
        try change.write(record, at: "case.json")
        try change.append(
            DocketEntry(at: actor.time, node: actor.node, actor: actor.name, kind: kind, summary: summary))
        return change
    }
}

extension CaseActions {
    /// The judgment pronounced (宣判): its document joins the dossier, with the day and whether it was pronounced in
    /// court. It is then sent to every party (CPL art. 151), and each party's appeal period runs from its service.
    public static func recordJudgment(
        _ file: CaseFile, document: AttachedDocument, pronouncedOn: LocalDate, inCourt: Bool,
        side: ActingSide, by actor: Actor
    ) throws -> CaseChange {
        try requireCourt(side, "record a judgment", chinese: "宣判")
        guard file.record.status == .accepted else {
            throw DocketError(
                .conflict, key: "trial.judgment-not-accepted", zh: "案件尚未受理。", en: "Only an accepted case is "
                    + "judged.")
        }
        guard file.record.judgmentOn == nil else {
            throw DocketError(
                .conflict, key: "trial.already-judged", zh: "本案已宣判（\(file.record.judgmentOn!)）。",
                en: "The case already has its judgment (\(file.record.judgmentOn!)).")
        }
        var record = file.record
        record.judgmentOn = pronouncedOn.description
        record.judgmentDocumentId = document.meta.id
        record.judgmentInCourt = inCourt
        record.updatedAt = actor.time
        record.updatedBy = actor.node
        var change = CaseChange(message: "Judgment pronounced on \(pronouncedOn)")
        try change.write(record, at: "case.json")
        try change.add(document.meta, bytes: document.bytes)
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "judgment",
                summary: "\(inCourt ? "当庭" : "定期")宣判（\(document.meta.title)）"))
        return change
    }
}
