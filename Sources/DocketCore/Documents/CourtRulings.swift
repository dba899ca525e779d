/// The court's rulings and decisions on service requests, written as the documents they are: the case number, the
/// parties, what was asked (amounts, property), the court's reasons and legal basis, the order, who bears the fee,
/// and the right to reconsideration or appeal with its period — wholly in Chinese, dates in Chinese. Pure text;
/// the store puts it in the dossier.
public enum CourtRulings {
    /// Who signs and when: the court, the judge and the clerk of the case, the day.
    public struct Signature: Sendable {
        public var court: String
        public var date: LocalDate
        public var judge: String?
        public var clerk: String?

        public init(court: String, date: LocalDate, judge: String?, clerk: String?) {
            self.court = court; self.date = date; self.judge = judge; self.clerk = clerk
        }

        var lines: [String] {
            ["", "审判员　\(judge ?? "（待定）")", date.chineseFormal, "书记员　\(clerk ?? "（待定）")"]
        }
    }

    /// A party as a ruling names it: its name and masked identity number.
    static func describe(_ party: PartyRecord) -> String {
        guard let number = party.idNumber else { return "\(party.name)。" }
        let kind = party.kind == PartyKind.organisation.rawValue ? "统一社会信用代码" : "身份证件号码"
        return "\(party.name)，\(kind)\(Masking.mask(number))。"
    }

    static func names(_ parties: [PartyRecord]) -> String { parties.map(\.name).joined(separator: "、") }

    static func number(_ file: CaseFile) -> String {
        file.record.caseNumber ?? "（立案编号\(FilingNumber.of(uid: file.record.uid))）"
    }

    /// The other side of `applicant`: the defendants of a plaintiff, the plaintiffs of a defendant.
    static func respondents(of applicant: PartyRecord, in file: CaseFile) -> [PartyRecord] {
        file.parties.filter { $0.role != applicant.role && $0.role != .thirdParty }
    }

    /// 民事裁定书 on a preservation application: granted (查封、扣押、冻结 the property to the amount) or refused,
    /// pre-suit (CPL art. 104, suit within 30 days) or in a suit (art. 103); reconsideration once within 5 days
    /// (art. 111; 法释〔2016〕22号 art. 25).
    public static func preservation(
        _ file: CaseFile, _ filing: FilingRecord, grant: Bool, reason: String, fee: Fen?,
        signature: Signature
    ) -> String {
        let applicant = filing.applicantPartyId.flatMap(file.party)
        let respondents = applicant.map { Self.respondents(of: $0, in: file) } ?? []
        let who = applicant?.name ?? "申请人"
        let amount = Fen(filing.amountFen ?? 0).yuanString
        let property = filing.details["property"] ?? "（未列明）"
        let preSuit = filing.flag("preSuit")
        let guarantees = file.filings(relatedTo: filing.id).filter { $0.kind == .guarantee && $0.state == .accepted }
        let security =
            guarantees.isEmpty
            ? "未提供担保"
            : "并以"
                + guarantees.map { g in
                    let form = ["cash": "保证金", "insurance": "保险保单", "letter": "保函"][g.details["form"] ?? ""] ?? "担保"
                    return
                        "\(form)\(g.details["guarantor"].map { "（\($0)出具）" } ?? "")提供担保"
                        + "\(Fen(g.amountFen ?? 0).yuanString)元"
                }.joined(separator: "、")
        let appliedOn = filing.createdAt.shanghai.date.chinese
        var lines = [signature.court, "民事裁定书", "", number(file), ""]
        lines.append("申请人：\(applicant.map(describe) ?? "。")")
        lines += respondents.map { "被申请人：\(describe($0))" }
        lines.append("")
        let context =
            preSuit
            ? "申请人\(who)于\(appliedOn)在起诉前向本院申请财产保全"
            : "本院在审理\(names(file.parties.filter { $0.role == .plaintiff }))与"
                + "\(names(file.parties.filter { $0.role == .defendant }))\(file.record.cause)一案中，"
                + "申请人\(who)于\(appliedOn)向本院申请财产保全"
        lines.append("\(context)，请求对被申请人\(names(respondents))名下价值\(amount)元的财产（\(property)）"
            + "采取保全措施，\(security)。")
        lines.append("")
        let articles = preSuit ? "第一百零四条、第一百零五条、第一百零六条" : "第一百零三条、第一百零五条、第一百零六条"
        let grounds = reason.trimmingSpaces.isEmpty ? (grant ? "申请人的申请符合法律规定" : "申请人的申请不符合法律规定") : reason
        lines.append("本院经审查认为，\(grounds)。依照《中华人民共和国民事诉讼法》\(articles)的规定，裁定如下：")
        lines.append("")
        lines.append(
            grant
                ? "查封、扣押、冻结被申请人\(names(respondents))名下价值\(amount)元的财产（\(property)）。"
                : "驳回申请人\(who)的财产保全申请。")
        lines.append("")
        if let fee, fee > .zero { lines.append("申请保全费\(fee.yuanString)元，由申请人\(who)负担。") }
        if grant {
            lines.append("本裁定立即开始执行。")
            if preSuit {
                lines.append("申请人应当在本院采取保全措施后三十日内依法提起诉讼或者申请仲裁；"
                    + "逾期不起诉或者申请仲裁的，本院将依法解除保全。")
            }
        }
        lines.append("如不服本裁定，当事人可以自收到裁定书之日起五日内向本院申请复议一次。复议期间不停止裁定的执行。")
        return (lines + signature.lines).joined(separator: "\n") + "\n"
    }

    /// 复议决定书 on a reconsideration of a preservation ruling (CPL art. 111): the ruling stands or is revoked;
    /// final.
    public static func reconsideration(
        _ file: CaseFile, _ filing: FilingRecord, keep: Bool, reason: String,
        signature: Signature
    ) -> String {
        let asker = filing.details["reconsiderationBy"].flatMap(file.party)
        let applicant = filing.applicantPartyId.flatMap(file.party)
        var lines = [signature.court, "复议决定书", "", number(file), ""]
        lines.append("复议申请人：\(asker.map(describe) ?? "。")")
        lines.append("")
        lines.append(
            "复议申请人\(asker?.name ?? "")不服本院就\(applicant?.name ?? "申请人")财产保全申请（申请保全价值"
                + "\(Fen(filing.amountFen ?? 0).yuanString)元）所作的裁定，向本院申请复议，理由："
                + "\(filing.details["reconsiderationReason"] ?? "（未说明）")。"
        )
        lines.append("")
        let grounds = reason.trimmingSpaces.isEmpty ? (keep ? "原裁定认定事实清楚，适用法律正确" : "复议申请人的理由成立") : reason
        lines.append("本院经审查认为，\(grounds)。依照《中华人民共和国民事诉讼法》第一百一十一条的规定，决定如下：")
        lines.append("")
        lines.append(keep ? "驳回复议申请，维持原裁定。" : "撤销原裁定，解除已采取的保全措施。")
        lines.append("")
        lines.append("本决定一经作出即发生法律效力。")
        return (lines + signature.lines).joined(separator: "\n") + "\n"
    }

    /// 执行裁定书 on an objection to an enforcement act (CPL art. 236): upheld (the act revoked or corrected) or
    /// dismissed; reconsideration at the next higher court within 10 days of service.
    public static func objection(
        _ file: CaseFile, _ filing: FilingRecord, upheld: Bool, reason: String,
        signature: Signature
    ) -> String {
        let objector = filing.applicantPartyId.flatMap(file.party)
        let enforcement = filing.relatedId.flatMap(file.filing)
        let act = filing.details["act"] ?? "执行行为"
        var lines = [signature.court, "执行裁定书", "", number(file), ""]
        lines.append("异议人：\(objector.map(describe) ?? "。")")
        for party in file.parties where party.id != objector?.id {
            lines.append("\(party.role == .plaintiff ? "申请执行人" : "被执行人")：\(describe(party))")
        }
        lines.append("")
        let source = enforcement?.details["judgmentCaseNumber"].map { "执行\($0)" } ?? "本案执行"
        lines.append(
            "本院在\(source)过程中，异议人\(objector?.name ?? "")于\(filing.createdAt.shanghai.date.chinese)对本院\(act)的执行行为提出书面异议，"
                + "理由：\(filing.details["reason"] ?? "（未说明）")。"
        )
        lines.append("")
        let grounds = reason.trimmingSpaces.isEmpty ? (upheld ? "异议人的异议理由成立" : "异议人的异议理由不能成立") : reason
        lines.append("本院经审查认为，\(grounds)。依照《中华人民共和国民事诉讼法》第二百三十六条的规定，裁定如下：")
        lines.append("")
        lines.append(upheld ? "异议人\(objector?.name ?? "")的异议成立，撤销本院\(act)的执行行为。" : "驳回异议人\(objector?.name ?? "")的异议。")
        lines.append("")
        lines.append("如不服本裁定，可以自本裁定送达之日起十日内向上一级人民法院申请复议。")
        return (lines + signature.lines).joined(separator: "\n") + "\n"
    }

    /// 民事调解书: the agreement the parties signed, confirmed by the court (CPL arts. 96–100): effective once every
    /// party has received it; the acceptance fee halved (Decree 481 art. 15).
    public static func mediationStatement(
        _ file: CaseFile, _ filing: FilingRecord, agreementText: String?, halvedFee: Fen?,
        signature: Signature
    ) -> String {
        let plaintiffs = file.parties.filter { $0.role == .plaintiff },
            defendants = file.parties.filter { $0.role == .defendant }
        var lines = [signature.court, "民事调解书", "", number(file), ""]
        lines += plaintiffs.map { "原告：\(describe($0))" }
        lines += defendants.map { "被告：\(describe($0))" }
        lines.append("")
        lines.append("案由：\(file.record.cause)")
        lines.append("")
        let accepted =
            file.record.acceptedOn.flatMap { try? LocalDate(parsing: $0) }.map { "本院于\($0.chinese)立案后，" } ?? ""
        let mediator = filing.court["mediator"].map { "由\($0)主持" } ?? "经本院主持"
        lines.append(
            "原告\(names(plaintiffs))与被告\(names(defendants))\(file.record.cause)一案，\(accepted)\(mediator)调解，"
                + "双方当事人自愿达成如下协议："
        )
        lines.append("")
        if let agreementText, !agreementText.trimmingSpaces.isEmpty {
            lines += agreementText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } else {
            let agreement = filing.court["agreementDocumentId"].flatMap(file.document)
            lines.append("见各方当事人签署并已入卷的《\(agreement?.title ?? "调解协议")》，为本调解书的组成部分。")
        }
        lines.append("")
        lines.append("上述协议，不违反法律规定，本院予以确认。")
        if let halvedFee {
            lines.append("案件受理费减半收取\(halvedFee.yuanString)元（《诉讼费用交纳办法》第十五条），"
                + "由原告\(names(plaintiffs))负担；已交纳超过部分予以退还。")
        }
        lines.append("本调解书经双方当事人签收后，即具有法律效力。")
        return (lines + signature.lines).joined(separator: "\n") + "\n"
    }
}
